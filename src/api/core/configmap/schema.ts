// core/v1 ConfigMap.
import { z } from 'zod';
import { ObjectMeta, StringMap } from '../../meta/schema.js';

export const ConfigMap = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('ConfigMap'),
  metadata: ObjectMeta,
  data: StringMap.optional(),
  binaryData: StringMap.optional(),
  immutable: z.boolean().optional(),
});
export type ConfigMap = z.infer<typeof ConfigMap> & { metadata: { name: string } };
