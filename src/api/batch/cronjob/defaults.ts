// CronJob defaulting: SetObjectDefaults_CronJob of pkg/apis/batch/v1 (release-1.32). The job
// template's JobSpec is not defaulted (SetDefaults_Job is for Jobs); its pod template is.
import type { CronJob } from './schema.js';
import { setObjectDefaultsPodTemplateSpec } from '../../core/pod/defaults.js';

/** SetDefaults_CronJob. */
export function setDefaultsCronJob(obj: CronJob): void {
  const spec = obj.spec;
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
}

export function setObjectDefaultsCronJob(obj: CronJob): CronJob {
  setDefaultsCronJob(obj);
  // The template's ObjectMeta is a struct: a stored CronJob shows `metadata: {creationTimestamp: null}`.
  const tm = (obj.spec.jobTemplate.metadata ??= {});
  if (tm.creationTimestamp === undefined) tm.creationTimestamp = null;
  setObjectDefaultsPodTemplateSpec(obj.spec.jobTemplate.spec.template);
  return obj;
}
