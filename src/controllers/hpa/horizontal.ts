// The horizontal pod autoscaler controller (pkg/controller/podautoscaler/horizontal.go,
// release-1.32). Every HPA is synced every 15 s (--horizontal-pod-autoscaler-sync-period) on the
// virtual clock: read the target's /scale, compute a proposal per metric from metrics-server's
// pod metrics, normalise it (stabilisation, rate limits, min/max), write the new size through
// /scale, then the status with its AbleToScale/ScalingActive/ScalingLimited conditions, and the
// events upstream records. What the controller remembers between syncs (recent recommendations
// and scale events) is kept in the store's meta rows, since each mk process starts afresh.
//
// Catch-up costs what changed: while a sync leaves everything as it was (no rescale, nothing
// remembered holding the size, no condition or size changing, no pod changed in the last minute),
// the next sync goes straight to the last 15 s tick before the horizon, up to which nothing else
// moves; metric values only wander meanwhile. A pod change brings every HPA back to its ticks,
// and repeated warnings are counted by their event series (recordWarnings).
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, MetricSpec, MetricStatus } from '../../api/autoscaling/horizontalpodautoscaler/schema.js';
import type { LabelSelector } from '../../api/meta/schema.js';
import { HPA_RESOURCE } from '../../api/autoscaling/horizontalpodautoscaler/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { objectKey, type KubeObject } from '../../api/object.js';
import { builtinKinds, type KindInfo } from '../../api/registry.js';
import { deepEqual } from '../../api/deep-equal.js';
import { formatQuantity, milliValue, newMilliQuantity, tryParseQuantity } from '../../api/quantity.js';
import { ApiError } from '../../apiserver/errors.js';
import { getScale, updateScale } from '../../apiserver/scale.js';
import { formatTime } from '../../apiserver/time.js';
import { listPodMetrics } from '../../metrics/metrics-server.js';
import type { Controller, ControllerContext } from '../controller.js';
import { errorMessage } from '../controller-utils.js';
import { resourceMetricsFrom } from './metrics-client.js';
import {
  DEFAULT_CALCULATOR_CONFIG, getRawResourceReplicas, getResourceReplicas, type PodMetricsInfo, type ResourceProposal,
} from './replica-calculator.js';
import {
  type HpaMemory, normalizeDesiredReplicas, normalizeDesiredReplicasWithBehaviors, recordInitialRecommendation, storeScaleEvent,
} from './normalize.js';

/** --horizontal-pod-autoscaler-sync-period. */
export const HPA_SYNC_PERIOD_MS = 15_000;
/** The recorder's source (NewHorizontalController's EventSource). */
const COMPONENT = 'horizontal-pod-autoscaler';

interface Warning { reason: string; message: string }

interface HpaState extends HpaMemory {
  /** When the next sync is due, and when the last one ran (virtual ms). */
  nextSync?: number;
  lastSync?: number;
  /** When a pod last changed: syncs are not skipped until the metrics have settled after it. */
  podsChangedAt?: number;
  /** The Warning events the last sync recorded, repeating every period until a sync does not. */
  warnings?: Warning[];
  /** The HPA they are about, to end them once it is gone. */
  owner?: { name: string; namespace: string; uid: string };
}

const metaKey = (key: string) => `hpa/${key}`;

function loadState(ctx: ControllerContext, key: string): HpaState {
  const raw = ctx.store.getMeta(metaKey(key));
  return raw ? (JSON.parse(raw) as HpaState) : {};
}

const saveState = (ctx: ControllerContext, key: string, s: HpaState | undefined) =>
  ctx.store.setMeta(metaKey(key), s ? JSON.stringify(s) : undefined);

/** The key a pod change brings: every HPA that skipped ahead goes back to its 15 s ticks. */
const PODS_CHANGED = 'pods-changed';
/**
 * How long after a pod changed the metrics may still move because of it: a new container has no
 * usage for 10 s, then its first windows (and start-up) settle over the next scrapes.
 */
const PODS_SETTLE_MS = 60_000;

export const horizontalPodAutoscalerController: Controller = {
  name: 'horizontal-pod-autoscaler',
  watches: [HPA_RESOURCE, 'pods'],
  keysFor: (ev) => (ev.resource === 'pods' ? [PODS_CHANGED] : [objectKey(ev.object)]),
  reconcile(key, ctx) {
    if (key === PODS_CHANGED) {
      wakeAll(ctx);
      return;
    }
    const i = key.indexOf('/');
    const hpa = ctx.api.tryGet<KubeObject>(HPA_RESOURCE, key.slice(0, i), key.slice(i + 1)) as unknown as HorizontalPodAutoscaler | undefined;
    const state = loadState(ctx, key);
    if (!hpa) {
      if (state.owner) recordWarnings(ctx, ownerObject(state.owner), state, []);
      saveState(ctx, key, undefined);
      return;
    }
    const now = ctx.now();
    // A new HPA waits one period, as the rate-limited queue adds it (AddRateLimited).
    if (state.nextSync === undefined) {
      state.nextSync = now + HPA_SYNC_PERIOD_MS;
      saveState(ctx, key, state);
      ctx.requeueAt(state.nextSync, key);
      return;
    }
    if (now < state.nextSync) return;
    const warnings: Warning[] = [];
    const settled = reconcileAutoscaler(hpa, state, ctx, warnings)
      && now - (state.podsChangedAt ?? -Infinity) >= PODS_SETTLE_MS;
    recordWarnings(ctx, hpa as unknown as KubeObject, state, warnings);
    state.owner = { name: hpa.metadata.name, namespace: hpa.metadata.namespace ?? 'default', uid: hpa.metadata.uid ?? '' };
    state.lastSync = now;
    state.nextSync = now + HPA_SYNC_PERIOD_MS;
    const horizon = ctx.horizon?.() ?? now;
    if (settled && horizon > state.nextSync) {
      state.nextSync = now + Math.floor((horizon - now) / HPA_SYNC_PERIOD_MS) * HPA_SYNC_PERIOD_MS;
    }
    saveState(ctx, key, state);
    ctx.requeueAt(state.nextSync, key);
  },
};

/**
 * A pod changed (started, became ready, went away): what the metrics say may change, so an HPA
 * that skipped ahead syncs again at its next 15 s tick, and does not skip again until the pods
 * have settled.
 */
function wakeAll(ctx: ControllerContext): void {
  const now = ctx.now();
  for (const hpa of ctx.api.list<KubeObject>(HPA_RESOURCE)) {
    const key = objectKey(hpa);
    const state = loadState(ctx, key);
    if (state.nextSync === undefined || state.lastSync === undefined) continue;
    state.podsChangedAt = now;
    const tick = state.lastSync + Math.max(1, Math.ceil((now - state.lastSync) / HPA_SYNC_PERIOD_MS)) * HPA_SYNC_PERIOD_MS;
    if (state.nextSync > tick) {
      state.nextSync = tick;
      ctx.requeueAt(tick, key);
    }
    saveState(ctx, key, state);
  }
}

const ownerObject = (o: NonNullable<HpaState['owner']>) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: { name: o.name, namespace: o.namespace, uid: o.uid } }) as KubeObject;

/**
 * The sync's Warning events. A failure recurs at every sync until something changes, so each is
 * recorded as repeating every period (EventOccurrence.repeat): a sync that repeats one the last
 * sync recorded adds nothing the cadence has not counted already, one that no longer sees it ends
 * its cadence just before now, and syncs in between that would only repeat them can be skipped.
 */
function recordWarnings(ctx: ControllerContext, obj: KubeObject, state: HpaState, warnings: readonly Warning[]): void {
  const now = ctx.now();
  const same = (a: Warning) => (b: Warning) => a.reason === b.reason && a.message === b.message;
  const previous = state.warnings ?? [];
  for (const w of previous) {
    if (!warnings.some(same(w))) ctx.recorder.event(obj, 'Warning', w.reason, w.message, { component: COMPONENT, count: 0, at: now - 1 });
  }
  for (const w of warnings) {
    const counted = previous.some(same(w));
    ctx.recorder.event(obj, 'Warning', w.reason, w.message,
      { component: COMPONENT, repeat: { every: HPA_SYNC_PERIOD_MS }, ...(counted ? { count: 0 } : {}) });
  }
  if (warnings.length) state.warnings = [...warnings];
  else delete state.warnings;
}

/** setCondition: lastTransitionTime moves only when the status does. */
export function setCondition(conditions: HorizontalPodAutoscalerCondition[], type: string, status: 'True' | 'False', reason: string, message: string, now: number): void {
  let c = conditions.find((x) => x.type === type);
  if (!c) {
    c = { type, status: '' };
    conditions.push(c);
  }
  if (c.status !== status) c.lastTransitionTime = formatTime(now);
  c.status = status;
  c.reason = reason;
  c.message = message;
}

/** The served kind a scaleTargetRef names (RESTMappings), or the mapper's error. */
function targetKind(apiVersion: string | undefined, kind: string): KindInfo {
  const av = apiVersion ?? '';
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  const k = (builtinKinds as readonly KindInfo[]).find((x) => x.kind === kind && x.group === group);
  if (!k) throw new Error(`no matches for kind ${JSON.stringify(kind)} in group ${JSON.stringify(group)}`);
  return k;
}

interface MetricResult {
  replicas: number;
  name: string;
  timestamp: number;
  status: MetricStatus;
}

/** computeStatusFor*Metric's error: its message goes to the event and condition, with the reason given. */
class MetricError extends Error {
  constructor(message: string, readonly reason: string) { super(message); }
}

/** computeReplicasForMetric's wrapping of a metric's error, as FailedComputeMetricsReplicas shows it. */
function metricValueError(spec: MetricSpec, message: string): string {
  switch (spec.type) {
    case 'Resource': return `failed to get ${spec.resource?.name ?? ''} resource metric value: ${message}`;
    case 'ContainerResource': return `failed to get ${spec.containerResource?.container ?? ''} container metric value: ${message}`;
    case 'Pods': return `failed to get pods metric value: ${message}`;
    case 'Object': return `failed to get object metric value: ${message}`;
    case 'External': return `failed to get ${spec.external?.metric.name ?? ''} external metric value: ${message}`;
    default: return message;
  }
}

/** A *metav1.LabelSelector as %+v prints it (its generated String()). */
function goLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels![k]},`).join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[]string{${(e.values ?? []).map((v) => JSON.stringify(v)).join(',')}},}`).join(',');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

function computeReplicasForMetric(ctx: ControllerContext, hpa: HorizontalPodAutoscaler, spec: MetricSpec, specReplicas: number,
  selector: string, pods: readonly Pod[]): MetricResult {
  const ns = hpa.metadata.namespace ?? 'default';
  if (spec.type !== 'Resource' && spec.type !== 'ContainerResource') {
    // Only the resource metrics API is served in an mk cluster: no custom or external metrics adapter.
    const custom = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';
    switch (spec.type) {
      case 'Pods':
        throw new MetricError(`unable to get metric ${spec.pods?.metric.name ?? ''}: ${custom}`, 'FailedGetPodsMetric');
      case 'Object': {
        const o = spec.object?.describedObject;
        throw new MetricError(`unable to get metric ${spec.object?.metric.name ?? ''}: ${custom} on ${o?.kind ?? ''} ${ns}/${o?.name ?? ''}`, 'FailedGetObjectMetric');
      }
      case 'External':
        throw new MetricError(`unable to get external metric ${ns}/${spec.external?.metric.name ?? ''}/${goLabelSelector(spec.external?.metric.selector)}: `
          + 'unable to fetch metrics from external metrics API: no external metrics API (external.metrics.k8s.io) registered', 'FailedGetExternalMetric');
      default:
        throw new MetricError(`unknown metric source type "${spec.type}"`, 'InvalidMetricSourceType');
    }
  }
  const container = spec.type === 'ContainerResource' ? spec.containerResource!.container : '';
  const src = spec.type === 'Resource' ? spec.resource! : spec.containerResource!;
  const reason = spec.type === 'Resource' ? 'FailedGetResourceMetric' : 'FailedGetContainerResourceMetric';
  const now = ctx.now();
  const cfg = DEFAULT_CALCULATOR_CONFIG;
  const fetch = () => {
    try {
      const items = listPodMetrics({ api: ctx.api, store: ctx.store, now }, { namespace: ns, labelSelector: selector });
      return resourceMetricsFrom(items, src.name, container);
    } catch (e) {
      throw new Error(`unable to get metrics for resource ${src.name}: ${errorMessage(e)}`);
    }
  };
  const statusOf = (current: { averageUtilization?: number; averageValue: string }): MetricStatus => (spec.type === 'Resource'
    ? { type: 'Resource', resource: { name: src.name, current } }
    : { type: 'ContainerResource', containerResource: { name: src.name, container, current } });
  if (src.target.averageValue !== undefined) {
    let p: ResourceProposal;
    try {
      const { metrics, timestamp } = fetch();
      p = getRawResourceReplicas(specReplicas, milliValue(tryParseQuantity(src.target.averageValue)!), src.name, pods, metrics, timestamp, cfg, now);
    } catch (e) {
      throw new MetricError(`failed to get ${src.name} usage: ${errorMessage(e)}`, reason);
    }
    return { replicas: p.replicas, name: `${src.name} resource`, timestamp: p.timestamp,
      status: statusOf({ averageValue: formatQuantity(newMilliQuantity(p.rawUtilization)) }) };
  }
  if (src.target.averageUtilization === undefined) {
    throw new MetricError('invalid resource metric source: neither an average utilization target nor an average value (usage) target was set', reason);
  }
  let p: ResourceProposal;
  try {
    const { metrics, timestamp } = fetch();
    p = getResourceReplicas(specReplicas, src.target.averageUtilization, src.name, container, pods, metrics, timestamp, cfg, now);
  } catch (e) {
    throw new MetricError(`failed to get ${src.name} utilization: ${errorMessage(e)}`, reason);
  }
  const name = spec.type === 'Resource'
    ? `${src.name} resource utilization (percentage of request)`
    : `${src.name} container resource utilization (percentage of request)`;
  return { replicas: p.replicas, name, timestamp: p.timestamp,
    status: statusOf({ averageUtilization: p.utilization, averageValue: formatQuantity(newMilliQuantity(p.rawUtilization)) }) };
}

/** Reads a pod list once per sync (the informer's lister). */
function podsFor(ctx: ControllerContext, namespace: string, selector: string): Pod[] {
  return ctx.api.list<KubeObject>('pods', { namespace, labelSelector: selector }) as unknown as Pod[];
}

/**
 * reconcileAutoscaler. Returns whether the sync settled: nothing rescaled, nothing in memory that
 * can still change the outcome, and the status as it was. The Warning events go to `warnings`.
 */
export function reconcileAutoscaler(hpa: HorizontalPodAutoscaler, mem: HpaMemory, ctx: ControllerContext, warnings: Warning[]): boolean {
  const now = ctx.now();
  const original = structuredClone(hpa.status ?? { desiredReplicas: 0 });
  const status = structuredClone(original);
  const conditions = (status.conditions ??= []);
  const obj = hpa as unknown as KubeObject;
  const ns = hpa.metadata.namespace ?? 'default';
  const ref = hpa.spec.scaleTargetRef;
  // Warnings are recorded by the caller, as repeating events (recordWarnings).
  const warn = (reason: string, message: string) => warnings.push({ reason, message });
  const cond = (type: string, st: 'True' | 'False', reason: string, message: string) => setCondition(conditions, type, st, reason, message, now);
  /** Writes the status when it changed; whether anything but the metric values did. */
  const writeStatus = (): boolean => {
    if (!status.conditions?.length) delete status.conditions;
    if (!deepEqual(status, original)) ctx.api.updateStatus(HPA_RESOURCE, { ...obj, status } as KubeObject);
    // Metric values move with every scrape; only the rest of the status tells whether anything changed.
    const { currentMetrics: _a, ...before } = original;
    const { currentMetrics: _b, ...after } = status;
    return !deepEqual(before, after);
  };

  let k: KindInfo;
  let scale;
  try {
    k = targetKind(ref.apiVersion, ref.kind);
    scale = getScale(ctx.api, k, ns, ref.name);
  } catch (e) {
    const msg = errorMessage(e);
    warn('FailedGetScale', msg);
    cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${msg}`);
    return !writeStatus();
  }
  cond('AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale");
  const currentReplicas = scale.specReplicas;
  recordInitialRecommendation(mem, currentReplicas, now);
  const minReplicas = hpa.spec.minReplicas ?? 1;
  let desiredReplicas = 0;
  let rescaleReason = '';
  let rescale = true;
  // Whether what the controller remembers (recent recommendations, scale events) is all that
  // holds the size where it is: then the outcome may change with time alone.
  let heldByMemory = false;
  let metricStatuses: MetricStatus[] | undefined = status.currentMetrics;

  if (currentReplicas === 0 && minReplicas !== 0) {
    desiredReplicas = 0;
    rescale = false;
    cond('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
  } else if (currentReplicas > hpa.spec.maxReplicas) {
    rescaleReason = 'Current number of replicas above Spec.MaxReplicas';
    desiredReplicas = hpa.spec.maxReplicas;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = 'Current number of replicas below Spec.MinReplicas';
    desiredReplicas = minReplicas;
  } else {
    // computeReplicasForMetrics.
    if (scale.selector === '') {
      const errMsg = 'selector is required';
      warn('SelectorRequired', errMsg);
      cond('ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector");
      status.currentReplicas = currentReplicas;
      const changed = writeStatus();
      warn('FailedComputeMetricsReplicas', errMsg);
      return !changed;
    }
    const pods = podsFor(ctx, ns, scale.selector);
    const specs = hpa.spec.metrics ?? [];
    const statuses: MetricStatus[] = specs.map(() => ({ type: '' }));
    let replicas = 0;
    let metricName = '';
    let invalid = 0;
    let firstError: { reason: string; message: string; wrapped: string } | undefined;
    specs.forEach((spec, i) => {
      try {
        const r = computeReplicasForMetric(ctx, hpa, spec, currentReplicas, scale.selector, pods);
        statuses[i] = r.status;
        if (replicas === 0 || r.replicas > replicas) {
          replicas = r.replicas;
          metricName = r.name;
        }
      } catch (e) {
        const err = e instanceof MetricError ? e : new MetricError(errorMessage(e), 'FailedGetResourceMetric');
        // getUnableComputeReplicaCountCondition records the event for each failing metric.
        warn(err.reason, err.message);
        if (invalid === 0) firstError = { reason: err.reason, message: err.message, wrapped: metricValueError(spec, err.message) };
        invalid++;
      }
    });
    metricStatuses = statuses;
    if (invalid >= specs.length || (invalid > 0 && replicas < currentReplicas)) {
      cond('ScalingActive', 'False', firstError!.reason, `the HPA was unable to compute the replica count: ${firstError!.message}`);
      status.currentReplicas = currentReplicas;
      status.currentMetrics = metricStatuses;
      const changed = writeStatus();
      warn('FailedComputeMetricsReplicas', `invalid metrics (${invalid} invalid out of ${specs.length}), first error is: ${firstError!.wrapped}`);
      return !changed;
    }
    cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricName}`);
    let rescaleMetric = '';
    if (replicas > desiredReplicas) {
      desiredReplicas = replicas;
      rescaleMetric = metricName;
    }
    if (desiredReplicas > currentReplicas) rescaleReason = `${rescaleMetric} above target`;
    if (desiredReplicas < currentReplicas) rescaleReason = 'All metrics below target';
    const normalize = hpa.spec.behavior ? normalizeDesiredReplicasWithBehaviors : normalizeDesiredReplicas;
    const n = normalize(mem, hpa, currentReplicas, desiredReplicas, minReplicas, now);
    heldByMemory = normalize({}, hpa, currentReplicas, desiredReplicas, minReplicas, now).replicas !== n.replicas;
    cond('AbleToScale', 'True', n.ableReason, n.ableMessage);
    cond('ScalingLimited', n.limited ? 'True' : 'False', n.limitReason, n.limitMessage);
    desiredReplicas = n.replicas;
    rescale = desiredReplicas !== currentReplicas;
  }

  if (rescale) {
    try {
      updateScale(ctx.api, k, ns, ref.name, desiredReplicas);
    } catch (e) {
      if (e instanceof ApiError && e.status.reason === 'Conflict') throw e;
      const msg = errorMessage(e);
      warn('FailedRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}; error: ${msg}`);
      cond('AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`);
      status.currentReplicas = currentReplicas;
      status.currentMetrics = metricStatuses;
      writeStatus();
      return false;
    }
    cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desiredReplicas}`);
    ctx.recorder.event(obj, 'Normal', 'SuccessfulRescale', `New size: ${desiredReplicas}; reason: ${rescaleReason}`, { component: COMPONENT });
    storeScaleEvent(mem, hpa, currentReplicas, desiredReplicas, now);
  } else {
    desiredReplicas = currentReplicas;
  }
  // setStatus.
  status.currentReplicas = currentReplicas;
  status.desiredReplicas = desiredReplicas;
  if (metricStatuses) status.currentMetrics = metricStatuses;
  else delete status.currentMetrics;
  if (rescale) status.lastScaleTime = formatTime(now);
  const changed = writeStatus();
  return !rescale && !changed && !heldByMemory;
}

