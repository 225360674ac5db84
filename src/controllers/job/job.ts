// The Job controller (pkg/controller/job/job_controller.go, release-1.32, with the 1.32 default
// gates: JobPodReplacementPolicy, JobSuccessPolicy and JobManagedBy's delayed terminal
// conditions). It runs pods until enough succeed or too many fail, counts finished pods through
// the batch.kubernetes.io/job-tracking finalizer and status.uncountedTerminatedPods, backs off
// between replacements of failed pods, and reports FailureTarget/SuccessCriteriaMet before the
// final Failed/Complete condition. A reconcile reads one consistent snapshot of the store, so no
// expectations are kept.
import type { Job, JobCondition, JobStatus } from '../../api/batch/job/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { OwnerReference } from '../../api/meta/schema.js';
import { objectKey, type KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import { formatTime, parseTime } from '../../apiserver/time.js';
import type { Controller, ControllerContext } from '../controller.js';
import {
  FailedDeletePodReason, SLOW_START_INITIAL_BATCH_SIZE, SuccessfulDeletePodReason, claimPods, createPodWithEvents, errorMessage, getControllerOf, getPodFromTemplate, getPodsToDelete,
  isNamespaceTerminatingError, isPodReady, newControllerRef, selectorMatcher, slowStartBatch,
} from '../controller-utils.js';
import { backoffRecordKey, getRemainingTime, newBackoffRecord, type BackoffRecord } from './backoff.js';
import {
  JobCompletionIndexAnnotation, addCompletionIndex, firstPendingIndexes, formatIndexes, getCompletionIndex, parseIndexes,
} from './indexed.js';

export const JOB_RESOURCE = 'jobs.batch';
const COMPONENT = 'job-controller';
const KIND = 'Job';
const API_VERSION = 'batch/v1';

/** batch.JobTrackingFinalizer: a finished pod is counted before this finalizer comes off. */
export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
/** MaxPodCreateDeletePerSync. */
const MAX_POD_CREATE_DELETE_PER_SYNC = 500;
/** MaxUncountedPods: keeps status.uncountedTerminatedPods near 20 KB. */
const MAX_UNCOUNTED_PODS = 500;

const ORPHAN_PREFIX = 'orphan:';

export const jobController: Controller = {
  name: 'job',
  watches: [JOB_RESOURCE, 'pods'],
  keysFor(ev) {
    if (ev.resource === JOB_RESOURCE) return [objectKey(ev.object)];
    const pod = ev.object as unknown as Pod;
    const ns = pod.metadata.namespace ?? '';
    const ref = getControllerOf(pod);
    const keys: string[] = [];
    if (ref?.kind === KIND) keys.push(`${ns}/${ref.name}`);
    // A pod whose job is gone still carries the tracking finalizer until someone removes it.
    if (ev.type !== 'DELETED' && hasJobTrackingFinalizer(pod)) keys.push(`${ORPHAN_PREFIX}${ns}/${pod.metadata.name}`);
    return keys;
  },
  reconcile(key, ctx) {
    if (key.startsWith(ORPHAN_PREFIX)) cleanupOrphanPodFinalizer(key.slice(ORPHAN_PREFIX.length), ctx);
    else syncJob(key, ctx);
  },
};

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

export function hasJobTrackingFinalizer(pod: Pod): boolean {
  return (pod.metadata.finalizers ?? []).includes(JobTrackingFinalizer);
}

/** The pod's controller, if it is a Job that still exists. */
function owningJob(pod: Pod, ctx: ControllerContext): Job | undefined {
  const ref = getControllerOf(pod);
  if (!ref || ref.kind !== KIND) return undefined;
  const job = ctx.api.tryGet<KubeObject>(JOB_RESOURCE, pod.metadata.namespace, ref.name) as unknown as Job | undefined;
  return job && job.metadata.uid === ref.uid ? job : undefined;
}

/** cleanupPodFinalizers for an orphan: no Job will ever count this pod, so its finalizer goes. */
function cleanupOrphanPodFinalizer(podKey: string, ctx: ControllerContext): void {
  const [ns, name] = splitKey(podKey);
  const pod = ctx.api.tryGet<KubeObject>('pods', ns, name) as unknown as Pod | undefined;
  if (!pod || !hasJobTrackingFinalizer(pod) || owningJob(pod, ctx)) return;
  removeTrackingFinalizer(pod, ctx);
}

/** removeTrackingFinalizerPatch: applied to the pod as it is now (upstream patches without a resourceVersion). */
function removeTrackingFinalizer(seen: Pod, ctx: ControllerContext): void {
  const pod = ctx.api.tryGet<KubeObject>('pods', seen.metadata.namespace, seen.metadata.name) as unknown as Pod | undefined;
  if (!pod || pod.metadata.uid !== seen.metadata.uid || !hasJobTrackingFinalizer(pod)) return;
  const finalizers = (pod.metadata.finalizers ?? []).filter((f) => f !== JobTrackingFinalizer);
  const metadata = { ...pod.metadata, finalizers };
  if (!finalizers.length) delete (metadata as { finalizers?: string[] }).finalizers;
  try {
    ctx.api.update<KubeObject>('pods', { ...(pod as unknown as KubeObject), metadata } as KubeObject);
  } catch (err) {
    if (err instanceof ApiError && err.status.code === 404) return;
    throw err;
  }
}

// --- conditions --------------------------------------------------------------------------------

export function findCondition(conditions: readonly JobCondition[] | undefined, type: string): JobCondition | undefined {
  return (conditions ?? []).find((c) => c.type === type);
}

/** IsJobFinished: a Complete or Failed condition with status True. */
export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

function newCondition(type: string, status: string, reason: string, message: string, now: number): JobCondition {
  const t = formatTime(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/** ensureJobConditionStatus: sets the condition, returning whether anything changed. */
function ensureJobConditionStatus(list: JobCondition[], type: string, status: string, reason: string, message: string,
  now: number): boolean {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && c.reason === reason && c.message === message) return false;
    list[i] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === 'False') return false;
  list.push(newCondition(type, status, reason, message, now));
  return true;
}

// --- pod classification --------------------------------------------------------------------------

const isSuspended = (job: Job) => job.spec.suspend === true;
const isIndexedJob = (job: Job) => job.spec.completionMode === 'Indexed';
/** onlyReplaceFailedPods: replacement waits for a failed pod to be fully terminated. */
const onlyReplaceFailedPods = (job: Job) => job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined;

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before it succeeded. */
function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (onlyReplaceFailedPods(job)) return false;
  return !!pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

/** countTerminatingPods: deleted pods that have not reached a final phase yet. */
function countTerminatingPods(pods: Pod[]): number {
  return pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length;
}

/** pastBackoffLimitOnFailure: with OnFailure, the restarts of running pods count against the limit. */
function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const pod of pods) {
    if (pod.status?.phase !== 'Running' && pod.status?.phase !== 'Pending') continue;
    for (const s of pod.status?.initContainerStatuses ?? []) restarts += s.restartCount;
    for (const s of pod.status?.containerStatuses ?? []) restarts += s.restartCount;
  }
  const limit = job.spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

function pastActiveDeadline(job: Job, now: number): boolean {
  const deadline = job.spec.activeDeadlineSeconds;
  const start = parseTime(job.status?.startTime);
  if (deadline === undefined || start === undefined || isSuspended(job)) return false;
  return now - start >= deadline * 1000;
}

// --- the sync ----------------------------------------------------------------------------------

interface Uncounted { succeeded: Set<string>; failed: Set<string> }

interface SyncCtx {
  job: Job;
  pods: Pod[];
  activePods: Pod[];
  succeeded: number;
  failed: number;
  ready: number;
  terminating: number;
  uncounted: Uncounted;
  finishedCondition?: JobCondition;
  backoff: BackoffRecord;
  succeededIndexes: number[];
}

/** syncJob: one pass of the controller over a Job. */
export function syncJob(key: string, ctx: ControllerContext): void {
  const [ns, name] = splitKey(key);
  const stored = ctx.api.tryGet<KubeObject>(JOB_RESOURCE, ns, name) as unknown as Job | undefined;
  if (!stored) {
    ctx.store.setMeta(backoffRecordKey(key), undefined);
    return;
  }
  if (isJobFinished(stored)) return;
  const job = structuredClone(stored);
  const now = ctx.now();
  const matches = selectorMatcher(job.spec.selector);
  if (!matches) return;

  const allPods = ctx.api.list<KubeObject>('pods', { namespace: ns }) as unknown as Pod[];
  const { claimed: pods, errors } = claimPods(
    { api: ctx.api, controller: job as unknown as KubeObject, apiVersion: API_VERSION, kind: KIND, matches }, allPods);
  if (errors.length) throw errors[0];

  const status: JobStatus = (job.status ??= {});
  const activePods = pods.filter(isPodActive);
  const uncounted: Uncounted = {
    succeeded: new Set(status.uncountedTerminatedPods?.succeeded ?? []),
    failed: new Set(status.uncountedTerminatedPods?.failed ?? []),
  };
  if (!status.startTime && !isSuspended(job)) status.startTime = formatTime(now);

  const tracked = (p: Pod) => hasJobTrackingFinalizer(p) && !uncounted.succeeded.has(p.metadata.uid!) && !uncounted.failed.has(p.metadata.uid!)
    && (!isIndexedJob(job) || validIndex(job, p));
  const newSucceededPods = pods.filter((p) => tracked(p) && p.status?.phase === 'Succeeded');
  const newFailedPods = pods.filter((p) => tracked(p) && isPodFailed(p, job));

  const succeededIndexes = isIndexedJob(job) ? parseIndexes(status.completedIndexes, job.spec.completions ?? 0) : [];
  const sc: SyncCtx = {
    job, pods, activePods,
    succeeded: isIndexedJob(job)
      ? addCompletionIndexes(succeededIndexes, newSucceededPods).length
      : (status.succeeded ?? 0) + uncounted.succeeded.size + newSucceededPods.length,
    failed: (status.failed ?? 0) + uncounted.failed.size + newFailedPods.length,
    ready: activePods.filter(isPodReady).length,
    terminating: countTerminatingPods(pods),
    uncounted,
    backoff: newBackoffRecord(readBackoff(key, ctx), newSucceededPods, newFailedPods),
    succeededIndexes,
  };
  if (isIndexedJob(job)) sc.succeededIndexes = addCompletionIndexes(succeededIndexes, newSucceededPods);

  const exceedsBackoffLimit = sc.failed > (job.spec.backoffLimit ?? 6);
  const failureTarget = findCondition(status.conditions, 'FailureTarget');
  const successCriteriaMet = findCondition(status.conditions, 'SuccessCriteriaMet');
  if (failureTarget?.status === 'True') {
    sc.finishedCondition = newCondition('Failed', 'True', failureTarget.reason ?? '', failureTarget.message ?? '', now);
  } else if (successCriteriaMet?.status === 'True') {
    sc.finishedCondition = successCriteriaMet;
  } else if (exceedsBackoffLimit || pastBackoffLimitOnFailure(job, pods)) {
    // Failed is delayed until every pod is gone: FailureTarget records the verdict first.
    sc.finishedCondition = newCondition('FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit', now);
  } else if (pastActiveDeadline(job, now)) {
    sc.finishedCondition = newCondition('FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline', now);
  } else if (job.spec.activeDeadlineSeconds !== undefined && !isSuspended(job)) {
    ctx.requeueAt(parseTime(status.startTime)! + job.spec.activeDeadlineSeconds * 1000, key);
  }

  let active = activePods.length;
  let suspendCondChanged = false;
  let manageErr: unknown;
  if (sc.finishedCondition) {
    const { deleted, deletedReady, error } = deleteJobPods(job, activePods, ctx);
    // Not finished while some of its pods may still be running.
    if (deleted !== active) sc.finishedCondition = undefined;
    active -= deleted;
    sc.terminating += deleted;
    sc.ready -= deletedReady;
    manageErr = error;
  } else {
    let manageCalled = false;
    if (!job.metadata.deletionTimestamp) {
      ({ active, error: manageErr } = manageJob(key, job, sc, ctx));
      manageCalled = true;
    }
    const completions = job.spec.completions;
    const complete = completions === undefined ? sc.succeeded > 0 && active === 0 : sc.succeeded >= completions && active === 0;
    if (complete) {
      sc.finishedCondition = newCondition('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', now);
    } else if (manageCalled) {
      const conditions = (status.conditions ??= []);
      if (isSuspended(job)) {
        if (ensureJobConditionStatus(conditions, 'Suspended', 'True', 'JobSuspended', 'Job suspended', now)) {
          suspendCondChanged = true;
          ctx.recorder.event(job as unknown as KubeObject, 'Normal', 'Suspended', 'Job suspended', { component: COMPONENT });
        }
      } else if (ensureJobConditionStatus(conditions, 'Suspended', 'False', 'JobResumed', 'Job resumed', now)) {
        suspendCondChanged = true;
        ctx.recorder.event(job as unknown as KubeObject, 'Normal', 'Resumed', 'Job resumed', { component: COMPONENT });
        // activeDeadlineSeconds counts continuous activity: a resumed job starts afresh.
        status.startTime = formatTime(now);
      }
      if (!conditions.length) delete status.conditions;
    }
  }

  const needsStatusUpdate = suspendCondChanged || active !== (status.active ?? 0) || sc.ready !== status.ready
    || sc.terminating !== status.terminating || stored.status?.startTime !== status.startTime;
  if (active) status.active = active;
  else delete status.active;
  status.ready = sc.ready;
  status.terminating = sc.terminating;
  trackJobStatusAndRemoveFinalizers(sc, needsStatusUpdate, ctx);
  writeBackoff(key, sc.backoff, ctx);
  if (manageErr !== undefined) throw manageErr;
}

function validIndex(job: Job, pod: Pod): boolean {
  const ix = getCompletionIndex(pod.metadata.annotations);
  return ix !== undefined && ix < (job.spec.completions ?? 0);
}

function addCompletionIndexes(indexes: number[], pods: Pod[]): number[] {
  let out = indexes;
  for (const pod of pods) {
    const ix = getCompletionIndex(pod.metadata.annotations);
    if (ix !== undefined) out = addCompletionIndex(out, ix);
  }
  return out;
}

function readBackoff(key: string, ctx: ControllerContext): BackoffRecord {
  const raw = ctx.store.getMeta(backoffRecordKey(key));
  return raw ? JSON.parse(raw) as BackoffRecord : { failuresAfterLastSuccess: 0 };
}

function writeBackoff(key: string, record: BackoffRecord, ctx: ControllerContext): void {
  ctx.store.setMeta(backoffRecordKey(key), record.failuresAfterLastSuccess ? JSON.stringify(record) : undefined);
}

/** manageJob: creates or deletes pods so that the wanted number are active. */
function manageJob(key: string, job: Job, sc: SyncCtx, ctx: ControllerContext): { active: number; error?: unknown } {
  let active = sc.activePods.length;
  const parallelism = job.spec.parallelism ?? 1;
  if (isSuspended(job)) {
    const { deleted, error } = deleteJobPods(job, sc.activePods, ctx);
    return { active: active - deleted, error };
  }
  const terminating = onlyReplaceFailedPods(job) ? sc.terminating : 0;
  let wantActive: number;
  if (job.spec.completions === undefined) {
    // Without completions, the first success means: let the running pods finish, start no more.
    wantActive = sc.succeeded > 0 ? active : parallelism;
  } else {
    wantActive = Math.max(0, Math.min(job.spec.completions - sc.succeeded, parallelism));
  }
  const rmAtLeast = Math.max(0, active - wantActive);
  if (rmAtLeast > 0) {
    const toDelete = getPodsToDelete(sc.activePods, sc.activePods, Math.min(rmAtLeast, MAX_POD_CREATE_DELETE_PER_SYNC), 0);
    const { deleted, error } = deleteJobPods(job, toDelete, ctx);
    return { active: active - deleted, error };
  }
  let diff = wantActive - terminating - active;
  if (diff <= 0) return { active };
  const remaining = getRemainingTime(sc.backoff, ctx.now());
  if (remaining > 0) {
    ctx.requeueAt(ctx.now() + remaining, key);
    return { active };
  }
  diff = Math.min(diff, MAX_POD_CREATE_DELETE_PER_SYNC);
  let indexes: number[] = [];
  if (isIndexedJob(job)) {
    const activeIndexes = sc.activePods.map((p) => getCompletionIndex(p.metadata.annotations)).filter((i): i is number => i !== undefined);
    indexes = firstPendingIndexes(sc.succeededIndexes, activeIndexes, diff, job.spec.completions ?? 0);
    diff = indexes.length;
  }
  const ref = newControllerRef(job as unknown as KubeObject, API_VERSION, KIND);
  let n = 0;
  const { successes, error } = slowStartBatch(diff, SLOW_START_INITIAL_BATCH_SIZE, () => {
    const ix = isIndexedJob(job) ? indexes[n++] : undefined;
    try {
      createJobPod(job, ref, ix, ctx);
    } catch (err) {
      if (isNamespaceTerminatingError(err)) return;
      throw err;
    }
  });
  active += successes;
  return { active, error };
}

/** The pod for one more completion: the template, the tracking finalizer, and for Indexed jobs its index. */
function createJobPod(job: Job, ref: OwnerReference, index: number | undefined, ctx: ControllerContext): void {
  const owner = job as unknown as KubeObject;
  const pod = getPodFromTemplate(job.spec.template, owner, ref);
  const finalizers = pod.metadata.finalizers ?? [];
  if (!finalizers.includes(JobTrackingFinalizer)) pod.metadata.finalizers = [...finalizers, JobTrackingFinalizer];
  if (index !== undefined) {
    pod.metadata.annotations = { ...pod.metadata.annotations, [JobCompletionIndexAnnotation]: String(index) };
    pod.metadata.labels = { ...pod.metadata.labels, [JobCompletionIndexAnnotation]: String(index) };
    pod.metadata.generateName = `${job.metadata.name}-${index}-`;
    pod.spec.hostname = `${job.metadata.name}-${index}`;
    addCompletionIndexEnvVariables(pod);
  }
  createPodWithEvents(ctx.api, ctx.recorder, owner, pod, COMPONENT);
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the annotation, in every container. */
function addCompletionIndexEnvVariables(pod: Pod): void {
  const env = {
    name: 'JOB_COMPLETION_INDEX',
    valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JobCompletionIndexAnnotation}']` } },
  };
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    if ((c.env ?? []).some((e) => e.name === 'JOB_COMPLETION_INDEX')) continue;
    c.env = [...(c.env ?? []), structuredClone(env)];
  }
}

/** deleteJobPods: deletes the pods, counting those deleted (and of them the ready ones). */
function deleteJobPods(job: Job, pods: Pod[], ctx: ControllerContext): { deleted: number; deletedReady: number; error?: unknown } {
  const owner = job as unknown as KubeObject;
  let deleted = 0;
  let deletedReady = 0;
  let error: unknown;
  for (const pod of pods) {
    try {
      ctx.api.delete('pods', pod.metadata.namespace, pod.metadata.name);
    } catch (err) {
      if (!(err instanceof ApiError && err.status.code === 404)) {
        ctx.recorder.event(owner, 'Warning', FailedDeletePodReason, `Error deleting: ${errorMessage(err)}`, { component: COMPONENT });
        error ??= err;
        continue;
      }
    }
    deleted++;
    if (isPodReady(pod)) deletedReady++;
    ctx.recorder.event(owner, 'Normal', SuccessfulDeletePodReason, `Deleted pod: ${pod.metadata.name}`, { component: COMPONENT });
  }
  return { deleted, deletedReady, error };
}

/**
 * trackJobStatusAndRemoveFinalizers: records finished pods in uncountedTerminatedPods, removes
 * their finalizers, moves them to the counters, and finishes the job when nothing is left.
 */
function trackJobStatusAndRemoveFinalizers(sc: SyncCtx, needsStatusUpdate: boolean, ctx: ControllerContext): void {
  const job = sc.job;
  const status = job.status!;
  const now = ctx.now();
  const uncountedSucceeded = [...(status.uncountedTerminatedPods?.succeeded ?? [])];
  const uncountedFailed = [...(status.uncountedTerminatedPods?.failed ?? [])];
  let needsFlush = needsStatusUpdate;
  const podsToRemoveFinalizer: Pod[] = [];
  let succeededIndexes = isIndexedJob(job) ? parseIndexes(status.completedIndexes, job.spec.completions ?? 0) : [];
  const finishedIsFailure = sc.finishedCondition !== undefined && sc.finishedCondition.type !== 'SuccessCriteriaMet';
  for (const pod of sc.pods) {
    if (!hasJobTrackingFinalizer(pod)) continue;
    const uid = pod.metadata.uid!;
    const failed = isPodFailed(pod, job);
    const finished = pod.status?.phase === 'Succeeded' || failed;
    if (!finished && !sc.finishedCondition && !pod.metadata.deletionTimestamp && !job.metadata.deletionTimestamp) continue;
    podsToRemoveFinalizer.push(pod);
    if (pod.status?.phase === 'Succeeded' && !sc.uncounted.failed.has(uid)) {
      if (isIndexedJob(job)) {
        const ix = getCompletionIndex(pod.metadata.annotations);
        if (ix !== undefined && ix < (job.spec.completions ?? 0) && !succeededIndexes.includes(ix)) {
          succeededIndexes = addCompletionIndex(succeededIndexes, ix);
          needsFlush = true;
        }
      } else if (!sc.uncounted.succeeded.has(uid)) {
        uncountedSucceeded.push(uid);
        needsFlush = true;
      }
    } else if (failed || finishedIsFailure) {
      // Once the job has failed, every pod that did not succeed counts as failed.
      if (!sc.uncounted.failed.has(uid) && (!isIndexedJob(job) || validIndex(job, pod))) {
        uncountedFailed.push(uid);
        needsFlush = true;
      }
    }
    if (uncountedSucceeded.length + uncountedFailed.length >= MAX_UNCOUNTED_PODS) break;
  }
  if (isIndexedJob(job)) {
    const completed = formatIndexes(succeededIndexes);
    status.completedIndexes = completed;
    status.succeeded = succeededIndexes.length;
  }
  const conditions = (status.conditions ??= []);
  if (sc.finishedCondition?.type === 'FailureTarget') {
    conditions.push(sc.finishedCondition);
    needsFlush = true;
    sc.finishedCondition = newCondition('Failed', 'True', sc.finishedCondition.reason ?? '', sc.finishedCondition.message ?? '', now);
  }
  if (sc.finishedCondition?.type === 'SuccessCriteriaMet') {
    if (!findCondition(conditions, 'SuccessCriteriaMet')) {
      conditions.push(sc.finishedCondition);
      needsFlush = true;
    }
    sc.finishedCondition = newCondition('Complete', 'True', sc.finishedCondition.reason ?? '', sc.finishedCondition.message ?? '', now);
  }
  if (!conditions.length) delete status.conditions;
  status.uncountedTerminatedPods = {
    ...(uncountedSucceeded.length ? { succeeded: uncountedSucceeded } : {}),
    ...(uncountedFailed.length ? { failed: uncountedFailed } : {}),
  };

  // flushUncountedAndRemoveFinalizers: the uncounted pods are on record before their finalizers go.
  let current = job;
  if (needsFlush) current = writeStatus(job, ctx);
  for (const pod of podsToRemoveFinalizer) removeTrackingFinalizer(pod, ctx);
  const stillTracked = new Set(sc.pods.filter((p) => hasJobTrackingFinalizer(p) && !podsToRemoveFinalizer.includes(p)).map((p) => p.metadata.uid!));
  const next = current.status ?? {};
  const keepSucceeded = uncountedSucceeded.filter((u) => stillTracked.has(u));
  const keepFailed = uncountedFailed.filter((u) => stillTracked.has(u));
  needsFlush = keepSucceeded.length !== uncountedSucceeded.length || keepFailed.length !== uncountedFailed.length;
  if (!isIndexedJob(job)) next.succeeded = (next.succeeded ?? 0) + uncountedSucceeded.length - keepSucceeded.length;
  next.failed = (next.failed ?? 0) + uncountedFailed.length - keepFailed.length;
  if (!next.succeeded) delete next.succeeded;
  if (!next.failed) delete next.failed;
  next.uncountedTerminatedPods = {
    ...(keepSucceeded.length ? { succeeded: keepSucceeded } : {}),
    ...(keepFailed.length ? { failed: keepFailed } : {}),
  };
  current.status = next;

  const finished = enactJobFinished(current, sc, now);
  if (finished || needsFlush) current = writeStatus(current, ctx);
  if (finished) recordJobFinished(current, sc.finishedCondition!, ctx);
}

/** enactJobFinished: the final condition, once no pod is uncounted or still terminating. */
function enactJobFinished(job: Job, sc: SyncCtx, now: number): boolean {
  const cond = sc.finishedCondition;
  if (!cond) return false;
  const uncounted = job.status?.uncountedTerminatedPods;
  if ((uncounted?.succeeded?.length ?? 0) + (uncounted?.failed?.length ?? 0) > 0) return false;
  if (sc.terminating > 0) return false;
  const status = (job.status ??= {});
  const conditions = (status.conditions ??= []);
  ensureJobConditionStatus(conditions, cond.type, cond.status, cond.reason ?? '', cond.message ?? '', now);
  if (cond.type === 'Complete') status.completionTime = cond.lastTransitionTime;
  return true;
}

/** recordJobFinished: the event a finished job leaves. */
function recordJobFinished(job: Job, cond: JobCondition, ctx: ControllerContext): void {
  const owner = job as unknown as KubeObject;
  if (cond.type === 'Complete') {
    if (job.spec.completions !== undefined && (job.status?.succeeded ?? 0) > job.spec.completions) {
      ctx.recorder.event(owner, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached', { component: COMPONENT });
    }
    ctx.recorder.event(owner, 'Normal', 'Completed', 'Job completed', { component: COMPONENT });
  } else {
    ctx.recorder.event(owner, 'Warning', cond.reason ?? '', cond.message ?? '', { component: COMPONENT });
  }
}

function writeStatus(job: Job, ctx: ControllerContext): Job {
  const written = ctx.api.updateStatus<KubeObject>(JOB_RESOURCE, job as unknown as KubeObject) as unknown as Job;
  return structuredClone(written);
}
