// core/v1 ResourceQuota (k8s.io/api/core/v1/types.go).
import { z } from 'zod';
import { ObjectMeta, Quantity } from '../../meta/schema.js';

const ResourceList = z.record(z.string(), Quantity);

export const ScopedResourceSelectorRequirement = z.strictObject({
  scopeName: z.string(),
  operator: z.string(),
  values: z.array(z.string()).optional(),
});

export const ResourceQuotaSpec = z.strictObject({
  hard: ResourceList.optional(),
  scopes: z.array(z.string()).optional(),
  scopeSelector: z.strictObject({ matchExpressions: z.array(ScopedResourceSelectorRequirement).optional() }).optional(),
});

export const ResourceQuotaStatus = z.strictObject({
  hard: ResourceList.optional(),
  used: ResourceList.optional(),
});

export const ResourceQuota = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('ResourceQuota'),
  metadata: ObjectMeta,
  spec: ResourceQuotaSpec.optional(),
  status: ResourceQuotaStatus.optional(),
});
export type ResourceQuota = z.infer<typeof ResourceQuota> & { metadata: { name: string } };
export type ResourceQuotaStatus = z.infer<typeof ResourceQuotaStatus>;
export type ResourceList = Record<string, string | number>;
