// scheduling.k8s.io/v1 PriorityClass (k8s.io/api/scheduling/v1/types.go).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const PriorityClass = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('PriorityClass'),
  metadata: ObjectMeta,
  value: z.number().int(),
  globalDefault: z.boolean().optional(),
  description: z.string().optional(),
  preemptionPolicy: z.string().optional(),
});
export type PriorityClass = z.infer<typeof PriorityClass> & { metadata: { name: string } };
