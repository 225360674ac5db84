// kube-apiserver's own metrics (apiserver/pkg/endpoints/metrics, storage/etcd3/metrics), as its
// /metrics shows them: the requests of THIS serving process (counts, latencies, in-flight and
// long-running ones, kept by prom-client's instruments), the stored objects per resource (counted
// from the store at scrape time) and the process's own resource use. Labels are worked out as
// MonitorRequest does: CanonicalVerb/CleanVerb, CleanScope as the installer registers each route,
// cleanDryRun.
import { readdirSync, readFileSync } from 'node:fs';
import { Counter, Gauge, Histogram, Registry, type MetricObjectWithValues, type MetricValue } from 'prom-client';
import { builtinKinds, qualifiedResource, type KindInfo } from '../api/registry.js';
import type { Store } from '../store/store.js';
import { buildInfoFamily } from './build-info.js';
import { encode, type Family, type HistogramSample, type Sample, type Stability } from './exposition.js';

export interface RequestLabels {
  verb: string;
  dry_run: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  scope: string;
  component: string;
}

const REQUEST_LABELS = ['code', 'component', 'dry_run', 'group', 'resource', 'scope', 'subresource', 'verb', 'version'] as const;
const LATENCY_LABELS = REQUEST_LABELS.filter((l) => l !== 'code');
const LONGRUNNING_LABELS = LATENCY_LABELS.filter((l) => l !== 'dry_run');

/** requestLatencies' buckets, tuned upstream for the API call latency SLO. */
export const REQUEST_DURATION_BUCKETS = [0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3,
  4, 5, 6, 8, 10, 15, 20, 30, 45, 60];

/** validConnectRequests: their verb is reported as CONNECT. */
const CONNECT_SUBRESOURCES = new Set(['proxy', 'attach', 'exec', 'portforward']);

interface Meta { help: string; stability: Stability }
const HELP: Record<string, Meta> = {
  apiserver_request_total: {
    help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
    stability: 'STABLE',
  },
  apiserver_request_duration_seconds: {
    help: 'Response latency distribution in seconds for each verb, dry run value, group, version, resource, subresource, scope and component.',
    stability: 'STABLE',
  },
  apiserver_longrunning_requests: {
    help: 'Gauge of all active long-running apiserver requests broken out by verb, group, version, resource, scope and component. Not all requests are tracked this way.',
    stability: 'STABLE',
  },
  apiserver_current_inflight_requests: {
    help: 'Maximal number of currently used inflight request limit of this apiserver per request kind in last second.',
    stability: 'STABLE',
  },
  apiserver_storage_objects: {
    help: 'Number of stored objects at the time of last check split by kind. In case of a fetching error, the value will be -1.',
    stability: 'STABLE',
  },
};

/** What a resource request's labels are, from its URL and method (undefined: not instrumented upstream either). */
export function resourceRequestLabels(opts: {
  method: string; path: string; query: URLSearchParams; contentType: string | undefined;
  kind: KindInfo; namespace?: string; name?: string; subresource?: string;
}): RequestLabels {
  const parts = opts.path.split('/').filter((p) => p !== '');
  const [group, version] = parts[0] === 'api' ? ['', parts[1] ?? ''] : [parts[1] ?? '', parts[2] ?? ''];
  const method = opts.method.toUpperCase();
  // The installer's requestScope: a named object or a create is "resource"; lists by namespace or cluster.
  const scope = opts.name || method === 'POST' ? 'resource' : opts.kind.namespaced && opts.namespace ? 'namespace' : 'cluster';
  let verb = (method === 'GET' || method === 'HEAD') ? (scope === 'resource' ? 'GET' : 'LIST') : method;
  const watch = opts.query.getAll('watch')[0]?.toLowerCase();
  if ((method === 'GET' || method === 'LIST') && watch !== undefined && watch !== '0' && watch !== 'false') verb = 'WATCH';
  if (method === 'PATCH' && opts.contentType === 'application/apply-patch+yaml') verb = 'APPLY';
  if (opts.subresource && CONNECT_SUBRESOURCES.has(opts.subresource)) verb = 'CONNECT';
  return {
    verb, dry_run: cleanDryRun(opts.query), group, version, resource: opts.kind.resource,
    subresource: opts.subresource ?? '', scope, component: 'apiserver',
  };
}

/** A health endpoint's labels: healthz.go instruments /healthz, /livez and /readyz with no component. */
export function healthRequestLabels(path: string): RequestLabels {
  return { verb: 'GET', dry_run: '', group: '', version: '', resource: '', subresource: path, scope: '', component: '' };
}

function cleanDryRun(q: URLSearchParams): string {
  const values = q.getAll('dryRun');
  if (!values.length) return '';
  if (values.some((v) => v !== 'All')) return 'invalid';
  return [...new Set(values)].sort().join(',');
}

export type RequestKind = 'readOnly' | 'mutating';

/** The serving process's request metrics. */
export class ApiserverMetrics {
  private readonly registry = new Registry();
  private readonly requests = new Counter({ name: 'apiserver_request_total', help: HELP.apiserver_request_total.help, labelNames: REQUEST_LABELS, registers: [this.registry] });
  private readonly latencies = new Histogram({
    name: 'apiserver_request_duration_seconds', help: HELP.apiserver_request_duration_seconds.help, labelNames: LATENCY_LABELS, buckets: REQUEST_DURATION_BUCKETS, registers: [this.registry],
  });
  private readonly longRunning = new Gauge({ name: 'apiserver_longrunning_requests', help: HELP.apiserver_longrunning_requests.help, labelNames: LONGRUNNING_LABELS, registers: [this.registry] });
  private readonly inflight: Record<RequestKind, number> = { readOnly: 0, mutating: 0 };
  /** maxinflight's watermark: the most in flight during the current and the last whole second. */
  private readonly watermark: Record<RequestKind, { second: number; max: number; previous: number }> = {
    readOnly: { second: 0, max: 0, previous: 0 }, mutating: { second: 0, max: 0, previous: 0 },
  };

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** A request that is not long-running starts: it counts in flight until done() (MaxInFlightLimit). */
  begin(kind: RequestKind): () => void {
    this.inflight[kind]++;
    this.mark(kind);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inflight[kind]--;
      this.mark(kind);
    };
  }

  private mark(kind: RequestKind): void {
    const w = this.watermark[kind];
    const second = Math.floor(this.clock() / 1000);
    if (second !== w.second) {
      w.previous = second === w.second + 1 ? w.max : this.inflight[kind];
      w.second = second;
      w.max = this.inflight[kind];
    }
    w.max = Math.max(w.max, this.inflight[kind]);
  }

  /** MonitorRequest: the request's count and latency, once it is answered. */
  observe(labels: RequestLabels, code: number, seconds: number): void {
    this.requests.inc({ ...labels, code: String(code) });
    this.latencies.observe(labels, seconds);
  }

  /** RecordLongRunning: a watch or a followed log counts while it lasts. Returns its end. */
  longRunningStart(labels: RequestLabels): () => void {
    const { dry_run: _d, ...g } = labels;
    this.longRunning.inc(g);
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.longRunning.dec(g);
    };
  }

  /** Everything the serving kube-apiserver shows at /metrics. */
  async text(store: Pick<Store, 'scan'>): Promise<string> {
    const own = await this.registry.getMetricsAsJSON();
    const families: Family[] = own.map((m) => fromPromClient(m));
    for (const kind of ['readOnly', 'mutating'] as const) this.mark(kind);
    families.push(family('apiserver_current_inflight_requests', 'gauge', (['mutating', 'readOnly'] as const).map((k) => ({
      labels: { request_kind: k }, value: Math.max(this.watermark[k].max, this.watermark[k].previous),
    }))));
    families.push(family('apiserver_storage_objects', 'gauge', storageObjects(store)));
    return encode([...families, buildInfoFamily(), ...processFamilies()]);
  }
}

function family(name: string, type: 'counter' | 'gauge', samples: Sample[]): Family {
  return { name, type, ...HELP[name], samples };
}

/** A prom-client metric as a family of the Go registry (help and stability from upstream). */
function fromPromClient(m: MetricObjectWithValues<MetricValue<string>>): Family {
  const meta = HELP[m.name];
  const type = String(m.type);
  if (type !== 'histogram') {
    // A gauge whose series went back to 0 stays, as a Go GaugeVec's child does.
    return { name: m.name, type: type === 'counter' ? 'counter' : 'gauge', ...meta,
      samples: m.values.map((v) => ({ labels: stringLabels(v.labels), value: v.value })) };
  }
  const series = new Map<string, HistogramSample>();
  for (const v of m.values as (MetricValue<string> & { metricName?: string })[]) {
    const { le, ...rest } = v.labels as Record<string, string | number>;
    const labels = stringLabels(rest);
    const key = JSON.stringify(labels);
    let s = series.get(key);
    if (!s) series.set(key, (s = { labels, counts: [], sum: 0, count: 0 }));
    if (v.metricName?.endsWith('_bucket') && le !== '+Inf') s.counts.push(v.value);
    else if (v.metricName?.endsWith('_sum')) s.sum = v.value;
    else if (v.metricName?.endsWith('_count')) s.count = v.value;
  }
  return { name: m.name, type: 'histogram', ...meta, buckets: REQUEST_DURATION_BUCKETS, samples: [...series.values()] };
}

function stringLabels(labels: Record<string, string | number | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) out[k] = String(v ?? '');
  return out;
}

/** apiserver_storage_objects: how many objects of each resource the store holds. */
function storageObjects(store: Pick<Store, 'scan'>): Sample[] {
  return (builtinKinds as readonly KindInfo[]).map((k) => {
    const resource = qualifiedResource(k);
    let n = 0;
    store.scan(resource, {}, () => n++);
    return { labels: { resource }, value: n };
  });
}

/** client_golang's process collector, for the families Node can report truthfully on Linux. */
function processFamilies(): Family[] {
  const cpu = process.cpuUsage();
  const out: Family[] = [
    { name: 'process_cpu_seconds_total', help: 'Total user and system CPU time spent in seconds.', type: 'counter',
      samples: [{ labels: {}, value: (cpu.user + cpu.system) / 1e6 }] },
    { name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', type: 'gauge',
      samples: [{ labels: {}, value: process.memoryUsage.rss() }] },
    { name: 'process_start_time_seconds', help: 'Start time of the process since unix epoch in seconds.', type: 'gauge',
      samples: [{ labels: {}, value: Math.round((Date.now() - process.uptime() * 1000) / 10) / 100 }] },
  ];
  try {
    const fds = readdirSync('/proc/self/fd').length;
    out.push({ name: 'process_open_fds', help: 'Number of open file descriptors.', type: 'gauge', samples: [{ labels: {}, value: fds }] });
    const limit = /^Max open files\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (limit) out.push({ name: 'process_max_fds', help: 'Maximum number of open file descriptors.', type: 'gauge', samples: [{ labels: {}, value: Number(limit[1]) }] });
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const vsize = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[20]);
    if (Number.isFinite(vsize)) out.push({ name: 'process_virtual_memory_bytes', help: 'Virtual memory size in bytes.', type: 'gauge', samples: [{ labels: {}, value: vsize }] });
  } catch {
    // No /proc (not Linux): those families are left out rather than guessed.
  }
  return out;
}
