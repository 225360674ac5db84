// `kubectl get statefulsets` columns: printStatefulSet from pkg/printers/internalversion/printers.go
// (v1.32), against apps/v1 field names. Type-only schema imports keep zod off the `get` path.
import type { StatefulSet } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { layoutContainerCells } from '../print-helpers.js';

export const statefulSetColumnDefinitions = columns([
  nameColumn,
  { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
  ageColumn,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
]);

export function printStatefulSet(obj: StatefulSet, options: GenerateOptions): TableRow<StatefulSet>[] {
  const row: TableRow<StatefulSet> = {
    cells: [obj.metadata.name, `${obj.status?.readyReplicas ?? 0}/${obj.spec.replicas ?? 0}`,
      translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  };
  if (options.wide) row.cells.push(...layoutContainerCells(obj.spec.template?.spec?.containers));
  return [row];
}

export const statefulSetTable: TableHandler<StatefulSet> = { columns: statefulSetColumnDefinitions, rows: printStatefulSet };
