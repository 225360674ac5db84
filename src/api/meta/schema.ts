// ObjectMeta, TypeMeta and the small shared value types (k8s.io/apimachinery/pkg/apis/meta/v1).
import { z } from 'zod';

export const Quantity = z.union([z.string(), z.number()]);
export const IntOrString = z.union([z.number().int(), z.string()]);
export const StringMap = z.record(z.string(), z.string());

export const OwnerReference = z.strictObject({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  uid: z.string(),
  controller: z.boolean().optional(),
  blockOwnerDeletion: z.boolean().optional(),
});

export const ManagedFieldsEntry = z.strictObject({
  manager: z.string().optional(),
  operation: z.string().optional(),
  apiVersion: z.string().optional(),
  time: z.string().optional(),
  fieldsType: z.string().optional(),
  fieldsV1: z.unknown().optional(),
  subresource: z.string().optional(),
});

export const ObjectMeta = z.strictObject({
  name: z.string().optional(),
  generateName: z.string().optional(),
  namespace: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().int().optional(),
  creationTimestamp: z.string().nullable().optional(),
  deletionTimestamp: z.string().optional(),
  deletionGracePeriodSeconds: z.number().int().optional(),
  labels: StringMap.optional(),
  annotations: StringMap.optional(),
  ownerReferences: z.array(OwnerReference).optional(),
  finalizers: z.array(z.string()).optional(),
  managedFields: z.array(ManagedFieldsEntry).optional(),
  selfLink: z.string().optional(),
});

export const LabelSelectorRequirement = z.strictObject({
  key: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
});
export const LabelSelector = z.strictObject({
  matchLabels: StringMap.optional(),
  matchExpressions: z.array(LabelSelectorRequirement).optional(),
});

export const Condition = z.strictObject({
  type: z.string(),
  status: z.string(),
  observedGeneration: z.number().int().optional(),
  lastTransitionTime: z.string().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export type ObjectMeta = z.infer<typeof ObjectMeta>;
export type OwnerReference = z.infer<typeof OwnerReference>;
export type LabelSelector = z.infer<typeof LabelSelector>;
export type LabelSelectorRequirement = z.infer<typeof LabelSelectorRequirement>;
