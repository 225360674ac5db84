// Lease has no SetDefaults; what it shares with every kind is Go's encoding: LeaseSpec is a struct
// value, so `omitempty` never drops it and a Lease sent without a spec reads back with `spec: {}`.
import type { Lease } from './schema.js';

export function setObjectDefaultsLease(lease: Lease): Lease {
  lease.spec ??= {};
  return lease;
}
