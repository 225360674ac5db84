// `kubectl get jobs` columns: printJob from pkg/printers/internalversion/printers.go (v1.32).
// Type-only schema imports keep zod off the `get` path.
import type { Job, JobCondition } from './schema.js';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { formatLabelSelector } from '../../apps/label-selector.js';
import { layoutContainerCells } from '../../apps/print-helpers.js';

export const jobColumnDefinitions = columns([
  nameColumn,
  { name: 'Status', type: 'string', description: 'Status of the job.' },
  { name: 'Completions', type: 'string', description: 'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.' },
  { name: 'Duration', type: 'string', description: 'Time required to complete the job.' },
  ageColumn,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
  { name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors' },
]);

/** hasJobCondition: a condition of that type with status True. */
export function hasJobCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  return (conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatusText(obj: Job): string {
  const conditions = obj.status?.conditions;
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (obj.metadata.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

export function printJob(obj: Job, options: GenerateOptions): TableRow<Job>[] {
  const succeeded = obj.status?.succeeded ?? 0;
  let completions: string;
  if (obj.spec.completions !== undefined) {
    completions = `${succeeded}/${obj.spec.completions}`;
  } else {
    const parallelism = obj.spec.parallelism ?? 0;
    completions = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
  }
  let jobDuration = '';
  const start = parseTimestamp(obj.status?.startTime);
  const end = parseTimestamp(obj.status?.completionTime);
  if (start !== undefined) jobDuration = humanDuration((end ?? options.now) - start);
  const row: TableRow<Job> = {
    cells: [obj.metadata.name, jobStatusText(obj), completions, jobDuration, translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  };
  if (options.wide) {
    const [names, images] = layoutContainerCells(obj.spec.template?.spec?.containers);
    row.cells.push(names, images, formatLabelSelector(obj.spec.selector));
  }
  return [row];
}

export const jobTable: TableHandler<Job> = { columns: jobColumnDefinitions, rows: printJob };
