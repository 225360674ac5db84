// The DisruptionAllowed condition, as pkg/apis/policy/v1 helper's UpdateDisruptionAllowedCondition
// and ConditionsAreUpToDate keep it (release-1.32), over apimachinery's SetStatusCondition. The
// disruption controller and the eviction subresource both write it.
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from './schema.js';
import { DISRUPTION_ALLOWED_CONDITION, INSUFFICIENT_PODS_REASON, SUFFICIENT_PODS_REASON } from './schema.js';

type Condition = NonNullable<PodDisruptionBudgetStatus['conditions']>[number];

/**
 * meta.SetStatusCondition: a new condition gets lastTransitionTime now; an existing one keeps its
 * time unless its status changes, and takes the new reason, message and observedGeneration.
 */
export function setStatusCondition(conditions: Condition[], next: Omit<Condition, 'lastTransitionTime'>, now: string): void {
  const existing = conditions.find((c) => c.type === next.type);
  if (!existing) {
    conditions.push({ type: next.type, status: next.status, observedGeneration: next.observedGeneration, lastTransitionTime: now,
      reason: next.reason, message: next.message ?? '' });
    return;
  }
  if (existing.status !== next.status) {
    existing.status = next.status;
    existing.lastTransitionTime = now;
  }
  existing.reason = next.reason;
  existing.message = next.message ?? '';
  existing.observedGeneration = next.observedGeneration;
}

/** UpdateDisruptionAllowedCondition: True/SufficientPods while disruptions are allowed, else False/InsufficientPods. */
export function updateDisruptionAllowedCondition(status: PodDisruptionBudgetStatus, now: string): void {
  const conditions = (status.conditions ??= []);
  const allowed = (status.disruptionsAllowed ?? 0) > 0;
  setStatusCondition(conditions, {
    type: DISRUPTION_ALLOWED_CONDITION,
    status: allowed ? 'True' : 'False',
    reason: allowed ? SUFFICIENT_PODS_REASON : INSUFFICIENT_PODS_REASON,
    observedGeneration: status.observedGeneration,
  }, now);
}

/** ConditionsAreUpToDate. */
export function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const status = pdb.status ?? {};
  const cond = status.conditions?.find((c) => c.type === DISRUPTION_ALLOWED_CONDITION);
  if (!cond) return false;
  if ((status.observedGeneration ?? 0) !== (pdb.metadata.generation ?? 0)) return false;
  if ((status.disruptionsAllowed ?? 0) > 0) return cond.status === 'True' && cond.reason === SUFFICIENT_PODS_REASON;
  return cond.status === 'False' && cond.reason === INSUFFICIENT_PODS_REASON;
}
