// The replica calculator of pkg/controller/podautoscaler (replica_calculator.go and
// metrics/utilization.go, release-1.32) for resource metrics: pods are grouped into ready,
// unready (still starting, for cpu), missing (no metrics) and ignored (deleted or failed); missing
// pods count as 100% of their request on a scale-down and 0 on a scale-up, unready ones as 0 on a
// scale-up, and no change is made within the tolerance or when the assumptions would flip the
// direction. Pure: pods, metrics and `now` in, a proposal or an Error with upstream's words out.
import type { Pod } from '../../api/core/pod/schema.js';
import { milliValue, tryParseQuantity } from '../../api/quantity.js';
import { parseTime } from '../../apiserver/time.js';

/** One pod's usage as the resource metrics API reported it (milli-units). */
export interface PodMetric {
  timestamp: number;
  window: number;
  value: number;
}

export type PodMetricsInfo = Map<string, PodMetric>;

export interface CalculatorConfig {
  /** --horizontal-pod-autoscaler-tolerance. */
  tolerance: number;
  /** --horizontal-pod-autoscaler-cpu-initialization-period. */
  cpuInitializationPeriodMs: number;
  /** --horizontal-pod-autoscaler-initial-readiness-delay. */
  delayOfInitialReadinessStatusMs: number;
}

/** kube-controller-manager's defaults. */
export const DEFAULT_CALCULATOR_CONFIG: CalculatorConfig = {
  tolerance: 0.1,
  cpuInitializationPeriodMs: 5 * 60_000,
  delayOfInitialReadinessStatusMs: 30_000,
};

export interface ResourceProposal {
  replicas: number;
  /** Percent of request (GetResourceReplicas only). */
  utilization: number;
  /** Average usage per pod in milli-units. */
  rawUtilization: number;
  timestamp: number;
}

/** groupPods. */
export function groupPods(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, cfg: CalculatorConfig, now: number):
  { readyPodCount: number; unreadyPods: Set<string>; missingPods: Set<string>; ignoredPods: Set<string> } {
  const unreadyPods = new Set<string>();
  const missingPods = new Set<string>();
  const ignoredPods = new Set<string>();
  let readyPodCount = 0;
  for (const pod of pods) {
    const name = pod.metadata.name;
    if (pod.metadata.deletionTimestamp || pod.status?.phase === 'Failed') {
      ignoredPods.add(name);
      continue;
    }
    if (pod.status?.phase === 'Pending') {
      unreadyPods.add(name);
      continue;
    }
    const metric = metrics.get(name);
    if (!metric) {
      missingPods.add(name);
      continue;
    }
    if (resource === 'cpu') {
      let unready: boolean;
      const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
      const start = parseTime(pod.status?.startTime);
      if (!condition || start === undefined) {
        unready = true;
      } else {
        const transition = parseTime(condition.lastTransitionTime) ?? 0;
        if (start + cfg.cpuInitializationPeriodMs > now) {
          // Still in its initialisation period: unready, or no full window since it became ready.
          unready = condition.status === 'False' || metric.timestamp < transition + metric.window;
        } else {
          // Unready and never ready since its start.
          unready = condition.status === 'False' && start + cfg.delayOfInitialReadinessStatusMs > transition;
        }
      }
      if (unready) {
        unreadyPods.add(name);
        continue;
      }
    }
    readyPodCount++;
  }
  return { readyPodCount, unreadyPods, missingPods, ignoredPods };
}

/** calculatePodRequests: each pod's request summed over its containers (and sidecar init containers). */
export function calculatePodRequests(pods: readonly Pod[], container: string, resource: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    let sum = 0;
    const containers = [...pod.spec.containers, ...(pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always')];
    for (const c of containers) {
      if (container !== '' && container !== c.name) continue;
      const raw = c.resources?.requests?.[resource];
      const q = raw === undefined ? undefined : tryParseQuantity(raw);
      if (!q) throw new Error(`missing request for ${resource} in container ${c.name} of Pod ${pod.metadata.name}`);
      sum += milliValue(q);
    }
    requests.set(pod.metadata.name, sum);
  }
  return requests;
}

/** metricsclient.GetResourceUtilizationRatio. */
export function getResourceUtilizationRatio(metrics: PodMetricsInfo, requests: Map<string, number>, targetUtilization: number):
  { usageRatio: number; utilization: number; rawAverage: number } {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entities = 0;
  for (const [name, m] of metrics) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += request;
    entities++;
  }
  if (requestsTotal === 0) throw new Error('no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { usageRatio: utilization / targetUtilization, utilization, rawAverage: Math.trunc(metricsTotal / entities) };
}

/** metricsclient.GetMetricUtilizationRatio. */
function getMetricUtilizationRatio(metrics: PodMetricsInfo, target: number): { usageRatio: number; utilization: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const utilization = Math.trunc(total / metrics.size);
  return { usageRatio: utilization / target, utilization };
}

const removeMetricsForPods = (metrics: PodMetricsInfo, pods: Set<string>) => { for (const p of pods) metrics.delete(p); };

/**
 * The part GetResourceReplicas and calcPlainMetricReplicas share: no change within the
 * tolerance; with unready or missing pods, the ratio again with unready pods at 0 on a scale-up,
 * missing ones at `missingValue` (undefined: left out), and no change when that flips the direction.
 */
function proposeReplicas(currentReplicas: number, usageRatio: number, ratioOf: (m: PodMetricsInfo) => number, metrics: PodMetricsInfo,
  grouped: ReturnType<typeof groupPods>, missingValue: (pod: string) => number | undefined, tolerance: number): number {
  const { readyPodCount, unreadyPods, missingPods } = grouped;
  const scaleUpWithUnready = unreadyPods.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && missingPods.size === 0) {
    if (Math.abs(1.0 - usageRatio) <= tolerance) return currentReplicas;
    return Math.ceil(usageRatio * readyPodCount);
  }
  for (const p of missingPods) {
    const value = missingValue(p);
    if (value !== undefined) metrics.set(p, { timestamp: 0, window: 0, value });
  }
  if (scaleUpWithUnready) for (const p of unreadyPods) metrics.set(p, { timestamp: 0, window: 0, value: 0 });
  const newUsageRatio = ratioOf(metrics);
  if (Math.abs(1.0 - newUsageRatio) <= tolerance || (usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0)) {
    return currentReplicas;
  }
  const newReplicas = Math.ceil(newUsageRatio * metrics.size);
  if ((newUsageRatio < 1.0 && newReplicas > currentReplicas) || (newUsageRatio > 1.0 && newReplicas < currentReplicas)) return currentReplicas;
  return newReplicas;
}

/** groupPods, then the ignored and unready pods' metrics dropped. */
function readyMetrics(pods: readonly Pod[], metrics: PodMetricsInfo, resource: string, cfg: CalculatorConfig, now: number): ReturnType<typeof groupPods> {
  if (pods.length === 0) throw new Error('no pods returned by selector while calculating replica count');
  const grouped = groupPods(pods, metrics, resource, cfg, now);
  removeMetricsForPods(metrics, grouped.ignoredPods);
  removeMetricsForPods(metrics, grouped.unreadyPods);
  if (metrics.size === 0) throw new Error('did not receive metrics for targeted pods (pods might be unready)');
  return grouped;
}

/** GetResourceReplicas, from the metrics already fetched (`metrics` is consumed). */
export function getResourceReplicas(currentReplicas: number, targetUtilization: number, resource: string, container: string,
  pods: readonly Pod[], metrics: PodMetricsInfo, timestamp: number, cfg: CalculatorConfig, now: number): ResourceProposal {
  const grouped = readyMetrics(pods, metrics, resource, cfg, now);
  const requests = calculatePodRequests(pods, container, resource);
  const { usageRatio, utilization, rawAverage } = getResourceUtilizationRatio(metrics, requests, targetUtilization);
  // On a scale-down, missing pods use all of their request (or the target, when above 100%); on a
  // scale-up, nothing.
  const fallback = Math.max(100, targetUtilization);
  const missingValue = (p: string) => (usageRatio < 1.0 ? Math.trunc(((requests.get(p) ?? 0) * fallback) / 100) : usageRatio > 1.0 ? 0 : undefined);
  const replicas = proposeReplicas(currentReplicas, usageRatio, (m) => getResourceUtilizationRatio(m, requests, targetUtilization).usageRatio,
    metrics, grouped, missingValue, cfg.tolerance);
  return { replicas, utilization, rawUtilization: rawAverage, timestamp };
}

/** GetRawResourceReplicas (calcPlainMetricReplicas): an average value target in milli-units. */
export function getRawResourceReplicas(currentReplicas: number, targetMilli: number, resource: string, pods: readonly Pod[],
  metrics: PodMetricsInfo, timestamp: number, cfg: CalculatorConfig, now: number): ResourceProposal {
  const grouped = readyMetrics(pods, metrics, resource, cfg, now);
  const { usageRatio, utilization } = getMetricUtilizationRatio(metrics, targetMilli);
  const replicas = proposeReplicas(currentReplicas, usageRatio, (m) => getMetricUtilizationRatio(m, targetMilli).usageRatio,
    metrics, grouped, () => (usageRatio < 1.0 ? targetMilli : 0), cfg.tolerance);
  return { replicas, utilization: 0, rawUtilization: utilization, timestamp };
}
