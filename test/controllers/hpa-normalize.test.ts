// Stabilisation and scaling policies with the cases of upstream's horizontal_test.go
// (TestConvertDesiredReplicasWithBehaviorRate, TestNormalizeDesiredReplicasWithBehavior,
// TestStoreScaleEvents), on a fixed `now`.
import { describe, expect, test } from 'vitest';
import type { HPAScalingPolicy, HPAScalingRules } from '../../src/api/autoscaling/horizontalpodautoscaler/schema.js';
import { generateHPAScaleDownRules, generateHPAScaleUpRules } from '../../src/api/autoscaling/horizontalpodautoscaler/defaults.js';
import {
  convertDesiredReplicasWithBehaviorRate, convertDesiredReplicasWithRules, stabilizeRecommendation, stabilizeRecommendationWithBehaviors, storeScaleEvent,
  type HpaMemory, type TimestampedRecommendation, type TimestampedScaleEvent,
} from '../../src/controllers/hpa/normalize.js';
import type { HorizontalPodAutoscaler } from '../../src/api/autoscaling/horizontalpodautoscaler/schema.js';

const NOW = Date.UTC(2025, 0, 1, 12);
const ago = (s: number) => NOW - s * 1000;

/** generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow). */
function generateScalingRules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): HPAScalingRules {
  const policies: HPAScalingPolicy[] = [];
  if (pods !== 0) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', ...(policies.length ? { policies } : {}) };
}

/** generateEventsUniformDistribution: each event in the middle of its share of the period. */
function events(raw: number[], periodSeconds: number): TimestampedScaleEvent[] {
  const segment = periodSeconds / raw.length;
  return raw.map((change, i) => ({ replicaChange: change, timestamp: NOW - Math.trunc(periodSeconds - segment * (i + 1) + segment / 2) * 1000, outdated: false }));
}

describe('convertDesiredReplicasWithBehaviorRate', () => {
  test.each<[string, { up?: TimestampedScaleEvent[]; down?: TimestampedScaleEvent[]; min: number; max: number; upRules?: HPAScalingRules; downRules?: HPAScalingRules;
    current: number; desired: number; want: number; condition: string }]>([
    ['scaleUp with percent policy limitation', { min: 1, max: 1000, upRules: generateScalingRules(0, 0, 200, 60, 0), current: 10, desired: 50, want: 30, condition: 'ScaleUpLimit' }],
    ['scaleDown with percent policy larger than pod policy', { min: 1, max: 1000, downRules: generateScalingRules(20, 60, 1, 60, 300), current: 100, desired: 2, want: 80, condition: 'ScaleDownLimit' }],
    ['scaleDown with pod policy larger than percent policy', { min: 1, max: 1000, downRules: generateScalingRules(2, 60, 1, 60, 300), current: 100, desired: 2, want: 98, condition: 'ScaleDownLimit' }],
    ['scaleDown with spec MinReplicas limitation with large pod policy', { min: 1, max: 1000, downRules: generateScalingRules(100, 60, 0, 0, 300), current: 10, desired: 0, want: 1, condition: 'TooFewReplicas' }],
    ['scaleDown with spec MinReplicas limitation with large percent policy', { min: 5, max: 1000, downRules: generateScalingRules(0, 0, 100, 60, 300), current: 10, desired: 2, want: 5, condition: 'TooFewReplicas' }],
    ['scaleDown with pod policy limitation', { min: 1, max: 1000, downRules: generateScalingRules(5, 60, 0, 0, 300), current: 10, desired: 2, want: 5, condition: 'ScaleDownLimit' }],
    ['scaleDown with percent policy limitation', { min: 1, max: 1000, downRules: generateScalingRules(0, 0, 50, 60, 300), current: 10, desired: 5, want: 5, condition: 'DesiredWithinRange' }],
    ['scaleUp with spec MaxReplicas limitation with large pod policy and events', { up: events([1, 5, 9], 120), min: 1, max: 200, upRules: generateScalingRules(300, 60, 0, 0, 0),
      current: 100, desired: 500, want: 200, condition: 'TooManyReplicas' }],
    ['scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events', { up: events([1, 5, 9], 120), min: 1, max: 1000,
      upRules: generateScalingRules(5, 120, 0, 0, 0), current: 100, desired: 500, want: 100, condition: 'ScaleUpLimit' }],
    ['scaleUp with pod policy and previous scale up events', { up: events([1, 5, 9], 120), min: 1, max: 1000, upRules: generateScalingRules(150, 120, 0, 0, 0),
      current: 100, desired: 500, want: 235, condition: 'ScaleUpLimit' }],
    ['scaleUp with percent policy and previous scale up events', { up: events([1, 5, 9], 120), min: 1, max: 1000, upRules: generateScalingRules(0, 0, 200, 120, 0),
      current: 100, desired: 500, want: 255, condition: 'ScaleUpLimit' }],
    ['scaleUp with percent policy and previous scale up and down events', { up: events([4], 120), down: events([2], 120), min: 1, max: 1000,
      upRules: generateScalingRules(0, 0, 300, 300, 0), current: 6, desired: 24, want: 16, condition: 'ScaleUpLimit' }],
    ['scaleDown with default policy and previous events', { down: events([1, 5, 9], 120), min: 1, max: 1000, current: 10, desired: 5, want: 5, condition: 'DesiredWithinRange' }],
    ['scaleDown with spec MinReplicas limitation with large pod policy and previous events', { down: events([1, 5, 9], 120), min: 5, max: 1000,
      downRules: generateScalingRules(130, 120, 0, 0, 300), current: 100, desired: 0, want: 5, condition: 'TooFewReplicas' }],
    ['scaleDown with pod policy limitation and previous events', { down: events([1, 5, 9], 120), min: 1, max: 1000, downRules: generateScalingRules(5, 120, 0, 0, 300),
      current: 100, desired: 2, want: 100, condition: 'ScaleDownLimit' }],
    ['scaleDown with percent policy limitation and previous events', { down: events([2, 4, 6], 120), min: 1, max: 1000, downRules: generateScalingRules(0, 0, 50, 120, 300),
      current: 100, desired: 0, want: 56, condition: 'ScaleDownLimit' }],
    ['scaleDown with percent policy and previous scale up and down events', { up: events([2], 120), down: events([4], 120), min: 1, max: 1000,
      downRules: generateScalingRules(0, 0, 50, 180, 0), current: 10, desired: 1, want: 6, condition: 'ScaleDownLimit' }],
    ['scaleDown with previous events preventing further scale down', { down: events([10, 10, 10], 120), min: 1, max: 1000, downRules: generateScalingRules(0, 0, 10, 120, 300),
      current: 100, desired: 0, want: 100, condition: 'ScaleDownLimit' }],
    ['scaleDown with with previous events still allowing more scale down', { down: events([10, 10, 10], 120), min: 1, max: 1000, downRules: generateScalingRules(0, 0, 1000, 120, 300),
      current: 10, desired: 5, want: 5, condition: 'DesiredWithinRange' }],
    ['check that events were marked outdated for two different policies in the behavior for up', { up: events([8, 12, 9, 11], 120), min: 1, max: 1000,
      upRules: generateScalingRules(1000, 30, 100, 60, 0), current: 100, desired: 200, want: 200, condition: 'DesiredWithinRange' }],
  ])('%s', (_name, tc) => {
    const mem: HpaMemory = { scaleUpEvents: tc.up ?? [], scaleDownEvents: tc.down ?? [] };
    const r = convertDesiredReplicasWithBehaviorRate(mem, tc.current, tc.desired, tc.min, tc.max,
      generateHPAScaleUpRules(tc.upRules), generateHPAScaleDownRules(tc.downRules), NOW);
    expect([r.replicas, r.reason]).toEqual([tc.want, tc.condition]);
  });
});

describe('stabilizeRecommendationWithBehaviors', () => {
  const rec = (r: number, secondsAgo: number): TimestampedRecommendation => ({ recommendation: r, timestamp: ago(secondsAgo) });
  test.each<[string, TimestampedRecommendation[], number, number, number, number, number, number[]?]>([
    ['empty recommendations for scaling down', [], 100, 5, 0, 0, 5, [5]],
    ['simple scale down stabilization', [rec(4, 120), rec(5, 60)], 100, 3, 0, 180, 5, [4, 5, 3]],
    ['simple scale up stabilization', [rec(4, 120), rec(5, 60)], 1, 7, 300, 0, 4, [4, 5, 7]],
    ['no scale down stabilization', [rec(1, 120), rec(2, 60)], 100, 3, 300, 0, 3, [1, 2, 3]],
    ['no scale up stabilization', [rec(4, 120), rec(5, 60)], 1, 3, 0, 300, 3, [4, 5, 3]],
    ['no scale down stabilization, reuse recommendation element', [rec(10, 600), rec(9, 540)], 100, 3, 0, 0, 3, [10, 3]],
    ['no scale up stabilization, reuse recommendation element', [rec(10, 600), rec(9, 540)], 1, 100, 0, 0, 100, [10, 100]],
    ['scale down stabilization, reuse one of obsolete recommendation element', [rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)], 100, 3, 0, 180, 5, [10, 4, 5, 3]],
    ['scale up and down stabilization, do not scale up when prenormalized rec goes down', [rec(2, 6000), rec(3, 180)], 2, 1, 300, 300, 2],
    ['scale up and down stabilization, do not scale down when prenormalized rec goes up', [rec(2, 6000), rec(1, 180)], 2, 3, 300, 300, 2],
  ])('%s', (_name, recs, current, desired, upWindow, downWindow, want, stored) => {
    const mem: HpaMemory = { recommendations: recs };
    const r = stabilizeRecommendationWithBehaviors(mem, current, desired, { stabilizationWindowSeconds: upWindow }, { stabilizationWindowSeconds: downWindow }, NOW);
    expect(r.replicas).toBe(want);
    if (stored) expect(mem.recommendations!.map((x) => x.recommendation)).toEqual(stored);
  });

  test('the reason says which way the recommendations held the size back', () => {
    const mem: HpaMemory = { recommendations: [{ recommendation: 8, timestamp: ago(120) }] };
    expect(stabilizeRecommendationWithBehaviors(mem, 8, 3, { stabilizationWindowSeconds: 0 }, { stabilizationWindowSeconds: 300 }, NOW)).toEqual({
      replicas: 8, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' });
  });
});

describe('storeScaleEvent (TestStoreScaleEvents)', () => {
  const ev = (change: number, secondsAgo: number): TimestampedScaleEvent => ({ replicaChange: change, timestamp: ago(secondsAgo), outdated: false });
  const hpaWith = (dir: 'scaleUp' | 'scaleDown', rules: HPAScalingRules | undefined) =>
    ({ spec: { behavior: rules ? { [dir]: rules } : undefined } }) as unknown as HorizontalPodAutoscaler;
  test.each<[string, TimestampedScaleEvent[], [number, boolean][], HPAScalingRules | undefined]>([
    ['empty entries with default behavior', [], [], undefined],
    ['empty entries with two-policy-behavior', [], [[5, false]], generateScalingRules(10, 60, 100, 60, 0)],
    ['one outdated entry to be kept untouched without behavior', [ev(7, 61)], [[7, false]], undefined],
    ['one outdated entry to be replaced with behavior', [ev(7, 61)], [[5, false]], generateScalingRules(10, 60, 100, 60, 0)],
    ['one actual entry to be not touched with behavior', [ev(7, 58)], [[7, false], [5, false]], generateScalingRules(10, 60, 100, 60, 0)],
    ['two entries, one of them to be replaced', [ev(7, 61), ev(6, 59)], [[5, false], [6, false]], generateScalingRules(10, 60, 0, 0, 0)],
    ['replace one entry, use policies with different periods', [ev(8, 29), ev(6, 59), ev(7, 61), ev(9, 61)],
      [[8, false], [6, false], [7, true], [5, false]], generateScalingRules(10, 60, 100, 30, 0)],
    ['two entries, both actual', [ev(7, 58), ev(6, 59)], [[7, false], [6, false], [5, false]], generateScalingRules(10, 120, 100, 30, 0)],
  ])('%s', (_name, prev, want, rules) => {
    for (const dir of ['scaleUp', 'scaleDown'] as const) {
      const mem: HpaMemory = dir === 'scaleUp' ? { scaleUpEvents: structuredClone(prev) } : { scaleDownEvents: structuredClone(prev) };
      storeScaleEvent(mem, hpaWith(dir, rules), 10, dir === 'scaleUp' ? 15 : 5, NOW);
      const got = (dir === 'scaleUp' ? mem.scaleUpEvents : mem.scaleDownEvents) ?? [];
      expect(got.map((e) => [e.replicaChange, e.outdated])).toEqual(want);
    }
  });
});

describe('without a behavior: the downscale window and the 2x/4 scale-up limit', () => {
  test.each<[string, number, number, number, number, TimestampedRecommendation[], number, string]>([
    ['scale up within limits', 2, 4, 1, 10, [{ recommendation: 4, timestamp: NOW }], 4, 'DesiredWithinRange'],
    ['scale down stabilized', 5, 3, 1, 10, [{ recommendation: 4, timestamp: ago(60) }, { recommendation: 3, timestamp: NOW }], 4, 'DesiredWithinRange'],
    ['at min replicas', 2, 1, 2, 10, [{ recommendation: 1, timestamp: NOW }], 2, 'TooFewReplicas'],
    ['at max replicas', 10, 12, 1, 10, [{ recommendation: 12, timestamp: NOW }], 10, 'TooManyReplicas'],
    ['faster than twice the size', 3, 20, 1, 10, [], 6, 'ScaleUpLimit'],
    ['at least four at once', 1, 9, 1, 10, [], 4, 'ScaleUpLimit'],
  ])('%s', (_name, current, desired, min, max, recs, want, reason) => {
    const mem: HpaMemory = { recommendations: recs };
    const stabilized = stabilizeRecommendation(mem, desired, NOW);
    const r = convertDesiredReplicasWithRules(current, stabilized, min, max);
    expect([r.replicas, r.reason]).toEqual([want, reason]);
  });
});
