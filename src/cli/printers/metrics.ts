// `kubectl top` tables: kubectl/pkg/metricsutil/metrics_printer.go (TopCmdPrinter) and
// metrics_sorter.go as of v1.32. CPU prints as MilliValue (rounded up) in `m`, memory as whole
// MiB (bytes rounded down), percentages of allocatable (or capacity) truncated; a node the
// metrics API has nothing for prints `<unknown>` throughout; `--sum` adds a ruled total line.
import { addQuantity, milliValue, parseQuantity, quantityValue, type Quantity } from '../../api/quantity.js';
import type { NodeMetrics, PodMetrics, ResourceUsage } from '../../metrics/metrics-server.js';
import { goSort } from './go-sort.js';
import { newTabWriter, type TabWriter } from './table.js';

export type SortBy = '' | 'cpu' | 'memory';

const MEASURED = ['cpu', 'memory'] as const;
type Measured = (typeof MEASURED)[number];
type ResourceList = Partial<Record<Measured, Quantity>>;

const NODE_COLUMNS = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
const POD_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];
const NAMESPACE_COLUMN = 'NAMESPACE';
const POD_COLUMN = 'POD';
const UNKNOWN = '<unknown>';

const printValue = (w: TabWriter, v: string) => w.write(`${v}\t`);

function printColumnNames(w: TabWriter, names: readonly string[]): void {
  for (const n of names) printValue(w, n);
  w.write('\n');
}

function toList(u: ResourceUsage | Partial<Record<string, string | number>> | undefined): ResourceList {
  const out: ResourceList = {};
  for (const r of MEASURED) {
    const v = u?.[r];
    if (v !== undefined) out[r] = parseQuantity(v);
  }
  return out;
}

const zero = (): Quantity => parseQuantity('0');
const cpuMilli = (l: ResourceList) => milliValue(l.cpu ?? zero());
const memoryValue = (l: ResourceList) => quantityValue(l.memory ?? zero());

function printSingleResourceUsage(w: TabWriter, r: Measured, q: Quantity): void {
  if (r === 'cpu') w.write(`${milliValue(q)}m`);
  else w.write(`${Math.trunc(quantityValue(q) / (1024 * 1024))}Mi`);
}

/** printMetricsLine: the name, then each resource's usage and, where the available amount is known, its percentage. */
function printMetricsLine(w: TabWriter, name: string, metrics: ResourceList, available: ResourceList | undefined): void {
  printValue(w, name);
  for (const r of MEASURED) {
    printSingleResourceUsage(w, r, metrics[r] ?? zero());
    w.write('\t');
    const avail = available?.[r];
    if (avail) {
      // v1.32 divides without checking for zero: int64(±Inf or NaN) is the minimum int64 on amd64.
      const fraction = (milliValue(metrics[r] ?? zero()) / milliValue(avail)) * 100;
      w.write(`${Number.isFinite(fraction) ? Math.trunc(fraction) : '-9223372036854775808'}%\t`);
    }
  }
  w.write('\n');
}

function printMissingMetricsNodeLine(w: TabWriter, name: string): void {
  printValue(w, name);
  for (let i = 0; i < MEASURED.length; i++) {
    printValue(w, UNKNOWN);
    printValue(w, UNKNOWN);
  }
  w.write('\n');
}

/** getPodMetrics: a pod's usage is the sum over its containers. */
function podUsage(m: PodMetrics): ResourceList {
  const out: ResourceList = { cpu: zero(), memory: zero() };
  for (const c of m.containers) {
    const u = toList(c.usage);
    for (const r of MEASURED) out[r] = addQuantity(out[r] ?? zero(), u[r] ?? zero());
  }
  return out;
}

/**
 * PrintNodeMetrics. `available`: allocatable (or capacity) of every node asked about, in the order
 * the nodes were listed; the ones with no metrics follow the others as `<unknown>` lines.
 */
export function printNodeMetrics(metrics: readonly NodeMetrics[], available: ReadonlyMap<string, Partial<Record<string, string | number>> | undefined>,
  opts: { noHeaders?: boolean; sortBy?: SortBy } = {}): string {
  if (!metrics.length) return '';
  const w = newTabWriter();
  const rows = metrics.map((m) => ({ name: m.metadata.name, usage: toList(m.usage) }));
  // NodeMetricsSorter, through Go's (unstable) sort: ties keep the order only pdqsort gives them.
  goSort(rows, (a, b) => {
    if (opts.sortBy === 'cpu') return cpuMilli(a.usage) > cpuMilli(b.usage);
    if (opts.sortBy === 'memory') return memoryValue(a.usage) > memoryValue(b.usage);
    return a.name < b.name;
  });
  if (!opts.noHeaders) printColumnNames(w, NODE_COLUMNS);
  const missing = new Map(available);
  for (const r of rows) {
    printMetricsLine(w, r.name, r.usage, toList(available.get(r.name) ?? {}));
    missing.delete(r.name);
  }
  for (const name of missing.keys()) printMissingMetricsNodeLine(w, name);
  w.flush();
  return w.take();
}

/** PrintPodMetrics: one line per pod (or per container with --containers), NAMESPACE with -A, and --sum's total. */
export function printPodMetrics(metrics: readonly PodMetrics[], opts: { containers?: boolean; withNamespace?: boolean; noHeaders?: boolean;
  sortBy?: SortBy; sum?: boolean } = {}): string {
  if (!metrics.length) return '';
  const w = newTabWriter();
  let columnWidth = POD_COLUMNS.length;
  if (!opts.noHeaders) {
    if (opts.withNamespace) {
      printValue(w, NAMESPACE_COLUMN);
      columnWidth++;
    }
    if (opts.containers) {
      printValue(w, POD_COLUMN);
      columnWidth++;
    }
    printColumnNames(w, POD_COLUMNS);
  }
  const pods = metrics.map((m) => ({ m, usage: podUsage(m) }));
  // PodMetricsSorter.
  goSort(pods, (a, b) => {
    if (opts.sortBy === 'cpu') return cpuMilli(a.usage) > cpuMilli(b.usage);
    if (opts.sortBy === 'memory') return memoryValue(a.usage) > memoryValue(b.usage);
    if (opts.withNamespace && a.m.metadata.namespace !== b.m.metadata.namespace) return a.m.metadata.namespace < b.m.metadata.namespace;
    return a.m.metadata.name < b.m.metadata.name;
  });
  for (const { m, usage } of pods) {
    if (opts.containers) {
      const containers = m.containers.map((c) => ({ name: c.name, usage: toList(c.usage) }));
      // ContainerMetricsSorter.
      goSort(containers, (a, b) => {
        if (opts.sortBy === 'cpu') return cpuMilli(a.usage) > cpuMilli(b.usage);
        if (opts.sortBy === 'memory') return memoryValue(a.usage) > memoryValue(b.usage);
        return a.name < b.name;
      });
      for (const c of containers) {
        if (opts.withNamespace) printValue(w, m.metadata.namespace);
        printValue(w, m.metadata.name);
        printMetricsLine(w, c.name, c.usage, undefined);
      }
    } else {
      if (opts.withNamespace) printValue(w, m.metadata.namespace);
      printMetricsLine(w, m.metadata.name, usage, undefined);
    }
  }
  if (opts.sum) {
    // ResourceAdder: the exact total, rounded once when printed.
    const total: ResourceList = { cpu: zero(), memory: zero() };
    for (const { usage } of pods) for (const r of MEASURED) total[r] = addQuantity(total[r] ?? zero(), usage[r] ?? zero());
    for (let i = 0; i < columnWidth - 2; i++) printValue(w, '');
    printValue(w, '________');
    printValue(w, '________');
    w.write('\n');
    for (let i = 0; i < columnWidth - 3; i++) printValue(w, '');
    printMetricsLine(w, '', total, undefined);
  }
  w.flush();
  return w.take();
}
