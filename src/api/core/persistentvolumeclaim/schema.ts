// core/v1 PersistentVolumeClaim (k8s.io/api/core/v1/types.go).
import { z } from 'zod';
import { LabelSelector, ObjectMeta, Quantity, StringMap } from '../../meta/schema.js';

const ResourceList = z.record(z.string(), Quantity);

export const PersistentVolumeClaimSpec = z.strictObject({
  accessModes: z.array(z.string()).optional(),
  selector: LabelSelector.optional(),
  resources: z.strictObject({ limits: ResourceList.optional(), requests: ResourceList.optional() }).optional(),
  volumeName: z.string().optional(),
  storageClassName: z.string().optional(),
  volumeMode: z.string().optional(),
  dataSource: z.strictObject({ apiGroup: z.string().optional(), kind: z.string(), name: z.string() }).optional(),
  dataSourceRef: z.strictObject({
    apiGroup: z.string().optional(), kind: z.string(), name: z.string(), namespace: z.string().optional(),
  }).optional(),
  volumeAttributesClassName: z.string().optional(),
});

export const PersistentVolumeClaimCondition = z.strictObject({
  type: z.string(),
  status: z.string(),
  lastProbeTime: z.string().nullable().optional(),
  lastTransitionTime: z.string().nullable().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const PersistentVolumeClaimStatus = z.strictObject({
  phase: z.string().optional(),
  accessModes: z.array(z.string()).optional(),
  capacity: ResourceList.optional(),
  conditions: z.array(PersistentVolumeClaimCondition).optional(),
  allocatedResources: ResourceList.optional(),
  allocatedResourceStatuses: StringMap.optional(),
  currentVolumeAttributesClassName: z.string().optional(),
  modifyVolumeStatus: z.strictObject({ targetVolumeAttributesClassName: z.string().optional(), status: z.string() }).optional(),
});

export const PersistentVolumeClaim = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('PersistentVolumeClaim'),
  metadata: ObjectMeta,
  spec: PersistentVolumeClaimSpec.optional(),
  status: PersistentVolumeClaimStatus.optional(),
});
export type PersistentVolumeClaim = z.infer<typeof PersistentVolumeClaim> & { metadata: { name: string } };
export type PersistentVolumeClaimSpec = z.infer<typeof PersistentVolumeClaimSpec>;
export type PersistentVolumeClaimStatus = z.infer<typeof PersistentVolumeClaimStatus>;
