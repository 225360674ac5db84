// core/v1 ServiceAccount.
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const ServiceAccount = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('ServiceAccount'),
  metadata: ObjectMeta,
  secrets: z.array(z.strictObject({
    name: z.string().optional(), namespace: z.string().optional(), kind: z.string().optional(),
    uid: z.string().optional(), apiVersion: z.string().optional(), resourceVersion: z.string().optional(),
    fieldPath: z.string().optional(),
  })).optional(),
  imagePullSecrets: z.array(z.strictObject({ name: z.string().optional() })).optional(),
  automountServiceAccountToken: z.boolean().optional(),
});
export type ServiceAccount = z.infer<typeof ServiceAccount> & { metadata: { name: string } };
