// coordination.k8s.io/v1 Lease through the admission chain: decoding, the registry strategy of
// pkg/registry/coordination/lease/strategy.go (release-1.32) and validation. index.ts registers it.
import type { KindAdmission } from './index.js';
import { Lease as LeaseSchema, type Lease } from '../../api/coordination/lease/schema.js';
import { setObjectDefaultsLease } from '../../api/coordination/lease/defaults.js';
import {
  leasePrepareForCreate, leasePrepareForUpdate, validateLease, validateLeaseUpdate,
} from '../../api/coordination/lease/validate.js';

export const leaseAdmission: KindAdmission<Lease> = {
  qualifiedKind: 'Lease.coordination.k8s.io',
  schema: LeaseSchema,
  defaults: setObjectDefaultsLease,
  prepareForCreate: leasePrepareForCreate,
  prepareForUpdate: leasePrepareForUpdate,
  validateCreate: validateLease,
  validateUpdate: validateLeaseUpdate,
};
