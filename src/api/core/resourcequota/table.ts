// `kubectl get resourcequotas` columns: printResourceQuota from pkg/printers/internalversion/printers.go (v1.32).
import type { ResourceQuota } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { formatQuantity, parseQuantity } from '../../quantity.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const resourceQuotaColumnDefinitions = columns([
  nameColumn,
  ageColumn,
  { name: 'Request', type: 'string', description: 'Request represents a minimum amount of cpu/memory that a container may consume.' },
  { name: 'Limit', type: 'string', description: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.' },
]);

/** Quantity.String() of a stored value; a missing one is the zero Quantity, "0". */
export function quantityString(v: string | number | undefined): string {
  if (v === undefined) return '0';
  try { return formatQuantity(parseQuantity(v)); } catch { return String(v); }
}

/** SortableResourceNames: plain string order. */
export function sortResourceNames(names: string[]): string[] {
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function printResourceQuota(rq: ResourceQuota, options: GenerateOptions): TableRow<ResourceQuota>[] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of sortResourceNames(Object.keys(hard))) {
    const pieces = r.split('.');
    const w = pieces.length > 1 && pieces[0] === 'limits' ? limit : request;
    w.push(`${r}: ${quantityString(used[r])}/${quantityString(hard[r])}`);
  }
  return [{
    cells: [rq.metadata.name, translateTimestampSince(rq.metadata.creationTimestamp, options.now), request.join(', '), limit.join(', ')],
    object: rq,
  }];
}

export const resourceQuotaTable: TableHandler<ResourceQuota> = { columns: resourceQuotaColumnDefinitions, rows: printResourceQuota };
