// The TTL-after-finished controller (pkg/controller/ttlafterfinished, release-1.32): a finished
// Job with spec.ttlSecondsAfterFinished is deleted, with its pods (foreground), that many seconds
// after its Complete or Failed condition. It leaves no Events.
import type { Job } from '../api/batch/job/schema.js';
import { objectKey, type KubeObject } from '../api/object.js';
import { ApiError } from '../apiserver/errors.js';
import { parseTime } from '../apiserver/time.js';
import type { Controller, ControllerContext } from './controller.js';
import { JOB_RESOURCE, isJobFinished } from './job/job.js';

export const ttlAfterFinishedController: Controller = {
  name: 'ttl-after-finished',
  watches: [JOB_RESOURCE],
  keysFor(ev) {
    const job = ev.object as unknown as Job;
    if (ev.type === 'DELETED' || job.spec?.ttlSecondsAfterFinished === undefined || !isJobFinished(job)) return [];
    return [objectKey(ev.object)];
  },
  reconcile(key, ctx) {
    processJob(key, ctx);
  },
};

/** getFinishAndExpireTime: when the job finished (its terminal condition) and when it expires. */
export function jobExpireTime(job: Job): number | undefined {
  if (job.spec.ttlSecondsAfterFinished === undefined || !isJobFinished(job)) return undefined;
  const cond = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  const finishAt = parseTime(cond?.lastTransitionTime);
  return finishAt === undefined ? undefined : finishAt + job.spec.ttlSecondsAfterFinished * 1000;
}

function processJob(key: string, ctx: ControllerContext): void {
  const i = key.indexOf('/');
  const job = ctx.api.tryGet<KubeObject>(JOB_RESOURCE, key.slice(0, i), key.slice(i + 1)) as unknown as Job | undefined;
  if (!job || job.metadata.deletionTimestamp) return;
  const expireAt = jobExpireTime(job);
  if (expireAt === undefined) return;
  if (ctx.now() < expireAt) {
    ctx.requeueAt(expireAt, key);
    return;
  }
  try {
    ctx.api.delete(JOB_RESOURCE, job.metadata.namespace, job.metadata.name, { propagationPolicy: 'Foreground' });
  } catch (err) {
    if (err instanceof ApiError && err.status.code === 404) return;
    throw err;
  }
}
