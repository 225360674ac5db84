// `kubectl get serviceaccounts` columns: printServiceAccount from pkg/printers/internalversion/printers.go (v1.32).
import type { ServiceAccount } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const serviceAccountColumnDefinitions = columns([
  nameColumn,
  { name: 'Secrets', type: 'string', description: 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret' },
  ageColumn,
]);

export function printServiceAccount(sa: ServiceAccount, options: GenerateOptions): TableRow<ServiceAccount>[] {
  return [{
    cells: [sa.metadata.name, (sa.secrets ?? []).length,
      translateTimestampSince(sa.metadata.creationTimestamp, options.now)],
    object: sa,
  }];
}

export const serviceAccountTable: TableHandler<ServiceAccount> = { columns: serviceAccountColumnDefinitions, rows: printServiceAccount };
