// The ReplicaSet controller, one sync at a time, after upstream's replica_set_test.go: seed the
// store, reconcile a key once, and look at the writes, the Events and the timers it left.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { Api } from '../../src/apiserver/api.js';
import { forbidden } from '../../src/apiserver/errors.js';
import { formatTime } from '../../src/apiserver/time.js';
import { calculateStatus, replicaSetController } from '../../src/controllers/replicaset.js';
import type { WatchEvent } from '../../src/store/store.js';
import { Bench, RS, T0, controllerRef, newReplicaSet } from './replicaset-harness.js';

const labels = { foo: 'bar' };
const sync = (b: Bench, key = 'default/rs', api?: Api) => replicaSetController.reconcile(key, b.ctx('replicaset', api));
const podNames = (b: Bench) => b.pods().map((p) => p.metadata.name);
const NAME = /^rs-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

describe('syncReplicaSet', () => {
  test('creates the missing pods from the template, named <rs>-xxxxx and owned by the ReplicaSet', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 3, labels));
    b.settled();
    sync(b);
    const pods = b.pods();
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.name).toMatch(NAME);
      expect(pod.metadata.generateName).toBe('rs-');
      expect(pod.metadata.labels).toEqual(labels);
      expect(pod.metadata.ownerReferences).toEqual([{
        apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true,
      }]);
    }
    expect(b.events).toEqual(pods.map(() => expect.objectContaining({
      object: 'ReplicaSet/rs', type: 'Normal', reason: 'SuccessfulCreate', component: 'replicaset-controller',
    })));
    expect(b.events.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    // Status counts the pods the sync started from; the new pods' events bring the next one.
    expect(b.rs('rs').status).toEqual({ replicas: 0, observedGeneration: 1 });
    sync(b);
    expect(b.rs('rs').status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  test('does nothing when the ReplicaSet has its replicas (TestSyncReplicaSetDoesNothing)', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 2, labels));
    b.addPod({ name: 'pod-a', labels, owner: rs, phase: 'Running' });
    b.addPod({ name: 'pod-b', labels, owner: rs, phase: 'Running' });
    sync(b);
    b.settled();
    sync(b);
    expect(b.writes()).toEqual([]);
    expect(b.events).toEqual([]);
  });

  test('deletes the surplus (TestSyncReplicaSetDeletes)', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 2, labels));
    for (const name of ['pod-a', 'pod-b', 'pod-c']) b.addPod({ name, labels, owner: rs, phase: 'Running' });
    b.settled();
    sync(b);
    expect(b.pods()).toHaveLength(2);
    expect(b.events).toEqual([expect.objectContaining({ type: 'Normal', reason: 'SuccessfulDelete', message: expect.stringMatching(/^Deleted pod: pod-[abc]$/) })]);
    expect(b.rs('rs').status?.replicas).toBe(3);
    sync(b);
    expect(b.rs('rs').status?.replicas).toBe(2);
  });

  test('create failures stop the slow start after the failing batch (TestSyncReplicaSetCreateFailures)', () => {
    const b = new Bench();
    b.addRS(newReplicaSet('rs', 100, labels));
    let calls = 0;
    const quota = forbidden('pods "rs-" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=10, limited: pods=10');
    const api: Api = Object.create(b.api, {
      create: {
        value: <T extends KubeObject>(resource: string, obj: T) => {
          if (resource === 'pods' && ++calls > 10) throw quota;
          return b.api.create(resource, obj);
        },
      },
    });
    b.settled();
    sync(b, 'default/rs', api);
    // Batches of 1, 2, 4 succeed; the batch of 8 meets the limit after 3: 15 calls in all.
    expect(calls).toBe(15);
    expect(b.pods()).toHaveLength(10);
    const failed = b.events.filter((e) => e.reason === 'FailedCreate');
    expect(failed).toHaveLength(5);
    expect(failed[0]).toEqual({
      object: 'ReplicaSet/rs', type: 'Warning', reason: 'FailedCreate', component: 'replicaset-controller',
      message: `Error creating: ${quota.message}`,
    });
    expect(b.rs('rs').status).toEqual({
      replicas: 0, observedGeneration: 1,
      conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(T0), reason: 'FailedCreate', message: quota.message }],
    });
    // workqueue's rate limiter: 5 ms, then doubling.
    expect(b.timers('replicaset')).toEqual([{ due: 5, key: 'default/rs' }]);
    b.store.removeTimer(b.store.dueTimers(Number.MAX_SAFE_INTEGER)[0].id);
    sync(b, 'default/rs', api);
    expect(b.timers('replicaset')).toEqual([{ due: 10, key: 'default/rs' }]);
  });

  test('a successful sync clears the ReplicaFailure condition', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 1, labels));
    b.api.updateStatus(RS, { ...(rs as unknown as KubeObject), status: {
      replicas: 0, conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(T0), reason: 'FailedCreate', message: 'x' }],
    } });
    sync(b);
    expect(b.rs('rs').status).toEqual({ replicas: 0, observedGeneration: 1 });
  });

  test('creates at most burstReplicas (500) pods in one sync', () => {
    const b = new Bench();
    b.addRS(newReplicaSet('rs', 510, labels));
    sync(b);
    expect(b.pods()).toHaveLength(500);
    sync(b);
    expect(b.pods()).toHaveLength(510);
  });

  test('adopts matching orphans, then deletes the surplus (TestPatchExtraPodsThenDelete)', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 2, labels));
    for (const name of ['pod1', 'pod2', 'pod3']) b.addPod({ name, labels, phase: 'Running' });
    b.settled();
    sync(b);
    const w = b.writes();
    expect(w.filter((x) => x.type === 'MODIFIED' && x.resource === 'pods').map((x) => x.name).sort()).toEqual(['pod1', 'pod2', 'pod3']);
    expect(w.filter((x) => x.type === 'DELETED')).toHaveLength(1);
    for (const pod of b.pods()) expect(pod.metadata.ownerReferences).toEqual([controllerRef(rs)]);
  });

  test('adopts a pod that has another, non-controller owner (TestPatchPodWithOtherOwnerRef)', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 1, labels));
    const other = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' };
    b.addPod({ name: 'pod', labels, phase: 'Running', ownerReferences: [other] });
    sync(b);
    expect(b.pod('pod')?.metadata.ownerReferences).toEqual([other, controllerRef(rs)]);
    expect(podNames(b)).toEqual(['pod']);
  });

  test('leaves a pod with another controller alone and creates its own (TestDoNotPatchPodWithOtherControlRef)', () => {
    const b = new Bench();
    b.addRS(newReplicaSet('rs', 2, labels));
    const foreign = controllerRef({ metadata: { name: 'other', uid: 'other-uid' } });
    b.addPod({ name: 'pod', labels, phase: 'Running', ownerReferences: [foreign] });
    sync(b);
    expect(b.pod('pod')?.metadata.ownerReferences).toEqual([foreign]);
    expect(b.pods()).toHaveLength(3);
  });

  test('releases an owned pod whose labels stopped matching and replaces it (TestUpdateLabelsRemoveControllerRef)', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 1, labels));
    b.addPod({ name: 'pod', labels: { foo: 'other' }, owner: rs, phase: 'Running' });
    sync(b);
    expect(b.pod('pod')?.metadata.ownerReferences).toBeUndefined();
    expect(b.pods().filter((p) => p.metadata.name.startsWith('rs-'))).toHaveLength(1);
  });

  test('a ReplicaSet being deleted neither adopts nor creates (TestDoNotAdoptOrCreateIfBeingDeleted)', () => {
    const b = new Bench();
    b.addRS(newReplicaSet('rs', 2, labels));
    b.api.delete(RS, 'default', 'rs', { propagationPolicy: 'Foreground' });
    b.addPod({ name: 'orphan', labels, phase: 'Running' });
    b.settled();
    sync(b);
    expect(b.pod('orphan')?.metadata.ownerReferences).toBeUndefined();
    expect(podNames(b)).toEqual(['orphan']);
    expect(b.events).toEqual([]);
  });

  test('pods owned by an overlapping ReplicaSet are not counted (TestOverlappingRSs)', () => {
    const b = new Bench();
    const rs1 = b.addRS(newReplicaSet('rs1', 1, labels));
    b.addRS(newReplicaSet('rs2', 1, labels));
    b.addPod({ name: 'pod', labels, owner: rs1, phase: 'Running' });
    sync(b, 'default/rs2');
    expect(b.pod('pod')?.metadata.ownerReferences).toEqual([controllerRef(rs1)]);
    expect(b.pods().filter((p) => p.metadata.name.startsWith('rs2-'))).toHaveLength(1);
  });

  test('finished and terminating pods are replaced', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 2, labels));
    b.addPod({ name: 'done', labels, owner: rs, phase: 'Succeeded' });
    b.addPod({ name: 'failed', labels, owner: rs, phase: 'Failed' });
    b.addPod({ name: 'going', labels, owner: rs, phase: 'Running', nodeName: 'node-1' });
    b.api.delete('pods', 'default', 'going');
    sync(b);
    expect(b.pods().filter((p) => p.metadata.name.startsWith('rs-'))).toHaveLength(2);
    expect(b.rs('rs').status?.replicas).toBe(0);
    sync(b);
    expect(b.rs('rs').status?.replicas).toBe(2);
  });

  test('minReadySeconds: ready pods count as available only afterwards, and the sync comes back then', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 2, labels, { minReadySeconds: 10 }));
    b.now = T0 + 3_500;
    b.addPod({ name: 'a', labels, owner: rs, phase: 'Running', nodeName: 'n', ready: true, readySince: 3_000 });
    b.addPod({ name: 'b', labels, owner: rs, phase: 'Running', nodeName: 'n', ready: true, readySince: 2_000 });
    sync(b);
    expect(b.rs('rs').status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, observedGeneration: 1 });
    // Ready since 2 s, for more than 10 s: available from 12.001 s on.
    expect(b.timers('replicaset')).toEqual([{ due: 12_001, key: 'default/rs' }]);
    b.now = T0 + 12_001;
    sync(b);
    expect(b.rs('rs').status?.availableReplicas).toBe(1);
    expect(b.timers('replicaset')).toContainEqual({ due: 13_001, key: 'default/rs' });
    b.now = T0 + 13_001;
    sync(b);
    expect(b.rs('rs').status?.availableReplicas).toBe(2);
  });

  test('a spec change is observed in status.observedGeneration', () => {
    const b = new Bench();
    b.addRS(newReplicaSet('rs', 1, labels));
    sync(b);
    b.api.patch(RS, 'default', 'rs', 'merge', { spec: { replicas: 0 } });
    sync(b);
    expect(b.rs('rs').status).toEqual({ replicas: 1, fullyLabeledReplicas: 1, observedGeneration: 2 });
    expect(b.pods()).toEqual([]);
    sync(b);
    expect(b.rs('rs').status).toEqual({ replicas: 0, observedGeneration: 2 });
  });

  test('a namespace being terminated refuses the creates quietly', () => {
    const b = new Bench();
    b.addRS(newReplicaSet('rs', 2, labels));
    b.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'keep' } });
    const ns = b.api.get('namespaces', undefined, 'default');
    b.store.update('namespaces', { ...ns, metadata: { ...ns.metadata, deletionTimestamp: formatTime(T0) } });
    b.settled();
    sync(b);
    expect(b.pods()).toEqual([]);
    expect(b.events).toEqual([]);
    expect(b.rs('rs').status?.conditions).toBeUndefined();
  });

  test('a ReplicaSet that is gone is a no-op', () => {
    const b = new Bench();
    sync(b, 'default/missing');
    expect(b.writes()).toEqual([]);
  });
});

describe('event handlers: keysFor', () => {
  const ev = (type: WatchEvent['type'], resource: string, object: Record<string, unknown>): WatchEvent =>
    ({ type, revision: 1, resource, object: object as unknown as KubeObject });
  const pod = (meta: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns', ...meta }, spec: {} });

  test('a ReplicaSet change queues that ReplicaSet', () => {
    expect(replicaSetController.keysFor(ev('MODIFIED', RS, { kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'ns' } }))).toEqual(['ns/rs']);
  });

  test('a pod with a ReplicaSet controller queues its controller, whatever the change', () => {
    const owned = pod({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true }] });
    for (const type of ['ADDED', 'MODIFIED', 'DELETED'] as const) expect(replicaSetController.keysFor(ev(type, 'pods', owned))).toEqual(['ns/rs']);
  });

  test('a pod controlled by another kind queues nothing', () => {
    const owned = pod({ ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: 'u', controller: true }] });
    expect(replicaSetController.keysFor(ev('ADDED', 'pods', owned))).toEqual([]);
  });

  test('an orphan is offered for adoption, unless it is going away', () => {
    expect(replicaSetController.keysFor(ev('ADDED', 'pods', pod({})))).toEqual(['orphan:ns/p']);
    expect(replicaSetController.keysFor(ev('DELETED', 'pods', pod({})))).toEqual([]);
    expect(replicaSetController.keysFor(ev('MODIFIED', 'pods', pod({ deletionTimestamp: '2025-01-01T00:00:00Z' })))).toEqual([]);
  });

  test('an orphan key syncs the ReplicaSets that select the pod, which adopt it', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 1, labels));
    b.addRS(newReplicaSet('unrelated', 0, { foo: 'baz' }));
    b.addPod({ name: 'pod', labels, phase: 'Running' });
    sync(b, 'orphan:default/pod');
    expect(b.pod('pod')?.metadata.ownerReferences).toEqual([controllerRef(rs)]);
    expect(b.rs('rs').status?.replicas).toBe(1);
    expect(b.rs('unrelated').status).toEqual({ replicas: 0 });
  });
});

describe('calculateStatus (replica_set_utils_test.go)', () => {
  const rsWith = (replicas: number, template = labels, status?: object) => ({
    ...newReplicaSet('rs', replicas, labels),
    spec: { ...newReplicaSet('rs', replicas, labels).spec, template: { metadata: { labels: template }, spec: { containers: [] } } },
    ...(status ? { status } : {}),
  }) as ReturnType<typeof newReplicaSet>;
  const p = (l: Record<string, string>, ready = false) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: l }, spec: { containers: [] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  }) as never;
  const longLabels = { foo: 'bar', extra: 'x' };

  test.each([
    { name: '1 fully labelled pod', pods: [p(labels)], want: { replicas: 1, fullyLabeledReplicas: 1 } },
    { name: '1 not fully labelled pod', rs: rsWith(1, longLabels), pods: [p(labels)], want: { replicas: 1 } },
    { name: '2 fully labelled pods', pods: [p(longLabels), p(longLabels)], want: { replicas: 2, fullyLabeledReplicas: 2 } },
    { name: '1 fully and 1 not fully labelled', rs: rsWith(2, longLabels), pods: [p(labels), p(longLabels)], want: { replicas: 2, fullyLabeledReplicas: 1 } },
    { name: '1 ready pod', pods: [p(labels, true)], want: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1 } },
  ])('$name', ({ rs, pods, want }) => {
    expect(calculateStatus(rs ?? rsWith(1), pods, undefined, T0)).toEqual(want);
  });

  const failure = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(T0), reason: 'FailedCreate', message: 'fake manageReplicasErr' };
  test.each([
    { name: 'manageReplicasErr != nil && failureCond == nil, diff < 0', rs: rsWith(2), pods: [p(labels)], err: new Error('fake manageReplicasErr'), want: [failure] },
    { name: 'manageReplicasErr != nil && failureCond == nil, diff > 0', rs: rsWith(1), pods: [p(labels), p(labels)], err: new Error('fake manageReplicasErr'),
      want: [{ ...failure, reason: 'FailedDelete' }] },
    { name: 'manageReplicasErr == nil && failureCond != nil', rs: rsWith(1, labels, { replicas: 1, conditions: [failure] }), pods: [p(labels)], err: undefined, want: undefined },
    { name: 'manageReplicasErr != nil && failureCond != nil', rs: rsWith(1, labels, { replicas: 1, conditions: [{ ...failure, message: 'old' }] }), pods: [p(labels)],
      err: new Error('fake manageReplicasErr'), want: [{ ...failure, message: 'old' }] },
    { name: 'manageReplicasErr == nil && failureCond == nil', rs: rsWith(1), pods: [p(labels)], err: undefined, want: undefined },
  ])('$name', ({ rs, pods, err, want }) => {
    expect(calculateStatus(rs, pods, err, T0).conditions).toEqual(want);
  });
});
