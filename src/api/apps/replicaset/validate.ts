// ReplicaSet validation: ValidateReplicaSet / ValidateReplicaSetUpdate of
// pkg/apis/apps/validation/validation.go and the selector rule of the registry strategy's
// ValidateUpdate (pkg/registry/apps/replicaset/strategy.go), release-1.32.
import type { ReplicaSet } from './schema.js';
import { type ErrorList, FieldPath } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateImmutableField, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { goLabelSelector, validateSelectorAndTemplate } from '../validation.js';

/** ValidateReplicaSetSpec. */
export function validateReplicaSetSpec(spec: ReplicaSet['spec'], path: FieldPath): ErrorList {
  const errs = validateNonnegativeField(spec.replicas ?? 0, path.child('replicas'));
  errs.push(...validateNonnegativeField(spec.minReadySeconds ?? 0, path.child('minReadySeconds')));
  errs.push(...validateSelectorAndTemplate(spec.selector, spec.template ?? { spec: { containers: [] } }, path));
  return errs;
}

/** ValidateReplicaSet: what a create must pass. */
export function validateReplicaSet(rs: ReplicaSet): ErrorList {
  const errs = validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateReplicaSetSpec(rs.spec, FieldPath.of('spec')));
  return errs;
}

/**
 * The strategy's ValidateUpdate: ValidateReplicaSet, ValidateReplicaSetUpdate, then the selector
 * immutability apps/v1 adds. Repeated spec errors collapse when the list is aggregated.
 */
export function validateReplicaSetUpdate(rs: ReplicaSet, old: ReplicaSet): ErrorList {
  const errs = validateReplicaSet(rs);
  errs.push(...validateObjectMetaUpdate(rs.metadata, old.metadata, FieldPath.of('metadata')));
  errs.push(...validateReplicaSetSpec(rs.spec, FieldPath.of('spec')));
  errs.push(...validateSelectorImmutable(rs.spec.selector, old.spec.selector));
  return errs;
}

/** apivalidation.ValidateImmutableField on spec.selector, with the selector spelled as Go prints it. */
export function validateSelectorImmutable(selector: ReplicaSet['spec']['selector'] | undefined,
  oldSelector: ReplicaSet['spec']['selector'] | undefined): ErrorList {
  // A nil pointer prints as the string "null".
  return validateImmutableField(selector ?? null, oldSelector ?? null, FieldPath.of('spec', 'selector'),
    selector ? goLabelSelector(selector) : 'null');
}
