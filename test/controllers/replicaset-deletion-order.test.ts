// Which pods a scale-down removes first, ported from controller_utils_test.go
// (TestActivePodFiltering, TestSortingActivePods, TestSortingActivePodsWithRanks) and
// replica_set_test.go (TestGetPodsToDelete).
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { formatTime } from '../../src/apiserver/time.js';
import {
  activePodsWithRanksLess, filterActivePods, getDeletionCostFromPodAnnotations, getPodsToDelete, sortActivePodsWithRanks,
} from '../../src/controllers/controller-utils.js';
import { SeededRand } from '../../src/sim/rand.js';

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const HOUR = 3_600_000;
const MONTH_AGO = Date.UTC(2025, 4, 15, 12, 0, 0);

function shuffled<T>(items: T[], rand: SeededRand): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

test('FilterActivePods drops finished pods (TestActivePodFiltering)', () => {
  const pods = ['Succeeded', 'Failed', 'Running', 'Running', 'Running'].map((phase, i) => pod({ name: `pod-${i + 1}`, phase }));
  expect(filterActivePods(pods).map((p) => p.metadata.name)).toEqual(['pod-3', 'pod-4', 'pod-5']);
  const going = pod({ name: 'going', phase: 'Running' });
  going.metadata.deletionTimestamp = formatTime(NOW);
  expect(filterActivePods([going])).toEqual([]);
});

test('ActivePods order, whatever the input order (TestSortingActivePods)', () => {
  const pods = [
    pod({ name: 'unscheduled', node: '', phase: 'Pending' }),
    pod({ name: 'scheduledButPending', node: 'bar', phase: 'Pending' }),
    pod({ name: 'unknownPhase', node: 'foo', phase: 'Unknown' }),
    pod({ name: 'runningButNotReady', node: 'foo', phase: 'Running' }),
    pod({ name: 'runningNoLastTransitionTime', node: 'foo', phase: 'Running', ready: 0, restarts: [3, 0] }),
    pod({ name: 'runningWithLastTransitionTime', node: 'foo', phase: 'Running', ready: NOW, restarts: [3, 0] }),
    pod({ name: 'runningLongerTime', node: 'foo', phase: 'Running', ready: MONTH_AGO, restarts: [3, 0] }),
    pod({ name: 'lowerContainerRestartCount', node: 'foo', phase: 'Running', ready: MONTH_AGO, restarts: [2, 1], created: NOW }),
    pod({ name: 'oldest', node: 'foo', phase: 'Running', ready: MONTH_AGO, restarts: [2, 1], created: MONTH_AGO }),
  ];
  const want = pods.map((p) => p.metadata.name);
  const rand = new SeededRand([7, 7, 7, 7]);
  for (let i = 0; i < 20; i++) {
    const input = shuffled(pods, rand);
    // ActivePods is ActivePodsWithRanks with equal ranks, no deletion cost and no logarithmic scale.
    const sorted = sortActivePodsWithRanks({ pods: input, rank: input.map(() => 0), now: 0 });
    expect(sorted.pods.map((p) => p.metadata.name)).toEqual(want);
  }
});

describe('ActivePodsWithRanks.Less (TestSortingActivePodsWithRanks)', () => {
  const then2Hours = NOW - 2 * HOUR;
  const then5Hours = NOW - 5 * HOUR;
  const then8Hours = NOW - 8 * HOUR;
  const p = (name: string, node: string, phase: string, ready: boolean, restarts: number, readySince: number, created: number,
    annotations?: Record<string, string>) =>
    pod({ name, node, phase, ...(ready ? { ready: readySince, restarts: [restarts] } : {}), created, annotations });
  const unscheduledPod = p('unscheduled', '', 'Pending', false, 0, 0, 0);
  const scheduledPendingPod = p('pending', 'node', 'Pending', false, 0, 0, 0);
  const unknownPhasePod = p('unknown-phase', 'node', 'Unknown', false, 0, 0, 0);
  const runningNotReadyPod = p('not-ready', 'node', 'Running', false, 0, 0, 0);
  const runningReadyNoLastTransitionTimePod = p('ready-no-last-transition-time', 'node', 'Running', true, 0, 0, 0);
  const runningReadyNow = p('ready-now', 'node', 'Running', true, 0, NOW, NOW);
  const runningReadyThen = p('ready-then', 'node', 'Running', true, 0, MONTH_AGO, MONTH_AGO);
  const runningReadyNowHighRestarts = p('ready-high-restarts', 'node', 'Running', true, 9001, NOW, NOW);
  const runningReadyNowCreatedThen = p('ready-now-created-then', 'node', 'Running', true, 0, NOW, MONTH_AGO);
  const lowPodDeletionCost = p('low-deletion-cost', 'node', 'Running', true, 0, NOW, MONTH_AGO, { 'controller.kubernetes.io/pod-deletion-cost': '10' });
  const highPodDeletionCost = p('high-deletion-cost', 'node', 'Running', true, 0, NOW, MONTH_AGO, { 'controller.kubernetes.io/pod-deletion-cost': '100' });
  const unscheduled5Hours = p('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
  const unscheduled8Hours = p('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
  const ready2Hours = p('ready-2-hours', '', 'Running', true, 0, then2Hours, MONTH_AGO);
  const ready5Hours = p('ready-5-hours', '', 'Running', true, 0, then5Hours, MONTH_AGO);
  const ready10Hours = p('ready-10-hours', '', 'Running', true, 0, then8Hours, MONTH_AGO);

  test.each([
    [unscheduledPod], [scheduledPendingPod], [unknownPhasePod], [runningNotReadyPod], [runningReadyNowCreatedThen],
    [runningReadyNow], [runningReadyThen], [runningReadyNowHighRestarts], [runningReadyNowCreatedThen],
    [unscheduled5Hours, unscheduled8Hours], [ready5Hours, ready10Hours],
  ])('equality %#', (p1, p2 = p1) => {
    const s = { pods: [p1, p2], rank: [1, 1], now: NOW };
    expect(activePodsWithRanksLess(s, 0, 1) || activePodsWithRanksLess(s, 1, 0)).toBe(false);
  });

  test.each([
    [unscheduledPod, 1, scheduledPendingPod, 2],
    [unscheduledPod, 2, scheduledPendingPod, 1],
    [scheduledPendingPod, 1, unknownPhasePod, 2],
    [unknownPhasePod, 1, runningNotReadyPod, 2],
    [runningNotReadyPod, 1, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNoLastTransitionTimePod, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNoLastTransitionTimePod, 1],
    [runningReadyNow, 1, runningReadyThen, 1],
    [runningReadyNow, 2, runningReadyThen, 1],
    [runningReadyNowHighRestarts, 1, runningReadyNow, 1],
    [runningReadyNow, 2, runningReadyNowHighRestarts, 1],
    [runningReadyNow, 1, runningReadyNowCreatedThen, 1],
    [runningReadyNowCreatedThen, 2, runningReadyNow, 1],
    [lowPodDeletionCost, 2, highPodDeletionCost, 1],
    [ready2Hours, 1, ready5Hours, 1],
  ])('inequality %#: %s before the other', (lesser, lesserRank, greater, greaterRank) => {
    const s = { pods: [lesser, greater], rank: [lesserRank, greaterRank], now: NOW };
    expect(activePodsWithRanksLess(s, 0, 1)).toBe(true);
    expect(activePodsWithRanksLess(s, 1, 0)).toBe(false);
  });

  test('ages in the same power-of-two bucket are ordered by UID', () => {
    const a = p('a', 'node', 'Running', true, 0, then5Hours, MONTH_AGO);
    const b = p('b', 'node', 'Running', true, 0, then8Hours, MONTH_AGO);
    a.metadata.uid = 'bbb';
    b.metadata.uid = 'aaa';
    const s = { pods: [a, b], rank: [0, 0], now: NOW };
    expect(activePodsWithRanksLess(s, 1, 0)).toBe(true);
    expect(activePodsWithRanksLess(s, 0, 1)).toBe(false);
  });
});

describe('getPodsToDelete (TestGetPodsToDelete)', () => {
  const unscheduledPendingPod = pod({ name: 'unscheduled-pending-pod', phase: 'Pending' });
  const scheduledPendingPod = pod({ name: 'scheduled-pending-pod', node: 'fake-node', phase: 'Pending' });
  const scheduledRunningNotReadyPod = pod({ name: 'scheduled-running-not-ready-pod', node: 'fake-node', phase: 'Running', notReady: true });
  const scheduledRunningReadyPodOnNode1 = pod({ name: 'scheduled-running-ready-pod-on-node-1', node: 'fake-node-1', phase: 'Running', ready: 0 });
  const scheduledRunningReadyPodOnNode2 = pod({ name: 'scheduled-running-ready-pod-on-node-2', node: 'fake-node-2', phase: 'Running', ready: 0 });

  test.each([
    { name: 'len(pods) = 0 (i.e., diff = 0 too)', pods: [], diff: 0, want: [] },
    { name: 'diff = len(pods)', pods: [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1], diff: 2,
      want: [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1] },
    { name: 'diff < len(pods)', pods: [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod], diff: 1, want: [scheduledRunningNotReadyPod] },
    { name: 'various pod phases and conditions, diff = len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
      diff: 6,
      want: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod] },
    { name: 'various pod phases and conditions, diff = len(pods), relatedPods empty',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
      related: [], diff: 6,
      want: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod] },
    { name: 'scheduled vs unscheduled, diff < len(pods)', pods: [scheduledPendingPod, unscheduledPendingPod], diff: 1, want: [unscheduledPendingPod] },
    { name: 'ready vs not-ready, diff < len(pods)', pods: [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod, scheduledRunningNotReadyPod], diff: 2,
      want: [scheduledRunningNotReadyPod, scheduledRunningNotReadyPod] },
    { name: 'ready and colocated with another ready pod vs not colocated, diff < len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2],
      related: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningReadyPodOnNode2], diff: 1,
      want: [scheduledRunningReadyPodOnNode2] },
    { name: 'pending vs running, diff < len(pods)', pods: [scheduledPendingPod, scheduledRunningNotReadyPod], diff: 1, want: [scheduledPendingPod] },
    { name: 'various pod phases and conditions, diff < len(pods)',
      pods: [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPod, unscheduledPendingPod],
      diff: 3, want: [unscheduledPendingPod, scheduledPendingPod, scheduledRunningNotReadyPod] },
  ])('$name', ({ pods, related, diff, want }) => {
    const got = getPodsToDelete(pods, related ?? pods, diff, NOW);
    expect(got.map((x) => x.metadata.name)).toEqual(want.map((x) => x.metadata.name));
  });
});

test.each([
  [undefined, 0], ['10', 10], ['-5', -5], ['0', 0], ['+10', 0], ['008', 0], ['', 0], ['abc', 0],
  ['2147483647', 2147483647], ['2147483648', 0], ['-2147483648', -2147483648],
])('pod-deletion-cost %j is %d', (value, want) => {
  expect(getDeletionCostFromPodAnnotations(value === undefined ? {} : { 'controller.kubernetes.io/pod-deletion-cost': value })).toBe(want);
});

interface PodOpts {
  name: string;
  node?: string;
  phase: string;
  /** Ready since this time (0: ready with no lastTransitionTime). */
  ready?: number;
  notReady?: boolean;
  restarts?: number[];
  created?: number;
  annotations?: Record<string, string>;
}

function pod(o: PodOpts): Pod {
  const conditions = o.ready !== undefined
    ? [{ type: 'Ready', status: 'True', ...(o.ready ? { lastTransitionTime: formatTime(o.ready) } : {}) }]
    : o.notReady ? [{ type: 'Ready', status: 'False' }] : undefined;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name: o.name,
      ...(o.created ? { creationTimestamp: formatTime(o.created) } : {}),
      ...(o.annotations ? { annotations: o.annotations } : {}),
    },
    spec: { containers: [], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase,
      ...(conditions ? { conditions } : {}),
      ...(o.restarts ? { containerStatuses: o.restarts.map((r, i) => ({ name: `c${i}`, ready: true, restartCount: r, image: '', imageID: '' })) } : {}),
    },
  } as Pod;
}
