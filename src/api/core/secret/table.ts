// `kubectl get secrets` columns: printSecret from pkg/printers/internalversion/printers.go (v1.32).
import type { Secret } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const secretColumnDefinitions = columns([
  nameColumn,
  { name: 'Type', type: 'string', description: 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types' },
  { name: 'Data', type: 'string', description: "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4" },
  ageColumn,
]);

export function printSecret(secret: Secret, options: GenerateOptions): TableRow<Secret>[] {
  // stringData is folded into data by the v1→internal conversion; a key in both counts once.
  const keys = new Set(Object.keys(secret.data ?? {}));
  for (const k of Object.keys(secret.stringData ?? {})) keys.add(k);
  return [{
    cells: [secret.metadata.name, secret.type ?? '', keys.size,
      translateTimestampSince(secret.metadata.creationTimestamp, options.now)],
    object: secret,
  }];
}

export const secretTable: TableHandler<Secret> = { columns: secretColumnDefinitions, rows: printSecret };
