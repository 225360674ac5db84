// What kube-proxy knows of a Service port and its endpoints: the ServiceChangeTracker's
// BaseServicePortInfo, the EndpointSliceCache's endpoints per service port, and
// CategorizeEndpoints (pkg/proxy/topology.go) splitting them for Cluster and Local policy.
import type { Node } from '../api/core/node/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { EndpointSlice } from '../api/discovery/endpointslice/schema.js';
import { LABEL_SERVICE_NAME } from '../api/discovery/endpointslice/labels.js';
import { clusterPolicyChain, endpointChain, externalChain, firewallChain, localPolicyChain, servicePortName } from './chains.js';

export interface ProxyInputs { services: Service[]; slices: EndpointSlice[]; nodes: Node[] }

/** The default sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
export const DEFAULT_STICKY_SECONDS = 10800;

export interface ServicePortInfo {
  namespace: string;
  name: string;
  /** The port's name ("" for an unnamed port). */
  portName: string;
  /** ServicePortName.String(): "ns/name" or "ns/name:port". */
  nameString: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  loadBalancerVIPs: string[];
  loadBalancerSourceRanges: string[];
  healthCheckNodePort: number;
  /** sessionAffinity ClientIP: the stickiness in seconds; 0 without affinity. */
  stickySeconds: number;
  externalPolicyLocal: boolean;
  internalPolicyLocal: boolean;
  chains: { cluster: string; local: string; firewall: string; external: string };
}

export interface EndpointInfo {
  ip: string;
  port: number;
  /** "ip:port", as kube-proxy prints and hashes it. */
  endpoint: string;
  isLocal: boolean;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  chain: string;
}

const lower = (p: string | undefined) => (p ?? 'TCP').toLowerCase() as ServicePortInfo['protocol'];

/** apiservice.ExternallyAccessible: the Service type exposes it outside the cluster network. */
function typeExternallyAccessible(svc: Service): boolean {
  const t = svc.spec?.type ?? 'ClusterIP';
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (svc.spec?.externalIPs?.length ?? 0) > 0);
}

/** The service ports kube-proxy programs: not headless, not ExternalName, with a ClusterIP. */
export function servicePorts(services: Service[]): ServicePortInfo[] {
  const out: ServicePortInfo[] = [];
  for (const svc of services) {
    const spec = svc.spec;
    if (!spec || spec.type === 'ExternalName' || !spec.clusterIP || spec.clusterIP === 'None') continue;
    const ipv4 = (ip: string) => !ip.includes(':');
    const isLB = spec.type === 'LoadBalancer';
    const vips = (svc.status?.loadBalancer?.ingress ?? [])
      .filter((i) => i.ip && (i.ipMode === undefined || i.ipMode === 'VIP') && ipv4(i.ip)).map((i) => i.ip as string);
    const externalPolicyLocal = typeExternallyAccessible(svc) && spec.externalTrafficPolicy === 'Local';
    for (const p of spec.ports ?? []) {
      const namespace = svc.metadata.namespace ?? 'default';
      const nameString = servicePortName(namespace, svc.metadata.name, p.name);
      const protocol = lower(p.protocol);
      out.push({
        namespace, name: svc.metadata.name, portName: p.name ?? '', nameString, protocol,
        clusterIP: spec.clusterIP, port: p.port, nodePort: p.nodePort ?? 0,
        externalIPs: (spec.externalIPs ?? []).filter(ipv4),
        loadBalancerVIPs: vips,
        loadBalancerSourceRanges: isLB ? (spec.loadBalancerSourceRanges ?? []).map((r) => r.trim()).filter(ipv4) : [],
        healthCheckNodePort: isLB && externalPolicyLocal ? spec.healthCheckNodePort ?? 0 : 0,
        stickySeconds: spec.sessionAffinity === 'ClientIP' ? spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? DEFAULT_STICKY_SECONDS : 0,
        externalPolicyLocal,
        internalPolicyLocal: spec.internalTrafficPolicy === 'Local',
        chains: {
          cluster: clusterPolicyChain(nameString, protocol),
          local: localPolicyChain(nameString, protocol),
          firewall: firewallChain(nameString, protocol),
          external: externalChain(nameString, protocol),
        },
      });
    }
  }
  // kube-proxy walks a Go map, whose order is random; mk writes service ports in name order.
  return out.sort((a, b) => (a.nameString < b.nameString ? -1 : a.nameString > b.nameString ? 1 : a.protocol < b.protocol ? -1 : 1));
}

export const externallyAccessible = (s: ServicePortInfo) => s.nodePort !== 0 || s.loadBalancerVIPs.length > 0 || s.externalIPs.length > 0;
export const usesClusterEndpoints = (s: ServicePortInfo) => !s.internalPolicyLocal || (externallyAccessible(s) && !s.externalPolicyLocal);
export const usesLocalEndpoints = (s: ServicePortInfo) => s.internalPolicyLocal || (externallyAccessible(s) && s.externalPolicyLocal);

/**
 * The endpoints of each service port on one node (EndpointSliceCache): from the slices labelled
 * with the Service's name, one per "ip:port" (the first slice by name wins), sorted by that string.
 */
export function endpointsByServicePort(slices: EndpointSlice[], nodeName: string): Map<string, EndpointInfo[]> {
  const byKey = new Map<string, Map<string, EndpointInfo>>();
  const sorted = [...slices].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  for (const slice of sorted) {
    const svcName = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!svcName || slice.addressType !== 'IPv4') continue;
    const ns = slice.metadata.namespace ?? 'default';
    for (const port of slice.ports ?? []) {
      if (port.port === undefined) continue;
      const nameString = servicePortName(ns, svcName, port.name);
      const protocol = lower(port.protocol);
      const key = `${nameString}/${protocol}`;
      const eps = byKey.get(key) ?? new Map<string, EndpointInfo>();
      byKey.set(key, eps);
      for (const ep of slice.endpoints ?? []) {
        const ip = ep.addresses[0];
        if (!ip) continue;
        const endpoint = `${ip}:${port.port}`;
        if (eps.has(endpoint)) continue;
        const c = ep.conditions ?? {};
        eps.set(endpoint, {
          ip, port: port.port, endpoint,
          isLocal: ep.nodeName === nodeName,
          ready: c.ready ?? true,
          serving: c.serving ?? true,
          terminating: c.terminating ?? false,
          chain: endpointChain(nameString, protocol, endpoint),
        });
      }
    }
  }
  const out = new Map<string, EndpointInfo[]>();
  for (const [key, eps] of byKey) out.set(key, [...eps.values()].sort((a, b) => (a.endpoint < b.endpoint ? -1 : a.endpoint > b.endpoint ? 1 : 0)));
  return out;
}

export const endpointsKey = (s: ServicePortInfo) => `${s.nameString}/${s.protocol}`;

export interface CategorizedEndpoints {
  cluster: EndpointInfo[];
  local: EndpointInfo[];
  allReachable: EndpointInfo[];
  hasAny: boolean;
}

/** CategorizeEndpoints without topology hints (mk's EndpointSlices carry none). */
export function categorizeEndpoints(endpoints: EndpointInfo[], svc: ServicePortInfo): CategorizedEndpoints {
  let cluster: EndpointInfo[] = [];
  let local: EndpointInfo[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(svc)) {
    cluster = endpoints.filter((e) => e.ready);
    // With no ready endpoint anywhere, serving terminating ones are better than dropping traffic.
    if (cluster.length === 0) cluster = endpoints.filter((e) => e.serving && e.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!usesLocalEndpoints(svc)) return { cluster, local, allReachable: cluster, hasAny };
  let localReady = false;
  let localServingTerminating = false;
  for (const e of endpoints) {
    if (e.ready) {
      hasAny = true;
      if (e.isLocal) localReady = true;
    } else if (e.serving && e.terminating) {
      hasAny = true;
      if (e.isLocal) localServingTerminating = true;
    }
  }
  if (localReady) local = endpoints.filter((e) => e.isLocal && e.ready);
  else if (localServingTerminating) local = endpoints.filter((e) => e.isLocal && e.serving && e.terminating);
  if (!usesClusterEndpoints(svc)) return { cluster, local, allReachable: local, hasAny };
  const union = new Map<string, EndpointInfo>();
  for (const e of [...cluster, ...local]) union.set(e.endpoint, e);
  return { cluster, local, allReachable: [...union.values()], hasAny };
}

/** The node's own addresses (what `-m addrtype --dst-type LOCAL` matches besides loopback). */
export function nodeAddresses(nodes: Node[], nodeName: string): string[] {
  const node = nodes.find((n) => n.metadata.name === nodeName);
  return (node?.status?.addresses ?? []).filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address);
}
