// The resource metrics client of pkg/controller/podautoscaler/metrics (client.go, release-1.32):
// metrics-server's PodMetrics turned into each pod's usage in milli-units, summed over its
// containers or taken from one container.
import { milliValue, tryParseQuantity } from '../../api/quantity.js';
import { parseGoDuration } from '../../api/go-duration.js';
import { parseTime } from '../../apiserver/time.js';
import type { PodMetrics } from '../../metrics/metrics-server.js';
import type { PodMetricsInfo } from './replica-calculator.js';

const usageOf = (usage: Record<string, string | undefined>, resource: string) => {
  const raw = usage[resource];
  const q = raw === undefined ? undefined : tryParseQuantity(raw);
  return q ? milliValue(q) : undefined;
};

/** GetResourceMetric over the PodMetrics the list returned. */
export function resourceMetricsFrom(items: readonly PodMetrics[], resource: string, container: string): { metrics: PodMetricsInfo; timestamp: number } {
  if (items.length === 0) throw new Error('no metrics returned from resource metrics API');
  const metrics: PodMetricsInfo = new Map();
  for (const m of items) {
    const at = { timestamp: parseTime(m.timestamp) ?? 0, window: parseGoDuration(m.window) ?? 0 };
    if (container !== '') {
      // getContainerMetrics: a pod without the container (or its usage) has no metric.
      const c = m.containers.find((x) => x.name === container);
      const v = c ? usageOf(c.usage, resource) : undefined;
      if (v !== undefined) metrics.set(m.metadata.name, { ...at, value: v });
      continue;
    }
    // getPodMetrics: a pod missing the resource in any container has no metric.
    let sum = 0;
    let missing = m.containers.length === 0;
    for (const c of m.containers) {
      const v = usageOf(c.usage, resource);
      if (v === undefined) { missing = true; break; }
      sum += v;
    }
    if (!missing) metrics.set(m.metadata.name, { ...at, value: sum });
  }
  return { metrics, timestamp: parseTime(items[0].timestamp) ?? 0 };
}
