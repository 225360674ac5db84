// metrics-server's server-side Table (pkg/api/table.go): Name, one quantity column per resource
// (sorted by name, from the first item), Window; a pod's usage is the sum over its containers.
// No items: no columns, as metrics-server leaves them.
import { addQuantity, formatQuantity, parseQuantity, type Quantity } from '../api/quantity.js';
import type { NodeMetrics, PodMetrics } from './metrics-server.js';

export interface MetricsTable {
  columnDefinitions: { name: string; type: string; format: string; description: string; priority: number }[];
  rows: { cells: string[]; object: PodMetrics | NodeMetrics }[];
}

const column = (name: string, format: string, description = '') => ({ name, type: 'string', format, description, priority: 0 });

function table(items: (PodMetrics | NodeMetrics)[], usageOf: (m: PodMetrics | NodeMetrics) => Map<string, Quantity>): MetricsTable {
  let names: string[] | undefined;
  const out: MetricsTable = { columnDefinitions: [], rows: [] };
  for (const m of items) {
    const usage = usageOf(m);
    if (!names) {
      names = [...usage.keys()].sort();
      out.columnDefinitions = [column('Name', 'name', 'Name of the resource'), ...names.map((n) => column(n, 'quantity')), column('Window', 'duration')];
    }
    const cells = [m.metadata.name, ...names.map((n) => formatQuantity(usage.get(n) ?? parseQuantity('0'))), m.window /* already Duration.String() */];
    out.rows.push({ cells, object: m });
  }
  return out;
}

export function podMetricsTable(pods: PodMetrics[]): MetricsTable {
  return table(pods, (m) => {
    const usage = new Map<string, Quantity>();
    for (const c of (m as PodMetrics).containers) {
      for (const [k, v] of Object.entries(c.usage)) usage.set(k, addQuantity(usage.get(k) ?? { mantissa: 0n, exponent: 0, format: 'DecimalSI' }, parseQuantity(v)));
    }
    return usage;
  });
}

export function nodeMetricsTable(nodes: NodeMetrics[]): MetricsTable {
  return table(nodes, (m) => new Map(Object.entries((m as NodeMetrics).usage).map(([k, v]) => [k, parseQuantity(v)])));
}
