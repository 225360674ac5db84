// apps/v1 Deployment (k8s.io/api/apps/v1/types.go).
import { z } from 'zod';
import { Condition, IntOrString, LabelSelector, ObjectMeta } from '../../meta/schema.js';
import { PodTemplateSpec } from '../../core/pod/schema.js';

export const DeploymentStrategy = z.strictObject({
  type: z.string().optional(),
  rollingUpdate: z.strictObject({
    maxUnavailable: IntOrString.optional(),
    maxSurge: IntOrString.optional(),
  }).optional(),
});

export const DeploymentCondition = Condition.omit({ observedGeneration: true }).extend({
  lastUpdateTime: z.string().optional(),
});

export const DeploymentSpec = z.strictObject({
  replicas: z.number().int().optional(),
  selector: LabelSelector,
  template: PodTemplateSpec,
  strategy: DeploymentStrategy.optional(),
  minReadySeconds: z.number().int().optional(),
  revisionHistoryLimit: z.number().int().optional(),
  paused: z.boolean().optional(),
  progressDeadlineSeconds: z.number().int().optional(),
});

export const DeploymentStatus = z.strictObject({
  observedGeneration: z.number().int().optional(),
  replicas: z.number().int().optional(),
  updatedReplicas: z.number().int().optional(),
  readyReplicas: z.number().int().optional(),
  availableReplicas: z.number().int().optional(),
  unavailableReplicas: z.number().int().optional(),
  conditions: z.array(DeploymentCondition).optional(),
  collisionCount: z.number().int().optional(),
});

export const Deployment = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Deployment'),
  metadata: ObjectMeta,
  spec: DeploymentSpec,
  status: DeploymentStatus.optional(),
});

export type Deployment = z.infer<typeof Deployment> & { metadata: { name: string } };
export type DeploymentSpec = z.infer<typeof DeploymentSpec>;
export type DeploymentStatus = z.infer<typeof DeploymentStatus>;
export type DeploymentCondition = z.infer<typeof DeploymentCondition>;
export type DeploymentStrategy = z.infer<typeof DeploymentStrategy>;
