// core/v1 Namespace.
import { z } from 'zod';
import { Condition, ObjectMeta } from '../../meta/schema.js';

export const Namespace = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Namespace'),
  metadata: ObjectMeta,
  spec: z.strictObject({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z.strictObject({
    phase: z.string().optional(),
    conditions: z.array(Condition).optional(),
  }).optional(),
});
export type Namespace = z.infer<typeof Namespace> & { metadata: { name: string } };
