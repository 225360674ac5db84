// `kubectl get poddisruptionbudgets` columns: printPodDisruptionBudget from
// pkg/printers/internalversion/printers.go (v1.32).
import type { PodDisruptionBudget } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const podDisruptionBudgetColumnDefinitions = columns([
  nameColumn,
  { name: 'Min Available', type: 'string', description: 'The minimum number of pods that must be available.' },
  { name: 'Max Unavailable', type: 'string', description: 'The maximum number of pods that may be unavailable.' },
  { name: 'Allowed Disruptions', type: 'integer', description: 'Calculated number of pods that may be disrupted at this time.' },
  ageColumn,
]);

/** IntOrString.String(): the number or the string as written. */
const intOrStringText = (v: number | string | undefined) => (v === undefined ? 'N/A' : String(v));

export function printPodDisruptionBudget(pdb: PodDisruptionBudget, options: GenerateOptions): TableRow<PodDisruptionBudget>[] {
  return [{
    cells: [pdb.metadata.name, intOrStringText(pdb.spec?.minAvailable), intOrStringText(pdb.spec?.maxUnavailable),
      pdb.status?.disruptionsAllowed ?? 0, translateTimestampSince(pdb.metadata.creationTimestamp, options.now)],
    object: pdb,
  }];
}

export const podDisruptionBudgetTable: TableHandler<PodDisruptionBudget> = { columns: podDisruptionBudgetColumnDefinitions, rows: printPodDisruptionBudget };
