// storage.k8s.io/v1 StorageClass (k8s.io/api/storage/v1/types.go).
import { z } from 'zod';
import { ObjectMeta, StringMap } from '../../meta/schema.js';

export const TopologySelectorTerm = z.strictObject({
  matchLabelExpressions: z.array(z.strictObject({ key: z.string(), values: z.array(z.string()) })).optional(),
});

export const StorageClass = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('StorageClass'),
  metadata: ObjectMeta,
  provisioner: z.string(),
  parameters: StringMap.optional(),
  reclaimPolicy: z.string().optional(),
  mountOptions: z.array(z.string()).optional(),
  allowVolumeExpansion: z.boolean().optional(),
  volumeBindingMode: z.string().optional(),
  allowedTopologies: z.array(TopologySelectorTerm).optional(),
});
export type StorageClass = z.infer<typeof StorageClass> & { metadata: { name: string } };
