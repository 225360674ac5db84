// Lease validation: ValidateLease / ValidateLeaseUpdate of pkg/apis/coordination/validation
// (release-1.32), and the strategy's PrepareForCreate/PrepareForUpdate, which drop the coordinated
// leader election fields while that feature gate is off (its 1.32 default).
import type { Lease, LeaseSpec } from './schema.js';
import { type ErrorList, FieldPath, forbidden, invalid, notSupported } from '../../field-errors.js';
import { isQualifiedName, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';

const VALID_LEASE_STRATEGIES = ['OldestEmulationVersion'];

export function validateLease(lease: Lease): ErrorList {
  const errs = validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateLeaseSpec(lease.spec ?? {}, FieldPath.of('spec')));
  return errs;
}

export function validateLeaseUpdate(lease: Lease, old: Lease): ErrorList {
  const errs = validateObjectMetaUpdate(lease.metadata, old.metadata, FieldPath.of('metadata'));
  errs.push(...validateLeaseSpec(lease.spec ?? {}, FieldPath.of('spec')));
  return errs;
}

export function validateLeaseSpec(spec: LeaseSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(invalid(path.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(invalid(path.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  if (spec.strategy !== undefined) errs.push(...validateCoordinatedLeaseStrategy(spec.strategy, path.child('strategy')));
  if (spec.preferredHolder && !spec.strategy) {
    errs.push(forbidden(path.child('preferredHolder'), 'may only be specified if `strategy` is defined'));
  }
  return errs;
}

/** ValidateCoordinatedLeaseStrategy: a Kubernetes-defined name, or a qualified `domain/name`. */
function validateCoordinatedLeaseStrategy(strategy: string, path: FieldPath): ErrorList {
  if (strategy.split('/').length === 1) {
    return VALID_LEASE_STRATEGIES.includes(strategy) ? [] : [notSupported(path.child('strategy'), strategy, VALID_LEASE_STRATEGIES)];
  }
  return isQualifiedName(strategy).map((m) => invalid(path.child('strategy'), strategy, m));
}

/** PrepareForCreate with CoordinatedLeaderElection off. */
export function leasePrepareForCreate(lease: Lease): void {
  if (!lease.spec) return;
  delete lease.spec.strategy;
  delete lease.spec.preferredHolder;
}

/** PrepareForUpdate with CoordinatedLeaderElection off: the fields survive only where already set. */
export function leasePrepareForUpdate(lease: Lease, old: Lease): void {
  if (!lease.spec) return;
  if (old.spec?.strategy === undefined) delete lease.spec.strategy;
  if (old.spec?.preferredHolder === undefined) delete lease.spec.preferredHolder;
}
