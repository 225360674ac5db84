// `kubectl get ingressclasses` columns: printIngressClass from pkg/printers/internalversion/printers.go (v1.32).
import type { IngressClass } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const ingressClassColumnDefinitions = columns([
  nameColumn,
  { name: 'Controller', type: 'string', description: 'Controller that is responsible for handling this class' },
  { name: 'Parameters', type: 'string', description: 'A reference to a resource with additional parameters' },
  ageColumn,
]);

export function printIngressClass(ic: IngressClass, options: GenerateOptions): TableRow<IngressClass>[] {
  const p = ic.spec?.parameters;
  let parameters = '<none>';
  if (p) parameters = `${p.kind}${p.apiGroup !== undefined ? `.${p.apiGroup}` : ''}/${p.name}`;
  return [{
    cells: [ic.metadata.name, ic.spec?.controller ?? '', parameters, translateTimestampSince(ic.metadata.creationTimestamp, options.now)],
    object: ic,
  }];
}

export const ingressClassTable: TableHandler<IngressClass> = { columns: ingressClassColumnDefinitions, rows: printIngressClass };
