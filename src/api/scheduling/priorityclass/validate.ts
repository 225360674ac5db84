// PriorityClass validation: ValidatePriorityClass / ValidatePriorityClassUpdate of
// pkg/apis/scheduling/validation (release-1.32), in upstream's order.
import type { PriorityClass } from './schema.js';
import { type ErrorList, FieldPath, forbidden, notSupported } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { HIGHEST_USER_DEFINABLE_PRIORITY, SYSTEM_PRIORITY_CLASS_PREFIX, knownSystemPriorityClassError } from './system.js';

/** ValidatePreemptionPolicy of core validation. */
export function validatePreemptionPolicy(policy: string, path: FieldPath): ErrorList {
  return policy === 'PreemptLowerPriority' || policy === 'Never' ? [] : [notSupported(path, policy, ['Never', 'PreemptLowerPriority'])];
}

export function validatePriorityClass(pc: PriorityClass): ErrorList {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain, FieldPath.of('metadata'));
  if (pc.metadata.name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const err = knownSystemPriorityClassError(pc.metadata.name, pc.value, pc.globalDefault ?? false);
    if (err) {
      errs.push(forbidden(FieldPath.of('metadata', 'name'),
        `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${err}`));
    }
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden(FieldPath.of('value'), `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  if (pc.preemptionPolicy !== undefined) errs.push(...validatePreemptionPolicy(pc.preemptionPolicy, FieldPath.of('preemptionPolicy')));
  return errs;
}

export function validatePriorityClassUpdate(pc: PriorityClass, old: PriorityClass): ErrorList {
  const errs = validateObjectMetaUpdate(pc.metadata, old.metadata, FieldPath.of('metadata'));
  if (pc.value !== old.value) errs.push(forbidden(FieldPath.of('value'), 'may not be changed in an update.'));
  errs.push(...validateImmutableField(pc.preemptionPolicy, old.preemptionPolicy, FieldPath.of('preemptionPolicy')));
  return errs;
}
