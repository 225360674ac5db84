// networking.k8s.io/v1 IngressClass (k8s.io/api/networking/v1/types.go).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';

export const IngressClassParametersReference = z.strictObject({
  apiGroup: z.string().optional(),
  kind: z.string(),
  name: z.string(),
  scope: z.string().optional(),
  namespace: z.string().optional(),
});

export const IngressClassSpec = z.strictObject({
  controller: z.string().optional(),
  parameters: IngressClassParametersReference.optional(),
});

export const IngressClass = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('IngressClass'),
  metadata: ObjectMeta,
  spec: IngressClassSpec.optional(),
});
export type IngressClass = z.infer<typeof IngressClass> & { metadata: { name: string } };
export type IngressClassSpec = z.infer<typeof IngressClassSpec>;

/** The annotation that makes a class the default for Ingresses that name none (networking/v1 AnnotationIsDefaultIngressClass). */
export const ANNOTATION_IS_DEFAULT_INGRESS_CLASS = 'ingressclass.kubernetes.io/is-default-class';
export const SCOPE_NAMESPACE = 'Namespace';
export const SCOPE_CLUSTER = 'Cluster';
