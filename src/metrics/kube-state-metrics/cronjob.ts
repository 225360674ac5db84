// kube-state-metrics v2.14's cronjob families (internal/store/cronjob.go), in its order.
import type { CronJob } from '../../api/batch/cronjob/schema.js';
import { nextActivation, parseStandard } from '../../api/batch/cronjob/schedule.js';
import { allowListed, bool, created, one, resourceVersion, unix, wrapped, type ResourceStore } from './family.js';

const cronJob = wrapped<CronJob>((j) => [['namespace', 'cronjob'], [j.metadata.namespace ?? '', j.metadata.name]]);

/** getNextScheduledTime: cron.ParseStandard's next run after the last schedule, else after creation (in UTC, KSM's zone). */
function nextScheduled(j: CronJob): number {
  const from = j.status?.lastScheduleTime ?? j.metadata.creationTimestamp ?? '';
  return Math.floor(nextActivation(parseStandard(j.spec.schedule, 'UTC'), Date.parse(from)) / 1000);
}

const optional = (v: number | null | undefined) => (v === undefined || v === null ? [] : [one(v)]);

export const cronJobStore: ResourceStore<CronJob> = {
  resource: 'cronjobs',
  storeResource: 'cronjobs.batch',
  families: [
    allowListed(cronJob, 'annotations', 'cronjob'),
    allowListed(cronJob, 'labels', 'cronjob'),
    cronJob('kube_cronjob_info', 'Info about cronjob.', true,
      (j) => [one(1, ['schedule', 'concurrency_policy'], [j.spec.schedule, j.spec.concurrencyPolicy ?? ''])]),
    cronJob('kube_cronjob_created', 'Unix creation timestamp', true, created),
    cronJob('kube_cronjob_status_active', 'Active holds pointers to currently running jobs.', true, (j) => [one((j.status?.active ?? []).length)]),
    cronJob('kube_cronjob_status_last_schedule_time', 'LastScheduleTime keeps information of when was the last time the job was successfully scheduled.', true,
      (j) => (j.status?.lastScheduleTime ? [one(unix(j.status.lastScheduleTime))] : [])),
    cronJob('kube_cronjob_status_last_successful_time', 'LastSuccessfulTime keeps information of when was the last time the job was completed successfully.', false,
      (j) => (j.status?.lastSuccessfulTime ? [one(unix(j.status.lastSuccessfulTime))] : [])),
    cronJob('kube_cronjob_spec_suspend', 'Suspend flag tells the controller to suspend subsequent executions.', true,
      (j) => (j.spec.suspend === undefined || j.spec.suspend === null ? [] : [one(bool(j.spec.suspend))])),
    cronJob('kube_cronjob_spec_starting_deadline_seconds', 'Deadline in seconds for starting the job if it misses scheduled time for any reason.', true,
      (j) => optional(j.spec.startingDeadlineSeconds)),
    cronJob('kube_cronjob_next_schedule_time', "Next time the cronjob should be scheduled. The time after lastScheduleTime, or after the cron job's creation time if it's never been scheduled. Use this to determine if the job is delayed.", true,
      (j) => (j.spec.suspend ? [] : [one(nextScheduled(j))])),
    cronJob('kube_cronjob_metadata_resource_version', 'Resource version representing a specific version of the cronjob.', true, resourceVersion),
    cronJob('kube_cronjob_spec_successful_job_history_limit', 'Successful job history limit tells the controller how many completed jobs should be preserved.', false,
      (j) => optional(j.spec.successfulJobsHistoryLimit)),
    cronJob('kube_cronjob_spec_failed_job_history_limit', 'Failed job history limit tells the controller how many failed jobs should be preserved.', false,
      (j) => optional(j.spec.failedJobsHistoryLimit)),
  ],
};
