// NodeInfo: what the scheduler knows about one node for a cycle — the Node, the pods bound to it,
// the sum of their requests, its allocatable resources, host ports in use and images present
// (pkg/scheduler/framework/types.go). The controller keeps them between cycles (cache.ts);
// `mk scheduler explain` and tests build them fresh from a list.
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import { milliValue, newMilliQuantity, newQuantity, parseQuantity, quantityValue, type Quantity } from '../api/quantity.js';
import { podRequests, type ResourceMap } from './pod-resources.js';

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest: what a container without requests counts as when spreading. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  allowedPodNumber: number;
  scalarResources: Map<string, number>;
}

export const newResource = (): Resource => ({
  milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalarResources: new Map(),
});

export const cloneResource = (r: Resource): Resource => ({ ...r, scalarResources: new Map(r.scalarResources) });

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** v1helper.IsPrefixedNativeResource: a resource in the kubernetes.io domain. */
const isPrefixedNative = (name: string) => name.includes('kubernetes.io/');
const isNative = (name: string) => !name.includes('/') || isPrefixedNative(name);

/** v1helper.IsExtendedResourceName: `example.com/gpu`, not native and a valid quota name. */
export function isExtendedResourceName(name: string): boolean {
  if (isNative(name) || name.startsWith('requests.')) return false;
  const quotaName = `requests.${name}`;
  const slash = quotaName.lastIndexOf('/');
  return QUALIFIED_NAME.test(quotaName) && quotaName.length - slash - 1 <= 63;
}

/** schedutil.IsScalarResourceName: resources counted as plain integers (extended, hugepages, attachable volumes). */
export function isScalarResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith('hugepages-') || isPrefixedNative(name) ||
    name.startsWith('attachable-volumes-');
}

/** Resource.Add(ResourceList). */
export function addToResource(r: Resource, list: ResourceMap | undefined, sign = 1): void {
  if (!list) return;
  for (const [name, q] of list) {
    switch (name) {
      case 'cpu': r.milliCPU += sign * milliValue(q); break;
      case 'memory': r.memory += sign * quantityValue(q); break;
      case 'pods': r.allowedPodNumber += sign * quantityValue(q); break;
      case 'ephemeral-storage': r.ephemeralStorage += sign * quantityValue(q); break;
      default:
        if (isScalarResourceName(name)) r.scalarResources.set(name, (r.scalarResources.get(name) ?? 0) + sign * quantityValue(q));
    }
  }
}

export function resourceFromList(list: Readonly<Record<string, string | number>> | undefined): Resource {
  const r = newResource();
  if (list) addToResource(r, new Map(Object.entries(list).map(([k, v]) => [k, parseQuantity(v)])));
  return r;
}

/** What one pod adds to a node: its requests, and the non-zero cpu/memory used for spreading. */
export interface PodResource {
  resource: Resource;
  non0CPU: number;
  non0Mem: number;
}

const NON_ZERO_DEFAULTS: ReadonlyMap<string, Quantity> = new Map([
  ['cpu', newMilliQuantity(DEFAULT_MILLI_CPU_REQUEST)],
  ['memory', newQuantity(DEFAULT_MEMORY_REQUEST)],
]);

const podResourceCache = new WeakMap<Pod, PodResource>();
/** Pods of one template share their requests; objects are fresh on every list, their requests aren't. */
const requestsCache = new Map<string, PodResource>();

/** Everything the requests depend on. */
const requestsKey = (pod: Pod): string => JSON.stringify([
  pod.spec.containers.map((c) => c.resources?.requests),
  pod.spec.initContainers?.map((c) => [c.resources?.requests, c.restartPolicy]),
  pod.spec.overhead,
]);

/** calculateResource(pod). The result is shared: callers must not change it. */
export function calculateResource(pod: Pod): PodResource {
  const hit = podResourceCache.get(pod);
  if (hit) return hit;
  const key = requestsKey(pod);
  const cached = requestsCache.get(key);
  if (cached) {
    podResourceCache.set(pod, cached);
    return cached;
  }
  const resource = newResource();
  addToResource(resource, podRequests(pod));
  const non0 = podRequests(pod, { nonMissingContainerRequests: NON_ZERO_DEFAULTS });
  const cpu = non0.get('cpu');
  const mem = non0.get('memory');
  const out = { resource, non0CPU: cpu ? milliValue(cpu) : 0, non0Mem: mem ? quantityValue(mem) : 0 };
  podResourceCache.set(pod, out);
  if (requestsCache.size > 10_000) requestsCache.clear();
  requestsCache.set(key, out);
  return out;
}

export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/**
 * HostPortInfo: ip → "protocol/port" in use. Counted per pod rather than a plain set, so that
 * taking one of two pods that (bound by hand) share a port off the node leaves the port in use,
 * as a snapshot built from the remaining pods would have it.
 */
export class HostPortInfo {
  private readonly byIP = new Map<string, Map<string, number>>();

  private static sanitize(ip: string | undefined, protocol: string | undefined): [string, string] {
    return [ip || DEFAULT_BIND_ALL_HOST_IP, protocol || 'TCP'];
  }

  add(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    let ports = this.byIP.get(i);
    if (!ports) this.byIP.set(i, (ports = new Map()));
    const pp = `${p}/${port}`;
    ports.set(pp, (ports.get(pp) ?? 0) + 1);
  }

  remove(ip: string | undefined, protocol: string | undefined, port: number): void {
    if (port <= 0) return;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    const ports = this.byIP.get(i);
    if (!ports) return;
    const pp = `${p}/${port}`;
    const n = (ports.get(pp) ?? 0) - 1;
    if (n > 0) ports.set(pp, n);
    else ports.delete(pp);
    if (ports.size === 0) this.byIP.delete(i);
  }

  /** 0.0.0.0 conflicts with the same protocol/port on any IP; a specific IP only with itself and 0.0.0.0. */
  checkConflict(ip: string | undefined, protocol: string | undefined, port: number): boolean {
    if (port <= 0) return false;
    const [i, p] = HostPortInfo.sanitize(ip, protocol);
    const pp = `${p}/${port}`;
    if (i === DEFAULT_BIND_ALL_HOST_IP) {
      for (const ports of this.byIP.values()) if (ports.has(pp)) return true;
      return false;
    }
    return (this.byIP.get(DEFAULT_BIND_ALL_HOST_IP)?.has(pp) ?? false) || (this.byIP.get(i)?.has(pp) ?? false);
  }

  get size(): number {
    let n = 0;
    for (const s of this.byIP.values()) n += s.size;
    return n;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, ports] of this.byIP) c.byIP.set(ip, new Map(ports));
    return c;
  }
}

export interface HostPort { hostIP?: string; protocol?: string; hostPort: number }

/** schedutil.GetHostPorts: host ports of containers and of sidecars (restartable init containers). */
export function getHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push({ hostIP: p.hostIP, protocol: p.protocol, hostPort: p.hostPort! });
  }
  for (const c of pod.spec.containers) {
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push({ hostIP: p.hostIP, protocol: p.protocol, hostPort: p.hostPort! });
  }
  return out;
}

export interface ImageStateSummary {
  size: number;
  /** How many nodes have this image; spreads ImageLocality's score. */
  numNodes: number;
}

/** Pods with pod affinity or anti-affinity of any kind (NodeInfo.PodsWithAffinity counts them). */
export const hasPodAffinity = (p: Pod): boolean => !!p.spec.affinity && (!!p.spec.affinity.podAffinity || !!p.spec.affinity.podAntiAffinity);
/** Pods with required anti-affinity (NodeInfo.PodsWithRequiredAntiAffinity). */
export const hasRequiredAntiAffinity = (p: Pod): boolean =>
  (p.spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;

const podKeyOf = (p: Pod) => p.metadata.uid ?? `${p.metadata.namespace ?? ''}/${p.metadata.name}`;

export class NodeInfo {
  pods: Pod[] = [];
  usedPorts = new HostPortInfo();
  requested = newResource();
  /** Requests with cpu/memory defaults for containers that set none, so empty pods still spread. */
  nonZeroRequested = newResource();
  allocatable: Resource;
  imageStates = new Map<string, ImageStateSummary>();
  /** How many of the pods have pod (anti-)affinity, and required anti-affinity: InterPodAffinity skips nodes with none. */
  podsWithAffinity = 0;
  podsWithRequiredAntiAffinity = 0;
  /** Bumped on every pod added or removed: what was computed from the pods at another generation is stale. */
  generation = 0;
  private memo: Map<string, number> | undefined;
  private memoGeneration = -1;
  /** The last key asked for and its value: one selector is usually asked about on every node. */
  private lastKey: string | undefined;
  private lastValue = 0;

  constructor(readonly node: Node, pods: readonly Pod[] = []) {
    this.allocatable = resourceFromList(node.status?.allocatable ?? node.status?.capacity);
    for (const p of pods) this.addPod(p);
  }

  get name(): string {
    return this.node.metadata.name;
  }

  addPod(pod: Pod): void {
    this.pods.push(pod);
    this.update(pod, 1);
  }

  /** addPod at a given place in the list: the cache keeps pods in the order a list returns them. */
  insertPod(index: number, pod: Pod): void {
    this.pods.splice(index, 0, pod);
    this.update(pod, 1);
  }

  /** Removes the pod (matched by uid, else namespace/name); false when it wasn't here. */
  removePod(pod: Pod): boolean {
    const key = podKeyOf(pod);
    const i = this.pods.findIndex((p) => podKeyOf(p) === key);
    if (i < 0) return false;
    const [removed] = this.pods.splice(i, 1);
    this.update(removed, -1);
    return true;
  }

  /**
   * A number computed from this node's pods (PodTopologySpread's count of pods a selector
   * matches), kept until the pods change. The scheduler's cache keeps NodeInfos from cycle to
   * cycle, so most nodes answer from here rather than walking their pods again.
   */
  memoized(key: string, compute: (pods: readonly Pod[]) => number): number {
    if (this.memoGeneration !== this.generation || !this.memo) {
      this.memo = new Map();
      this.memoGeneration = this.generation;
      this.lastKey = undefined;
    } else if (key === this.lastKey) return this.lastValue;
    let v = this.memo.get(key);
    if (v === undefined) this.memo.set(key, (v = compute(this.pods)));
    this.lastKey = key;
    this.lastValue = v;
    return v;
  }

  private update(pod: Pod, sign: 1 | -1): void {
    this.generation++;
    const { resource, non0CPU, non0Mem } = calculateResource(pod);
    this.requested.milliCPU += sign * resource.milliCPU;
    this.requested.memory += sign * resource.memory;
    this.requested.ephemeralStorage += sign * resource.ephemeralStorage;
    for (const [k, v] of resource.scalarResources) {
      this.requested.scalarResources.set(k, (this.requested.scalarResources.get(k) ?? 0) + sign * v);
    }
    this.nonZeroRequested.milliCPU += sign * non0CPU;
    this.nonZeroRequested.memory += sign * non0Mem;
    if (hasPodAffinity(pod)) this.podsWithAffinity += sign;
    if (hasRequiredAntiAffinity(pod)) this.podsWithRequiredAntiAffinity += sign;
    for (const hp of getHostPorts(pod)) {
      if (sign > 0) this.usedPorts.add(hp.hostIP, hp.protocol, hp.hostPort);
      else this.usedPorts.remove(hp.hostIP, hp.protocol, hp.hostPort);
    }
  }

  /** A copy that can be changed (preemption's what-if) without touching the original. */
  snapshot(): NodeInfo {
    const c = Object.create(NodeInfo.prototype) as NodeInfo;
    Object.assign(c, {
      node: this.node,
      pods: [...this.pods],
      usedPorts: this.usedPorts.clone(),
      requested: cloneResource(this.requested),
      nonZeroRequested: cloneResource(this.nonZeroRequested),
      allocatable: cloneResource(this.allocatable),
      imageStates: this.imageStates,
      podsWithAffinity: this.podsWithAffinity,
      podsWithRequiredAntiAffinity: this.podsWithRequiredAntiAffinity,
      generation: this.generation,
      memo: undefined,
      memoGeneration: -1,
      lastKey: undefined,
      lastValue: 0,
    });
    return c;
  }
}

/** Pods the scheduler's cache holds: bound and not finished (its informer drops Succeeded/Failed). */
export const occupiesNode = (p: Pod): boolean =>
  !!p.spec.nodeName && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

/** The cycle's snapshot: one NodeInfo per node, in the order the nodes are given. */
export function buildNodeInfos(nodes: readonly Node[], pods: readonly Pod[]): NodeInfo[] {
  const byName = new Map<string, NodeInfo>();
  const infos = nodes.map((n) => {
    const ni = new NodeInfo(n);
    byName.set(n.metadata.name, ni);
    return ni;
  });
  for (const p of pods) if (occupiesNode(p)) byName.get(p.spec.nodeName!)?.addPod(p);
  setImageStates(infos);
  return infos;
}

/** Each node's images with their size and how many of these nodes have them (ImageLocality's spread). */
export function setImageStates(infos: readonly NodeInfo[]): void {
  const imageNodes = new Map<string, Set<string>>();
  for (const { node: n } of infos) {
    for (const img of n.status?.images ?? []) {
      for (const name of img.names ?? []) {
        let s = imageNodes.get(name);
        if (!s) imageNodes.set(name, (s = new Set()));
        s.add(n.metadata.name);
      }
    }
  }
  for (const ni of infos) {
    ni.imageStates = new Map();
    for (const img of ni.node.status?.images ?? []) {
      for (const name of img.names ?? []) {
        ni.imageStates.set(name, { size: img.sizeBytes ?? 0, numNodes: imageNodes.get(name)?.size ?? 1 });
      }
    }
  }
}
