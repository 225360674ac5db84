// DaemonSet validation: ValidateDaemonSet / ValidateDaemonSetUpdate of
// pkg/apis/apps/validation/validation.go and the selector rule apps/v1's registry strategy adds
// (pkg/registry/apps/daemonset/strategy.go), release-1.32, in upstream's order.
import type { DaemonSet, DaemonSetUpdateStrategy } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, goQuote, invalid, notSupported, required } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateLabelSelector, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { validatePodTemplateSpec } from '../../core/pod/validate.js';
import { labelSelectorAsString, labelSelectorMatches } from '../label-selector.js';
import { getIntOrPercentValue, goIntOrString, goLabelSelector, goStringMap, isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../validation.js';
import { validateSelectorImmutable } from '../replicaset/validate.js';

type RollingUpdateDaemonSet = NonNullable<DaemonSetUpdateStrategy['rollingUpdate']>;

/** ValidateRollingUpdateDaemonSet: exactly one of maxUnavailable and maxSurge is non-zero. */
export function validateRollingUpdateDaemonSet(ru: RollingUpdateDaemonSet, path: FieldPath): ErrorList {
  const maxUnavailable = ru.maxUnavailable ?? 0;
  const maxSurge = ru.maxSurge ?? 0;
  const errs = validatePositiveIntOrPercent(maxUnavailable, path.child('maxUnavailable'));
  errs.push(...validatePositiveIntOrPercent(maxSurge, path.child('maxSurge')));
  errs.push(...isNotMoreThan100Percent(maxUnavailable, path.child('maxUnavailable')));
  errs.push(...isNotMoreThan100Percent(maxSurge, path.child('maxSurge')));
  const hasUnavailable = getIntOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = getIntOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(path.child('maxSurge'), goIntOrString(maxSurge), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(required(path.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

/** The `apps.DaemonSetUpdateStrategy{...}` an unsupported strategy shows; Go prints a set pointer as its address. */
function goDaemonSetUpdateStrategy(s: DaemonSetUpdateStrategy): GoRepr {
  const ru = s.rollingUpdate ? '(*apps.RollingUpdateDaemonSet)(0xc000a2e1b0)' : '(*apps.RollingUpdateDaemonSet)(nil)';
  return new GoRepr(`&apps.DaemonSetUpdateStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${ru}}`);
}

/** ValidateDaemonSetUpdateStrategy. */
export function validateDaemonSetUpdateStrategy(strategy: DaemonSetUpdateStrategy, path: FieldPath): ErrorList {
  switch (strategy.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return strategy.rollingUpdate
        ? validateRollingUpdateDaemonSet(strategy.rollingUpdate, path.child('rollingUpdate'))
        : [required(path.child('rollingUpdate'))];
    default:
      return [notSupported(path, goDaemonSetUpdateStrategy(strategy), ['RollingUpdate', 'OnDelete'])];
  }
}

/** ValidateDaemonSetSpec. */
export function validateDaemonSetSpec(spec: DaemonSet['spec'], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const selPath = path.child('selector');
  // apps/v1 decodes a missing selector as nil, which upstream's defaulting leaves for validation.
  if (!spec.selector) errs.push(required(selPath));
  errs.push(...validateLabelSelector(spec.selector, selPath));
  const template = spec.template ?? { spec: { containers: [] } };
  const labels = template.metadata?.labels;
  if (labelSelectorAsString(spec.selector) !== undefined && !labelSelectorMatches(spec.selector, labels)) {
    errs.push(invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  if (spec.selector && Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
    errs.push(invalid(selPath, goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, path.child('template'), { resourceIsPod: false }));
  const restartPolicy = template.spec.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('template', 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template.spec.activeDeadlineSeconds !== undefined) {
    errs.push(invalid(path.child('template', 'spec', 'activeDeadlineSeconds'), template.spec.activeDeadlineSeconds, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegativeField(spec.minReadySeconds ?? 0, path.child('minReadySeconds')));
  errs.push(...validateDaemonSetUpdateStrategy(spec.updateStrategy ?? {}, path.child('updateStrategy')));
  if (spec.revisionHistoryLimit !== undefined) {
    errs.push(...validateNonnegativeField(spec.revisionHistoryLimit, path.child('revisionHistoryLimit')));
  }
  return errs;
}

/** ValidateDaemonSet: what a create must pass. */
export function validateDaemonSet(ds: DaemonSet): ErrorList {
  const errs = validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateDaemonSetSpec(ds.spec, FieldPath.of('spec')));
  return errs;
}

/** The strategy's ValidateUpdate: ValidateDaemonSetUpdate, then the selector immutability apps/v1 adds. */
export function validateDaemonSetUpdate(ds: DaemonSet, old: DaemonSet): ErrorList {
  const errs = validateObjectMetaUpdate(ds.metadata, old.metadata, FieldPath.of('metadata'));
  errs.push(...validateDaemonSetSpec(ds.spec, FieldPath.of('spec')));
  errs.push(...validateSelectorImmutable(ds.spec.selector, old.spec.selector));
  return errs;
}
