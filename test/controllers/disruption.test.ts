// The disruption controller's status, from pkg/controller/disruption/disruption_test.go's cases
// (TestNoSelector, TestUnavailable, TestReplicaSet, TestIntegerMaxUnavailable*, TestNakedPod,
// TestUpdateDisruptedPods) on a manual clock: one sync, then the status and Events it left.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { PodDisruptionBudget } from '../../src/api/policy/poddisruptionbudget/schema.js';
import { disruptionController, PDB_RESOURCE } from '../../src/controllers/disruption.js';
import { formatTime } from '../../src/apiserver/time.js';
import { Bench, T0, controllerRef, newReplicaSet } from './replicaset-harness.js';

function addPdb(b: Bench, spec: Record<string, unknown>, name = 'pdb'): void {
  b.api.create(PDB_RESOURCE, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec } as KubeObject);
}

function sync(b: Bench, name = 'pdb'): PodDisruptionBudget {
  disruptionController.reconcile(`default/${name}`, b.ctx('disruption'));
  return b.api.get<KubeObject>(PDB_RESOURCE, 'default', name) as unknown as PodDisruptionBudget;
}

/** VerifyPdbStatus's numbers. */
const counts = (p: PodDisruptionBudget) => {
  const s = p.status ?? {};
  return { disruptionsAllowed: s.disruptionsAllowed, currentHealthy: s.currentHealthy, desiredHealthy: s.desiredHealthy,
    expectedPods: s.expectedPods, disruptedPods: s.disruptedPods ?? {} };
};

const app = { app: 'web' };

describe('disruption controller', () => {
  test('an integer minAvailable counts the selected pods themselves (TestUnavailable)', () => {
    const b = new Bench();
    addPdb(b, { minAvailable: 3, selector: { matchLabels: app } });
    for (let i = 0; i < 4; i++) b.addPod({ name: `p${i}`, labels: app, phase: 'Running', ready: true });
    b.addPod({ name: 'other', labels: { app: 'db' }, phase: 'Running', ready: true });
    const pdb = sync(b);
    expect(counts(pdb)).toEqual({ disruptionsAllowed: 1, currentHealthy: 4, desiredHealthy: 3, expectedPods: 4, disruptedPods: {} });
    expect(pdb.status).toEqual({
      observedGeneration: 1, disruptionsAllowed: 1, currentHealthy: 4, desiredHealthy: 3, expectedPods: 4,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: formatTime(T0), reason: 'SufficientPods', message: '' }],
    });
    // One pod loses readiness: no disruption left, and the condition flips.
    b.now = T0 + 30_000;
    const p0 = b.pod('p0')!;
    b.api.updateStatus('pods', { ...(p0 as unknown as KubeObject), status: { ...p0.status, conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: formatTime(b.now) }] } });
    const after = sync(b);
    expect(counts(after)).toEqual({ disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 3, expectedPods: 4, disruptedPods: {} });
    expect(after.status?.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1,
      lastTransitionTime: formatTime(T0 + 30_000), reason: 'InsufficientPods', message: '' }]);
  });

  test('an empty selector selects every pod of the namespace (TestNoSelector)', () => {
    const b = new Bench();
    addPdb(b, { minAvailable: 3, selector: {} });
    b.addPod({ name: 'p', labels: app, phase: 'Running', ready: true });
    expect(counts(sync(b))).toEqual({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 3, expectedPods: 1, disruptedPods: {} });
  });

  test('no matching pods: a NoPods event and nothing allowed', () => {
    const b = new Bench();
    addPdb(b, { maxUnavailable: 1, selector: { matchLabels: app } });
    b.settled();
    expect(counts(sync(b))).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptedPods: {} });
    expect(b.events).toEqual([{ object: 'PodDisruptionBudget/pdb', type: 'Normal', reason: 'NoPods', message: 'No matching pods found', component: 'controllermanager' }]);
  });

  test('percentages and maxUnavailable scale by the Deployment behind the pods (TestDeploymentFinderFunction, rounding up)', () => {
    const b = new Bench();
    const d = b.api.create<KubeObject>('deployments.apps', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 5, selector: { matchLabels: app }, template: { metadata: { labels: app }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    } as KubeObject);
    const rs = b.addRS(newReplicaSet('web-1', 5, app, { ownerReferences: [controllerRef(d as never, 'Deployment')] }));
    for (let i = 0; i < 3; i++) b.addPod({ name: `p${i}`, labels: app, owner: rs, phase: 'Running', ready: true });
    addPdb(b, { maxUnavailable: '30%', selector: { matchLabels: app } });
    // expected 5 (the Deployment's replicas), maxUnavailable ceil(1.5) = 2, desired 3.
    expect(counts(sync(b))).toEqual({ disruptionsAllowed: 0, currentHealthy: 3, desiredHealthy: 3, expectedPods: 5, disruptedPods: {} });
    addPdb(b, { minAvailable: '30%', selector: { matchLabels: app } }, 'min');
    // desired ceil(1.5) = 2 of 5 expected.
    expect(counts(sync(b, 'min'))).toEqual({ disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 5, disruptedPods: {} });
  });

  test('a ReplicaSet without a Deployment gives its own replicas (TestReplicaSet)', () => {
    const b = new Bench();
    const rs = b.addRS(newReplicaSet('rs', 10, app));
    for (let i = 0; i < 8; i++) b.addPod({ name: `p${i}`, labels: app, owner: rs, phase: 'Running', ready: true });
    addPdb(b, { minAvailable: '20%', selector: { matchLabels: app } });
    expect(counts(sync(b))).toEqual({ disruptionsAllowed: 6, currentHealthy: 8, desiredHealthy: 2, expectedPods: 10, disruptedPods: {} });
  });

  test('pods without a controller are unmanaged under a percentage (TestNakedPod)', () => {
    const b = new Bench();
    addPdb(b, { minAvailable: '28%', selector: { matchLabels: app } });
    b.addPod({ name: 'naked', labels: app, phase: 'Running', ready: true });
    b.settled();
    expect(counts(sync(b))).toEqual({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 0, expectedPods: 0, disruptedPods: {} });
    expect(b.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Warning UnmanagedPods: Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},'
      + 'MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated '
      + 'correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    ]);
  });

  test('a controller of a kind with no scale finder fails the sync safe', () => {
    const b = new Bench();
    addPdb(b, { maxUnavailable: 1, selector: { matchLabels: app } });
    b.addPod({ name: 'web-0', labels: app, phase: 'Running', ready: true,
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'sts-uid', controller: true }] });
    b.settled();
    const pdb = sync(b);
    expect(pdb.status?.disruptionsAllowed).toBe(0);
    expect(pdb.status?.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', lastTransitionTime: formatTime(T0),
      reason: 'SyncFailed', message: 'found no controllers for pod "web-0"' }]);
    expect(b.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Warning CalculateExpectedPodCountFailed: Failed to calculate the number of expected pods: found no controllers for pod "web-0"',
    ]);
  });

  test('disrupted pods stop counting as healthy until DeletionTimeout, then are dropped (TestUpdateDisruptedPods)', () => {
    const b = new Bench();
    addPdb(b, { minAvailable: 1, selector: { matchLabels: app } });
    for (const n of ['p1', 'p2']) b.addPod({ name: n, labels: app, phase: 'Running', ready: true });
    const first = sync(b);
    b.api.updateStatus(PDB_RESOURCE, { ...(first as unknown as KubeObject), status: { ...first.status, disruptionsAllowed: 0, disruptedPods: { p1: formatTime(T0) } } });
    b.settled();
    const held = sync(b);
    expect(counts(held)).toEqual({ disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 2, disruptedPods: { p1: formatTime(T0) } });
    expect(b.timers('disruption')).toEqual([{ due: 120_000, key: 'default/pdb' }]);
    b.now = T0 + 121_000;
    b.settled();
    expect(counts(sync(b))).toEqual({ disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptedPods: {} });
    expect(b.events).toEqual([{ object: 'Pod/p1', type: 'Warning', reason: 'NotDeleted', message: "Pod was expected by PDB default/default to be deleted but it wasn't", component: 'controllermanager' }]);
  });

  test('a pod change syncs the budgets selecting it, through the control loop', () => {
    const b = new Bench();
    addPdb(b, { minAvailable: 1, selector: { matchLabels: app } });
    addPdb(b, { minAvailable: 1, selector: { matchLabels: { app: 'db' } } }, 'db');
    const loop = b.loop([disruptionController]);
    loop.quiesce();
    b.addPod({ name: 'p1', labels: app, phase: 'Running', ready: true });
    b.addPod({ name: 'p2', labels: app, phase: 'Running', ready: true });
    loop.quiesce();
    const get = (n: string) => b.api.get<KubeObject>(PDB_RESOURCE, 'default', n) as unknown as PodDisruptionBudget;
    expect(counts(get('pdb'))).toEqual({ disruptionsAllowed: 1, currentHealthy: 2, desiredHealthy: 1, expectedPods: 2, disruptedPods: {} });
    expect(counts(get('db'))).toEqual({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 0, disruptedPods: {} });
  });
});
