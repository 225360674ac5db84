// The replica calculator, with the cases and numbers of upstream's replica_calculator_test.go
// (release-1.32): three to seven pods of two containers, cpu requests of 1 per container,
// per-container usage levels, readiness, start times ("hot": just started, "cool": 3 minutes ago)
// and phases; the testing tolerance 0.1, cpu initialisation period 2 min and readiness delay 10 s.
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { PodMetrics } from '../../src/metrics/metrics-server.js';
import { getRawResourceReplicas, getResourceReplicas, type CalculatorConfig } from '../../src/controllers/hpa/replica-calculator.js';
import { resourceMetricsFrom } from '../../src/controllers/hpa/metrics-client.js';

const NOW = Date.UTC(2025, 0, 1, 12);
/** Go's zero time.Time stands in as the epoch: long before anything else. */
const ZERO = new Date(0).toISOString();
const HOT = new Date(NOW).toISOString();
const COOL = new Date(NOW - 3 * 60_000).toISOString();
const TESTING: CalculatorConfig = { tolerance: 0.1, cpuInitializationPeriodMs: 2 * 60_000, delayOfInitialReadinessStatusMs: 10_000 };

interface Case {
  currentReplicas: number;
  expectedReplicas?: number;
  expectedError?: string;
  requests: string[];
  levels: number[][];
  podNames?: string[];
  targetUtilization: number;
  expectedUtilization?: number;
  expectedValue?: number;
  container?: string;
  podReadiness?: ('True' | 'False')[];
  podStartTime?: string[];
  podPhase?: string[];
  podDeletionTimestamp?: boolean[];
}

const both = (...v: number[]) => v.map((x) => [x, x]);

function pods(tc: Case): Pod[] {
  const count = Math.max(tc.currentReplicas, tc.podPhase?.length ?? 0);
  return Array.from({ length: count }, (_, i) => {
    const req = tc.requests[i];
    const c = (name: string) => ({ name, image: 'x', ...(req !== undefined ? { resources: { requests: { cpu: req } } } : {}) });
    return {
      apiVersion: 'v1', kind: 'Pod',
      metadata: { name: `test-pod-${i}`, namespace: 'test-namespace', labels: { name: 'test-pod' },
        ...(tc.podDeletionTimestamp?.[i] ? { deletionTimestamp: HOT } : {}) },
      spec: { containers: [c('container1'), c('container2')] },
      status: { phase: tc.podPhase?.[i] ?? 'Running', startTime: tc.podStartTime?.[i] ?? ZERO,
        conditions: [{ type: 'Ready', status: tc.podReadiness?.[i] ?? 'True' }] },
    } as unknown as Pod;
  });
}

function podMetrics(tc: Case): PodMetrics[] {
  return tc.levels.map((levels, i) => ({
    kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: { name: tc.podNames?.[i] ?? `test-pod-${i}`, namespace: 'test-namespace', creationTimestamp: HOT },
    timestamp: ZERO, window: '1m0s',
    containers: levels.map((m, j) => ({ name: `container${j + 1}`, usage: { cpu: `${m}m`, memory: '0' } })),
  }));
}

function run(tc: Case) {
  const { metrics, timestamp } = (() => {
    try {
      return resourceMetricsFrom(podMetrics(tc), 'cpu', tc.container ?? '');
    } catch (e) {
      throw new Error(`unable to get metrics for resource cpu: ${(e as Error).message}`);
    }
  })();
  return getResourceReplicas(tc.currentReplicas, tc.targetUtilization, 'cpu', tc.container ?? '', pods(tc), metrics, timestamp, TESTING, NOW);
}

const one = (n: number) => Array.from({ length: n }, () => '1.0');

describe('GetResourceReplicas (replica_calculator_test.go)', () => {
  test.each<[string, Case]>([
    ['ScaleUp', { currentReplicas: 3, expectedReplicas: 5, requests: one(3), levels: both(300, 500, 700), targetUtilization: 30, expectedUtilization: 50, expectedValue: 2 * 500 }],
    ['ContainerScaleUp', { currentReplicas: 3, expectedReplicas: 5, requests: one(3), levels: [[1000, 300], [1000, 500], [1000, 700]], container: 'container2',
      targetUtilization: 30, expectedUtilization: 50, expectedValue: 500 }],
    ['ScaleUpUnreadyLessScale', { currentReplicas: 3, expectedReplicas: 4, podReadiness: ['False', 'True', 'True'], requests: one(3), levels: both(300, 500, 700),
      targetUtilization: 30, expectedUtilization: 60, expectedValue: 2 * 600 }],
    ['ScaleUpHotCpuLessScale', { currentReplicas: 3, expectedReplicas: 4, podStartTime: [HOT, COOL, COOL], requests: one(3), levels: both(300, 500, 700),
      targetUtilization: 30, expectedUtilization: 60, expectedValue: 2 * 600 }],
    ['ScaleUpUnreadyNoScale', { currentReplicas: 3, expectedReplicas: 3, podReadiness: ['True', 'False', 'False'], requests: one(3), levels: both(400, 500, 700),
      targetUtilization: 30, expectedUtilization: 40, expectedValue: 2 * 400 }],
    ['ScaleHotCpuNoScale', { currentReplicas: 3, expectedReplicas: 3, podReadiness: ['True', 'False', 'False'], podStartTime: [COOL, HOT, HOT], requests: one(3),
      levels: both(400, 500, 700), targetUtilization: 30, expectedUtilization: 40, expectedValue: 2 * 400 }],
    ['ScaleUpIgnoresFailedPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'],
      podPhase: ['Running', 'Running', 'Failed', 'Failed'], requests: one(4), levels: both(500, 700), targetUtilization: 30, expectedUtilization: 60, expectedValue: 2 * 600 }],
    ['MissingContainerMetricScaleUpIgnoresFailedPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'],
      podPhase: ['Running', 'Running', 'Failed', 'Failed'], requests: one(4), levels: [[1000, 500], [9000, 700], [1000], [9000]], container: 'container2',
      targetUtilization: 30, expectedUtilization: 60, expectedValue: 600 }],
    ['ScaleUpIgnoresDeletionPods', { currentReplicas: 2, expectedReplicas: 4, podReadiness: ['True', 'True', 'False', 'False'],
      podPhase: ['Running', 'Running', 'Running', 'Running'], podDeletionTimestamp: [false, false, true, true], requests: one(4), levels: both(500, 700),
      targetUtilization: 30, expectedUtilization: 60, expectedValue: 2 * 600 }],
    ['ScaleDown', { currentReplicas: 5, expectedReplicas: 3, requests: one(5), levels: both(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 28, expectedValue: 2 * 280 }],
    ['ContainerScaleDown', { currentReplicas: 5, expectedReplicas: 3, requests: one(5), levels: [[1000, 100], [1000, 300], [1000, 500], [1000, 250], [1000, 250]],
      container: 'container2', targetUtilization: 50, expectedUtilization: 28, expectedValue: 280 }],
    ['ScaleDownExcludeUnreadyPods', { currentReplicas: 5, expectedReplicas: 2, podReadiness: ['True', 'True', 'True', 'False', 'False'], requests: one(5),
      levels: both(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 30, expectedValue: 2 * 300 }],
    ['ScaleDownExcludeUnscheduledPods', { currentReplicas: 5, expectedReplicas: 1, podReadiness: ['True', 'False', 'False', 'False', 'False'],
      podPhase: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], requests: one(5), levels: both(100), targetUtilization: 50, expectedUtilization: 10, expectedValue: 2 * 100 }],
    ['ScaleDownIgnoreHotCpuPods', { currentReplicas: 5, expectedReplicas: 2, podStartTime: [COOL, COOL, COOL, HOT, HOT], requests: one(5),
      levels: both(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 30, expectedValue: 2 * 300 }],
    ['ScaleDownIgnoresFailedPods', { currentReplicas: 5, expectedReplicas: 3, podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
      podPhase: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: one(7), levels: both(100, 300, 500, 250, 250),
      targetUtilization: 50, expectedUtilization: 28, expectedValue: 2 * 280 }],
    ['ScaleDownIgnoresDeletionPods', { currentReplicas: 5, expectedReplicas: 3, podReadiness: ['True', 'True', 'True', 'True', 'True', 'False', 'False'],
      podPhase: Array(7).fill('Running'), podDeletionTimestamp: [false, false, false, false, false, true, true], requests: one(7),
      levels: both(100, 300, 500, 250, 250), targetUtilization: 50, expectedUtilization: 28, expectedValue: 2 * 280 }],
    ['Tolerance', { currentReplicas: 3, expectedReplicas: 3, requests: ['0.9', '1.0', '1.1'], levels: both(1010, 1030, 1020), targetUtilization: 100,
      expectedUtilization: 102, expectedValue: 2 * 1020 }],
    ['SuperfluousMetrics', { currentReplicas: 4, expectedReplicas: 24, requests: one(4), levels: both(4000, 9500, 3000, 7000, 3200, 2000), targetUtilization: 100,
      expectedUtilization: 587, expectedValue: 2 * 5875 }],
    ['MissingMetrics', { currentReplicas: 4, expectedReplicas: 3, requests: one(4), levels: both(400, 95), targetUtilization: 100, expectedUtilization: 24, expectedValue: 495 }],
    ['DisjointResourcesMetrics', { currentReplicas: 1, expectedError: 'no metrics returned matched known pods', requests: ['1.0'], levels: both(100),
      podNames: ['an-older-pod-name'], targetUtilization: 100 }],
    ['EmptyMetrics', { currentReplicas: 4, expectedError: 'unable to get metrics for resource cpu: no metrics returned from resource metrics API',
      requests: one(3), levels: [], targetUtilization: 100 }],
    ['EmptyCPURequest', { currentReplicas: 1, expectedError: 'missing request for cpu in container container1 of Pod test-pod-0', requests: [], levels: both(200), targetUtilization: 100 }],
  ])('%s', (_name, tc) => {
    if (tc.expectedError) {
      expect(() => run(tc)).toThrow(tc.expectedError);
      return;
    }
    const p = run(tc);
    expect({ replicas: p.replicas, utilization: p.utilization, value: p.rawUtilization })
      .toEqual({ replicas: tc.expectedReplicas, utilization: tc.expectedUtilization, value: tc.expectedValue });
  });
});

describe('calcPlainMetricReplicas (the CM cases, average value per pod)', () => {
  const plain = (current: number, levels: number[], target: number, readiness?: ('True' | 'False')[], start?: string[]) => {
    const tc: Case = { currentReplicas: current, requests: [], levels: levels.map((l) => [l]), targetUtilization: 0, podReadiness: readiness, podStartTime: start };
    const { metrics, timestamp } = resourceMetricsFrom(podMetrics(tc), 'cpu', '');
    // GetMetricReplicas passes no resource name, so readiness is not looked at.
    return getRawResourceReplicas(current, target, '', pods(tc), metrics, timestamp, TESTING, NOW);
  };
  test.each<[string, number, number[], number, number, number, ('True' | 'False')[]?, string[]?]>([
    ['ScaleUpCM', 3, [20000, 10000, 30000], 15000, 4, 20000],
    ['ScaleUpCMUnreadyHotCpuNoLessScale', 3, [50000, 10000, 30000], 15000, 6, 30000, ['True', 'True', 'False'], [COOL, COOL, HOT]],
    ['ScaleUpCMUnreadyHotCpuScaleWouldScaleDown', 3, [50000, 15000, 30000], 15000, 7, 31666, ['False', 'True', 'False'], [HOT, COOL, HOT]],
    ['ScaleDownCM', 5, [12000, 12000, 12000, 12000, 12000], 20000, 3, 12000],
    ['ToleranceCM', 3, [20000, 21000, 21000], 20000, 3, 20666],
  ])('%s', (_name, current, levels, target, want, usage, readiness, start) => {
    const p = plain(current, levels, target, readiness, start);
    expect([p.replicas, p.rawUtilization]).toEqual([want, usage]);
  });
});
