// `kubectl get configmaps` columns: printConfigMap from pkg/printers/internalversion/printers.go (v1.32).
import type { ConfigMap } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const configMapColumnDefinitions = columns([
  nameColumn,
  { name: 'Data', type: 'string', description: "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process." },
  ageColumn,
]);

export function printConfigMap(cm: ConfigMap, options: GenerateOptions): TableRow<ConfigMap>[] {
  const count = Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length;
  return [{
    cells: [cm.metadata.name, count, translateTimestampSince(cm.metadata.creationTimestamp, options.now)],
    object: cm,
  }];
}

export const configMapTable: TableHandler<ConfigMap> = { columns: configMapColumnDefinitions, rows: printConfigMap };
