// `kubectl get limitranges` columns: printLimitRange from pkg/printers/internalversion/printers.go (v1.32).
import type { LimitRange } from './schema.js';
import { columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const limitRangeColumnDefinitions = columns([
  nameColumn,
  { name: 'Created At', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' },
]);

/** The creation time as Go's time.RFC3339 of the UTC time (seconds, `Z`). */
export function printLimitRange(lr: LimitRange, _options: GenerateOptions): TableRow<LimitRange>[] {
  const ts = lr.metadata.creationTimestamp;
  const created = ts ? new Date(ts).toISOString().replace(/\.\d{3}Z$/, 'Z') : '0001-01-01T00:00:00Z';
  return [{ cells: [lr.metadata.name, created], object: lr }];
}

export const limitRangeTable: TableHandler<LimitRange> = { columns: limitRangeColumnDefinitions, rows: printLimitRange };
