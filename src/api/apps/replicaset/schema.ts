// apps/v1 ReplicaSet (k8s.io/api/apps/v1/types.go).
import { z } from 'zod';
import { Condition, LabelSelector, ObjectMeta } from '../../meta/schema.js';
import { PodTemplateSpec } from '../../core/pod/schema.js';

export const ReplicaSetCondition = Condition.omit({ observedGeneration: true });

export const ReplicaSetSpec = z.strictObject({
  replicas: z.number().int().optional(),
  minReadySeconds: z.number().int().optional(),
  selector: LabelSelector,
  template: PodTemplateSpec.optional(),
});

export const ReplicaSetStatus = z.strictObject({
  replicas: z.number().int(),
  fullyLabeledReplicas: z.number().int().optional(),
  readyReplicas: z.number().int().optional(),
  availableReplicas: z.number().int().optional(),
  observedGeneration: z.number().int().optional(),
  conditions: z.array(ReplicaSetCondition).optional(),
});

export const ReplicaSet = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('ReplicaSet'),
  metadata: ObjectMeta,
  spec: ReplicaSetSpec,
  status: ReplicaSetStatus.optional(),
});

export type ReplicaSet = z.infer<typeof ReplicaSet> & { metadata: { name: string } };
export type ReplicaSetSpec = z.infer<typeof ReplicaSetSpec>;
export type ReplicaSetStatus = z.infer<typeof ReplicaSetStatus>;
