// The Service REST storage's allocators (pkg/registry/core/service/storage/alloc.go): a ClusterIP
// from the service CIDR and NodePorts from the node port range for the Services that need them.
// Dynamic picks are random and prefer the upper band of each range, leaving the lower band for
// addresses and ports users ask for (the bitmap allocators' randomScanStrategyWithOffset).
import type { Service } from '../../api/core/service/schema.js';
import type { KubeObject } from '../../api/object.js';
import { FieldPath, goStringSlice, invalid } from '../../api/field-errors.js';
import { ipv4ToNumber } from '../../api/ipv4.js';
import type { AdmissionContext } from './context.js';
import { internalError } from '../errors.js';
import { invalidError } from './index.js';

/** kind's serviceSubnet (the kube-apiserver's --service-cluster-ip-range). */
const SERVICE_CIDR = { base: (10 << 24) | (96 << 16), size: 1 << 16 };
/** The default --service-node-port-range. */
const NODE_PORTS = { base: 30000, size: 2768 };

/** calculateRangeOffset: the size of the lower band kept for static allocation. */
const ipOffset = (size: number) => Math.min(Math.max(16, Math.floor(size / 16)), 256);
const portOffset = (size: number) => Math.min(Math.max(16, Math.floor(size / 32)), 128);

const ipString = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

/** A free member of [0, size) from the upper band [offset, size) first, then the lower one. */
function pick(size: number, offset: number, taken: (i: number) => boolean, ctx: AdmissionContext, first = 0, last = size): number | undefined {
  for (const [lo, hi] of [[Math.max(first, offset), last], [first, Math.min(offset, last)]]) {
    if (hi <= lo) continue;
    const start = ctx.rand.int(hi - lo);
    for (let k = 0; k < hi - lo; k++) {
      const i = lo + ((start + k) % (hi - lo));
      if (!taken(i)) return i;
    }
  }
  return undefined;
}

export function allocateServiceAddresses(op: 'create' | 'update', obj: KubeObject, old: KubeObject | undefined, ctx: AdmissionContext): void {
  const svc = obj as unknown as Service;
  const spec = svc.spec;
  if (!spec || spec.type === 'ExternalName') return;
  const others = (ctx.list?.('services') ?? []).filter((o) =>
    !(o.metadata.name === svc.metadata.name && o.metadata.namespace === (svc.metadata.namespace ?? 'default'))) as unknown as Service[];
  const usedIPs = new Set(others.map((o) => o.spec?.clusterIP).filter((ip): ip is string => !!ip));
  if (op === 'create' && spec.clusterIP && spec.clusterIP !== 'None') {
    // A requested address: in the range, and free (allocateCreate's AllocateService errors).
    const ip = spec.clusterIP;
    const n = ipv4ToNumber(ip);
    const why = n === undefined || n <= SERVICE_CIDR.base || n >= SERVICE_CIDR.base + SERVICE_CIDR.size - 1
      ? `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${ipString(SERVICE_CIDR.base)}/16`
      : usedIPs.has(ip) ? 'provided IP is already allocated' : undefined;
    if (why) {
      throw invalidError('Service', svc.metadata.name,
        [invalid(FieldPath.of('spec', 'clusterIPs'), goStringSlice(spec.clusterIPs ?? [ip]), `failed to allocate IP ${ip}: ${why}`)]);
    }
  }
  if (op === 'create' && !spec.clusterIP) {
    // The network and broadcast addresses are never handed out.
    const i = pick(SERVICE_CIDR.size, ipOffset(SERVICE_CIDR.size), (n) => usedIPs.has(ipString(SERVICE_CIDR.base + n)), ctx, 1, SERVICE_CIDR.size - 1);
    if (i !== undefined) {
      spec.clusterIP = ipString(SERVICE_CIDR.base + i);
      spec.clusterIPs = [spec.clusterIP];
    }
  }
  if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return;
  const oldSvc = old as unknown as Service | undefined;
  if (op === 'update' && oldSvc) keepNodePorts(oldSvc, svc);
  const used = new Set(others.flatMap((o) => (o.spec?.ports ?? []).map((p) => p.nodePort)).filter((p): p is number => !!p));
  const nodePortOp = {
    /** PortAllocator.Allocate: a requested port must be in the range and free. */
    allocate(port: number, index: number): void {
      const why = port < NODE_PORTS.base || port >= NODE_PORTS.base + NODE_PORTS.size
        ? `provided port is not in the valid range. The range of valid ports is ${NODE_PORTS.base}-${NODE_PORTS.base + NODE_PORTS.size - 1}`
        : used.has(port) ? 'provided port is already allocated' : undefined;
      if (why) throw invalidError('Service', svc.metadata.name, [invalid(FieldPath.of('spec', 'ports').index(index).child('nodePort'), port, why)]);
      used.add(port);
    },
    allocateNext(): number {
      const i = pick(NODE_PORTS.size, portOffset(NODE_PORTS.size), (n) => used.has(NODE_PORTS.base + n), ctx);
      if (i === undefined) throw internalError('Internal error occurred: failed to allocate a nodePort: range is full');
      used.add(NODE_PORTS.base + i);
      return NODE_PORTS.base + i;
    },
  };
  if (op === 'create' || !oldSvc) initNodePorts(svc, nodePortOp);
  else updateNodePorts(oldSvc, svc, nodePortOp);
}

interface NodePortOp { allocate(port: number, index: number): void; allocateNext(): number }

/** shouldAllocateNodePorts: a LoadBalancer may opt out with allocateLoadBalancerNodePorts: false. */
const shouldAllocateNodePorts = (svc: Service) =>
  svc.spec?.type === 'NodePort' || (svc.spec?.type === 'LoadBalancer' && svc.spec.allocateLoadBalancerNodePorts !== false);

/**
 * initNodePorts: one node port per service port number — the one asked for on any entry with that
 * number (TCP and UDP on 53 share it), else the next free one.
 */
function initNodePorts(svc: Service, op: NodePortOp): void {
  const ports = svc.spec?.ports ?? [];
  const byPort = new Map<number, number>();
  ports.forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
    const allocated = byPort.get(p.port);
    if (allocated === undefined) {
      const requested = ports.slice(i).find((q) => q.port === p.port && q.nodePort)?.nodePort;
      if (requested) op.allocate(requested, i);
      p.nodePort = requested || op.allocateNext();
      byPort.set(p.port, p.nodePort);
    } else if (p.nodePort !== allocated) {
      if (!p.nodePort) p.nodePort = allocated;
      else op.allocate(p.nodePort, i);
    }
  });
}

/** updateNodePorts: ports the Service held stay its own; new requests are allocated, blanks filled. */
function updateNodePorts(oldSvc: Service, svc: Service, op: NodePortOp): void {
  const held = new Set((oldSvc.spec?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p));
  const allocated = new Set<number>();
  (svc.spec?.ports ?? []).forEach((p, i) => {
    if (!p.nodePort && !shouldAllocateNodePorts(svc)) return;
    if (!p.nodePort) p.nodePort = op.allocateNext();
    else if (!held.has(p.nodePort) && !allocated.has(p.nodePort)) {
      op.allocate(p.nodePort, i);
      allocated.add(p.nodePort);
    }
  });
}

/**
 * patchAllocatedValues: an update that leaves a port's nodePort out keeps the one the port of the
 * same name had, unless another port of the new Service already uses it.
 */
function keepNodePorts(oldSvc: Service, svc: Service): void {
  const oldPorts = oldSvc.spec?.ports ?? [];
  if (!(oldSvc.spec?.type === 'NodePort' || oldSvc.spec?.type === 'LoadBalancer')) return;
  const newUsed = new Set((svc.spec?.ports ?? []).map((p) => p.nodePort).filter((p): p is number => !!p));
  const used = new Set(oldPorts.map((p) => p.nodePort).filter((p): p is number => !!p && newUsed.has(p)));
  const byName = new Map(oldPorts.map((p) => [p.name ?? '', p.nodePort]));
  for (const p of svc.spec?.ports ?? []) {
    if (p.nodePort) continue;
    const kept = byName.get(p.name ?? '');
    if (kept && !used.has(kept)) p.nodePort = kept;
  }
}
