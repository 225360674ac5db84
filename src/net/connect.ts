// How a request reaches a pod: the client's name resolution, then the TCP connection — kube-proxy's
// rules on the node the packet enters (the client pod's node, or the node an outside client
// addressed) rewrite a Service address to an endpoint, and the packet reaches whatever owns the
// address: a pod's server, a node's host-network pods, or nothing at all.
//
// Outside the cluster is the machine running kind: it reaches the nodes on the kind docker network
// (172.18.0.0/16) and so NodePorts, but has no route to pod or Service addresses, whose packets
// leave by its default route and are never answered.
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { Service } from '../api/core/service/schema.js';
import type { EndpointSlice } from '../api/discovery/endpointslice/schema.js';
import { cidrContains, ipv4ToNumber } from '../api/ipv4.js';
import type { Packet, Route } from '../proxy/route.js';
import { answerAt, serverAt, type HttpRequest, type ServerAnswer, type ServerContext } from './servers.js';

/** The kind host's address on the kind docker network (the bridge's gateway). */
export const HOST_IP = '172.18.0.1';

export type Source = { kind: 'host' } | { kind: 'pod'; pod: Pod };

export interface NetView { pods: Pod[]; services: Service[]; slices: EndpointSlice[]; nodes: Node[] }


export type Resolution = { addresses: string[] } | { error: 'NXDOMAIN' | 'SERVFAIL' | 'timeout' };

export interface NetDeps {
  server: Omit<ServerContext, 'upstream'>;
  view: NetView;
  /** A pod's resolver over the cluster's DNS (its /etc/resolv.conf). */
  resolveInPod(pod: Pod, name: string): Resolution;
  /** kube-proxy's verdict on the first packet of a connection. */
  route(packet: Packet): Route;
}

/** A TCP connection attempt's outcome. */
export type Connection =
  | { kind: 'refused' }
  /** The SYN is never answered: dropped, or sent where nothing routes it. */
  | { kind: 'timeout' }
  /** The address is on a node's pod bridge, but no pod holds it: ARP fails, the host is unreachable. */
  | { kind: 'unreachable' }
  | { kind: 'open'; tls: boolean; exchange(req: HttpRequest): Exclude<ServerAnswer, { kind: 'refused' }>;
    /** The pod and port that accepted it (a client speaking another protocol than HTTP talks to its server there). */
    at?: { pod: Pod; port: number } };

/** The addresses a name has for the source: the host knows only addresses and localhost. */
export function resolveFrom(deps: NetDeps, source: Source, host: string): Resolution {
  const h = host.replace(/^\[|\]$/g, '');
  if (ipv4ToNumber(h) !== undefined) return { addresses: [h] };
  if (h === 'localhost') return { addresses: ['127.0.0.1'] };
  if (source.kind === 'host') return { error: 'NXDOMAIN' };
  return deps.resolveInPod(source.pod, h);
}

const nodeIP = (n: Node) => n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;

const running = (p: Pod) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';

function open(deps: NetDeps, pods: Pod[], port: number): Connection {
  const ctx: ServerContext = { ...deps.server, upstream: (from, host, p, req) => upstream(deps, from, host, p, req) };
  // Every pod that holds the address gets the chance to accept (one, in practice).
  for (const pod of pods) {
    const server = serverAt(ctx, pod, port);
    if (!server) continue;
    return { kind: 'open', tls: !!server.tls, exchange: (req) => answerAt(ctx, pod, port, req) as Exclude<ServerAnswer, { kind: 'refused' }>, at: { pod, port } };
  }
  return { kind: 'refused' };
}

/** The TCP connection from `source` to ip:port, through the node's kube-proxy rules. */
export function connectTo(deps: NetDeps, source: Source, ip: string, port: number): Connection {
  const { view } = deps;
  if (ip.startsWith('127.')) {
    // Loopback: the pod's own network namespace, or the host itself, where only the ports the
    // cluster's config maps to a node (kind's extraPortMappings) lead into the cluster.
    if (source.kind === 'pod') return open(deps, [source.pod], port);
    const mapped = extraPortMappings(deps).find((m) => m.hostPort === port);
    const node = mapped && view.nodes.find((n) => n.metadata.name === mapped.node);
    const address = node && nodeIP(node);
    return address ? connectTo(deps, source, address, mapped.containerPort) : { kind: 'refused' };
  }
  let node: string | undefined;
  let srcIP: string;
  if (source.kind === 'pod') {
    node = source.pod.spec.nodeName;
    srcIP = source.pod.status?.podIP ?? '';
  } else {
    srcIP = HOST_IP;
    node = view.nodes.find((n) => nodeIP(n) === ip)?.metadata.name;
    if (!node) {
      // Only the nodes are on the host's side; LoadBalancer addresses enter the cluster through one of them.
      const lb = view.services.some((s) => s.status?.loadBalancer?.ingress?.some((i) => i.ip === ip));
      if (!lb) return { kind: 'timeout' };
      node = view.nodes.find((n) => !n.metadata.labels?.['node-role.kubernetes.io/control-plane'])?.metadata.name ?? view.nodes[0]?.metadata.name;
    }
  }
  let dstIP = ip;
  let dstPort = port;
  if (node) {
    const r = deps.route({ node, srcIP, dstIP: ip, dstPort: port, protocol: 'TCP' });
    if (r.kind === 'reject') return { kind: 'refused' };
    if (r.kind === 'drop') return { kind: 'timeout' };
    if (r.kind === 'dnat') {
      dstIP = r.ip;
      dstPort = r.port;
    }
  }
  // A node's own address: a container's hostPort (the CNI portmap plugin's DNAT to the pod), its
  // host-network pods, else the node's kernel refuses.
  const target = view.nodes.find((n) => nodeIP(n) === dstIP);
  if (target) {
    const mapped = hostPortTarget(view.pods, target.metadata.name, dstPort);
    if (mapped) return open(deps, [mapped.pod], mapped.port);
    const host = view.pods.filter((p) => p.spec.hostNetwork && p.spec.nodeName === target.metadata.name && running(p));
    return open(deps, host, dstPort);
  }
  const owners = view.pods.filter((p) => !p.spec.hostNetwork && p.status?.podIP === dstIP && running(p));
  if (owners.length) return open(deps, owners, dstPort);
  // A pod address nobody holds: unreachable on the node that has its range, unrouted elsewhere.
  const onBridge = view.nodes.some((n) => n.spec?.podCIDR && cidrContains(n.spec.podCIDR, dstIP));
  return onBridge && source.kind === 'pod' ? { kind: 'unreachable' } : { kind: 'timeout' };
}

/** Where the store keeps the host ports that docker forwards to a node (kind's extraPortMappings). */
export const EXTRA_PORT_MAPPINGS_META = 'cluster/extraPortMappings';

export interface ExtraPortMapping { node: string; containerPort: number; hostPort: number }

function extraPortMappings(deps: NetDeps): ExtraPortMapping[] {
  const raw = deps.server.store.getMeta(EXTRA_PORT_MAPPINGS_META);
  return raw ? (JSON.parse(raw) as ExtraPortMapping[]) : [];
}

/** The pod and container port a node's hostPort leads to (TCP; hostIP unset or the node's). */
export function hostPortTarget(pods: Pod[], node: string, port: number): { pod: Pod; port: number } | undefined {
  for (const pod of pods) {
    if (pod.spec.nodeName !== node || pod.spec.hostNetwork || !running(pod) || !pod.status?.podIP) continue;
    for (const c of pod.spec.containers) {
      const p = c.ports?.find((cp) => cp.hostPort === port && (cp.protocol ?? 'TCP') === 'TCP');
      if (p) return { pod, port: p.containerPort };
    }
  }
  return undefined;
}

/** A server's own request (a proxy's upstream, an app's database) from its pod. */
function upstream(deps: NetDeps, from: Pod, host: string, port: number, req: HttpRequest): ServerAnswer | { kind: 'unresolved' } | { kind: 'timeout' } {
  const r = resolveFrom(deps, { kind: 'pod', pod: from }, host);
  if ('error' in r) return r.error === 'timeout' ? { kind: 'timeout' } : { kind: 'unresolved' };
  const c = connectTo(deps, { kind: 'pod', pod: from }, r.addresses[0], port);
  if (c.kind === 'open') return c.exchange(req);
  if (c.kind === 'refused') return c;
  return { kind: 'timeout' };
}
