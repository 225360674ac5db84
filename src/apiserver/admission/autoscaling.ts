// The autoscaling HorizontalPodAutoscaler through the admission chain: v1 bodies decoded as v1 and
// converted to v2 (the version kept), SetObjectDefaults, the registry strategy of
// pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go (release-1.32) and validation.
// index.ts registers it.
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import {
  HorizontalPodAutoscaler as HorizontalPodAutoscalerSchema, HorizontalPodAutoscalerV1 as HorizontalPodAutoscalerV1Schema,
  type HorizontalPodAutoscaler, type HorizontalPodAutoscalerV1, type MetricSpec,
} from '../../api/autoscaling/horizontalpodautoscaler/schema.js';
import { canonicalizeHorizontalPodAutoscaler, setObjectDefaultsHorizontalPodAutoscaler } from '../../api/autoscaling/horizontalpodautoscaler/defaults.js';
import { AUTOSCALING_V1, BEHAVIOR_ANNOTATION, METRIC_SPECS_ANNOTATION, convertV1ToV2 } from '../../api/autoscaling/horizontalpodautoscaler/conversion.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate } from '../../api/autoscaling/horizontalpodautoscaler/validate.js';

const asHpa = (o: KubeObject) => o as unknown as HorizontalPodAutoscaler;

/**
 * Objects converted from a v1 body on their way in, and whether that body had a CPU target: an
 * update through v1 keeps what v1 cannot express (other metrics, behavior) from the stored object,
 * as upstream's round trip through annotations does.
 */
const fromV1 = new WeakMap<object, boolean>();

/** Replaces a v1 object's fields, in place, by its v2 conversion. */
function toV2(o: KubeObject): void {
  if (o.apiVersion !== AUTOSCALING_V1) return;
  const v1 = o as unknown as HorizontalPodAutoscalerV1;
  // A body carrying the round-trip annotations says everything itself, as upstream reads it.
  const annotations = v1.metadata?.annotations ?? {};
  if (!(METRIC_SPECS_ANNOTATION in annotations) && !(BEHAVIOR_ANNOTATION in annotations)) {
    fromV1.set(o, v1.spec?.targetCPUUtilizationPercentage !== undefined);
  }
  const v2 = convertV1ToV2(v1) as unknown as Record<string, unknown>;
  const target = o as unknown as Record<string, unknown>;
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, v2);
}

const isCpuUtilization = (m: MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.averageUtilization !== undefined;

/** An update through v1: its CPU target in place of the stored one, every other metric and the behavior kept. */
function keepWhatV1CannotSay(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler, hadTarget: boolean): void {
  if (old.spec.behavior) hpa.spec.behavior = structuredClone(old.spec.behavior);
  const cpu = hadTarget ? hpa.spec.metrics?.find(isCpuUtilization) : undefined;
  const others = (old.spec.metrics ?? []).filter((m) => !isCpuUtilization(m));
  if (others.length === 0) return;
  const at = (old.spec.metrics ?? []).findIndex(isCpuUtilization);
  const metrics = structuredClone(others);
  if (cpu) metrics.splice(at >= 0 ? at : metrics.length, 0, cpu);
  hpa.spec.metrics = metrics;
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
    const hadTarget = fromV1.get(o);
    if (hadTarget !== undefined) keepWhatV1CannotSay(asHpa(o), asHpa(old), hadTarget);
  },
  validateCreate: (o) => validateHorizontalPodAutoscaler(asHpa(o)),
  validateUpdate: (o, old) => validateHorizontalPodAutoscalerUpdate(asHpa(o), asHpa(old)),
  encode: (o) => canonicalizeHorizontalPodAutoscaler(asHpa(o)),
};
