// `mk get nodes.metrics.k8s.io|podmetrics`: the metrics.k8s.io views as `kubectl get` reads them
// from metrics-server — its objects for -o yaml/json, its server-side Table for the default output.
import type { KubeObject } from '../api/object.js';
import type { Table } from '../api/table.js';
import type { KindInfo } from '../api/registry.js';
import type { ClusterHandle } from '../cluster/runtime.js';
import type { NodeMetrics, PodMetrics } from '../metrics/metrics-server.js';

export interface MetricsReader {
  list(kind: KindInfo, opts: { namespace?: string; labelSelector?: string; fieldSelector?: string }): KubeObject[];
  /** Throws metrics-server's NotFound. */
  get(kind: KindInfo, namespace: string, name: string): KubeObject;
  table(kind: KindInfo, objects: KubeObject[]): Table<KubeObject>;
}

export async function metricsReader(cluster: ClusterHandle): Promise<MetricsReader> {
  const [ms, tables] = await Promise.all([import('../metrics/metrics-server.js'), import('../metrics/metrics-table.js')]);
  const ctx = { api: cluster.api, store: cluster.store, now: cluster.now() };
  const asObjects = (items: (PodMetrics | NodeMetrics)[]) => items as unknown as KubeObject[];
  return {
    list: (kind, opts) => asObjects(kind.kind === 'NodeMetrics' ? ms.listNodeMetrics(ctx, opts) : ms.listPodMetrics(ctx, opts)),
    get: (kind, namespace, name) => (kind.kind === 'NodeMetrics' ? ms.getNodeMetrics(ctx, name) : ms.getPodMetrics(ctx, namespace, name)) as unknown as KubeObject,
    table: (kind, objects) => {
      const t = kind.kind === 'NodeMetrics'
        ? tables.nodeMetricsTable(objects as unknown as NodeMetrics[]) : tables.podMetricsTable(objects as unknown as PodMetrics[]);
      return { columnDefinitions: t.columnDefinitions, rows: t.rows.map((r) => ({ cells: r.cells, object: r.object as unknown as KubeObject })) };
    },
  };
}
