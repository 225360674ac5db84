// rolling_test.go (release-1.32), table by table.
import { describe, expect, test } from 'vitest';
import {
  cleanupUnhealthyReplicas, reconcileNewReplicaSet, reconcileOldReplicaSets, scaleDownOldReplicaSetsForRollingUpdate,
} from '../../../src/controllers/deployment/rolling.js';
import { fakeDc, newDeployment, rs, rsUpdates } from './builders.js';

describe('reconcileNewReplicaSet', () => {
  test.each([
    { name: 'no surge: should not scale up', deploymentReplicas: 10, maxSurge: 0, oldReplicas: 10, newReplicas: 0, scaleExpected: false },
    { name: 'surge 2 over 10 old', deploymentReplicas: 10, maxSurge: 2, oldReplicas: 10, newReplicas: 0, scaleExpected: true, expectedNewReplicas: 2 },
    { name: 'surge 2 over 5 old', deploymentReplicas: 10, maxSurge: 2, oldReplicas: 5, newReplicas: 0, scaleExpected: true, expectedNewReplicas: 7 },
    { name: 'surge already used', deploymentReplicas: 10, maxSurge: 2, oldReplicas: 10, newReplicas: 2, scaleExpected: false },
    { name: 'should scale down', deploymentReplicas: 10, maxSurge: 2, oldReplicas: 2, newReplicas: 11, scaleExpected: true, expectedNewReplicas: 10 },
  ])('$name', (t) => {
    const newRS = rs('foo-v2', t.newReplicas, undefined, undefined);
    const oldRS = rs('foo-v1', t.oldReplicas, undefined, undefined);
    const deployment = newDeployment('foo', t.deploymentReplicas, undefined, t.maxSurge, 0, { foo: 'bar' });
    const { dc, ctx } = fakeDc({ deployments: [deployment], replicaSets: [newRS, oldRS] });
    const scaled = reconcileNewReplicaSet(dc, [newRS, oldRS], newRS, deployment);
    expect(scaled).toBe(t.scaleExpected);
    const updates = rsUpdates(ctx);
    if (!t.scaleExpected) {
      expect(updates).toEqual([]);
      return;
    }
    expect(updates).toHaveLength(1);
    expect(updates[0].spec.replicas).toBe(t.expectedNewReplicas);
  });
});

describe('reconcileOldReplicaSets', () => {
  test.each([
    { deploymentReplicas: 10, maxUnavailable: 0, oldReplicas: 10, newReplicas: 0, readyPodsFromOldRS: 10, readyPodsFromNewRS: 0, scaleExpected: true, expectedOldReplicas: 9 },
    { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 10, newReplicas: 0, readyPodsFromOldRS: 10, readyPodsFromNewRS: 0, scaleExpected: true, expectedOldReplicas: 8 },
    // Unhealthy replicas of old ReplicaSets are cleaned up.
    { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 10, newReplicas: 0, readyPodsFromOldRS: 8, readyPodsFromNewRS: 0, scaleExpected: true, expectedOldReplicas: 8 },
    // One unhealthy replica cleaned up, and one ready pod scaled down.
    { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 10, newReplicas: 0, readyPodsFromOldRS: 9, readyPodsFromNewRS: 0, scaleExpected: true, expectedOldReplicas: 8 },
    // The new ReplicaSet's unavailable pods do not let old ones go further.
    { deploymentReplicas: 10, maxUnavailable: 2, oldReplicas: 8, newReplicas: 2, readyPodsFromOldRS: 8, readyPodsFromNewRS: 0, scaleExpected: false },
  ])('%j', (t) => {
    const newSelector = { foo: 'new' };
    const newRS = rs('foo-new', t.newReplicas, newSelector, undefined);
    newRS.status = { replicas: t.newReplicas, availableReplicas: t.readyPodsFromNewRS };
    const oldRS = rs('foo-old', t.oldReplicas, { foo: 'old' }, undefined);
    oldRS.status = { replicas: t.oldReplicas, availableReplicas: t.readyPodsFromOldRS };
    const deployment = newDeployment('foo', t.deploymentReplicas, undefined, 0, t.maxUnavailable, newSelector);
    const { dc, ctx } = fakeDc({ deployments: [deployment], replicaSets: [newRS, oldRS] });
    const scaled = reconcileOldReplicaSets(dc, [oldRS, newRS], [oldRS], newRS, deployment);
    expect(scaled).toBe(t.scaleExpected);
    if (t.scaleExpected) expect(rsUpdates(ctx).at(-1)!.spec.replicas).toBe(t.expectedOldReplicas);
  });
});

describe('cleanupUnhealthyReplicas', () => {
  test.each([
    { oldReplicas: 10, readyPods: 8, unHealthyPods: 2, maxCleanupCount: 1, cleanupCountExpected: 1 },
    { oldReplicas: 10, readyPods: 8, unHealthyPods: 2, maxCleanupCount: 3, cleanupCountExpected: 2 },
    { oldReplicas: 10, readyPods: 8, unHealthyPods: 2, maxCleanupCount: 0, cleanupCountExpected: 0 },
    { oldReplicas: 10, readyPods: 10, unHealthyPods: 0, maxCleanupCount: 3, cleanupCountExpected: 0 },
  ])('%j', (t) => {
    const oldRS = rs('foo-v2', t.oldReplicas, undefined, undefined);
    oldRS.status = { replicas: t.oldReplicas, availableReplicas: t.readyPods };
    const deployment = newDeployment('foo', 10, undefined, 2, 2);
    const { dc } = fakeDc({ deployments: [deployment], replicaSets: [oldRS] });
    const [, cleanupCount] = cleanupUnhealthyReplicas(dc, [oldRS], deployment, t.maxCleanupCount);
    expect(cleanupCount).toBe(t.cleanupCountExpected);
  });
});

describe('scaleDownOldReplicaSetsForRollingUpdate', () => {
  test.each([
    { deploymentReplicas: 10, maxUnavailable: 0, readyPods: 10, oldReplicas: 10, scaleExpected: true, expectedOldReplicas: 9 },
    { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 10, oldReplicas: 10, scaleExpected: true, expectedOldReplicas: 8 },
    { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 8, oldReplicas: 10, scaleExpected: false },
    { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 10, oldReplicas: 0, scaleExpected: false },
    { deploymentReplicas: 10, maxUnavailable: 2, readyPods: 1, oldReplicas: 10, scaleExpected: false },
  ])('%j', (t) => {
    const oldRS = rs('foo-v2', t.oldReplicas, undefined, undefined);
    oldRS.status = { replicas: t.oldReplicas, availableReplicas: t.readyPods };
    const deployment = newDeployment('foo', t.deploymentReplicas, undefined, 0, t.maxUnavailable, { foo: 'bar' });
    const { dc, ctx } = fakeDc({ deployments: [deployment], replicaSets: [oldRS] });
    const scaled = scaleDownOldReplicaSetsForRollingUpdate(dc, [oldRS], [oldRS], deployment);
    if (!t.scaleExpected) {
      expect(scaled).toBe(0);
      return;
    }
    expect(scaled).toBeGreaterThan(0);
    const updates = rsUpdates(ctx);
    expect(updates).toHaveLength(1);
    expect(updates[0].spec.replicas).toBe(t.expectedOldReplicas);
  });
});
