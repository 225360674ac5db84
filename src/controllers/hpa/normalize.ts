// How a recommendation becomes the new size, as horizontal.go (release-1.32) does it: without a
// behavior, the highest recommendation of the downscale stabilisation window and a scale-up limit
// of max(2×, 4); with one, the stabilisation windows of both directions and the scaling policies
// over the scale events of their periods. The controller's memory of recommendations and events
// is plain data (HpaMemory) that the controller keeps in the store between syncs.
import type { HPAScalingRules, HorizontalPodAutoscaler } from '../../api/autoscaling/horizontalpodautoscaler/schema.js';

export interface TimestampedRecommendation { recommendation: number; timestamp: number }
export interface TimestampedScaleEvent { replicaChange: number; timestamp: number; outdated: boolean }

export interface HpaMemory {
  recommendations?: TimestampedRecommendation[];
  scaleUpEvents?: TimestampedScaleEvent[];
  scaleDownEvents?: TimestampedScaleEvent[];
}

/** --horizontal-pod-autoscaler-downscale-stabilization. */
export const DOWNSCALE_STABILISATION_WINDOW_MS = 5 * 60_000;
/** scaleUpLimitFactor and scaleUpLimitMinimum. */
const SCALE_UP_LIMIT_FACTOR = 2.0;
const SCALE_UP_LIMIT_MINIMUM = 4.0;

export interface Limited {
  replicas: number;
  /** AbleToScale's reason and message for the stabilisation step. */
  ableReason: string;
  ableMessage: string;
  /** ScalingLimited: whether the rate or bounds changed the stabilised recommendation. */
  limited: boolean;
  limitReason: string;
  limitMessage: string;
}

const READY = { reason: 'ReadyForNewScale', message: 'recommended size matches current size' };

/** recordInitialRecommendation. */
export function recordInitialRecommendation(mem: HpaMemory, currentReplicas: number, now: number): void {
  mem.recommendations ??= [{ recommendation: currentReplicas, timestamp: now }];
}

/** stabilizeRecommendation: the highest recommendation of the window, recording this one. */
export function stabilizeRecommendation(mem: HpaMemory, desired: number, now: number): number {
  let max = desired;
  let oldIndex = -1;
  const cutoff = now - DOWNSCALE_STABILISATION_WINDOW_MS;
  const recs = (mem.recommendations ??= []);
  recs.forEach((rec, i) => {
    if (rec.timestamp < cutoff) oldIndex = i;
    else if (rec.recommendation > max) max = rec.recommendation;
  });
  const entry = { recommendation: desired, timestamp: now };
  if (oldIndex >= 0) recs[oldIndex] = entry;
  else recs.push(entry);
  return max;
}

/** convertDesiredReplicasWithRules. */
export function convertDesiredReplicasWithRules(current: number, desired: number, min: number, max: number): { replicas: number; reason: string; message: string } {
  const scaleUpLimit = Math.trunc(Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM));
  let maximumAllowed: number;
  let reason: string;
  let message: string;
  if (max > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    reason = 'ScaleUpLimit';
    message = 'the desired replica count is increasing faster than the maximum scale rate';
  } else {
    maximumAllowed = max;
    reason = 'TooManyReplicas';
    message = 'the desired replica count is more than the maximum replica count';
  }
  if (desired < min) return { replicas: min, reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count' };
  if (desired > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** normalizeDesiredReplicas: the path for an HPA without a behavior. */
export function normalizeDesiredReplicas(mem: HpaMemory, hpa: HorizontalPodAutoscaler, current: number, desired: number, min: number, now: number): Limited {
  const stabilized = stabilizeRecommendation(mem, desired, now);
  const able = stabilized !== desired
    ? { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' }
    : READY;
  const r = convertDesiredReplicasWithRules(current, stabilized, min, hpa.spec.maxReplicas);
  return { replicas: r.replicas, ableReason: able.reason, ableMessage: able.message, limited: r.replicas !== stabilized, limitReason: r.reason, limitMessage: r.message };
}

/** getReplicasChangePerPeriod. */
function changeInPeriod(periodSeconds: number, events: readonly TimestampedScaleEvent[], now: number): number {
  const cutoff = now - periodSeconds * 1000;
  return events.reduce((sum, e) => (e.timestamp > cutoff ? sum + e.replicaChange : sum), 0);
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** calculateScaleUpLimitWithScalingRules. */
export function calculateScaleUpLimitWithScalingRules(current: number, up: readonly TimestampedScaleEvent[], down: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? INT32_MAX : INT32_MIN;
  for (const policy of rules.policies ?? []) {
    const start = current - changeInPeriod(policy.periodSeconds, up, now) + changeInPeriod(policy.periodSeconds, down, now);
    let proposed = 0;
    if (policy.type === 'Pods') proposed = start + policy.value;
    else if (policy.type === 'Percent') proposed = Math.ceil(start * (1 + policy.value / 100));
    result = minChange ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** calculateScaleDownLimitWithBehaviors. */
export function calculateScaleDownLimitWithBehaviors(current: number, up: readonly TimestampedScaleEvent[], down: readonly TimestampedScaleEvent[],
  rules: HPAScalingRules, now: number): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const minChange = rules.selectPolicy === 'Min';
  let result = minChange ? INT32_MIN : INT32_MAX;
  for (const policy of rules.policies ?? []) {
    const start = current - changeInPeriod(policy.periodSeconds, up, now) + changeInPeriod(policy.periodSeconds, down, now);
    let proposed = 0;
    if (policy.type === 'Pods') proposed = start - policy.value;
    else if (policy.type === 'Percent') proposed = Math.trunc(start * (1 - policy.value / 100));
    result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** stabilizeRecommendationWithBehaviors. */
export function stabilizeRecommendationWithBehaviors(mem: HpaMemory, current: number, desired: number, upRules: HPAScalingRules, downRules: HPAScalingRules, now: number):
  { replicas: number; reason: string; message: string } {
  let upRecommendation = desired;
  const upCutoff = now - (upRules.stabilizationWindowSeconds ?? 0) * 1000;
  let downRecommendation = desired;
  const downCutoff = now - (downRules.stabilizationWindowSeconds ?? 0) * 1000;
  let oldIndex = -1;
  const recs = (mem.recommendations ??= []);
  recs.forEach((rec, i) => {
    if (rec.timestamp > upCutoff) upRecommendation = Math.min(rec.recommendation, upRecommendation);
    if (rec.timestamp > downCutoff) downRecommendation = Math.max(rec.recommendation, downRecommendation);
    if (rec.timestamp < upCutoff && rec.timestamp < downCutoff) oldIndex = i;
  });
  let recommendation = current;
  if (recommendation < upRecommendation) recommendation = upRecommendation;
  if (recommendation > downRecommendation) recommendation = downRecommendation;
  const entry = { recommendation: desired, timestamp: now };
  if (oldIndex >= 0) recs[oldIndex] = entry;
  else recs.push(entry);
  return desired >= current
    ? { replicas: recommendation, reason: 'ScaleUpStabilized', message: 'recent recommendations were lower than current one, applying the lowest recent recommendation' }
    : { replicas: recommendation, reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
}

/** convertDesiredReplicasWithBehaviorRate. */
export function convertDesiredReplicasWithBehaviorRate(mem: HpaMemory, current: number, desired: number, min: number, max: number,
  upRules: HPAScalingRules, downRules: HPAScalingRules, now: number): { replicas: number; reason: string; message: string } {
  const up = mem.scaleUpEvents ?? [];
  const down = mem.scaleDownEvents ?? [];
  if (desired > current) {
    const scaleUpLimit = Math.max(calculateScaleUpLimitWithScalingRules(current, up, down, upRules, now), current);
    let maximumAllowed = max;
    let reason = 'TooManyReplicas';
    let message = 'the desired replica count is more than the maximum replica count';
    if (maximumAllowed > scaleUpLimit) {
      maximumAllowed = scaleUpLimit;
      reason = 'ScaleUpLimit';
      message = 'the desired replica count is increasing faster than the maximum scale rate';
    }
    if (desired > maximumAllowed) return { replicas: maximumAllowed, reason, message };
  } else if (desired < current) {
    const scaleDownLimit = Math.min(calculateScaleDownLimitWithBehaviors(current, up, down, downRules, now), current);
    let minimumAllowed = min;
    let reason = 'TooFewReplicas';
    let message = 'the desired replica count is less than the minimum replica count';
    if (minimumAllowed < scaleDownLimit) {
      minimumAllowed = scaleDownLimit;
      reason = 'ScaleDownLimit';
      message = 'the desired replica count is decreasing faster than the maximum scale rate';
    }
    if (desired < minimumAllowed) return { replicas: minimumAllowed, reason, message };
  }
  return { replicas: desired, reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range' };
}

/** normalizeDesiredReplicasWithBehaviors (maybeInitScaleDownStabilizationWindow included). */
export function normalizeDesiredReplicasWithBehaviors(mem: HpaMemory, hpa: HorizontalPodAutoscaler, current: number, desired: number, min: number, now: number): Limited {
  const behavior = hpa.spec.behavior!;
  const upRules = behavior.scaleUp ?? {};
  const downRules = { ...behavior.scaleDown, stabilizationWindowSeconds: behavior.scaleDown?.stabilizationWindowSeconds ?? DOWNSCALE_STABILISATION_WINDOW_MS / 1000 };
  const s = stabilizeRecommendationWithBehaviors(mem, current, desired, upRules, downRules, now);
  const able = s.replicas !== desired ? { reason: s.reason, message: s.message } : READY;
  const r = convertDesiredReplicasWithBehaviorRate(mem, current, s.replicas, min, hpa.spec.maxReplicas, upRules, downRules, now);
  return { replicas: r.replicas, ableReason: able.reason, ableMessage: able.message, limited: r.replicas !== s.replicas, limitReason: r.reason, limitMessage: r.message };
}

/** getLongestPolicyPeriod. */
function longestPolicyPeriod(rules: HPAScalingRules | undefined): number {
  return Math.max(0, ...(rules?.policies ?? []).map((p) => p.periodSeconds));
}

/** storeScaleEvent: kept only for an HPA with a behavior, one slot reused once outdated. */
export function storeScaleEvent(mem: HpaMemory, hpa: HorizontalPodAutoscaler, prev: number, next: number, now: number): void {
  const behavior = hpa.spec.behavior;
  if (!behavior) return;
  const upward = next > prev;
  const rules = upward ? behavior.scaleUp : behavior.scaleDown;
  const events = upward ? (mem.scaleUpEvents ??= []) : (mem.scaleDownEvents ??= []);
  const cutoff = now - longestPolicyPeriod(rules) * 1000;
  let oldIndex = -1;
  events.forEach((e, i) => {
    if (e.timestamp < cutoff) e.outdated = true;
    if (e.outdated) oldIndex = i;
  });
  const entry = { replicaChange: Math.abs(next - prev), timestamp: now, outdated: false };
  if (oldIndex >= 0) events[oldIndex] = entry;
  else events.push(entry);
}
