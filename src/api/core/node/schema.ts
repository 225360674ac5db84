// core/v1 Node.
import { z } from 'zod';
import { ObjectMeta, Quantity } from '../../meta/schema.js';

export const Taint = z.strictObject({
  key: z.string(), value: z.string().optional(), effect: z.string(), timeAdded: z.string().optional(),
});
export const NodeCondition = z.strictObject({
  type: z.string(), status: z.string(),
  lastHeartbeatTime: z.string().optional(), lastTransitionTime: z.string().optional(),
  reason: z.string().optional(), message: z.string().optional(),
});
export const NodeAddress = z.strictObject({ type: z.string(), address: z.string() });
export const NodeSystemInfo = z.strictObject({
  machineID: z.string(), systemUUID: z.string(), bootID: z.string(), kernelVersion: z.string(),
  osImage: z.string(), containerRuntimeVersion: z.string(), kubeletVersion: z.string(),
  kubeProxyVersion: z.string(), operatingSystem: z.string(), architecture: z.string(),
});
export const ContainerImage = z.strictObject({ names: z.array(z.string()).optional(), sizeBytes: z.number().int().optional() });

export const Node = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Node'),
  metadata: ObjectMeta,
  spec: z.strictObject({
    podCIDR: z.string().optional(),
    podCIDRs: z.array(z.string()).optional(),
    providerID: z.string().optional(),
    unschedulable: z.boolean().optional(),
    taints: z.array(Taint).optional(),
    configSource: z.unknown().optional(),
    externalID: z.string().optional(),
  }).optional(),
  status: z.strictObject({
    capacity: z.record(z.string(), Quantity).optional(),
    allocatable: z.record(z.string(), Quantity).optional(),
    phase: z.string().optional(),
    conditions: z.array(NodeCondition).optional(),
    addresses: z.array(NodeAddress).optional(),
    daemonEndpoints: z.strictObject({ kubeletEndpoint: z.strictObject({ Port: z.number().int() }).optional() }).optional(),
    nodeInfo: NodeSystemInfo.optional(),
    images: z.array(ContainerImage).optional(),
    volumesInUse: z.array(z.string()).optional(),
    volumesAttached: z.array(z.unknown()).optional(),
    config: z.unknown().optional(),
    runtimeHandlers: z.array(z.unknown()).optional(),
    features: z.unknown().optional(),
  }).optional(),
});

export type Node = z.infer<typeof Node> & { metadata: { name: string } };
export type Taint = z.infer<typeof Taint>;
export type NodeCondition = z.infer<typeof NodeCondition>;
