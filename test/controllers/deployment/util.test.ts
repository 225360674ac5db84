// deployment_util_test.go (release-1.32), the tables that do not need a client.
import { describe, expect, test } from 'vitest';
import type { Deployment, DeploymentCondition } from '../../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../src/api/apps/replicaset/schema.js';
import {
  DesiredReplicasAnnotation, deploymentComplete, deploymentProgressing, deploymentTimedOut, findNewReplicaSet,
  findOldReplicaSets, getActualReplicaCountForReplicaSets, getProportion, getReplicaCountForReplicaSets, isSaturated,
  MaxReplicasAnnotation, maxUnavailable, minAvailable, newRSNewReplicas, NewRSAvailableReason, removeDeploymentCondition,
  replicasAnnotationsNeedUpdate, resolveFenceposts, RevisionAnnotation, RevisionHistoryAnnotation, setDeploymentCondition,
  setNewReplicaSetAnnotations, setReplicasAnnotations, statusOf, type DeploymentStatusValue,
} from '../../../src/controllers/deployment/util.js';
import { newDeployment, rs } from './builders.js';

const status = (s: Partial<DeploymentStatusValue>): DeploymentStatusValue => ({
  observedGeneration: 0, replicas: 0, updatedReplicas: 0, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 0, conditions: [], ...s,
});

describe('ResolveFenceposts', () => {
  test.each([
    { maxSurge: '0%', maxUnavailable: '0%', desired: 0, expectSurge: 0, expectUnavailable: 1, expectError: false },
    { maxSurge: '39%', maxUnavailable: '39%', desired: 10, expectSurge: 4, expectUnavailable: 3, expectError: false },
    { maxSurge: 'oops', maxUnavailable: '39%', desired: 10, expectSurge: 0, expectUnavailable: 0, expectError: true },
    { maxSurge: '55%', maxUnavailable: 'urg', desired: 10, expectSurge: 0, expectUnavailable: 0, expectError: true },
    { maxSurge: undefined, maxUnavailable: '39%', desired: 10, expectSurge: 0, expectUnavailable: 3, expectError: false },
    { maxSurge: '39%', maxUnavailable: undefined, desired: 10, expectSurge: 4, expectUnavailable: 0, expectError: false },
    { maxSurge: undefined, maxUnavailable: undefined, desired: 10, expectSurge: 0, expectUnavailable: 1, expectError: false },
  ])('%j', (t) => {
    if (t.expectError) {
      expect(() => resolveFenceposts(t.maxSurge, t.maxUnavailable, t.desired)).toThrow();
      return;
    }
    expect(resolveFenceposts(t.maxSurge, t.maxUnavailable, t.desired)).toEqual([t.expectSurge, t.expectUnavailable]);
  });

  test('surge rounds up, unavailable rounds down (25% of 3: 1 and 0)', () => {
    expect(resolveFenceposts('25%', '25%', 3)).toEqual([1, 0]);
  });
});

describe('NewRSNewReplicas', () => {
  test.each([
    { name: 'can not scale up - to newRSReplicas', strategy: 'RollingUpdate', depReplicas: 1, newRSReplicas: 5, maxSurge: 1, expected: 5 },
    { name: 'scale up - to depReplicas', strategy: 'RollingUpdate', depReplicas: 6, newRSReplicas: 2, maxSurge: 10, expected: 6 },
    { name: 'recreate - to depReplicas', strategy: 'Recreate', depReplicas: 3, newRSReplicas: 1, maxSurge: 1, expected: 3 },
  ])('$name', (t) => {
    const d = newDeployment('nginx', t.depReplicas, undefined, t.maxSurge, 1);
    d.spec.strategy!.type = t.strategy;
    const newRC = rs('nginx-new', t.newRSReplicas, undefined, undefined);
    const rs5 = rs('nginx-5', 5, undefined, undefined);
    expect(newRSNewReplicas(d, [rs5], newRC)).toBe(t.expected);
  });
});

const condProgressing = (): DeploymentCondition => ({ type: 'Progressing', status: 'False', reason: 'ForSomeReason' });
const condProgressing2 = (): DeploymentCondition => ({ type: 'Progressing', status: 'True', reason: 'BecauseItIs' });
const condAvailable = (): DeploymentCondition => ({ type: 'Available', status: 'True', reason: 'AwesomeController' });

describe('conditions', () => {
  test.each([
    { name: 'set for the first time', status: [] as DeploymentCondition[], cond: condAvailable(), expected: [condAvailable()] },
    { name: 'simple set', status: [condProgressing()], cond: condAvailable(), expected: [condProgressing(), condAvailable()] },
    { name: 'overwrite', status: [condProgressing()], cond: condProgressing2(), expected: [condProgressing2()] },
  ])('SetDeploymentCondition: $name', (t) => {
    const s = status({ conditions: t.status });
    setDeploymentCondition(s, t.cond);
    expect(s.conditions).toEqual(t.expected);
  });

  test('SetDeploymentCondition keeps lastTransitionTime when only the reason changes', () => {
    const s = status({ conditions: [{ type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: 't0', lastUpdateTime: 't0' }] });
    setDeploymentCondition(s, { type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't1', lastUpdateTime: 't1' });
    expect(s.conditions).toEqual([{ type: 'Progressing', status: 'True', reason: 'B', lastTransitionTime: 't0', lastUpdateTime: 't1' }]);
  });

  test.each([
    { name: 'remove from empty status', status: [] as DeploymentCondition[], type: 'Progressing', expected: [] as DeploymentCondition[] },
    { name: 'simple remove', status: [condProgressing()], type: 'Progressing', expected: [] },
    { name: "doesn't remove anything", status: [condProgressing(), condAvailable()], type: 'ReplicaFailure', expected: [condProgressing(), condAvailable()] },
  ])('RemoveDeploymentCondition: $name', (t) => {
    const s = status({ conditions: t.status });
    removeDeploymentCondition(s, t.type);
    expect(s.conditions).toEqual(t.expected);
  });
});

describe('DeploymentComplete', () => {
  const deployment = (desired: number, current: number, updated: number, available: number, maxUnavailable: number, maxSurge: number) => {
    const d = newDeployment('foo', desired, undefined, maxSurge, maxUnavailable);
    d.status = { replicas: current, updatedReplicas: updated, availableReplicas: available };
    return d;
  };
  test.each([
    { name: 'not complete: min but not all pods become available', d: deployment(5, 5, 5, 4, 1, 0), expected: false },
    { name: 'not complete: min availability is not honored', d: deployment(5, 5, 5, 3, 1, 0), expected: false },
    { name: 'complete', d: deployment(5, 5, 5, 5, 0, 0), expected: true },
    { name: 'not complete: all pods are available but not updated', d: deployment(5, 5, 4, 5, 0, 0), expected: false },
    { name: 'not complete: still running old pods', d: deployment(1, 2, 1, 1, 0, 1), expected: false },
    { name: 'not complete: one replica deployment never comes up', d: deployment(1, 1, 1, 0, 1, 1), expected: false },
  ])('$name', (t) => {
    t.d.metadata.generation = 0;
    expect(deploymentComplete(t.d, statusOf(t.d))).toBe(t.expected);
  });
});

describe('DeploymentProgressing', () => {
  const deployment = (current: number, updated: number, ready: number, available: number) => {
    const d = newDeployment('foo', 10);
    d.status = { replicas: current, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available };
    return d;
  };
  const newStatus = (current: number, updated: number, ready: number, available: number) =>
    status({ replicas: current, updatedReplicas: updated, readyReplicas: ready, availableReplicas: available });
  test.each([
    { name: 'progressing: updated pods', d: deployment(10, 4, 4, 4), newStatus: newStatus(10, 6, 4, 4), expected: true },
    { name: 'not progressing', d: deployment(10, 4, 4, 4), newStatus: newStatus(10, 4, 4, 4), expected: false },
    { name: 'progressing: old pods removed', d: deployment(10, 4, 6, 6), newStatus: newStatus(8, 4, 6, 6), expected: true },
    { name: 'not progressing: less new pods', d: deployment(10, 7, 3, 3), newStatus: newStatus(10, 6, 3, 3), expected: false },
    { name: 'progressing: less overall but more new pods', d: deployment(10, 4, 7, 7), newStatus: newStatus(8, 8, 5, 5), expected: true },
    { name: 'progressing: more ready pods', d: deployment(10, 10, 9, 8), newStatus: newStatus(10, 10, 10, 8), expected: true },
    { name: 'progressing: more available pods', d: deployment(10, 10, 10, 9), newStatus: newStatus(10, 10, 10, 10), expected: true },
  ])('$name', (t) => {
    expect(deploymentProgressing(t.d, t.newStatus)).toBe(t.expected);
  });
});

describe('DeploymentTimedOut', () => {
  const timeFn = (min: number, sec: number) => Date.UTC(2016, 0, 1, 0, min, sec);
  const deployment = (reason: string, pds: number | undefined, from: number | undefined): Deployment => {
    const d = newDeployment('foo', 1);
    if (pds !== undefined) d.spec.progressDeadlineSeconds = pds;
    d.status = { conditions: [{ type: 'Progressing', status: 'True', reason, ...(from !== undefined ? { lastUpdateTime: new Date(from).toISOString().replace('.000Z', 'Z') } : {}) }] };
    return d;
  };
  test.each([
    { name: 'nil progressDeadlineSeconds specified - no timeout', d: deployment('', undefined, timeFn(1, 9)), now: timeFn(1, 20), expected: false },
    { name: 'infinite progressDeadlineSeconds specified - no timeout', d: deployment('', 2147483647, timeFn(1, 9)), now: timeFn(1, 20), expected: false },
    { name: 'progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:09 => 11s', d: deployment('', 10, timeFn(1, 9)), now: timeFn(1, 20), expected: true },
    { name: 'progressDeadlineSeconds: 10s, now - started => 00:01:20 - 00:01:11 => 9s', d: deployment('', 10, timeFn(1, 11)), now: timeFn(1, 20), expected: false },
    { name: 'previous status was a complete deployment', d: deployment(NewRSAvailableReason, undefined, undefined), now: timeFn(1, 20), expected: false },
  ])('$name', (t) => {
    expect(deploymentTimedOut(t.d, statusOf(t.d), t.now)).toBe(t.expected);
  });

  test('exactly at the deadline is not yet past it (Before is strict)', () => {
    expect(deploymentTimedOut(deployment('', 10, timeFn(1, 10)), statusOf(deployment('', 10, timeFn(1, 10))), timeFn(1, 20))).toBe(false);
    expect(deploymentTimedOut(deployment('', 10, timeFn(1, 10)), statusOf(deployment('', 10, timeFn(1, 10))), timeFn(1, 20) + 1)).toBe(true);
  });
});

describe('MaxUnavailable and MinAvailable', () => {
  const deployment = (replicas: number, maxUnavailable: number | string) => newDeployment('foo', replicas, undefined, 1, maxUnavailable);
  const recreate = (replicas?: number): Deployment => ({ ...newDeployment('foo', replicas ?? 1), spec: { ...newDeployment('foo', replicas ?? 1).spec, strategy: { type: 'Recreate' } } });
  test.each([
    { name: 'maxUnavailable less than replicas', d: deployment(10, 5), expected: 5 },
    { name: 'maxUnavailable equal replicas', d: deployment(10, 10), expected: 10 },
    { name: 'maxUnavailable greater than replicas', d: deployment(5, 10), expected: 5 },
    { name: 'maxUnavailable with replicas is 0', d: deployment(0, 10), expected: 0 },
    { name: 'maxUnavailable with Recreate deployment strategy', d: recreate(), expected: 0 },
    { name: 'maxUnavailable less than replicas with percents', d: deployment(10, '50%'), expected: 5 },
    { name: 'maxUnavailable equal replicas with percents', d: deployment(10, '100%'), expected: 10 },
    { name: 'maxUnavailable greater than replicas with percents', d: deployment(5, '100%'), expected: 5 },
  ])('MaxUnavailable: $name', (t) => {
    expect(maxUnavailable(t.d)).toBe(t.expected);
  });

  test.each([
    { name: 'replicas greater than maxUnavailable', d: deployment(10, 5), expected: 5 },
    { name: 'replicas equal maxUnavailable', d: deployment(10, 10), expected: 0 },
    { name: 'replicas less than maxUnavailable', d: deployment(5, 10), expected: 0 },
    { name: 'replicas is 0', d: deployment(0, 10), expected: 0 },
    { name: 'minAvailable with Recreate deployment strategy', d: recreate(10), expected: 0 },
    { name: 'replicas greater than maxUnavailable with percents', d: deployment(10, '60%'), expected: 4 },
    { name: 'replicas equal maxUnavailable with percents', d: deployment(10, '100%'), expected: 0 },
    { name: 'replicas less than maxUnavailable with percents', d: deployment(5, '100%'), expected: 0 },
  ])('MinAvailable: $name', (t) => {
    expect(minAvailable(t.d)).toBe(t.expected);
  });
});

describe('annotations', () => {
  test('SetNewReplicaSetAnnotations raises the revision and keeps a bounded revision history', () => {
    const d = newDeployment('nginx', 1);
    d.metadata.annotations = { [RevisionAnnotation]: '1' };
    const r = rs('nginx-rs', 1, undefined, undefined);
    for (let i = 10; i < 20; i++) {
      const nextRevision = String(i + 1);
      setNewReplicaSetAnnotations(d, r, nextRevision, true, 5);
      if (i >= 12) expect(r.metadata.annotations![RevisionHistoryAnnotation]).toBe(`${i - 1},${i}`);
      expect(r.metadata.annotations![RevisionAnnotation]).toBe(nextRevision);
    }
  });

  test('SetReplicasAnnotations, then IsSaturated', () => {
    const d = newDeployment('nginx', 1);
    const r = rs('nginx-rs', 1, undefined, undefined);
    expect(setReplicasAnnotations(r, 10, 11)).toBe(true);
    expect(r.metadata.annotations![DesiredReplicasAnnotation]).toBe('10');
    expect(r.metadata.annotations![MaxReplicasAnnotation]).toBe('11');
    r.metadata.annotations![DesiredReplicasAnnotation] = '1';
    r.status = { replicas: 1, availableReplicas: 1 };
    expect(isSaturated(d, r)).toBe(true);
  });

  test('the deployment annotations are copied to a new ReplicaSet, not the skipped ones', () => {
    const d = newDeployment('nginx', 3, undefined, '25%', '25%');
    d.metadata.annotations = {
      'kubernetes.io/change-cause': 'kubectl set image deployment/nginx nginx=nginx:1.26',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      [RevisionAnnotation]: '4',
      'deprecated.deployment.rollback.to': '2',
    };
    const r = rs('nginx-rs', 3, undefined, undefined);
    expect(setNewReplicaSetAnnotations(d, r, '5', false, 2000)).toBe(true);
    expect(r.metadata.annotations).toEqual({
      'kubernetes.io/change-cause': 'kubectl set image deployment/nginx nginx=nginx:1.26',
      [RevisionAnnotation]: '5',
      [DesiredReplicasAnnotation]: '3',
      [MaxReplicasAnnotation]: '4',
    });
  });

  const annotated = (annotations?: Record<string, string>): ReplicaSet => {
    const r = rs('hello', 1, { foo: 'bar' }, undefined);
    if (annotations) r.metadata.annotations = annotations;
    return r;
  };
  test.each([
    { name: 'test Annotations nil', r: annotated(), expected: true },
    { name: 'test desiredReplicas update', r: annotated({ [DesiredReplicasAnnotation]: '8', [MaxReplicasAnnotation]: '20' }), expected: true },
    { name: 'test maxReplicas update', r: annotated({ [DesiredReplicasAnnotation]: '10', [MaxReplicasAnnotation]: '16' }), expected: true },
    { name: "test needn't update", r: annotated({ [DesiredReplicasAnnotation]: '10', [MaxReplicasAnnotation]: '20' }), expected: false },
  ])('ReplicasAnnotationsNeedUpdate: $name', (t) => {
    expect(replicasAnnotationsNeedUpdate(t.r, 10, 20)).toBe(t.expected);
  });
});

describe('counting and finding ReplicaSets', () => {
  test('GetReplicaCountForReplicaSets and GetActualReplicaCountForReplicaSets', () => {
    const rs1 = rs('foo-rs', 1, undefined, undefined);
    rs1.status = { replicas: 2 };
    const rs2 = rs('bar-rs', 2, undefined, undefined);
    rs2.status = { replicas: 3 };
    const rs3 = rs('unsynced-rs', 3, undefined, undefined);
    rs3.status = { replicas: 0 };
    expect([getReplicaCountForReplicaSets([rs1]), getActualReplicaCountForReplicaSets([rs1])]).toEqual([1, 2]);
    expect([getReplicaCountForReplicaSets([rs1, rs2]), getActualReplicaCountForReplicaSets([rs1, rs2])]).toEqual([3, 5]);
    expect([getReplicaCountForReplicaSets([rs3]), getActualReplicaCountForReplicaSets([rs3])]).toEqual([3, 0]);
    expect([getReplicaCountForReplicaSets([rs1, rs2, rs3]), getActualReplicaCountForReplicaSets([rs1, rs2, rs3])]).toEqual([6, 5]);
  });

  test('the oldest ReplicaSet with the template is the new one, the pod-template-hash label aside', () => {
    const d = newDeployment('foo', 1, undefined, undefined, undefined, { foo: 'bar' });
    const withTemplate = (name: string, ts: string, hash: string) => {
      const r = rs(name, 1, undefined, ts);
      r.spec.template = structuredClone(d.spec.template);
      r.spec.template.metadata!.labels = { ...r.spec.template.metadata!.labels, 'pod-template-hash': hash };
      return r;
    };
    const newer = withTemplate('foo-b', '2016-05-20T02:00:00Z', 'bbb');
    const older = withTemplate('foo-a', '2016-05-20T01:00:00Z', 'aaa');
    const other = rs('foo-c', 2, undefined, '2016-05-20T00:00:00Z');
    other.spec.template = { metadata: { labels: { foo: 'bar' } }, spec: { containers: [{ name: '', image: 'foo/baz' }] } };
    const empty = rs('foo-d', 0, undefined, '2016-05-19T00:00:00Z');
    const list = [newer, other, older, empty];
    expect(findNewReplicaSet(d, list)?.metadata.name).toBe('foo-a');
    const [required, all] = findOldReplicaSets(d, list);
    expect(required.map((r) => r.metadata.name)).toEqual(['foo-c', 'foo-b']);
    expect(all.map((r) => r.metadata.name)).toEqual(['foo-d', 'foo-c', 'foo-b']);
  });

  test('empty and absent lists are the same template; a present empty securityContext is not', () => {
    const d = newDeployment('foo', 1);
    const r = rs('foo-x', 1, undefined, undefined);
    r.spec.template = structuredClone(d.spec.template);
    r.spec.template.spec!.volumes = [];
    expect(findNewReplicaSet(d, [r])?.metadata.name).toBe('foo-x');
    r.spec.template.spec!.securityContext = {};
    expect(findNewReplicaSet(d, [r])).toBeUndefined();
  });
});

describe('GetProportion', () => {
  const annotatedRS = (replicas: number, max?: string) => {
    const r = rs('foo', replicas, undefined, undefined);
    if (max !== undefined) r.metadata.annotations = { [MaxReplicasAnnotation]: max };
    return r;
  };
  test('an empty deployment always scales to 0', () => {
    expect(getProportion(annotatedRS(10, '10'), newDeployment('foo', 0), -10, 0)).toBe(-10);
  });
  test('without the max-replicas annotation, the deployment status size is the base', () => {
    const d = newDeployment('foo', 120);
    d.status = { replicas: 100 };
    expect(getProportion(annotatedRS(50), d, 20, 0)).toBe(10);
  });
  test('no base at all: no share', () => {
    expect(getProportion(annotatedRS(5), newDeployment('foo', 10), 5, 0)).toBe(0);
  });
  test('halves round away from zero, as math.Round', () => {
    // 3 × 5 / 2 = 7.5 rounds to 8: five more than the 3 it has.
    expect(getProportion(annotatedRS(3, '2'), newDeployment('foo', 5), 10, 0)).toBe(5);
  });
});
