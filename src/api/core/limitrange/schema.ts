// core/v1 LimitRange (k8s.io/api/core/v1/types.go).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';
import { Quantity } from '../../meta/schema.js';

const ResourceList = z.record(z.string(), Quantity);

export const LimitRangeItem = z.strictObject({
  type: z.string(),
  max: ResourceList.optional(),
  min: ResourceList.optional(),
  default: ResourceList.optional(),
  defaultRequest: ResourceList.optional(),
  maxLimitRequestRatio: ResourceList.optional(),
});

export const LimitRange = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('LimitRange'),
  metadata: ObjectMeta,
  spec: z.strictObject({ limits: z.array(LimitRangeItem) }).optional(),
});
export type LimitRange = z.infer<typeof LimitRange> & { metadata: { name: string } };
export type LimitRangeItem = z.infer<typeof LimitRangeItem>;
