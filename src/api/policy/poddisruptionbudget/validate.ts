// PodDisruptionBudget validation: ValidatePodDisruptionBudget of pkg/apis/policy/validation and the
// registry strategy (pkg/registry/policy/poddisruptionbudget/strategy.go), release-1.32. The
// strategy validates the spec only; the generic registry then checks metadata with
// ValidatePathSegmentName, and only when the spec passed.
import type { PodDisruptionBudget, PodDisruptionBudgetSpec } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, invalid, notSupported } from '../../field-errors.js';
import { validateLabelSelector, validateObjectMeta, validateObjectMetaUpdate, type ValidateNameFunc } from '../../validation.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from '../../apps/validation.js';

const SUPPORTED_UNHEALTHY_POD_EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** path.ValidatePathSegmentName: what the generic registry asks of every object's name. */
export const validatePathSegmentName: ValidateNameFunc = (name, prefix) => {
  const msgs: string[] = [];
  if (!prefix) {
    if (name === '.' || name === '..') return [`may not be '${name}'`];
  }
  for (const illegal of ['/', '%']) if (name.includes(illegal)) msgs.push(`may not contain '${illegal}'`);
  return msgs;
};

/**
 * The internal spec as `%#v` prints it: pointer fields show as addresses, which Go takes from the
 * heap; a fixed address stands in for them.
 */
function goPodDisruptionBudgetSpec(spec: PodDisruptionBudgetSpec): GoRepr {
  const ptr = (set: boolean, type: string, addr: string) => `(*${type})(${set ? addr : 'nil'})`;
  return new GoRepr('policy.PodDisruptionBudgetSpec{'
    + `MinAvailable:${ptr(spec.minAvailable !== undefined, 'intstr.IntOrString', '0xc000b4e2a0')}, `
    + `Selector:${ptr(spec.selector !== undefined, 'v1.LabelSelector', '0xc000b4e2c0')}, `
    + `MaxUnavailable:${ptr(spec.maxUnavailable !== undefined, 'intstr.IntOrString', '0xc000b4e2e0')}, `
    + `UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy !== undefined, 'policy.UnhealthyPodEvictionPolicyType', '0xc000b4e300')}}`);
}

/** ValidatePodDisruptionBudgetSpec. */
export function validatePodDisruptionBudgetSpec(spec: PodDisruptionBudgetSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(invalid(path, goPodDisruptionBudgetSpec(spec), 'minAvailable and maxUnavailable cannot be both set'));
  }
  if (spec.minAvailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(spec.minAvailable, path.child('minAvailable')));
    errs.push(...isNotMoreThan100Percent(spec.minAvailable, path.child('minAvailable')));
  }
  if (spec.maxUnavailable !== undefined) {
    errs.push(...validatePositiveIntOrPercent(spec.maxUnavailable, path.child('maxUnavailable')));
    errs.push(...isNotMoreThan100Percent(spec.maxUnavailable, path.child('maxUnavailable')));
  }
  errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !SUPPORTED_UNHEALTHY_POD_EVICTION_POLICIES.includes(policy)) {
    errs.push(notSupported(path.child('unhealthyPodEvictionPolicy'), policy, SUPPORTED_UNHEALTHY_POD_EVICTION_POLICIES));
  }
  return errs;
}

export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): ErrorList {
  const errs = validatePodDisruptionBudgetSpec(pdb.spec ?? {}, FieldPath.of('spec'));
  if (errs.length) return errs;
  return validateObjectMeta(pdb.metadata, true, validatePathSegmentName, FieldPath.of('metadata'));
}

export function validatePodDisruptionBudgetUpdate(pdb: PodDisruptionBudget, old: PodDisruptionBudget): ErrorList {
  const errs = validatePodDisruptionBudgetSpec(pdb.spec ?? {}, FieldPath.of('spec'));
  if (errs.length) return errs;
  return validateObjectMetaUpdate(pdb.metadata, old.metadata);
}
