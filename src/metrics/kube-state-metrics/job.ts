// kube-state-metrics v2.14's job families (internal/store/job.go), in its order.
import type { Job } from '../../api/batch/job/schema.js';
import { allowListed, bool, conditionMetrics, one, ownerMetrics, unix, wrapped, type KsmMetric, type ResourceStore } from './family.js';

const job = wrapped<Job>((j) => [['namespace', 'job_name'], [j.metadata.namespace ?? '', j.metadata.name]]);

const FAILURE_REASONS = ['BackoffLimitExceeded', 'DeadlineExceeded', 'Evicted'];

const conditions = (j: Job, type: string) => (j.status?.conditions ?? []).filter((c) => c.type === type);

/** kube_job_status_failed: by the Failed condition's reason when it is a known one, else under reason="". */
function failed(j: Job): KsmMetric[] {
  const n = j.status?.failed ?? 0;
  if (n === 0) return [one(0)];
  const out: KsmMetric[] = [];
  let known = false;
  for (const c of conditions(j, 'Failed')) {
    for (const reason of FAILURE_REASONS) {
      known ||= c.reason === reason;
      out.push(one(bool(c.reason === reason), ['reason'], [reason]));
    }
  }
  if (!known) out.push(one(n, ['reason'], ['']));
  return out;
}

export const jobStore: ResourceStore<Job> = {
  resource: 'jobs',
  storeResource: 'jobs.batch',
  families: [
    allowListed(job, 'annotations', 'job'),
    allowListed(job, 'labels', 'job'),
    job('kube_job_info', 'Information about job.', true, () => [one(1)]),
    job('kube_job_created', 'Unix creation timestamp', true, (j) => (j.metadata.creationTimestamp ? [one(unix(j.metadata.creationTimestamp))] : [])),
    job('kube_job_spec_parallelism', 'The maximum desired number of pods the job should run at any given time.', true,
      (j) => (j.spec.parallelism === undefined || j.spec.parallelism === null ? [] : [one(j.spec.parallelism)])),
    job('kube_job_spec_completions', 'The desired number of successfully finished pods the job should be run with.', true,
      (j) => (j.spec.completions === undefined || j.spec.completions === null ? [] : [one(j.spec.completions)])),
    job('kube_job_spec_active_deadline_seconds', 'The duration in seconds relative to the startTime that the job may be active before the system tries to terminate it.', true,
      (j) => (j.spec.activeDeadlineSeconds === undefined || j.spec.activeDeadlineSeconds === null ? [] : [one(j.spec.activeDeadlineSeconds)])),
    job('kube_job_status_succeeded', 'The number of pods which reached Phase Succeeded.', true, (j) => [one(j.status?.succeeded ?? 0)]),
    job('kube_job_status_failed', 'The number of pods which reached Phase Failed and the reason for failure.', true, failed),
    job('kube_job_status_active', 'The number of actively running pods.', true, (j) => [one(j.status?.active ?? 0)]),
    job('kube_job_complete', 'The job has completed its execution.', true,
      (j) => conditions(j, 'Complete').flatMap((c) => conditionMetrics(c.status, ['condition'], []))),
    job('kube_job_failed', 'The job has failed its execution.', true,
      (j) => conditions(j, 'Failed').flatMap((c) => conditionMetrics(c.status, ['condition'], []))),
    job('kube_job_status_start_time', 'StartTime represents time when the job was acknowledged by the Job Manager.', true,
      (j) => (j.status?.startTime ? [one(unix(j.status.startTime))] : [])),
    job('kube_job_status_completion_time', 'CompletionTime represents time when the job was completed.', true,
      (j) => (j.status?.completionTime ? [one(unix(j.status.completionTime))] : [])),
    job('kube_job_status_suspended', 'The number of pods which reached Phase Suspended.', false,
      (j) => conditions(j, 'Suspended').map((c) => one(bool(c.status === 'True')))),
    job('kube_job_owner', "Information about the Job's owner.", true, (j) => ownerMetrics(j.metadata.ownerReferences)),
  ],
};
