// core/v1 Endpoints: the legacy per-Service address list the endpoints controller writes.
import { z } from 'zod';
import { ObjectReference } from '../event/schema.js';
import { ObjectMeta } from '../../meta/schema.js';

export const EndpointAddress = z.strictObject({
  ip: z.string(),
  hostname: z.string().optional(),
  nodeName: z.string().optional(),
  targetRef: ObjectReference.optional(),
});

export const EndpointPort = z.strictObject({
  name: z.string().optional(),
  port: z.number().int(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
});

export const EndpointSubset = z.strictObject({
  addresses: z.array(EndpointAddress).optional(),
  notReadyAddresses: z.array(EndpointAddress).optional(),
  ports: z.array(EndpointPort).optional(),
});

export const Endpoints = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Endpoints'),
  metadata: ObjectMeta,
  subsets: z.array(EndpointSubset).optional(),
});
export type Endpoints = z.infer<typeof Endpoints> & { metadata: { name: string } };
export type EndpointAddress = z.infer<typeof EndpointAddress>;
export type EndpointPort = z.infer<typeof EndpointPort>;
export type EndpointSubset = z.infer<typeof EndpointSubset>;

/** v1.EndpointsLastChangeTriggerTime: when the last pod or Service change the object reflects happened. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
