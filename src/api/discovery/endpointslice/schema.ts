// discovery.k8s.io/v1 EndpointSlice.
import { z } from 'zod';
import { ObjectReference } from '../../core/event/schema.js';
import { ObjectMeta, StringMap } from '../../meta/schema.js';

export const EndpointConditions = z.strictObject({
  ready: z.boolean().optional(),
  serving: z.boolean().optional(),
  terminating: z.boolean().optional(),
});

export const Endpoint = z.strictObject({
  addresses: z.array(z.string()),
  conditions: EndpointConditions.optional(),
  hostname: z.string().optional(),
  targetRef: ObjectReference.optional(),
  deprecatedTopology: StringMap.optional(),
  nodeName: z.string().optional(),
  zone: z.string().optional(),
  hints: z.strictObject({ forZones: z.array(z.strictObject({ name: z.string() })).optional() }).optional(),
});

export const EndpointSlicePort = z.strictObject({
  name: z.string().optional(),
  protocol: z.string().optional(),
  port: z.number().int().optional(),
  appProtocol: z.string().optional(),
});

export const EndpointSlice = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('EndpointSlice'),
  metadata: ObjectMeta,
  addressType: z.string(),
  endpoints: z.array(Endpoint).nullable().optional(),
  ports: z.array(EndpointSlicePort).nullable().optional(),
});
export type EndpointSlice = z.infer<typeof EndpointSlice> & { metadata: { name: string } };
export type Endpoint = z.infer<typeof Endpoint>;
export type EndpointSlicePort = z.infer<typeof EndpointSlicePort>;

export { ENDPOINTSLICE_CONTROLLER_NAME, LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './labels.js';
