// Deployment validation: ValidateDeployment / ValidateDeploymentUpdate of
// pkg/apis/apps/validation/validation.go and the selector rule of the registry strategy's
// ValidateUpdate (pkg/registry/apps/deployment/strategy.go), release-1.32, in upstream's order.
import type { Deployment, DeploymentStrategy } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, forbidden, goQuote, invalid, notSupported, required } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import {
  getIntOrPercentValue, goIntOrString, isNotMoreThan100Percent, validatePositiveIntOrPercent, validateSelectorAndTemplate,
} from '../validation.js';
import { validateSelectorImmutable } from '../replicaset/validate.js';

type RollingUpdateDeployment = NonNullable<DeploymentStrategy['rollingUpdate']>;

/** ValidateRollingUpdateDeployment. */
export function validateRollingUpdateDeployment(ru: RollingUpdateDeployment, path: FieldPath): ErrorList {
  // Defaulting fills both; an absent value is the int 0 of the internal type.
  const maxUnavailable = ru.maxUnavailable ?? 0;
  const maxSurge = ru.maxSurge ?? 0;
  const errs = validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable'));
  errs.push(...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')));
  if (getIntOrPercentValue(maxUnavailable) === 0 && getIntOrPercentValue(maxSurge) === 0) {
    errs.push(invalid(path.child('maxUnavailable'), goIntOrString(maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')));
  return errs;
}

/** The `apps.DeploymentStrategy{...}` an unsupported strategy shows; Go prints a set pointer as its address. */
function goDeploymentStrategy(s: DeploymentStrategy): GoRepr {
  const ru = s.rollingUpdate ? '(*apps.RollingUpdateDeployment)(0xc000a2e1b0)' : '(*apps.RollingUpdateDeployment)(nil)';
  return new GoRepr(`apps.DeploymentStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${ru}}`);
}

/** ValidateDeploymentStrategy. */
export function validateDeploymentStrategy(strategy: DeploymentStrategy, path: FieldPath): ErrorList {
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate ? [forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return strategy.rollingUpdate
        ? validateRollingUpdateDeployment(strategy.rollingUpdate, path.child('rollingUpdate'))
        : [required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
    default:
      return [notSupported(path, goDeploymentStrategy(strategy), ['Recreate', 'RollingUpdate'])];
  }
}

/** ValidateDeploymentSpec. */
export function validateDeploymentSpec(spec: Deployment['spec'], path: FieldPath): ErrorList {
  const errs = validateNonnegativeField(spec.replicas ?? 0, path.child('replicas'));
  errs.push(...validateSelectorAndTemplate(spec.selector, spec.template, path));
  errs.push(...validateDeploymentStrategy(spec.strategy ?? {}, path.child('strategy')));
  const minReadySeconds = spec.minReadySeconds ?? 0;
  errs.push(...validateNonnegativeField(minReadySeconds, path.child('minReadySeconds')));
  if (spec.revisionHistoryLimit !== undefined) {
    errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, path.child('revisionHistoryLimit')));
  }
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegativeField(spec.progressDeadlineSeconds, path.child('progressDeadlineSeconds')));
    if (spec.progressDeadlineSeconds <= minReadySeconds) {
      errs.push(invalid(path.child('progressDeadlineSeconds'), spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** ValidateDeployment: what a create must pass. */
export function validateDeployment(d: Deployment): ErrorList {
  const errs = validateObjectMeta(d.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateDeploymentSpec(d.spec, FieldPath.of('spec')));
  return errs;
}

/** The strategy's ValidateUpdate: ValidateDeploymentUpdate, then the selector immutability apps/v1 adds. */
export function validateDeploymentUpdate(d: Deployment, old: Deployment): ErrorList {
  const errs = validateObjectMetaUpdate(d.metadata, old.metadata, FieldPath.of('metadata'));
  errs.push(...validateDeploymentSpec(d.spec, FieldPath.of('spec')));
  errs.push(...validateSelectorImmutable(d.spec.selector, old.spec.selector));
  return errs;
}
