// core/v1 Service (the object; IP allocation and routing belong to the networking layer).
import { z } from 'zod';
import { Condition, IntOrString, ObjectMeta, StringMap } from '../../meta/schema.js';

export const ServicePort = z.strictObject({
  name: z.string().optional(),
  protocol: z.string().optional(),
  appProtocol: z.string().optional(),
  port: z.number().int(),
  targetPort: IntOrString.optional(),
  nodePort: z.number().int().optional(),
});

export const Service = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Service'),
  metadata: ObjectMeta,
  spec: z.strictObject({
    ports: z.array(ServicePort).optional(),
    selector: StringMap.optional(),
    clusterIP: z.string().optional(),
    clusterIPs: z.array(z.string()).optional(),
    type: z.string().optional(),
    externalIPs: z.array(z.string()).optional(),
    sessionAffinity: z.string().optional(),
    loadBalancerIP: z.string().optional(),
    loadBalancerSourceRanges: z.array(z.string()).optional(),
    externalName: z.string().optional(),
    externalTrafficPolicy: z.string().optional(),
    healthCheckNodePort: z.number().int().optional(),
    publishNotReadyAddresses: z.boolean().optional(),
    sessionAffinityConfig: z.strictObject({
      clientIP: z.strictObject({ timeoutSeconds: z.number().int().optional() }).optional(),
    }).optional(),
    ipFamilies: z.array(z.string()).optional(),
    ipFamilyPolicy: z.string().optional(),
    allocateLoadBalancerNodePorts: z.boolean().optional(),
    loadBalancerClass: z.string().optional(),
    internalTrafficPolicy: z.string().optional(),
    trafficDistribution: z.string().optional(),
  }).optional(),
  status: z.strictObject({
    loadBalancer: z.strictObject({
      ingress: z.array(z.strictObject({
        ip: z.string().optional(), hostname: z.string().optional(), ipMode: z.string().optional(),
        ports: z.array(z.unknown()).optional(),
      })).optional(),
    }).optional(),
    conditions: z.array(Condition).optional(),
  }).optional(),
});
export type Service = z.infer<typeof Service> & { metadata: { name: string } };
export type ServicePort = z.infer<typeof ServicePort>;
