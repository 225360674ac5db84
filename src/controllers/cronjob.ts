// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go and utils.go,
// release-1.32): at each scheduled time a Job named `<cronjob>-<minutes since the epoch>` from
// the job template, within startingDeadlineSeconds, as concurrencyPolicy allows; the active list,
// lastScheduleTime and lastSuccessfulTime in status; finished Jobs beyond the history limits
// deleted oldest first. It wakes itself 100 ms after the next scheduled time.
import type { CronJob, CronJobStatus, ObjectReference } from '../api/batch/cronjob/schema.js';
import { isKnownTimeZone, nextActivation, parseStandard, type Schedule } from '../api/batch/cronjob/schedule.js';
import type { Job } from '../api/batch/job/schema.js';
import { objectKey, type KubeObject } from '../api/object.js';
import { ApiError } from '../apiserver/errors.js';
import { formatTime, parseTime } from '../apiserver/time.js';
import type { Controller, ControllerContext } from './controller.js';
import { errorMessage, getControllerOf, isNamespaceTerminatingError, newControllerRef } from './controller-utils.js';
import { JOB_RESOURCE } from './job/job.js';

export const CRONJOB_RESOURCE = 'cronjobs.batch';
const COMPONENT = 'cronjob-controller';
const KIND = 'CronJob';
/** nextScheduleDelta: the controller looks 100 ms after the scheduled time. */
const NEXT_SCHEDULE_DELTA_MS = 100;
export const CronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

export const cronJobController: Controller = {
  name: 'cronjob',
  watches: [CRONJOB_RESOURCE, JOB_RESOURCE],
  keysFor(ev) {
    if (ev.resource === CRONJOB_RESOURCE) return ev.type === 'DELETED' ? [] : [objectKey(ev.object)];
    const ref = getControllerOf(ev.object);
    return ref?.kind === KIND ? [`${ev.object.metadata.namespace ?? ''}/${ref.name}`] : [];
  },
  reconcile(key, ctx) {
    sync(key, ctx);
  },
};

function finishedStatus(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** The Go `%v` of a time.Time in UTC... as RFC1123Z for the MissSchedule event. */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

const inActiveList = (status: CronJobStatus, uid: string | undefined) => (status.active ?? []).some((r) => r.uid === uid);

function deleteFromActiveList(status: CronJobStatus, uid: string | undefined): void {
  const rest = (status.active ?? []).filter((r) => r.uid !== uid);
  if (rest.length) status.active = rest;
  else delete status.active;
}

/** getJobName: the name is the scheduled time in minutes, so one time never makes two Jobs. */
export function getJobName(cronJobName: string, scheduledTime: number): string {
  return `${cronJobName}-${Math.floor(scheduledTime / 60_000)}`;
}

function sync(key: string, ctx: ControllerContext): void {
  const i = key.indexOf('/');
  const ns = key.slice(0, i);
  const stored = ctx.api.tryGet<KubeObject>(CRONJOB_RESOURCE, ns, key.slice(i + 1)) as unknown as CronJob | undefined;
  if (!stored) return;
  const cj = structuredClone(stored);
  const jobs = (ctx.api.list<KubeObject>(JOB_RESOURCE, { namespace: ns }) as unknown as Job[])
    .filter((j) => getControllerOf(j)?.uid === cj.metadata.uid);
  const { requeueAt, updateStatus } = syncCronJob(cj, jobs, ctx);
  const cleaned = cleanupFinishedJobs(cj, jobs, ctx);
  if (updateStatus || cleaned) ctx.api.updateStatus<KubeObject>(CRONJOB_RESOURCE, cj as unknown as KubeObject);
  if (requeueAt !== undefined) ctx.requeueAt(requeueAt, key);
}

/** The schedule in the CronJob's time zone; mk's controller manager runs in UTC. */
function scheduleOf(cj: CronJob): Schedule {
  return parseStandard(cj.spec.schedule, cj.spec.timeZone ?? 'UTC');
}

/** syncCronJob: the active list from the jobs seen, then at most one new Job. */
function syncCronJob(cj: CronJob, jobs: Job[], ctx: ControllerContext): { requeueAt?: number; updateStatus: boolean } {
  const now = ctx.now();
  const owner = cj as unknown as KubeObject;
  const status: CronJobStatus = (cj.status ??= {});
  let updateStatus = false;
  const children = new Set<string>();
  for (const j of jobs) {
    children.add(j.metadata.uid!);
    const found = inActiveList(status, j.metadata.uid);
    const finished = finishedStatus(j);
    if (!found && !finished) {
      ctx.recorder.event(owner, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`, { component: COMPONENT });
    } else if (found && finished) {
      deleteFromActiveList(status, j.metadata.uid);
      ctx.recorder.event(owner, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${finished}`, { component: COMPONENT });
      updateStatus = true;
    } else if (finished === 'Complete') {
      const completion = parseTime(j.status?.completionTime);
      const last = parseTime(status.lastSuccessfulTime);
      if (completion !== undefined && (last === undefined || completion > last)) {
        status.lastSuccessfulTime = j.status!.completionTime;
        updateStatus = true;
      }
    }
  }
  for (const ref of [...(status.active ?? [])]) {
    if (children.has(ref.uid ?? '')) continue;
    if (ctx.api.tryGet(JOB_RESOURCE, ref.namespace, ref.name ?? '')) continue;
    ctx.recorder.event(owner, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`, { component: COMPONENT });
    deleteFromActiveList(status, ref.uid);
    updateStatus = true;
  }
  if (cj.metadata.deletionTimestamp) return { updateStatus };
  if (cj.spec.timeZone !== undefined && !isKnownTimeZone(cj.spec.timeZone)) {
    ctx.recorder.event(owner, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${cj.spec.timeZone}": unknown time zone ${cj.spec.timeZone}`, { component: COMPONENT });
    return { updateStatus };
  }
  if (cj.spec.suspend) return { updateStatus };
  let sched: Schedule;
  try {
    sched = scheduleOf(cj);
  } catch (err) {
    ctx.recorder.event(owner, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec.schedule}" : ${errorMessage(err)}`, { component: COMPONENT });
    return { updateStatus };
  }
  let scheduledTime: number | undefined;
  try {
    scheduledTime = nextScheduleTime(cj, now, sched, ctx);
  } catch (err) {
    ctx.recorder.event(owner, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${errorMessage(err)}`, { component: COMPONENT });
    return { updateStatus };
  }
  const requeue = () => ({ requeueAt: nextScheduleTimeDuration(cj, now, sched), updateStatus });
  if (scheduledTime === undefined) return requeue();
  if (cj.spec.startingDeadlineSeconds !== undefined && scheduledTime + cj.spec.startingDeadlineSeconds * 1000 < now) {
    ctx.recorder.event(owner, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduledTime)}`, { component: COMPONENT });
    return requeue();
  }
  const jobName = getJobName(cj.metadata.name, scheduledTime);
  if ((status.active ?? []).some((r) => r.name === jobName && r.namespace === cj.metadata.namespace)
    || parseTime(status.lastScheduleTime) === scheduledTime) {
    return requeue();
  }
  if (cj.spec.concurrencyPolicy === 'Forbid' && (status.active ?? []).length > 0) {
    ctx.recorder.event(owner, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', { component: COMPONENT });
    return requeue();
  }
  if (cj.spec.concurrencyPolicy === 'Replace') {
    for (const ref of [...(status.active ?? [])]) {
      const job = ctx.api.tryGet<KubeObject>(JOB_RESOURCE, ref.namespace, ref.name ?? '') as unknown as Job | undefined;
      if (!job) continue;
      if (!deleteJob(cj, job, ctx)) return { updateStatus };
      updateStatus = true;
    }
  }

  let created: Job;
  try {
    created = ctx.api.create<KubeObject>(JOB_RESOURCE, getJobFromTemplate(cj, scheduledTime) as unknown as KubeObject) as unknown as Job;
    ctx.recorder.event(owner, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`, { component: COMPONENT });
  } catch (err) {
    if (isNamespaceTerminatingError(err)) return { updateStatus };
    if (!(err instanceof ApiError && err.status.code === 409)) {
      ctx.recorder.event(owner, 'Warning', 'FailedCreate', `Error creating job: ${errorMessage(err)}`, { component: COMPONENT });
      throw err;
    }
    // Someone made the Job for this time already: ours if we own it and forgot to record it.
    const existing = ctx.api.tryGet<KubeObject>(JOB_RESOURCE, cj.metadata.namespace, jobName) as unknown as Job | undefined;
    if (!existing || getControllerOf(existing)?.uid !== cj.metadata.uid || inActiveList(status, existing.metadata.uid)) return { updateStatus };
    created = existing;
  }
  status.active = [...(status.active ?? []), jobRef(created)];
  status.lastScheduleTime = formatTime(scheduledTime);
  updateStatus = true;
  return { requeueAt: nextScheduleTimeDuration(cj, now, sched), updateStatus };
}

/** getRef: the object reference the active list holds. */
function jobRef(job: Job): ObjectReference {
  return {
    kind: 'Job', namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid,
    apiVersion: 'batch/v1', resourceVersion: job.metadata.resourceVersion,
  };
}

/** getJobFromTemplate2: the template's labels, annotations and spec, owned by the CronJob. */
function getJobFromTemplate(cj: CronJob, scheduledTime: number): Job {
  const tm = cj.spec.jobTemplate.metadata ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: getJobName(cj.metadata.name, scheduledTime),
      namespace: cj.metadata.namespace,
      ...(tm.labels ? { labels: { ...tm.labels } } : {}),
      annotations: { ...tm.annotations, [CronJobScheduledTimestampAnnotation]: formatInZone(scheduledTime, cj.spec.timeZone ?? 'UTC') },
      ownerReferences: [newControllerRef(cj as unknown as KubeObject, 'batch/v1', KIND)],
    },
    spec: structuredClone(cj.spec.jobTemplate.spec),
  };
}

/** time.Format(time.RFC3339) of the instant in the zone: `2025-01-01T09:00:00+09:00`, `...Z` in UTC. */
export function formatInZone(ms: number, timeZone: string): string {
  if (timeZone === 'UTC') return formatTime(ms);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const local = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offset === 0) return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`;
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** nextScheduleTime: the most recent unmet scheduled time, within the starting deadline. */
function nextScheduleTime(cj: CronJob, now: number, sched: Schedule, ctx: ControllerContext): number | undefined {
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  if (cj.spec.startingDeadlineSeconds !== undefined) earliest = Math.max(earliest, now - cj.spec.startingDeadlineSeconds * 1000);
  const { time, missed } = mostRecentScheduleTime(earliest, now, sched);
  if (missed > 100) {
    ctx.recorder.event(cj as unknown as KubeObject, 'Warning', 'TooManyMissedTimes',
      `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`, { component: COMPONENT });
  }
  return time;
}

/** mostRecentScheduleTime: the last activation in (earliest, now], and roughly how many were missed. */
export function mostRecentScheduleTime(earliest: number, now: number, sched: Schedule): { time?: number; missed: number } {
  const t1 = nextActivation(sched, earliest);
  const t2 = nextActivation(sched, t1);
  if (now < t1) return { missed: 0 };
  if (now < t2) return { time: t1, missed: 1 };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const missed = Math.trunc((now - t1) / 1000 / between) + 1;
  let mostRecent: number | undefined;
  for (let t = nextActivation(sched, t1 + (missed - 2) * between * 1000); t <= now; t = nextActivation(sched, t)) mostRecent = t;
  return { time: mostRecent, missed };
}

/** nextScheduleTimeDuration, as an absolute time: 100 ms after the next activation. */
function nextScheduleTimeDuration(cj: CronJob, now: number, sched: Schedule): number | undefined {
  const earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  let mostRecent: number | undefined;
  try {
    mostRecent = mostRecentScheduleTime(earliest, now, sched).time;
  } catch {
    return undefined;
  }
  if (mostRecent === undefined) {
    if (earliest > now) return nextActivation(sched, now) + NEXT_SCHEDULE_DELTA_MS;
    mostRecent = earliest;
  }
  return nextActivation(sched, mostRecent) + NEXT_SCHEDULE_DELTA_MS;
}

/** deleteJob: the Job (background propagation) and its active-list entry. */
function deleteJob(cj: CronJob, job: Job, ctx: ControllerContext): boolean {
  const owner = cj as unknown as KubeObject;
  try {
    ctx.api.delete(JOB_RESOURCE, job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Background' });
  } catch (err) {
    ctx.recorder.event(owner, 'Warning', 'FailedDelete', `Deleted job: ${errorMessage(err)}`, { component: COMPONENT });
    return false;
  }
  deleteFromActiveList((cj.status ??= {}), job.metadata.uid);
  ctx.recorder.event(owner, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`, { component: COMPONENT });
  return true;
}

/** byJobStartTime: started before not started, earlier first, then by name. */
function byJobStartTime(a: Job, b: Job): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  if (sa === undefined && sb !== undefined) return 1;
  if (sa !== undefined && sb === undefined) return -1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return sa! - sb!;
}

/** cleanupFinishedJobs: the oldest finished Jobs beyond successful/failedJobsHistoryLimit go. */
function cleanupFinishedJobs(cj: CronJob, jobs: Job[], ctx: ControllerContext): boolean {
  const { successfulJobsHistoryLimit: okLimit, failedJobsHistoryLimit: failLimit } = cj.spec;
  if (okLimit === undefined && failLimit === undefined) return false;
  let update = false;
  const removeOldest = (list: Job[], max: number) => {
    const n = list.length - max;
    if (n <= 0) return;
    for (const job of [...list].sort(byJobStartTime).slice(0, n)) if (deleteJob(cj, job, ctx)) update = true;
  };
  if (okLimit !== undefined) removeOldest(jobs.filter((j) => finishedStatus(j) === 'Complete'), okLimit);
  if (failLimit !== undefined) removeOldest(jobs.filter((j) => finishedStatus(j) === 'Failed'), failLimit);
  return update;
}
