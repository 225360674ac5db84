// metrics-server's server-side Table (pkg/api/table.go), which `kubectl get podmetrics` prints.
import { describe, expect, it } from 'vitest';
import { nodeMetricsTable, podMetricsTable } from '../../src/metrics/metrics-table.js';
import type { NodeMetrics, PodMetrics } from '../../src/metrics/metrics-server.js';

const pod = (name: string, containers: [string, string][]): PodMetrics => ({
  kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
  metadata: { name, namespace: 'default', creationTimestamp: '2025-01-01T00:00:00Z' },
  timestamp: '2025-01-01T00:00:00Z', window: '15s',
  containers: containers.map(([cpu, memory], i) => ({ name: `c${i}`, usage: { cpu, memory } })),
});

describe('metrics-server tables', () => {
  it('sums a pod\'s containers as Quantity.Add does (3.5m prints as 3500u, a plain 4096 stays decimal), one column per resource in name order', () => {
    const t = podMetricsTable([pod('a', [['1500000n', '1Mi'], ['2m', '512Ki']]), pod('b', [['0', '4096']])]);
    expect(t.columnDefinitions.map((c) => [c.name, c.format])).toEqual([['Name', 'name'], ['cpu', 'quantity'], ['memory', 'quantity'], ['Window', 'duration']]);
    expect(t.rows.map((r) => r.cells)).toEqual([['a', '3500u', '1536Ki', '15s'], ['b', '0', '4096', '15s']]);
  });

  it('has no columns without items, and a node row per node', () => {
    expect(podMetricsTable([])).toEqual({ columnDefinitions: [], rows: [] });
    const node: NodeMetrics = { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', metadata: { name: 'n1', creationTimestamp: '2025-01-01T00:00:00Z' },
      timestamp: '2025-01-01T00:00:00Z', window: '15s', usage: { cpu: '141367269n', memory: '696040Ki' } };
    expect(nodeMetricsTable([node]).rows.map((r) => r.cells)).toEqual([['n1', '141367269n', '696040Ki', '15s']]);
  });
});
