// `kubectl get namespaces` columns: printNamespace from pkg/printers/internalversion/printers.go (v1.32).
import type { Namespace } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const namespaceColumnDefinitions = columns([
  nameColumn,
  { name: 'Status', type: 'string', description: 'The status of the namespace' },
  ageColumn,
]);

export function printNamespace(ns: Namespace, options: GenerateOptions): TableRow<Namespace>[] {
  return [{
    cells: [ns.metadata.name, ns.status?.phase ?? '', translateTimestampSince(ns.metadata.creationTimestamp, options.now)],
    object: ns,
  }];
}

export const namespaceTable: TableHandler<Namespace> = { columns: namespaceColumnDefinitions, rows: printNamespace };
