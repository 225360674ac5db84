// batch/v1 Job (k8s.io/api/batch/v1/types.go, release-1.32).
import { z } from 'zod';
import { LabelSelector, ObjectMeta } from '../../meta/schema.js';
import { PodTemplateSpec } from '../../core/pod/schema.js';

export const PodFailurePolicyOnExitCodesRequirement = z.strictObject({
  containerName: z.string().optional(),
  operator: z.string(),
  values: z.array(z.number().int()),
});

export const PodFailurePolicyOnPodConditionsPattern = z.strictObject({
  type: z.string(),
  status: z.string().optional(),
});

export const PodFailurePolicyRule = z.strictObject({
  action: z.string(),
  onExitCodes: PodFailurePolicyOnExitCodesRequirement.optional(),
  onPodConditions: z.array(PodFailurePolicyOnPodConditionsPattern).optional(),
});

export const SuccessPolicyRule = z.strictObject({
  succeededIndexes: z.string().optional(),
  succeededCount: z.number().int().optional(),
});

export const JobSpec = z.strictObject({
  parallelism: z.number().int().optional(),
  completions: z.number().int().optional(),
  activeDeadlineSeconds: z.number().int().optional(),
  podFailurePolicy: z.strictObject({ rules: z.array(PodFailurePolicyRule) }).optional(),
  successPolicy: z.strictObject({ rules: z.array(SuccessPolicyRule) }).optional(),
  backoffLimit: z.number().int().optional(),
  backoffLimitPerIndex: z.number().int().optional(),
  maxFailedIndexes: z.number().int().optional(),
  selector: LabelSelector.optional(),
  manualSelector: z.boolean().optional(),
  template: PodTemplateSpec,
  ttlSecondsAfterFinished: z.number().int().optional(),
  completionMode: z.string().optional(),
  suspend: z.boolean().optional(),
  podReplacementPolicy: z.string().optional(),
  managedBy: z.string().optional(),
});

export const JobCondition = z.strictObject({
  type: z.string(),
  status: z.string(),
  lastProbeTime: z.string().nullable().optional(),
  lastTransitionTime: z.string().nullable().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const UncountedTerminatedPods = z.strictObject({
  succeeded: z.array(z.string()).optional(),
  failed: z.array(z.string()).optional(),
});

export const JobStatus = z.strictObject({
  conditions: z.array(JobCondition).optional(),
  startTime: z.string().nullable().optional(),
  completionTime: z.string().nullable().optional(),
  active: z.number().int().optional(),
  succeeded: z.number().int().optional(),
  failed: z.number().int().optional(),
  terminating: z.number().int().optional(),
  completedIndexes: z.string().optional(),
  failedIndexes: z.string().optional(),
  uncountedTerminatedPods: UncountedTerminatedPods.optional(),
  ready: z.number().int().optional(),
});

export const Job = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Job'),
  metadata: ObjectMeta,
  spec: JobSpec,
  status: JobStatus.optional(),
});

export type Job = z.infer<typeof Job> & { metadata: { name: string } };
export type JobSpec = z.infer<typeof JobSpec>;
export type JobStatus = z.infer<typeof JobStatus>;
export type JobCondition = z.infer<typeof JobCondition>;
