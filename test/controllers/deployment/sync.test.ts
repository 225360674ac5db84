// sync_test.go (release-1.32): proportional scaling (TestScale) and history cleanup.
import { describe, expect, test } from 'vitest';
import type { Deployment } from '../../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../src/api/apps/replicaset/schema.js';
import { cleanupDeployment, scale } from '../../../src/controllers/deployment/sync.js';
import { maxSurge, setReplicasAnnotations } from '../../../src/controllers/deployment/util.js';
import { fakeDc, newDeployment, newRSWithStatus, rs, sizeOf } from './builders.js';

const newTimestamp = '2016-05-20T02:00:00Z';
const oldTimestamp = '2016-05-20T01:00:00Z';
const olderTimestamp = '2016-05-20T00:00:00Z';

function updatedTemplate(replicas: number): Deployment {
  const d = newDeployment('foo', replicas, undefined, undefined, undefined, { foo: 'bar' });
  d.spec.template.metadata!.labels!.another = 'label';
  return d;
}

interface ScaleCase {
  name: string;
  deployment: Deployment;
  oldDeployment: Deployment;
  newRS?: ReplicaSet;
  oldRSs: ReplicaSet[];
  expectedNew?: number;
  expectedOld: number[];
  desiredReplicasAnnotations?: Record<string, number>;
}

const scaleCases: ScaleCase[] = [
  { name: 'normal scaling event: 10 -> 12', deployment: newDeployment('foo', 12), oldDeployment: newDeployment('foo', 10),
    newRS: rs('foo-v1', 10, undefined, newTimestamp), oldRSs: [], expectedNew: 12, expectedOld: [] },
  { name: 'normal scaling event: 10 -> 5', deployment: newDeployment('foo', 5), oldDeployment: newDeployment('foo', 10),
    newRS: rs('foo-v1', 10, undefined, newTimestamp), oldRSs: [], expectedNew: 5, expectedOld: [] },
  { name: 'proportional scaling: 5 -> 10', deployment: newDeployment('foo', 10), oldDeployment: newDeployment('foo', 5),
    newRS: rs('foo-v2', 2, undefined, newTimestamp), oldRSs: [rs('foo-v1', 3, undefined, oldTimestamp)], expectedNew: 4, expectedOld: [6] },
  { name: 'proportional scaling: 5 -> 3', deployment: newDeployment('foo', 3), oldDeployment: newDeployment('foo', 5),
    newRS: rs('foo-v2', 2, undefined, newTimestamp), oldRSs: [rs('foo-v1', 3, undefined, oldTimestamp)], expectedNew: 1, expectedOld: [2] },
  { name: 'proportional scaling: 9 -> 4', deployment: newDeployment('foo', 4), oldDeployment: newDeployment('foo', 9),
    newRS: rs('foo-v2', 8, undefined, newTimestamp), oldRSs: [rs('foo-v1', 1, undefined, oldTimestamp)], expectedNew: 4, expectedOld: [0] },
  { name: 'proportional scaling: 7 -> 10', deployment: newDeployment('foo', 10), oldDeployment: newDeployment('foo', 7),
    newRS: rs('foo-v3', 2, undefined, newTimestamp), oldRSs: [rs('foo-v2', 3, undefined, oldTimestamp), rs('foo-v1', 2, undefined, olderTimestamp)],
    expectedNew: 3, expectedOld: [4, 3] },
  { name: 'proportional scaling: 13 -> 8', deployment: newDeployment('foo', 8), oldDeployment: newDeployment('foo', 13),
    newRS: rs('foo-v3', 2, undefined, newTimestamp), oldRSs: [rs('foo-v2', 8, undefined, oldTimestamp), rs('foo-v1', 3, undefined, olderTimestamp)],
    expectedNew: 1, expectedOld: [5, 2] },
  // Scales up the new replica set.
  { name: 'leftover distribution: 3 -> 4', deployment: newDeployment('foo', 4), oldDeployment: newDeployment('foo', 3),
    newRS: rs('foo-v3', 1, undefined, newTimestamp), oldRSs: [rs('foo-v2', 1, undefined, oldTimestamp), rs('foo-v1', 1, undefined, olderTimestamp)],
    expectedNew: 2, expectedOld: [1, 1] },
  // Scales down the older replica set.
  { name: 'leftover distribution: 3 -> 2', deployment: newDeployment('foo', 2), oldDeployment: newDeployment('foo', 3),
    newRS: rs('foo-v3', 1, undefined, newTimestamp), oldRSs: [rs('foo-v2', 1, undefined, oldTimestamp), rs('foo-v1', 1, undefined, olderTimestamp)],
    expectedNew: 1, expectedOld: [1, 0] },
  // Scales up the latest replica set first.
  { name: 'proportional scaling (no new rs): 4 -> 5', deployment: newDeployment('foo', 5), oldDeployment: newDeployment('foo', 4),
    oldRSs: [rs('foo-v2', 2, undefined, oldTimestamp), rs('foo-v1', 2, undefined, olderTimestamp)], expectedOld: [3, 2] },
  { name: 'proportional scaling: 6 -> 0', deployment: newDeployment('foo', 0), oldDeployment: newDeployment('foo', 6),
    newRS: rs('foo-v3', 3, undefined, newTimestamp), oldRSs: [rs('foo-v2', 2, undefined, oldTimestamp), rs('foo-v1', 1, undefined, olderTimestamp)],
    expectedNew: 0, expectedOld: [0, 0] },
  { name: 'proportional scaling: 0 -> 6', deployment: newDeployment('foo', 6), oldDeployment: newDeployment('foo', 6),
    newRS: rs('foo-v3', 0, undefined, newTimestamp), oldRSs: [rs('foo-v2', 0, undefined, oldTimestamp), rs('foo-v1', 0, undefined, olderTimestamp)],
    expectedNew: 6, expectedOld: [0, 0] },
  // foo-v2 was sized for a deployment of 3 (its update for 5 failed): it catches up alone.
  { name: 'failed rs update', deployment: newDeployment('foo', 5), oldDeployment: newDeployment('foo', 5),
    newRS: rs('foo-v3', 2, undefined, newTimestamp), oldRSs: [rs('foo-v2', 1, undefined, oldTimestamp), rs('foo-v1', 1, undefined, olderTimestamp)],
    expectedNew: 2, expectedOld: [2, 1], desiredReplicasAnnotations: { 'foo-v2': 3 } },
  { name: 'deployment with surge pods', deployment: newDeployment('foo', 20, undefined, 2), oldDeployment: newDeployment('foo', 10, undefined, 2),
    newRS: rs('foo-v2', 6, undefined, newTimestamp), oldRSs: [rs('foo-v1', 6, undefined, oldTimestamp)], expectedNew: 11, expectedOld: [11] },
  { name: 'change both surge and size', deployment: newDeployment('foo', 50, undefined, 6), oldDeployment: newDeployment('foo', 10, undefined, 3),
    newRS: rs('foo-v2', 5, undefined, newTimestamp), oldRSs: [rs('foo-v1', 8, undefined, oldTimestamp)], expectedNew: 22, expectedOld: [34] },
  { name: 'change both size and template', deployment: updatedTemplate(14), oldDeployment: newDeployment('foo', 10, undefined, undefined, undefined, { foo: 'bar' }),
    oldRSs: [rs('foo-v2', 7, undefined, newTimestamp), rs('foo-v1', 3, undefined, oldTimestamp)], expectedOld: [10, 4] },
  { name: 'saturated but broken new replica set does not affect old pods',
    deployment: newDeployment('foo', 2, undefined, 1, 1), oldDeployment: newDeployment('foo', 2, undefined, 1, 1),
    newRS: (() => {
      const r = rs('foo-v2', 2, undefined, newTimestamp);
      r.status = { replicas: 2, availableReplicas: 0 };
      return r;
    })(),
    oldRSs: [rs('foo-v1', 1, undefined, oldTimestamp)], expectedNew: 2, expectedOld: [1] },
];

describe('scale', () => {
  test.each(scaleCases)('$name', (t) => {
    for (const r of [t.newRS, ...t.oldRSs]) {
      if (!r) continue;
      const desired = t.desiredReplicasAnnotations?.[r.metadata.name] ?? t.oldDeployment.spec.replicas!;
      setReplicasAnnotations(r, desired, desired + maxSurge(t.oldDeployment));
    }
    const { dc, ctx } = fakeDc({ deployments: [t.deployment], replicaSets: [t.newRS, ...t.oldRSs] });
    scale(dc, t.deployment, t.newRS, t.oldRSs);
    if (t.newRS && t.expectedNew !== undefined) expect(sizeOf(ctx, t.newRS.metadata.name)).toBe(t.expectedNew);
    expect(t.oldRSs.map((r) => sizeOf(ctx, r.metadata.name))).toEqual(t.expectedOld);
  });

  test('each size change is a ScalingReplicaSet event in 1.32 words', () => {
    const d = newDeployment('foo', 10);
    const newRS = rs('foo-v2', 2, undefined, newTimestamp);
    const oldRS = rs('foo-v1', 3, undefined, oldTimestamp);
    for (const r of [newRS, oldRS]) setReplicasAnnotations(r, 5, 5);
    const { dc, ctx } = fakeDc({ deployments: [d], replicaSets: [newRS, oldRS] });
    scale(dc, d, newRS, [oldRS]);
    expect(ctx.events.map((e) => `${e.type} ${e.reason} ${e.message} (${e.source.component})`)).toEqual([
      'Normal ScalingReplicaSet Scaled up replica set foo-v1 from 3 to 6 (deployment-controller)',
      'Normal ScalingReplicaSet Scaled up replica set foo-v2 from 2 to 4 (deployment-controller)',
    ]);
  });
});

describe('cleanupDeployment', () => {
  const selector = { foo: 'bar' };
  const alreadyDeleted = newRSWithStatus('foo-1', 0, 0, selector);
  alreadyDeleted.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
  test.each([
    { oldRSs: [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector), newRSWithStatus('foo-3', 0, 0, selector)],
      revisionHistoryLimit: 1, expectedDeletions: 2 },
    // Only the ReplicaSet with spec and status replicas 0 goes.
    { oldRSs: [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 1, selector), newRSWithStatus('foo-3', 1, 0, selector),
      newRSWithStatus('foo-4', 1, 1, selector)], revisionHistoryLimit: 0, expectedDeletions: 1 },
    { oldRSs: [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector)], revisionHistoryLimit: 0, expectedDeletions: 2 },
    { oldRSs: [newRSWithStatus('foo-1', 1, 1, selector), newRSWithStatus('foo-2', 1, 1, selector)], revisionHistoryLimit: 0, expectedDeletions: 0 },
    { oldRSs: [alreadyDeleted], revisionHistoryLimit: 0, expectedDeletions: 0 },
    // An unlimited revisionHistoryLimit keeps everything.
    { oldRSs: [newRSWithStatus('foo-1', 0, 0, selector), newRSWithStatus('foo-2', 0, 0, selector), newRSWithStatus('foo-3', 0, 0, selector)],
      revisionHistoryLimit: 2147483647, expectedDeletions: 0 },
  ])('limit $revisionHistoryLimit, $expectedDeletions deletions', (t) => {
    const d = newDeployment('foo', 1, t.revisionHistoryLimit, undefined, undefined, selector);
    const { dc, ctx } = fakeDc({ deployments: [d], replicaSets: t.oldRSs });
    cleanupDeployment(dc, t.oldRSs, d);
    expect(ctx.api.changes.filter((c) => c.type === 'DELETED')).toHaveLength(t.expectedDeletions);
  });

  test('the oldest revisions go first', () => {
    const old = [3, 1, 2].map((rev) => {
      const r = newRSWithStatus(`foo-${rev}`, 0, 0, selector);
      r.metadata.annotations = { 'deployment.kubernetes.io/revision': String(rev) };
      return r;
    });
    const d = newDeployment('foo', 1, 1, undefined, undefined, selector);
    const { dc, ctx } = fakeDc({ deployments: [d], replicaSets: old });
    cleanupDeployment(dc, old, d);
    expect(ctx.api.changes.filter((c) => c.type === 'DELETED').map((c) => c.object.metadata.name)).toEqual(['foo-1', 'foo-2']);
  });
});
