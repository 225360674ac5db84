// `kubectl get leases` columns: printLease from pkg/printers/internalversion/printers.go (v1.32).
import type { Lease } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const leaseColumnDefinitions = columns([
  nameColumn,
  { name: 'Holder', type: 'string', description: 'holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.' },
  ageColumn,
]);

export function printLease(lease: Lease, options: GenerateOptions): TableRow<Lease>[] {
  return [{
    cells: [lease.metadata.name, lease.spec?.holderIdentity ?? '', translateTimestampSince(lease.metadata.creationTimestamp, options.now)],
    object: lease,
  }];
}

export const leaseTable: TableHandler<Lease> = { columns: leaseColumnDefinitions, rows: printLease };
