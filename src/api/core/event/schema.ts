// core/v1 Event (what `kubectl get events` and describe's Events table read).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const ObjectReference = z.strictObject({
  kind: z.string().optional(), namespace: z.string().optional(), name: z.string().optional(),
  uid: z.string().optional(), apiVersion: z.string().optional(), resourceVersion: z.string().optional(),
  fieldPath: z.string().optional(),
});

export const Event = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Event'),
  metadata: ObjectMeta,
  involvedObject: ObjectReference,
  reason: z.string().optional(),
  message: z.string().optional(),
  source: z.strictObject({ component: z.string().optional(), host: z.string().optional() }).optional(),
  firstTimestamp: z.string().nullable().optional(),
  lastTimestamp: z.string().nullable().optional(),
  count: z.number().int().optional(),
  type: z.string().optional(),
  eventTime: z.string().nullable().optional(),
  series: z.strictObject({ count: z.number().int().optional(), lastObservedTime: z.string().optional() }).optional(),
  action: z.string().optional(),
  related: ObjectReference.optional(),
  reportingComponent: z.string().optional(),
  reportingInstance: z.string().optional(),
});
export type Event = z.infer<typeof Event> & { metadata: { name: string } };
export type ObjectReference = z.infer<typeof ObjectReference>;
