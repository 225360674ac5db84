// apps/v1 DaemonSet (k8s.io/api/apps/v1/types.go).
import { z } from 'zod';
import { Condition, IntOrString, LabelSelector, ObjectMeta } from '../../meta/schema.js';
import { PodTemplateSpec } from '../../core/pod/schema.js';

export const DaemonSetUpdateStrategy = z.strictObject({
  type: z.string().optional(),
  rollingUpdate: z.strictObject({
    maxUnavailable: IntOrString.optional(),
    maxSurge: IntOrString.optional(),
  }).optional(),
});

export const DaemonSetCondition = Condition.omit({ observedGeneration: true });

export const DaemonSetSpec = z.strictObject({
  selector: LabelSelector,
  template: PodTemplateSpec,
  updateStrategy: DaemonSetUpdateStrategy.optional(),
  minReadySeconds: z.number().int().optional(),
  revisionHistoryLimit: z.number().int().optional(),
});

export const DaemonSetStatus = z.strictObject({
  currentNumberScheduled: z.number().int().optional(),
  numberMisscheduled: z.number().int().optional(),
  desiredNumberScheduled: z.number().int().optional(),
  numberReady: z.number().int().optional(),
  observedGeneration: z.number().int().optional(),
  updatedNumberScheduled: z.number().int().optional(),
  numberAvailable: z.number().int().optional(),
  numberUnavailable: z.number().int().optional(),
  collisionCount: z.number().int().optional(),
  conditions: z.array(DaemonSetCondition).optional(),
});

export const DaemonSet = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('DaemonSet'),
  metadata: ObjectMeta,
  spec: DaemonSetSpec,
  status: DaemonSetStatus.optional(),
});

export type DaemonSet = z.infer<typeof DaemonSet> & { metadata: { name: string } };
export type DaemonSetSpec = z.infer<typeof DaemonSetSpec>;
export type DaemonSetStatus = z.infer<typeof DaemonSetStatus>;
export type DaemonSetUpdateStrategy = z.infer<typeof DaemonSetUpdateStrategy>;
