// kubectl's pod orderings: podutils.ByLogging (logs TYPE/NAME) and sort.Reverse(ActivePods)
// (exec/attach/port-forward TYPE/NAME). The first cases are polymorphichelpers' TestGetFirstPod
// (helpers_test.go, newPodList); the table after walks ByLogging.Less's rules in their order.
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { byLoggingLess, sortByActiveReversed, sortByLogging } from '../../src/cli/podutils.js';

/** helpers_test.go's newPodList: pod-1..n created a second apart, all Ready, one unready and one with 5 restarts. */
function newPodList(count: number, isUnready: number, isUnhealthy: number): Pod[] {
  const pods: Pod[] = [];
  for (let i = 0; i < count; i++) {
    pods.push(pod(`pod-${i + 1}`, {
      created: `2016-04-01T01:00:0${i}Z`,
      ready: i === isUnready ? 'False' : 'True',
      restarts: i === isUnhealthy ? 5 : undefined,
    }));
  }
  return pods;
}

describe('GetFirstPod (helpers_test.go TestGetFirstPod)', () => {
  test('kubectl logs - two ready pods: the older', () => {
    expect(sortByLogging(newPodList(2, -1, -1))[0].metadata.name).toBe('pod-1');
  });
  test('kubectl logs - one unhealthy, one healthy: the one with more restarts', () => {
    expect(sortByLogging(newPodList(2, -1, 1))[0].metadata.name).toBe('pod-2');
  });
  test('kubectl attach - two ready pods: the older', () => {
    expect(sortByActiveReversed(newPodList(2, -1, -1))[0].metadata.name).toBe('pod-1');
  });
});

describe('ByLogging.Less, rule by rule', () => {
  const cases: { name: string; a: Pod; b: Pod }[] = [
    { name: '1. assigned before unassigned', a: pod('a', { node: 'n1', phase: 'Pending' }), b: pod('b', { node: '', phase: 'Running' }) },
    { name: '2. Running before Unknown', a: pod('a', { phase: 'Running' }), b: pod('b', { phase: 'Unknown' }) },
    { name: '2. Unknown before Pending', a: pod('a', { phase: 'Unknown' }), b: pod('b', { phase: 'Pending' }) },
    { name: '2. Succeeded counts as Running (a missing map entry is 0)', a: pod('a', { phase: 'Succeeded', ready: 'True' }), b: pod('b', { phase: 'Pending' }) },
    { name: '3. ready before not ready', a: pod('a', { ready: 'True' }), b: pod('b', { ready: 'False', restarts: 9 }) },
    { name: '4. ready for longer before ready for less', a: pod('a', { ready: 'True', readySince: '2025-01-01T00:00:10Z' }), b: pod('b', { ready: 'True', readySince: '2025-01-01T00:00:20Z', restarts: 3 }) },
    { name: '5. more restarts before fewer', a: pod('a', { ready: 'False', restarts: 2 }), b: pod('b', { ready: 'False', restarts: 1, created: '2024-01-01T00:00:00Z' }) },
    { name: '6. older before newer', a: pod('a', { created: '2025-01-01T00:00:00Z' }), b: pod('b', { created: '2025-01-01T00:00:01Z' }) },
    { name: '6. newer before no creation time', a: pod('a', { created: '2025-01-01T00:00:01Z' }), b: pod('b', { created: '' }) },
  ];
  test.each(cases)('$name', ({ a, b }) => {
    expect(byLoggingLess(a, b)).toBe(true);
    expect(byLoggingLess(b, a)).toBe(false);
  });

  test('equal pods are not less either way', () => {
    expect(byLoggingLess(pod('a', {}), pod('b', {}))).toBe(false);
  });
});

describe('sort.Reverse(ActivePods) picks the most active pod', () => {
  test('assigned, Running, ready for longest, fewest restarts, oldest', () => {
    const pods = [
      pod('unassigned', { node: '' }),
      pod('pending', { phase: 'Pending' }),
      pod('unready', { ready: 'False' }),
      pod('ready-later', { ready: 'True', readySince: '2025-01-01T00:00:20Z' }),
      pod('ready-first-restarted', { ready: 'True', readySince: '2025-01-01T00:00:10Z', restarts: 1 }),
      pod('ready-first', { ready: 'True', readySince: '2025-01-01T00:00:10Z' }),
    ];
    expect(sortByActiveReversed(pods).map((p) => p.metadata.name)).toEqual(
      ['ready-first', 'ready-first-restarted', 'ready-later', 'unready', 'pending', 'unassigned']);
  });
});

function pod(name: string, o: { node?: string; phase?: string; ready?: 'True' | 'False'; readySince?: string; restarts?: number; created?: string }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: o.created ?? '2025-01-01T00:00:00Z' },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'c', image: 'busybox' }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: o.ready ? [{ type: 'Ready', status: o.ready, lastTransitionTime: o.readySince }] : [],
      containerStatuses: o.restarts !== undefined ? [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: o.restarts }] : undefined,
    },
  } as Pod;
}
