// networking.k8s.io/v1 Ingress (k8s.io/api/networking/v1/types.go).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const ServiceBackendPort = z.strictObject({
  name: z.string().optional(),
  number: z.number().int().optional(),
});

export const IngressServiceBackend = z.strictObject({
  name: z.string(),
  port: ServiceBackendPort.optional(),
});

/** core/v1 TypedLocalObjectReference: a backend that is some other resource of the namespace. */
export const TypedLocalObjectReference = z.strictObject({
  apiGroup: z.string().nullable().optional(),
  kind: z.string(),
  name: z.string(),
});

export const IngressBackend = z.strictObject({
  service: IngressServiceBackend.optional(),
  resource: TypedLocalObjectReference.optional(),
});

export const HTTPIngressPath = z.strictObject({
  path: z.string().optional(),
  pathType: z.string().optional(),
  backend: IngressBackend,
});

export const IngressRule = z.strictObject({
  host: z.string().optional(),
  http: z.strictObject({ paths: z.array(HTTPIngressPath) }).optional(),
});

export const IngressTLS = z.strictObject({
  hosts: z.array(z.string()).optional(),
  secretName: z.string().optional(),
});

export const IngressSpec = z.strictObject({
  ingressClassName: z.string().optional(),
  defaultBackend: IngressBackend.optional(),
  tls: z.array(IngressTLS).optional(),
  rules: z.array(IngressRule).optional(),
});

export const IngressPortStatus = z.strictObject({
  port: z.number().int(),
  protocol: z.string(),
  error: z.string().optional(),
});

export const IngressLoadBalancerIngress = z.strictObject({
  ip: z.string().optional(),
  hostname: z.string().optional(),
  ports: z.array(IngressPortStatus).optional(),
});

export const IngressStatus = z.strictObject({
  loadBalancer: z.strictObject({ ingress: z.array(IngressLoadBalancerIngress).optional() }).optional(),
});

export const Ingress = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Ingress'),
  metadata: ObjectMeta,
  spec: IngressSpec.optional(),
  status: IngressStatus.optional(),
});
export type Ingress = z.infer<typeof Ingress> & { metadata: { name: string } };
export type IngressSpec = z.infer<typeof IngressSpec>;
export type IngressRule = z.infer<typeof IngressRule>;
export type IngressBackend = z.infer<typeof IngressBackend>;
export type IngressServiceBackend = z.infer<typeof IngressServiceBackend>;
export type ServiceBackendPort = z.infer<typeof ServiceBackendPort>;
export type IngressTLS = z.infer<typeof IngressTLS>;
export type HTTPIngressPath = z.infer<typeof HTTPIngressPath>;
export type IngressLoadBalancerIngress = z.infer<typeof IngressLoadBalancerIngress>;

export const PATH_TYPE_EXACT = 'Exact';
export const PATH_TYPE_PREFIX = 'Prefix';
export const PATH_TYPE_IMPLEMENTATION_SPECIFIC = 'ImplementationSpecific';

/** The annotation that named an Ingress's class before spec.ingressClassName. */
export const ANNOTATION_INGRESS_CLASS = 'kubernetes.io/ingress.class';
