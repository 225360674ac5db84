// The networking.k8s.io/v1 kinds through the admission chain: the registry strategies of
// pkg/registry/networking/ingress and ingressclass (release-1.32), and the DefaultIngressClass
// admission plugin (plugin/pkg/admission/network/defaultingressclass). index.ts registers them.
import type { KubeObject } from '../../api/object.js';
import type { AdmissionContext } from './context.js';
import type { KindAdmission } from './index.js';
import { ANNOTATION_INGRESS_CLASS, Ingress as IngressSchema, type Ingress } from '../../api/networking/ingress/schema.js';
import { validateIngressCreate, validateIngressUpdate } from '../../api/networking/ingress/validate.js';
import { ANNOTATION_IS_DEFAULT_INGRESS_CLASS, IngressClass as IngressClassSchema, type IngressClass } from '../../api/networking/ingressclass/schema.js';
import { setObjectDefaultsIngressClass } from '../../api/networking/ingressclass/defaults.js';
import { validateIngressClass, validateIngressClassUpdate } from '../../api/networking/ingressclass/validate.js';

export const INGRESS_CLASS_RESOURCE = 'ingressclasses.networking.k8s.io';

const asIngress = (o: KubeObject) => o as unknown as Ingress;
const asIngressClass = (o: KubeObject) => o as unknown as IngressClass;

export const ingressAdmission: KindAdmission = {
  qualifiedKind: 'Ingress.networking.k8s.io',
  schema: IngressSchema,
  // A create cannot set status; v1 serializes the empty load balancer status.
  prepareForCreate(o) { o.status = { loadBalancer: {} }; },
  validateCreate: (o) => validateIngressCreate(asIngress(o)),
  validateUpdate: (o, old) => validateIngressUpdate(asIngress(o), asIngress(old)),
  warningsOnCreate(o) {
    const ing = asIngress(o);
    return ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS] !== undefined && ing.spec?.ingressClassName === undefined
      ? [`annotation "${ANNOTATION_INGRESS_CLASS}" is deprecated, please use 'spec.ingressClassName' instead`]
      : [];
  },
};

export const ingressClassAdmission: KindAdmission = {
  qualifiedKind: 'IngressClass.networking.k8s.io',
  schema: IngressClassSchema,
  defaults: (o) => { setObjectDefaultsIngressClass(asIngressClass(o)); },
  validateCreate: (o) => validateIngressClass(asIngressClass(o)),
  validateUpdate: (o, old) => validateIngressClassUpdate(asIngressClass(o), asIngressClass(old)),
};

/**
 * getDefaultClass: of the classes annotated as the default, the most recently created (the name
 * breaks a tie), as 1.32 picks when several claim it.
 */
export function defaultIngressClass(classes: readonly KubeObject[]): KubeObject | undefined {
  const defaults = classes.filter((c) => c.metadata.annotations?.[ANNOTATION_IS_DEFAULT_INGRESS_CLASS] === 'true');
  const created = (c: KubeObject) => Date.parse(c.metadata.creationTimestamp ?? '') || 0;
  defaults.sort((a, b) => (created(a) === created(b) ? (a.metadata.name < b.metadata.name ? -1 : 1) : created(b) - created(a)));
  return defaults[0];
}

/** The DefaultIngressClass plugin: an Ingress created without a class gets the default one. */
export function admitDefaultIngressClass(op: 'create' | 'update', o: KubeObject, ctx: AdmissionContext): void {
  if (op !== 'create') return;
  const ing = asIngress(o);
  if (ing.spec?.ingressClassName !== undefined) return;
  if (ing.metadata.annotations?.[ANNOTATION_INGRESS_CLASS] !== undefined) return;
  const dc = defaultIngressClass(ctx.list?.(INGRESS_CLASS_RESOURCE) ?? []);
  if (dc) (ing.spec ??= {}).ingressClassName = dc.metadata.name;
}
