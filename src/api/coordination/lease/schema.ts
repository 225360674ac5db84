// coordination.k8s.io/v1 Lease (k8s.io/api/coordination/v1/types.go, release-1.32).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const LeaseSpec = z.strictObject({
  holderIdentity: z.string().optional(),
  leaseDurationSeconds: z.number().int().optional(),
  /** MicroTime: RFC 3339 with six fractional digits. */
  acquireTime: z.string().optional(),
  renewTime: z.string().optional(),
  leaseTransitions: z.number().int().optional(),
  /** Coordinated leader election (alpha in 1.32, off): decoded, then dropped by the strategy. */
  strategy: z.string().optional(),
  preferredHolder: z.string().optional(),
});

export const Lease = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Lease'),
  metadata: ObjectMeta,
  spec: LeaseSpec.optional(),
});
export type LeaseSpec = z.infer<typeof LeaseSpec>;
export type Lease = z.infer<typeof Lease> & { metadata: { name: string } };
