// Deletion propagation: what the API server marks (finalizers, deletionTimestamp) and what the
// garbage collector then does, with the ReplicaSet controller running beside it as in a cluster.
import { beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { formatTime } from '../../src/apiserver/time.js';
import { garbageCollector } from '../../src/controllers/garbage-collector.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import type { ControlLoop } from '../../src/sim/loop.js';
import { Bench, RS, T0, controllerRef, newReplicaSet } from './replicaset-harness.js';

const labels = { app: 'web' };
let b: Bench;
let loop: ControlLoop;

beforeEach(() => {
  b = new Bench();
  loop = b.loop([replicaSetController, garbageCollector]);
  loop.skipPending();
});

const settle = () => loop.quiesce();
const cm = (name: string, ownerReferences?: object[]) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', ...(ownerReferences ? { ownerReferences } : {}) },
}) as unknown as KubeObject;
const ref = (o: KubeObject, extra: object = {}) => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid, ...extra });
const configMaps = () => b.api.list('configmaps', { namespace: 'default' }).map((o) => o.metadata.name).sort();

/** A ReplicaSet with three running pods on a node, as the controller made them. */
function runningReplicaSet(name = 'web', replicas = 3) {
  const rs = b.addRS(newReplicaSet(name, replicas, labels));
  settle();
  for (const pod of b.pods()) {
    const bound = b.api.update('pods', { ...(pod as unknown as KubeObject), spec: { ...pod.spec, nodeName: 'node-1' } });
    b.api.updateStatus('pods', { ...bound, status: { phase: 'Running' } });
  }
  settle();
  return rs;
}

/** What the kubelet does once a terminating pod has stopped. */
function kubeletFinishes() {
  for (const pod of b.pods()) if (pod.metadata.deletionTimestamp) b.api.delete('pods', 'default', pod.metadata.name, { gracePeriodSeconds: 0 });
}

describe('background (kubectl delete)', () => {
  test("the owner goes at once and the collector deletes its dependents", () => {
    runningReplicaSet();
    expect(b.api.delete(RS, 'default', 'web', { propagationPolicy: 'Background' })).toBeUndefined();
    settle();
    expect(b.api.tryGet(RS, 'default', 'web')).toBeUndefined();
    const pods = b.pods();
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.deletionTimestamp).toBe(formatTime(T0 + 30_000));
      // Nothing to orphan: the pods keep their reference while they terminate.
      expect(pod.metadata.ownerReferences).toHaveLength(1);
    }
    kubeletFinishes();
    settle();
    expect(b.pods()).toEqual([]);
  });

  test('a delete without a policy uses the kind default, which for apps/v1 is to delete dependents', () => {
    runningReplicaSet();
    b.api.delete(RS, 'default', 'web');
    settle();
    expect(b.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
  });

  test('a dependent whose owner never existed, or is another object of that name, is deleted', () => {
    const owner = b.api.create('configmaps', cm('owner'));
    b.api.create('configmaps', cm('no-such-owner', [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: 'ghost-uid' }]));
    b.api.create('configmaps', cm('uid-mismatch', [{ ...ref(owner), uid: 'another-uid' }]));
    b.api.create('configmaps', cm('kept', [ref(owner)]));
    settle();
    expect(configMaps()).toEqual(['kept', 'owner']);
  });

  test('with another owner alive, only the reference to the missing one is removed', () => {
    const alive = b.api.create('configmaps', cm('alive'));
    const gone = b.api.create('configmaps', cm('gone'));
    b.api.create('configmaps', cm('dep', [ref(alive), ref(gone)]));
    settle();
    b.api.delete('configmaps', 'default', 'gone');
    settle();
    expect(b.api.get('configmaps', 'default', 'dep').metadata.ownerReferences).toEqual([ref(alive)]);
  });

  test('an owner of a kind the server does not serve leaves the dependent alone', () => {
    b.api.create('configmaps', cm('dep', [{ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: 'w-uid' }]));
    settle();
    expect(configMaps()).toEqual(['dep']);
  });

  test('a cluster-scoped owner takes its dependents in every namespace with it', () => {
    const node = b.api.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-9' } });
    b.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'other' } });
    b.api.create('configmaps', cm('a', [ref(node)]));
    b.api.create('configmaps', { ...cm('b', [ref(node)]), metadata: { name: 'b', namespace: 'other', ownerReferences: [ref(node)] } } as KubeObject);
    settle();
    b.api.delete('nodes', undefined, 'node-9');
    settle();
    expect(b.api.list('configmaps').map((o) => o.metadata.name)).toEqual([]);
  });

  test('a chain goes link by link', () => {
    const top = b.api.create('configmaps', cm('top'));
    const mid = b.api.create('configmaps', cm('mid', [ref(top)]));
    b.api.create('configmaps', cm('leaf', [ref(mid)]));
    settle();
    b.api.delete('configmaps', 'default', 'top', { propagationPolicy: 'Background' });
    settle();
    expect(configMaps()).toEqual([]);
  });
});

describe('foreground', () => {
  test('the owner waits, marked, until its blocking dependents are gone', () => {
    runningReplicaSet();
    const before = b.rs('web');
    const marked = b.api.delete(RS, 'default', 'web', { propagationPolicy: 'Foreground' })!;
    expect(marked.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(marked.metadata.deletionTimestamp).toBe(formatTime(T0));
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(marked.metadata.generation).toBe((before.metadata.generation ?? 0) + 1);
    settle();
    // The dependents are being deleted; the ReplicaSet does not replace them.
    expect(b.pods()).toHaveLength(3);
    expect(b.pods().every((p) => p.metadata.deletionTimestamp)).toBe(true);
    expect(b.api.tryGet(RS, 'default', 'web')?.metadata.finalizers).toEqual(['foregroundDeletion']);
    kubeletFinishes();
    settle();
    expect(b.pods()).toEqual([]);
    expect(b.api.tryGet(RS, 'default', 'web')).toBeUndefined();
  });

  test('dependents that do not block are deleted too, but not waited for', () => {
    const owner = b.api.create('configmaps', cm('owner'));
    b.api.create('configmaps', cm('blocking', [ref(owner, { blockOwnerDeletion: true })]));
    b.api.create('configmaps', cm('non-blocking', [ref(owner)]));
    settle();
    b.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    settle();
    expect(configMaps()).toEqual([]);
  });

  test('a dependent with dependents of its own is deleted in the foreground as well', () => {
    const owner = b.api.create('configmaps', cm('owner'));
    const rs = newReplicaSet('web', 2, labels, { ownerReferences: [ref(owner, { controller: true, blockOwnerDeletion: true })] as never });
    b.addRS(rs);
    settle();
    for (const pod of b.pods()) b.api.update('pods', { ...(pod as unknown as KubeObject), spec: { ...pod.spec, nodeName: 'node-1' } });
    settle();
    b.api.delete('configmaps', 'default', 'owner', { propagationPolicy: 'Foreground' });
    settle();
    expect(b.api.get(RS, 'default', 'web').metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(b.api.get('configmaps', 'default', 'owner').metadata.finalizers).toEqual(['foregroundDeletion']);
    kubeletFinishes();
    settle();
    expect(b.api.tryGet(RS, 'default', 'web')).toBeUndefined();
    expect(configMaps()).toEqual([]);
  });

  test('an owner without dependents goes at once', () => {
    b.api.create('configmaps', cm('lonely'));
    b.api.delete('configmaps', 'default', 'lonely', { propagationPolicy: 'Foreground' });
    settle();
    expect(configMaps()).toEqual([]);
  });
});

describe('orphan', () => {
  test('the dependents stay, without their reference, and the owner goes', () => {
    runningReplicaSet();
    const marked = b.api.delete(RS, 'default', 'web', { propagationPolicy: 'Orphan' })!;
    expect(marked.metadata.finalizers).toEqual(['orphan']);
    settle();
    expect(b.api.tryGet(RS, 'default', 'web')).toBeUndefined();
    const pods = b.pods();
    expect(pods).toHaveLength(3);
    for (const pod of pods) {
      expect(pod.metadata.deletionTimestamp).toBeUndefined();
      expect(pod.metadata.ownerReferences).toBeUndefined();
    }
  });

  test('a new ReplicaSet selecting the orphans adopts them instead of creating pods', () => {
    runningReplicaSet();
    const names = b.pods().map((p) => p.metadata.name);
    b.api.delete(RS, 'default', 'web', { propagationPolicy: 'Orphan' });
    settle();
    b.settled();
    const rs = b.addRS(newReplicaSet('web2', 3, labels));
    settle();
    expect(b.pods().map((p) => p.metadata.name)).toEqual(names);
    for (const pod of b.pods()) expect(pod.metadata.ownerReferences).toEqual([controllerRef(rs)]);
    expect(b.events.filter((e) => e.reason === 'SuccessfulCreate')).toEqual([]);
    expect(b.rs('web2').status).toMatchObject({ replicas: 3 });
  });
});

describe('the API server marks the deletion', () => {
  test('the policy replaces the other garbage-collection finalizer and keeps the rest', () => {
    b.api.create('configmaps', { ...cm('x'), metadata: { name: 'x', namespace: 'default', finalizers: ['example.com/hold'] } } as KubeObject);
    const first = b.api.delete('configmaps', 'default', 'x', { propagationPolicy: 'Orphan' })!;
    expect(first.metadata.finalizers).toEqual(['example.com/hold', 'orphan']);
    const second = b.api.delete('configmaps', 'default', 'x', { propagationPolicy: 'Foreground' })!;
    expect(second.metadata.finalizers).toEqual(['example.com/hold', 'foregroundDeletion']);
    expect(second.metadata.deletionTimestamp).toBe(first.metadata.deletionTimestamp);
    const third = b.api.delete('configmaps', 'default', 'x', { propagationPolicy: 'Background' })!;
    expect(third.metadata.finalizers).toEqual(['example.com/hold']);
    // The same request again changes nothing.
    expect(b.api.delete('configmaps', 'default', 'x', { propagationPolicy: 'Background' })!.metadata.resourceVersion)
      .toBe(third.metadata.resourceVersion);
  });

  test('without a policy, a finalizer already present decides', () => {
    b.api.create('configmaps', { ...cm('x'), metadata: { name: 'x', namespace: 'default', finalizers: ['orphan'] } } as KubeObject);
    expect(b.api.delete('configmaps', 'default', 'x')!.metadata.finalizers).toEqual(['orphan']);
  });

  test('a pod terminating gracefully keeps its finalizers whatever a second delete asks', () => {
    b.addPod({ name: 'p', labels, nodeName: 'node-1', phase: 'Running' });
    const first = b.api.delete('pods', 'default', 'p', { propagationPolicy: 'Foreground' })!;
    expect(first.metadata.finalizers).toEqual(['foregroundDeletion']);
    expect(first.metadata.deletionGracePeriodSeconds).toBe(30);
    expect(b.api.delete('pods', 'default', 'p', { propagationPolicy: 'Orphan' })!.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  test('an object whose last finalizer is removed after a zero grace period is deleted', () => {
    b.addPod({ name: 'p', labels, nodeName: 'node-1', phase: 'Running' });
    b.api.delete('pods', 'default', 'p', { propagationPolicy: 'Foreground' });
    settle();
    // The collector found no dependents and dropped the finalizer; the kubelet then ends the pod.
    expect(b.pod('p')?.metadata.finalizers).toBeUndefined();
    b.api.delete('pods', 'default', 'p', { gracePeriodSeconds: 0 });
    expect(b.pod('p')).toBeUndefined();
  });
});
