// apps/v1 ControllerRevision (k8s.io/api/apps/v1/types.go): an immutable snapshot of a
// controller's state, kept for rollbacks. `data` is a runtime.RawExtension: any JSON object.
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const ControllerRevision = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('ControllerRevision'),
  metadata: ObjectMeta,
  data: z.record(z.string(), z.unknown()).optional(),
  revision: z.number().int(),
});

export type ControllerRevision = z.infer<typeof ControllerRevision> & { metadata: { name: string } };
