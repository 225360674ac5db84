// `kubectl get cronjobs` columns: printCronJob from pkg/printers/internalversion/printers.go
// (v1.32). Type-only schema imports keep zod off the `get` path.
import type { CronJob } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { formatLabelSelector } from '../../apps/label-selector.js';
import { layoutContainerCells } from '../../apps/print-helpers.js';

export const cronJobColumnDefinitions = columns([
  nameColumn,
  { name: 'Schedule', type: 'string', description: 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.' },
  { name: 'Timezone', type: 'string', description: 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones' },
  { name: 'Suspend', type: 'boolean', description: 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.' },
  { name: 'Active', type: 'integer', description: 'A list of pointers to currently running jobs.' },
  { name: 'Last Schedule', type: 'string', description: 'Information when was the last time the job was successfully scheduled.' },
  ageColumn,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
  { name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors' },
]);

/** printBoolPtr. */
const printBoolPtr = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');

export function printCronJob(obj: CronJob, options: GenerateOptions): TableRow<CronJob>[] {
  const last = obj.status?.lastScheduleTime ? translateTimestampSince(obj.status.lastScheduleTime, options.now) : '<none>';
  const row: TableRow<CronJob> = {
    cells: [obj.metadata.name, obj.spec.schedule, obj.spec.timeZone ?? '<none>', printBoolPtr(obj.spec.suspend),
      (obj.status?.active ?? []).length, last, translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  };
  if (options.wide) {
    const [names, images] = layoutContainerCells(obj.spec.jobTemplate?.spec?.template?.spec?.containers);
    row.cells.push(names, images, formatLabelSelector(obj.spec.jobTemplate?.spec?.selector));
  }
  return [row];
}

export const cronJobTable: TableHandler<CronJob> = { columns: cronJobColumnDefinitions, rows: printCronJob };
