// The autoscaling HorizontalPodAutoscaler through the admission chain: v1 bodies decoded as v1 and
// converted to v2 (the version kept), SetObjectDefaults, the registry strategy of
// pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go (release-1.32) and validation.
// index.ts registers it.
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import {
  HorizontalPodAutoscaler as HorizontalPodAutoscalerSchema, HorizontalPodAutoscalerV1 as HorizontalPodAutoscalerV1Schema,
  type HorizontalPodAutoscaler, type HorizontalPodAutoscalerV1,
} from '../../api/autoscaling/horizontalpodautoscaler/schema.js';
import { canonicalizeHorizontalPodAutoscaler, setObjectDefaultsHorizontalPodAutoscaler } from '../../api/autoscaling/horizontalpodautoscaler/defaults.js';
import { AUTOSCALING_V1, convertV1ToV2 } from '../../api/autoscaling/horizontalpodautoscaler/conversion.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from '../../api/autoscaling/horizontalpodautoscaler/validate.js';

const asHpa = (o: KubeObject) => o as unknown as HorizontalPodAutoscaler;

/** Replaces a v1 object's fields, in place, by its v2 conversion. */
function toV2(o: KubeObject): void {
  if (o.apiVersion !== AUTOSCALING_V1) return;
  const v2 = convertV1ToV2(o as unknown as HorizontalPodAutoscalerV1) as unknown as Record<string, unknown>;
  const target = o as unknown as Record<string, unknown>;
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, v2);
}

export const horizontalPodAutoscalerAdmission: KindAdmission = {
  qualifiedKind: 'HorizontalPodAutoscaler.autoscaling',
  schema: HorizontalPodAutoscalerSchema,
  schemaFor: (apiVersion) => (apiVersion === AUTOSCALING_V1 ? HorizontalPodAutoscalerV1Schema : HorizontalPodAutoscalerSchema),
  defaults(o) {
    toV2(o);
    setObjectDefaultsHorizontalPodAutoscaler(asHpa(o));
  },
  // A create starts with an empty status; v2 always serializes desiredReplicas.
  prepareForCreate(o) { asHpa(o).status = { desiredReplicas: 0 }; },
  prepareForUpdate(o, old) {
    if (old.status === undefined) delete o.status;
    else o.status = structuredClone(old.status);
  },
  validateCreate: (o) => validateHorizontalPodAutoscaler(asHpa(o)),
  validateUpdate: (o, old) => validateHorizontalPodAutoscalerUpdate(asHpa(o), asHpa(old)),
  encode: (o) => canonicalizeHorizontalPodAutoscaler(asHpa(o)),
};
