// The Job controller's pod failure back-off (pkg/controller/job/backoff_utils.go, release-1.32):
// after n failures since the last success, the next pod waits 10 s · 2^(n-1), at most 10 min,
// counted from the last failure.
import type { Pod } from '../../api/core/pod/schema.js';
import { parseTime } from '../../apiserver/time.js';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
export const DEFAULT_JOB_POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_JOB_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  /** Virtual ms of the last failure counted. */
  lastFailureTime?: number;
}

export const backoffRecordKey = (jobKey: string) => `job/backoff/${jobKey}`;

/** getFinishedTime: when the last container terminated, or the pod's deletion or creation time. */
export function getFinishedTime(pod: Pod): number {
  let latest: number | undefined;
  for (const s of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) {
    const t = parseTime(s.state?.terminated?.finishedAt);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest ?? parseTime(pod.metadata.deletionTimestamp) ?? parseTime(pod.metadata.creationTimestamp) ?? 0;
}

const byFinishedTime = (a: Pod, b: Pod) => getFinishedTime(a) - getFinishedTime(b);

/** backoffStore.newBackoffRecord: the record after this sync's newly finished pods. */
export function newBackoffRecord(prev: BackoffRecord, newSucceeded: Pod[], newFailed: Pod[]): BackoffRecord {
  const succeeded = [...newSucceeded].sort(byFinishedTime);
  const failed = [...newFailed].sort(byFinishedTime);
  if (!succeeded.length) {
    if (!failed.length) return prev;
    return { failuresAfterLastSuccess: prev.failuresAfterLastSuccess + failed.length, lastFailureTime: getFinishedTime(failed[failed.length - 1]) };
  }
  const record: BackoffRecord = { failuresAfterLastSuccess: 0 };
  const lastSuccess = getFinishedTime(succeeded[succeeded.length - 1]);
  for (let i = failed.length - 1; i >= 0; i--) {
    const t = getFinishedTime(failed[i]);
    if (t <= lastSuccess) break;
    record.lastFailureTime ??= t;
    record.failuresAfterLastSuccess++;
  }
  return record;
}

/** getRemainingTime: how long the next pod must still wait; 0 when it may start now. */
export function getRemainingTime(record: BackoffRecord, now: number): number {
  if (!record.failuresAfterLastSuccess || record.lastFailureTime === undefined) return 0;
  let backoff = DEFAULT_JOB_POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    backoff *= 2;
    if (backoff >= MAX_JOB_POD_FAILURE_BACKOFF_MS) {
      backoff = MAX_JOB_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return backoff < elapsed ? 0 : backoff - elapsed;
}
