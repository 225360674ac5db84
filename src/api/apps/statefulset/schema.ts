// apps/v1 StatefulSet (k8s.io/api/apps/v1/types.go).
import { z } from 'zod';
import { Condition, IntOrString, LabelSelector, ObjectMeta, Quantity } from '../../meta/schema.js';
import { PodTemplateSpec } from '../../core/pod/schema.js';

/**
 * A volumeClaimTemplates entry: a core/v1 PersistentVolumeClaim as the StatefulSet embeds it
 * (the v1 conversion writes its apiVersion and kind back, defaulting its status phase).
 */
export const PersistentVolumeClaimTemplate = z.strictObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: ObjectMeta.optional(),
  spec: z.strictObject({
    accessModes: z.array(z.string()).optional(),
    selector: LabelSelector.optional(),
    resources: z.strictObject({
      limits: z.record(z.string(), Quantity).optional(),
      requests: z.record(z.string(), Quantity).optional(),
    }).optional(),
    volumeName: z.string().optional(),
    storageClassName: z.string().optional(),
    volumeMode: z.string().optional(),
    dataSource: z.strictObject({ apiGroup: z.string().optional(), kind: z.string(), name: z.string() }).optional(),
    dataSourceRef: z.strictObject({ apiGroup: z.string().optional(), kind: z.string(), name: z.string(), namespace: z.string().optional() }).optional(),
    volumeAttributesClassName: z.string().optional(),
  }).optional(),
  status: z.record(z.string(), z.unknown()).optional(),
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
