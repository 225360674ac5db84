// apps/v1 StatefulSet (k8s.io/api/apps/v1/types.go).
import { z } from 'zod';
import { Condition, IntOrString, LabelSelector, ObjectMeta } from '../../meta/schema.js';
import { PersistentVolumeClaim } from '../../core/persistentvolumeclaim/schema.js';
import { PodTemplateSpec } from '../../core/pod/schema.js';

/**
 * A volumeClaimTemplates entry: a core/v1 PersistentVolumeClaim as the StatefulSet embeds it (the
 * v1 conversion writes its apiVersion and kind back).
 */
export const PersistentVolumeClaimTemplate = PersistentVolumeClaim.extend({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMeta.optional(),
});

export const StatefulSetUpdateStrategy = z.strictObject({
  type: z.string().optional(),
  rollingUpdate: z.strictObject({
    partition: z.number().int().optional(),
    maxUnavailable: IntOrString.optional(),
  }).optional(),
});

export const StatefulSetPersistentVolumeClaimRetentionPolicy = z.strictObject({
  whenDeleted: z.string().optional(),
  whenScaled: z.string().optional(),
});

export const StatefulSetCondition = Condition.omit({ observedGeneration: true });

export const StatefulSetSpec = z.strictObject({
  replicas: z.number().int().optional(),
  selector: LabelSelector,
  template: PodTemplateSpec,
  volumeClaimTemplates: z.array(PersistentVolumeClaimTemplate).optional(),
  serviceName: z.string().optional(),
  podManagementPolicy: z.string().optional(),
  updateStrategy: StatefulSetUpdateStrategy.optional(),
  revisionHistoryLimit: z.number().int().optional(),
  minReadySeconds: z.number().int().optional(),
  persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy.optional(),
  ordinals: z.strictObject({ start: z.number().int().optional() }).optional(),
});

export const StatefulSetStatus = z.strictObject({
  observedGeneration: z.number().int().optional(),
  replicas: z.number().int(),
  readyReplicas: z.number().int().optional(),
  currentReplicas: z.number().int().optional(),
  updatedReplicas: z.number().int().optional(),
  currentRevision: z.string().optional(),
  updateRevision: z.string().optional(),
  collisionCount: z.number().int().optional(),
  conditions: z.array(StatefulSetCondition).optional(),
  availableReplicas: z.number().int().optional(),
});

export const StatefulSet = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('StatefulSet'),
  metadata: ObjectMeta,
  spec: StatefulSetSpec,
  status: StatefulSetStatus.optional(),
});

export type StatefulSet = z.infer<typeof StatefulSet> & { metadata: { name: string } };
export type StatefulSetSpec = z.infer<typeof StatefulSetSpec>;
export type StatefulSetStatus = z.infer<typeof StatefulSetStatus>;
export type PersistentVolumeClaimTemplate = z.infer<typeof PersistentVolumeClaimTemplate>;
