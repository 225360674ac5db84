// Job defaulting: SetObjectDefaults_Job of pkg/apis/batch/v1 (release-1.32, JobPodReplacementPolicy on).
import type { Job } from './schema.js';
import { setObjectDefaultsPodTemplateSpec } from '../../core/pod/defaults.js';

const MAX_INT32 = 2147483647;

/** SetDefaults_Job. */
export function setDefaultsJob(obj: Job): void {
  const spec = obj.spec;
  // A non-parallel job may leave both unset: both become 1.
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? MAX_INT32 : 6;
  const labels = spec.template.metadata?.labels;
  if (labels && Object.keys(obj.metadata.labels ?? {}).length === 0) obj.metadata.labels = { ...labels };
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) {
    for (const pattern of rule.onPodConditions ?? []) if (!pattern.status) pattern.status = 'True';
  }
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
}

/** SetObjectDefaults_Job. Mutates and returns the job. */
export function setObjectDefaultsJob(obj: Job): Job {
  setDefaultsJob(obj);
  setObjectDefaultsPodTemplateSpec(obj.spec.template);
  return obj;
}
