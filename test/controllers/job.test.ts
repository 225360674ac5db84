// The Job controller one sync at a time, after upstream's job_controller_test.go: seed a Job,
// play the kubelet's part by moving pods to their final phase, reconcile, and look at the pods,
// the status, the Events and the timers the sync left.
import { describe, expect, test } from 'vitest';
import type { Job } from '../../src/api/batch/job/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { formatTime } from '../../src/apiserver/time.js';
import { JOB_RESOURCE, JobTrackingFinalizer, jobController } from '../../src/controllers/job/job.js';
import { Bench, T0 } from './replicaset-harness.js';

const sync = (b: Bench, name = 'pi') => jobController.reconcile(`default/${name}`, b.ctx('job'));

function addJob(b: Bench, spec: Record<string, unknown> = {}, name = 'pi'): Job {
  return b.api.create<KubeObject>(JOB_RESOURCE, {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' },
    spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } }, ...spec },
  } as unknown as KubeObject) as unknown as Job;
}

const job = (b: Bench, name = 'pi') => b.api.get<KubeObject>(JOB_RESOURCE, 'default', name) as unknown as Job;

/** The kubelet's final status for a pod that ran and exited at `at` (ms after T0). */
function finish(b: Bench, pod: Pod, phase: 'Succeeded' | 'Failed', at = b.now - T0): Pod {
  const t = formatTime(T0 + at);
  return b.api.updateStatus<KubeObject>('pods', {
    ...(pod as unknown as KubeObject),
    status: {
      phase,
      containerStatuses: [{
        name: 'c', ready: false, restartCount: 0, image: 'busybox', imageID: '',
        state: { terminated: { exitCode: phase === 'Succeeded' ? 0 : 1, reason: phase === 'Succeeded' ? 'Completed' : 'Error', startedAt: t, finishedAt: t } },
      }],
    },
  } as unknown as KubeObject) as unknown as Pod;
}

const conditions = (j: Job) => (j.status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

describe('syncJob', () => {
  test('creates one pod per parallelism, with the tracking finalizer and the generated labels', () => {
    const b = new Bench();
    const j = addJob(b, { parallelism: 2, completions: 5 });
    b.settled();
    sync(b);
    const pods = b.pods();
    expect(pods).toHaveLength(2);
    const uid = j.metadata.uid!;
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(pod.metadata.finalizers).toEqual([JobTrackingFinalizer]);
      expect(pod.metadata.labels).toEqual({
        'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi',
      });
      expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid, controller: true, blockOwnerDeletion: true }]);
    }
    expect(b.events.map((e) => `${e.component} ${e.reason} ${e.message}`).sort())
      .toEqual(pods.map((p) => `job-controller SuccessfulCreate Created pod: ${p.metadata.name}`).sort());
    expect(job(b).status).toEqual({ startTime: formatTime(T0), active: 2, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
  });

  test('a succeeded pod is counted through uncountedTerminatedPods, then SuccessCriteriaMet and Complete', () => {
    const b = new Bench();
    addJob(b);
    sync(b);
    b.now += 19_000;
    const pod = finish(b, b.pods()[0], 'Succeeded');
    b.settled();
    sync(b);
    // First write: the pod on record as uncounted, with the interim condition; then the counters.
    const statusWrites = b.store.changes(0).filter((c) => c.resource === JOB_RESOURCE).map((c) => (c.object as unknown as Job).status);
    expect(statusWrites.at(-2)?.uncountedTerminatedPods).toEqual({ succeeded: [pod.metadata.uid] });
    expect(b.pod(pod.metadata.name)?.metadata.finalizers).toBeUndefined();
    const t = formatTime(T0 + 19_000);
    expect(job(b).status).toEqual({
      startTime: formatTime(T0), completionTime: t, succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {},
      conditions: [
        { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
        { type: 'Complete', status: 'True', lastProbeTime: t, lastTransitionTime: t, reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      ],
    });
    expect(b.events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual(['Normal Completed Job completed']);
    b.settled();
    sync(b);
    expect(b.writes()).toEqual([]);
  });

  test('a failed pod is replaced only after the pod failure back-off (10s, then 20s)', () => {
    const b = new Bench();
    addJob(b, { backoffLimit: 6 });
    sync(b);
    b.now += 5_000;
    finish(b, b.pods()[0], 'Failed');
    sync(b);
    expect(b.pods().filter((p) => p.status?.phase !== 'Failed')).toHaveLength(0);
    expect(job(b).status?.failed).toBe(1);
    expect(b.timers('job')).toContainEqual({ due: 15_000, key: 'default/pi' });
    b.now = T0 + 14_999;
    sync(b);
    expect(b.pods()).toHaveLength(1);
    b.now = T0 + 15_000;
    sync(b);
    expect(b.pods()).toHaveLength(2);
    const second = b.pods().find((p) => p.status?.phase !== 'Failed')!;
    b.now = T0 + 16_000;
    finish(b, second, 'Failed');
    sync(b);
    expect(b.timers('job')).toContainEqual({ due: 36_000, key: 'default/pi' });
  });

  test('backoffLimit 0: the first failure sets FailureTarget and Failed, with the BackoffLimitExceeded event', () => {
    const b = new Bench();
    addJob(b, { backoffLimit: 0 });
    sync(b);
    finish(b, b.pods()[0], 'Failed');
    b.settled();
    sync(b);
    expect(conditions(job(b))).toEqual([
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit',
      'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit',
    ]);
    expect(job(b).status?.failed).toBe(1);
    expect(job(b).status?.completionTime).toBeUndefined();
    expect(b.events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual(['Warning BackoffLimitExceeded Job has reached the specified backoff limit']);
  });

  test('activeDeadlineSeconds: the running pod is deleted and the job fails once it is gone', () => {
    const b = new Bench();
    addJob(b, { activeDeadlineSeconds: 30 });
    sync(b);
    expect(b.timers('job')).toContainEqual({ due: 30_000, key: 'default/pi' });
    const pod = b.pods()[0];
    b.api.updateStatus<KubeObject>('pods', { ...(pod as unknown as KubeObject), status: { phase: 'Running' } });
    b.now = T0 + 30_000;
    b.settled();
    sync(b);
    expect(b.events.map((e) => `${e.reason} ${e.message}`)).toEqual([`SuccessfulDelete Deleted pod: ${pod.metadata.name}`]);
    // The pod is terminating (it has no node, so it went at once): the verdict is recorded first.
    expect(conditions(job(b))[0]).toBe('FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline');
    sync(b);
    expect(conditions(job(b))).toEqual([
      'FailureTarget=True DeadlineExceeded: Job was active longer than specified deadline',
      'Failed=True DeadlineExceeded: Job was active longer than specified deadline',
    ]);
    expect(b.pods()).toHaveLength(0);
  });

  test('Indexed: one pod per index with its annotation, label, hostname and JOB_COMPLETION_INDEX', () => {
    const b = new Bench();
    addJob(b, { completionMode: 'Indexed', completions: 3, parallelism: 3 }, 'idx');
    sync(b, 'idx');
    const pods = b.pods().sort((x, y) => x.metadata.name.localeCompare(y.metadata.name));
    expect(pods.map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1', '2']);
    expect(pods.map((p) => p.spec.hostname)).toEqual(['idx-0', 'idx-1', 'idx-2']);
    expect(pods[1].metadata.name).toMatch(/^idx-1-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pods[0].spec.containers[0].env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['batch.kubernetes.io/job-completion-index']" } } }]);
    finish(b, pods[0], 'Succeeded');
    finish(b, pods[2], 'Succeeded');
    sync(b, 'idx');
    expect(job(b, 'idx').status?.completedIndexes).toBe('0,2');
    expect(job(b, 'idx').status?.succeeded).toBe(2);
  });
});

describe('ttlSecondsAfterFinished', () => {
  test('the finished job and its pods are deleted that many seconds after it finished', async () => {
    const { ttlAfterFinishedController } = await import('../../src/controllers/ttl-after-finished.js');
    const { garbageCollector } = await import('../../src/controllers/garbage-collector.js');
    const b = new Bench();
    const loop = b.loop([jobController, ttlAfterFinishedController, garbageCollector]);
    addJob(b, { ttlSecondsAfterFinished: 100 });
    loop.advanceTo(b.now, Infinity);
    b.now += 10_000;
    finish(b, b.pods()[0], 'Succeeded');
    loop.advanceTo(b.now, Infinity);
    expect(job(b).status?.conditions?.at(-1)?.type).toBe('Complete');
    loop.advanceTo(T0 + 109_999, Infinity);
    expect(b.api.tryGet(JOB_RESOURCE, 'default', 'pi')).toBeDefined();
    loop.advanceTo(T0 + 110_000, Infinity);
    expect(b.api.tryGet(JOB_RESOURCE, 'default', 'pi')).toBeUndefined();
    expect(b.pods()).toEqual([]);
  });
});
