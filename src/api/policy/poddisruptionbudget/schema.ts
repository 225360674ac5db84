// policy/v1 PodDisruptionBudget (k8s.io/api/policy/v1/types.go).
import { z } from 'zod';
import { Condition, IntOrString, LabelSelector, ObjectMeta } from '../../meta/schema.js';

export const PodDisruptionBudgetSpec = z.strictObject({
  minAvailable: IntOrString.optional(),
  selector: LabelSelector.optional(),
  maxUnavailable: IntOrString.optional(),
  unhealthyPodEvictionPolicy: z.string().optional(),
});

export const PodDisruptionBudgetStatus = z.strictObject({
  observedGeneration: z.number().int().optional(),
  disruptedPods: z.record(z.string(), z.string()).optional(),
  disruptionsAllowed: z.number().int().optional(),
  currentHealthy: z.number().int().optional(),
  desiredHealthy: z.number().int().optional(),
  expectedPods: z.number().int().optional(),
  conditions: z.array(Condition).optional(),
});

export const PodDisruptionBudget = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('PodDisruptionBudget'),
  metadata: ObjectMeta,
  spec: PodDisruptionBudgetSpec.optional(),
  status: PodDisruptionBudgetStatus.optional(),
});
export type PodDisruptionBudget = z.infer<typeof PodDisruptionBudget> & { metadata: { name: string } };
export type PodDisruptionBudgetSpec = z.infer<typeof PodDisruptionBudgetSpec>;
export type PodDisruptionBudgetStatus = z.infer<typeof PodDisruptionBudgetStatus>;

/** The condition the disruption controller keeps (policy/v1 DisruptionAllowedCondition). */
export const DISRUPTION_ALLOWED_CONDITION = 'DisruptionAllowed';
export const SUFFICIENT_PODS_REASON = 'SufficientPods';
export const INSUFFICIENT_PODS_REASON = 'InsufficientPods';
export const SYNC_FAILED_REASON = 'SyncFailed';
