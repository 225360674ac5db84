// core/v1 Secret. `stringData` is write-only: the API server folds it into base64 `data`.
import { z } from 'zod';
import { ObjectMeta, StringMap } from '../../meta/schema.js';

export const Secret = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Secret'),
  metadata: ObjectMeta,
  data: StringMap.optional(),
  stringData: StringMap.optional(),
  type: z.string().optional(),
  immutable: z.boolean().optional(),
});
export type Secret = z.infer<typeof Secret> & { metadata: { name: string } };
