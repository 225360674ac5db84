// autoscaling/v1 ⇄ autoscaling/v2, as pkg/apis/autoscaling/v1/conversion.go (release-1.32) converts
// through the internal version: v1's single CPU target is v2's one Resource metric on cpu; what v1
// cannot say (other metrics, current metrics, behavior, conditions) rides in the
// autoscaling.alpha.kubernetes.io annotations, so a v1 client's read-modify-write keeps it. Objects
// are kept in v2 (the storage version); a v1 body is converted on the way in, a stored object on the
// way out to a v1 client. The one conversion the CLI and the served API share.
import type {
  HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerV1, MetricSpec, MetricStatus,
} from './schema.js';

export const AUTOSCALING_V1 = 'autoscaling/v1';
export const AUTOSCALING_V2 = 'autoscaling/v2';

/** pkg/apis/autoscaling/annotations.go. */
export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [CONDITIONS_ANNOTATION, METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, BEHAVIOR_ANNOTATION];

type Json = Record<string, unknown>;
type Behavior = NonNullable<HorizontalPodAutoscaler['spec']['behavior']>;

/** encoding/json's Marshal: compact, with <, > and & escaped. */
function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const isCpuUtilization = (m: MetricSpec) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target.averageUtilization !== undefined;

/** A field present only when set, in the position the Go struct puts it. */
const opt = <T>(name: string, v: T | undefined): Json => (v === undefined ? {} : { [name]: v });

/** v2 MetricSpec → v1 MetricSpec (v1's types are v2beta1's shape); non-pointer quantities print "0" when unset. */
function metricSpecToV1(m: MetricSpec): Json {
  const { object: o, pods: p, resource: r, containerResource: c, external: e } = m;
  return {
    type: m.type,
    ...(o ? { object: { target: o.describedObject, metricName: o.metric.name, targetValue: o.target.value ?? '0', ...opt('selector', o.metric.selector), ...opt('averageValue', o.target.averageValue) } } : {}),
    ...(p ? { pods: { metricName: p.metric.name, targetAverageValue: p.target.averageValue ?? '0', ...opt('selector', p.metric.selector) } } : {}),
    ...(r ? { resource: { name: r.name, ...opt('targetAverageUtilization', r.target.averageUtilization), ...opt('targetAverageValue', r.target.averageValue) } } : {}),
    ...(c ? { containerResource: { name: c.name, ...opt('targetAverageUtilization', c.target.averageUtilization), ...opt('targetAverageValue', c.target.averageValue), container: c.container } } : {}),
    ...(e ? { external: { metricName: e.metric.name, ...opt('metricSelector', e.metric.selector), ...opt('targetValue', e.target.value), ...opt('targetAverageValue', e.target.averageValue) } } : {}),
  };
}

/** v2 MetricStatus → v1 MetricStatus. */
function metricStatusToV1(m: MetricStatus): Json {
  const { object: o, pods: p, resource: r, containerResource: c, external: e } = m;
  return {
    type: m.type,
    ...(o ? { object: { target: o.describedObject, metricName: o.metric.name, currentValue: o.current.value ?? '0', ...opt('selector', o.metric.selector), ...opt('averageValue', o.current.averageValue) } } : {}),
    ...(p ? { pods: { metricName: p.metric.name, currentAverageValue: p.current.averageValue ?? '0', ...opt('selector', p.metric.selector) } } : {}),
    ...(r ? { resource: { name: r.name, ...opt('currentAverageUtilization', r.current.averageUtilization), currentAverageValue: r.current.averageValue ?? '0' } } : {}),
    ...(c ? { containerResource: { name: c.name, ...opt('currentAverageUtilization', c.current.averageUtilization), currentAverageValue: c.current.averageValue ?? '0', container: c.container } } : {}),
    ...(e ? { external: { metricName: e.metric.name, ...opt('metricSelector', e.metric.selector), currentValue: e.current.value ?? '0', ...opt('currentAverageValue', e.current.averageValue) } } : {}),
  };
}

type V1Source = Record<string, Json | undefined> & { type: string };
const s = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
const sel = (v: unknown) => (v ? { selector: v as never } : {});

/** v1 MetricSpec (from the annotation) → v2. */
function metricSpecFromV1(m: V1Source): MetricSpec {
  const { object: o, pods: p, resource: r, containerResource: c, external: e } = m;
  const target = (type: string, t: Json) => ({ type, ...opt('value', s(t.value)), ...opt('averageValue', s(t.averageValue)), ...opt('averageUtilization', t.averageUtilization as number | undefined) });
  const resourceTarget = (x: Json) => (x.targetAverageValue !== undefined
    ? target('AverageValue', { averageValue: x.targetAverageValue })
    : target('Utilization', { averageUtilization: x.targetAverageUtilization }));
  return {
    type: m.type,
    ...(o ? { object: { describedObject: o.target as never, target: o.averageValue !== undefined ? target('AverageValue', { averageValue: o.averageValue }) : target('Value', { value: o.targetValue }), metric: { name: String(o.metricName), ...sel(o.selector) } } } : {}),
    ...(p ? { pods: { metric: { name: String(p.metricName), ...sel(p.selector) }, target: target('AverageValue', { averageValue: p.targetAverageValue }) } } : {}),
    ...(r ? { resource: { name: String(r.name), target: resourceTarget(r) } } : {}),
    ...(c ? { containerResource: { name: String(c.name), target: resourceTarget(c), container: String(c.container) } } : {}),
    ...(e ? { external: { metric: { name: String(e.metricName), ...(e.metricSelector ? { selector: e.metricSelector as never } : {}) }, target: e.targetAverageValue !== undefined ? target('AverageValue', { averageValue: e.targetAverageValue }) : target('Value', { value: e.targetValue }) } } : {}),
  };
}

/** v1 MetricStatus (from the annotation) → v2. */
function metricStatusFromV1(m: V1Source): MetricStatus {
  const { object: o, pods: p, resource: r, containerResource: c, external: e } = m;
  const current = (x: Json, util: unknown) => ({ ...opt('averageUtilization', util as number | undefined), ...opt('averageValue', s(x.currentAverageValue)) });
  return {
    type: m.type,
    ...(o ? { object: { metric: { name: String(o.metricName), ...sel(o.selector) }, current: { ...opt('value', s(o.currentValue)), ...opt('averageValue', s(o.averageValue)) }, describedObject: o.target as never } } : {}),
    ...(p ? { pods: { metric: { name: String(p.metricName), ...sel(p.selector) }, current: { ...opt('averageValue', s(p.currentAverageValue)) } } } : {}),
    ...(r ? { resource: { name: String(r.name), current: current(r, r.currentAverageUtilization) } } : {}),
    ...(c ? { containerResource: { name: String(c.name), current: current(c, c.currentAverageUtilization), container: String(c.container) } } : {}),
    ...(e ? { external: { metric: { name: String(e.metricName), ...(e.metricSelector ? { selector: e.metricSelector as never } : {}) }, current: { ...opt('value', s(e.currentValue)), ...opt('averageValue', s(e.currentAverageValue)) } } } : {}),
  };
}

/** The internal HorizontalPodAutoscalerBehavior as json.Marshal writes it: Go field names, nil as null. */
function behaviorToInternalJson(b: Behavior): Json {
  const rules = (r: Behavior['scaleUp']) => (r === undefined ? null : {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: r.policies ? r.policies.map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) : null,
  });
  return { ScaleUp: rules(b.scaleUp), ScaleDown: rules(b.scaleDown) };
}

/** encoding/json reads field names case-insensitively: the annotation back to a v2 behavior. */
function behaviorFromInternalJson(j: unknown): Behavior | undefined {
  if (!j || typeof j !== 'object') return undefined;
  const get = (o: Json, name: string) => Object.entries(o).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const rules = (r: unknown) => {
    if (!r || typeof r !== 'object') return undefined;
    const o = r as Json;
    const window = get(o, 'stabilizationWindowSeconds');
    const policy = get(o, 'selectPolicy');
    const policies = get(o, 'policies');
    return {
      ...(typeof window === 'number' ? { stabilizationWindowSeconds: window } : {}),
      ...(typeof policy === 'string' ? { selectPolicy: policy } : {}),
      ...(Array.isArray(policies) ? {
        policies: (policies as Json[]).map((p) => ({ type: String(get(p, 'type')), value: Number(get(p, 'value')), periodSeconds: Number(get(p, 'periodSeconds')) })),
      } : {}),
    };
  };
  const scaleUp = rules(get(j as Json, 'scaleUp'));
  const scaleDown = rules(get(j as Json, 'scaleDown'));
  if (!scaleUp && !scaleDown) return undefined;
  return { ...(scaleUp ? { scaleUp } : {}), ...(scaleDown ? { scaleDown } : {}) };
}

function parseAnnotation(annotations: Record<string, string> | undefined, key: string): unknown {
  const text = annotations?.[key];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // upstream ignores an annotation it cannot decode
  }
}

/** DropRoundTripHorizontalPodAutoscalerAnnotations: the annotations without the four round-trip ones. */
function dropRoundTrip(annotations: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!annotations || !ROUND_TRIP.some((k) => k in annotations)) return annotations;
  const out = Object.fromEntries(Object.entries(annotations).filter(([k]) => !ROUND_TRIP.includes(k)));
  return Object.keys(out).length ? out : undefined;
}

/** ObjectMeta's fields in the order Go marshals them. */
const META_ORDER = ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation', 'creationTimestamp',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

function withAnnotations<M extends { annotations?: Record<string, string> }>(meta: M, annotations: Record<string, string> | undefined): M {
  const { annotations: _a, ...rest } = meta;
  const out: Record<string, unknown> = annotations ? { ...rest, annotations } : rest;
  const rank = (k: string) => (META_ORDER.includes(k) ? META_ORDER.indexOf(k) : META_ORDER.length);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => rank(a) - rank(b))) as M;
}

/** A v1 object as v2: targetCPUUtilizationPercentage becomes a cpu Utilization metric; the round-trip annotations are read and dropped. */
export function convertV1ToV2(v1: HorizontalPodAutoscalerV1): HorizontalPodAutoscaler {
  const { targetCPUUtilizationPercentage: cpu, ...spec } = v1.spec;
  const annotations = v1.metadata.annotations;
  let metrics: MetricSpec[] | undefined = cpu !== undefined
    ? [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }] : undefined;
  const others = parseAnnotation(annotations, METRIC_SPECS_ANNOTATION);
  if (Array.isArray(others)) metrics = [...others.map((m: V1Source) => metricSpecFromV1(m)), ...(metrics ?? [])];
  const behavior = behaviorFromInternalJson(parseAnnotation(annotations, BEHAVIOR_ANNOTATION));
  const out: HorizontalPodAutoscaler = {
    apiVersion: AUTOSCALING_V2,
    kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(v1.metadata, dropRoundTrip(annotations)),
    spec: { ...spec, ...(metrics ? { metrics } : {}), ...(behavior ? { behavior } : {}) },
  };
  if (v1.status) {
    const { currentCPUUtilizationPercentage: current, ...status } = v1.status;
    const currentMetrics = parseAnnotation(annotations, METRIC_STATUSES_ANNOTATION);
    const conditions = parseAnnotation(annotations, CONDITIONS_ANNOTATION);
    out.status = {
      ...status,
      ...(Array.isArray(currentMetrics) ? { currentMetrics: currentMetrics.map((m: V1Source) => metricStatusFromV1(m)) }
        : current !== undefined ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: current } } }] } : {}),
      ...(Array.isArray(conditions) ? { conditions: conditions as HorizontalPodAutoscalerCondition[] } : {}),
    };
  }
  return out;
}

/** The v2 object as v1 reads it: the cpu Utilization target and current value, the rest in the round-trip annotations. */
export function convertV2ToV1(hpa: HorizontalPodAutoscaler): HorizontalPodAutoscalerV1 {
  const cpu = hpa.spec.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const current = hpa.status?.currentMetrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current.averageUtilization !== undefined);
  const { metrics: _m, behavior, ...spec } = hpa.spec;
  const annotations = { ...dropRoundTrip(hpa.metadata.annotations) };
  const others = (hpa.spec.metrics ?? []).filter((m) => !isCpuUtilization(m));
  if (others.length) annotations[METRIC_SPECS_ANNOTATION] = goJson(others.map(metricSpecToV1));
  if (hpa.status?.currentMetrics?.length) annotations[METRIC_STATUSES_ANNOTATION] = goJson(hpa.status.currentMetrics.map(metricStatusToV1));
  if (behavior) annotations[BEHAVIOR_ANNOTATION] = goJson(behaviorToInternalJson(behavior));
  if (hpa.status?.conditions?.length) {
    annotations[CONDITIONS_ANNOTATION] = goJson(hpa.status.conditions.map((c) => ({
      type: c.type, status: c.status, ...opt('lastTransitionTime', c.lastTransitionTime), ...opt('reason', c.reason), ...opt('message', c.message),
    })));
  }
  return {
    apiVersion: AUTOSCALING_V1,
    kind: 'HorizontalPodAutoscaler',
    metadata: withAnnotations(hpa.metadata, Object.keys(annotations).length ? sortKeys(annotations) : undefined),
    spec: { ...spec, ...(cpu?.resource?.target.averageUtilization !== undefined ? { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization } : {}) },
    ...(hpa.status ? {
      status: {
        ...(hpa.status.observedGeneration !== undefined ? { observedGeneration: hpa.status.observedGeneration } : {}),
        ...(hpa.status.lastScaleTime !== undefined ? { lastScaleTime: hpa.status.lastScaleTime } : {}),
        currentReplicas: hpa.status.currentReplicas ?? 0,
        desiredReplicas: hpa.status.desiredReplicas,
        ...(current?.resource?.current.averageUtilization !== undefined
          ? { currentCPUUtilizationPercentage: current.resource.current.averageUtilization } : {}),
      },
    } : {}),
  };
}

/** Go marshals a map with its keys sorted. */
function sortKeys(m: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
