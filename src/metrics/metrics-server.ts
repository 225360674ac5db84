// metrics-server as a cluster with the official manifest runs it (components.yaml:
// --metric-resolution=15s): it scrapes every kubelet's resource metrics each resolution period and
// serves the metrics.k8s.io/v1beta1 API (PodMetrics, NodeMetrics) from the last two scrapes.
// Scrapes happen at whole multiples of the resolution on the virtual clock, so a read at any time
// sees the scrape before it. What it keeps out, as metrics-server 0.7 does:
// - a pod with a running container started less than 10 s before the scrape (no rate yet);
// - containers not running at the scrape (waiting, exited), and pods with none running;
// - nodes whose kubelet was down at the scrape or is younger than one resolution period, and
//   their pods.
import type { Node } from '../api/core/node/schema.js';
import type { Container, Pod } from '../api/core/pod/schema.js';
import { formatGoDuration } from '../api/go-duration.js';
import { milliValue, newQuantity, formatQuantity, quantityValue, tryParseQuantity } from '../api/quantity.js';
import type { Api } from '../apiserver/api.js';
import { notFound } from '../apiserver/errors.js';
import { fieldSelectorMatches, labelSelectorMatches, parseFieldSelector, parseLabelSelector } from '../apiserver/selectors.js';
import { formatTime, parseTime } from '../apiserver/time.js';
import { stateAt, type ContainerInstance } from '../kubelet/containers.js';
import { processLoad } from '../kubelet/process.js';
import { kubeletStoppedAt } from '../sim/running.js';
import { loadPodRuntime } from '../kubelet/state.js';
import { containerUsage, nodeSystemUsage, type Usage } from '../kubelet/usage.js';
import type { Store } from '../store/store.js';
import { requestClients } from './request-load.js';

/** --metric-resolution of the official metrics-server manifest. */
export const METRIC_RESOLUTION_MS = 15_000;
/** freshContainerMinMetricsResolution: a container this young at a scrape has no usable rate. */
const FRESH_CONTAINER_MIN_MS = 10_000;

export type ResourceUsage = { cpu: string; memory: string };

export interface ContainerMetrics {
  name: string;
  usage: ResourceUsage;
}

export interface PodMetrics {
  kind: 'PodMetrics';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: { name: string; namespace: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  containers: ContainerMetrics[];
}

export interface NodeMetrics {
  kind: 'NodeMetrics';
  apiVersion: 'metrics.k8s.io/v1beta1';
  metadata: { name: string; creationTimestamp: string; labels?: Record<string, string> };
  timestamp: string;
  window: string;
  usage: ResourceUsage;
}

export interface MetricsContext {
  api: Pick<Api, 'list' | 'tryGet'>;
  store: Pick<Store, 'getMeta'>;
  /** Virtual now. */
  now: number;
}

/** The scrape a read at `now` is served from. */
export function lastScrape(now: number): number {
  return Math.floor(now / METRIC_RESOLUTION_MS) * METRIC_RESOLUTION_MS;
}

const cpuQuantity = (nanos: number) => formatQuantity({ mantissa: BigInt(Math.round(nanos)), exponent: -9, format: 'DecimalSI' });
const memoryQuantity = (bytes: number) => formatQuantity(newQuantity(Math.round(bytes), 'BinarySI'));
const usageOf = (u: Usage): ResourceUsage => ({ cpu: cpuQuantity(u.cpuNanoCores), memory: memoryQuantity(u.memoryBytes) });

/** A pod's containers as one scrape of its kubelet saw them. */
interface ScrapedPod {
  pod: Pod;
  /** Undefined when metrics-server has no rate for the pod yet. */
  window?: number;
  containers: { name: string; usage: Usage }[];
}

interface NodeScrape {
  /** Undefined when the scrape failed or the node is too new to have a rate. */
  usage?: Usage;
  pods: Map<string, ScrapedPod>;
}

/** The instance of a container that was running at `t`, if any. */
function runningAt(slot: { cur?: ContainerInstance; prev?: ContainerInstance } | undefined, t: number): ContainerInstance | undefined {
  for (const inst of [slot?.cur, slot?.prev]) {
    if (inst?.proc && inst.startedAt !== undefined && stateAt(inst, t) === 'running') return inst;
  }
  return undefined;
}

function limitsOf(c: Container | undefined): { cpuMilli?: number; memoryBytes?: number } {
  const cpu = c?.resources?.limits?.cpu;
  const memory = c?.resources?.limits?.memory;
  const q = (v: string | number | undefined) => (v === undefined ? undefined : tryParseQuantity(v));
  const cpuQ = q(cpu);
  const memQ = q(memory);
  return { ...(cpuQ ? { cpuMilli: milliValue(cpuQ) } : {}), ...(memQ ? { memoryBytes: quantityValue(memQ) } : {}) };
}

/** One scrape of a node's kubelet at `t` (its /metrics/resource), as metrics-server stores it. */
function scrapeNode(ctx: MetricsContext, node: Node, pods: Pod[], t: number, clients: ReadonlyMap<string, number>): NodeScrape {
  const name = node.metadata.name;
  const stopped = kubeletStoppedAt(ctx.store, name);
  const out: NodeScrape = { pods: new Map() };
  if (stopped !== undefined && stopped <= t) return out;
  const capacity = tryParseQuantity(String(node.status?.capacity?.cpu ?? '8'));
  const cpus = Math.max(1, Math.floor((capacity ? milliValue(capacity) : 8000) / 1000));
  let podCpu = 0;
  let podMemory = 0;
  let sandboxes = 0;
  for (const pod of pods) {
    const ns = pod.metadata.namespace ?? 'default';
    const rt = loadPodRuntime(ctx, ns, pod.metadata.name);
    if (!rt || rt.uid !== pod.metadata.uid) continue;
    const sb = rt.sandbox;
    if (sb && sb.readyAt <= t && (sb.stoppedAt === undefined || sb.stoppedAt > t)) sandboxes++;
    const specs = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
    const scraped: ScrapedPod = { pod, containers: [] };
    let fresh = false;
    for (const [cname, slot] of Object.entries(rt.slots)) {
      const inst = runningAt(slot, t);
      if (!inst) continue;
      const since = t - inst.startedAt!;
      if (since < FRESH_CONTAINER_MIN_MS) fresh = true;
      // Requests reach the pod's first container, the one serving its port in the usual pod.
      const served = cname === pod.spec.containers[0]?.name ? clients.get(`${ns}/${pod.metadata.name}`) : undefined;
      const usage = containerUsage(processLoad({ ...inst.proc!, startedAt: inst.startedAt! }), {
        cpus, limits: limitsOf(specs.find((c) => c.name === cname)), seed: `${pod.metadata.uid}/${cname}`, window: t,
        span: { age: since, ms: Math.min(since, METRIC_RESOLUTION_MS) }, clients: served,
      });
      podCpu += usage.cpuNanoCores;
      podMemory += usage.memoryBytes;
      scraped.containers.push({ name: cname, usage });
      scraped.window = Math.min(scraped.window ?? METRIC_RESOLUTION_MS, since);
    }
    if (!scraped.containers.length) continue;
    if (fresh) scraped.window = undefined;
    out.pods.set(`${ns}/${pod.metadata.name}`, scraped);
  }
  // Pods asking for more CPU than the node has share what there is.
  const system = nodeSystemUsage(name, t, sandboxes);
  const room = cpus * 1e9 - system.cpuNanoCores;
  if (podCpu > room) {
    const share = Math.max(0, room) / podCpu;
    podCpu = 0;
    for (const p of out.pods.values()) {
      for (const c of p.containers) {
        c.usage = { ...c.usage, cpuNanoCores: Math.round(c.usage.cpuNanoCores * share) };
        podCpu += c.usage.cpuNanoCores;
      }
    }
  }
  const created = parseTime(node.metadata.creationTimestamp) ?? 0;
  if (created <= t - METRIC_RESOLUTION_MS) {
    out.usage = { cpuNanoCores: podCpu + system.cpuNanoCores, memoryBytes: podMemory + system.memoryBytes };
  }
  return out;
}

/** The last scrape of every node (or of the nodes hosting `pods`). */
function scrape(ctx: MetricsContext, pods: Pod[], nodes: Node[]): Map<string, NodeScrape> {
  const t = lastScrape(ctx.now);
  const byNode = new Map<string, Pod[]>();
  for (const p of pods) {
    if (!p.spec.nodeName) continue;
    const list = byNode.get(p.spec.nodeName) ?? [];
    list.push(p);
    byNode.set(p.spec.nodeName, list);
  }
  const clients = requestClients(ctx.api, (pod, container) => {
    const rt = loadPodRuntime(ctx, pod.metadata.namespace ?? 'default', pod.metadata.name);
    return !!rt && rt.uid === pod.metadata.uid && runningAt(rt.slots[container], t) !== undefined;
  });
  const out = new Map<string, NodeScrape>();
  for (const n of nodes) out.set(n.metadata.name, scrapeNode(ctx, n, byNode.get(n.metadata.name) ?? [], t, clients));
  return out;
}

function podMetricsOf(s: ScrapedPod, t: number, now: number): PodMetrics {
  const { pod } = s;
  // The kubelet lists containers as the runtime does; metrics-server keeps that order.
  return {
    kind: 'PodMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace ?? 'default',
      creationTimestamp: formatTime(now),
      ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
    },
    timestamp: formatTime(t),
    window: formatGoDuration(s.window ?? METRIC_RESOLUTION_MS),
    containers: s.containers.map((c) => ({ name: c.name, usage: usageOf(c.usage) })),
  };
}

/** metrics-server's own field filtering: it holds only pod metadata (name, namespace). */
function metadataFieldsMatch(fieldSelector: string | undefined, pod: Pod): boolean {
  if (!fieldSelector) return true;
  const sel = parseFieldSelector(fieldSelector);
  return fieldSelectorMatches(sel, { 'metadata.name': pod.metadata.name, 'metadata.namespace': pod.metadata.namespace ?? '' });
}

/** GET /apis/metrics.k8s.io/v1beta1[/namespaces/{ns}]/pods, ordered by namespace and name. */
export function listPodMetrics(ctx: MetricsContext, opts: { namespace?: string; labelSelector?: string; fieldSelector?: string }): PodMetrics[] {
  const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : undefined;
  const pods = ctx.api.list<Pod>('pods', { namespace: opts.namespace })
    .filter((p) => (!labels || labelSelectorMatches(labels, p.metadata.labels)) && metadataFieldsMatch(opts.fieldSelector, p));
  const nodeNames = new Set(pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n));
  const nodes = ctx.api.list<Node>('nodes').filter((n) => nodeNames.has(n.metadata.name));
  const scrapes = scrape(ctx, pods, nodes);
  const t = lastScrape(ctx.now);
  const out: PodMetrics[] = [];
  for (const p of pods) {
    const s = scrapes.get(p.spec.nodeName ?? '')?.pods.get(`${p.metadata.namespace ?? 'default'}/${p.metadata.name}`);
    if (s?.window !== undefined) out.push(podMetricsOf(s, t, ctx.now));
  }
  return out.sort((a, b) => cmp(a.metadata.namespace, b.metadata.namespace) || cmp(a.metadata.name, b.metadata.name));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** GET /apis/metrics.k8s.io/v1beta1/namespaces/{ns}/pods/{name}. */
export function getPodMetrics(ctx: MetricsContext, namespace: string, name: string): PodMetrics {
  const pod = ctx.api.tryGet<Pod>('pods', namespace, name);
  if (!pod) throw notFound('pods', name);
  const node = pod.spec.nodeName ? ctx.api.tryGet<Node>('nodes', undefined, pod.spec.nodeName) : undefined;
  const s = node ? scrape(ctx, [pod], [node]).get(node.metadata.name)?.pods.get(`${namespace}/${name}`) : undefined;
  if (s?.window === undefined) throw notFound('podmetrics.metrics.k8s.io', `${namespace}/${name}`);
  return podMetricsOf(s, lastScrape(ctx.now), ctx.now);
}

function nodeMetricsOf(node: Node, usage: Usage, t: number, now: number): NodeMetrics {
  return {
    kind: 'NodeMetrics',
    apiVersion: 'metrics.k8s.io/v1beta1',
    metadata: {
      name: node.metadata.name,
      creationTimestamp: formatTime(now),
      ...(node.metadata.labels ? { labels: node.metadata.labels } : {}),
    },
    timestamp: formatTime(t),
    window: formatGoDuration(METRIC_RESOLUTION_MS),
    usage: usageOf(usage),
  };
}

/** GET /apis/metrics.k8s.io/v1beta1/nodes, ordered by name. */
export function listNodeMetrics(ctx: MetricsContext, opts: { labelSelector?: string }): NodeMetrics[] {
  const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : undefined;
  const nodes = ctx.api.list<Node>('nodes').filter((n) => !labels || labelSelectorMatches(labels, n.metadata.labels));
  const scrapes = scrape(ctx, ctx.api.list<Pod>('pods'), nodes);
  const t = lastScrape(ctx.now);
  const out: NodeMetrics[] = [];
  for (const n of nodes) {
    const usage = scrapes.get(n.metadata.name)?.usage;
    if (usage) out.push(nodeMetricsOf(n, usage, t, ctx.now));
  }
  return out.sort((a, b) => cmp(a.metadata.name, b.metadata.name));
}

/** GET /apis/metrics.k8s.io/v1beta1/nodes/{name}. */
export function getNodeMetrics(ctx: MetricsContext, name: string): NodeMetrics {
  const node = ctx.api.tryGet<Node>('nodes', undefined, name);
  if (!node) throw notFound('nodes', name);
  const pods = ctx.api.list<Pod>('pods').filter((p) => p.spec.nodeName === name);
  const usage = scrape(ctx, pods, [node]).get(name)?.usage;
  if (!usage) throw notFound('nodemetrics.metrics.k8s.io', name);
  return nodeMetricsOf(node, usage, lastScrape(ctx.now), ctx.now);
}
