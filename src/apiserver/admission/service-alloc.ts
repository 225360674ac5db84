// The Service REST storage's allocators (pkg/registry/core/service/storage/alloc.go): a ClusterIP
// from the service CIDR and NodePorts from the node port range for the Services that need them.
// Dynamic picks are random and prefer the upper band of each range, leaving the lower band for
// addresses and ports users ask for (the bitmap allocators' randomScanStrategyWithOffset).
import type { Service } from '../../api/core/service/schema.js';
import type { KubeObject } from '../../api/object.js';
import { FieldPath, goStringSlice, invalid } from '../../api/field-errors.js';
import type { AdmissionContext } from './context.js';
import { invalidError } from './index.js';

/** kind's serviceSubnet (the kube-apiserver's --service-cluster-ip-range). */
const SERVICE_CIDR = { base: (10 << 24) | (96 << 16), size: 1 << 16 };
/** The default --service-node-port-range. */
const NODE_PORTS = { base: 30000, size: 2768 };

/** calculateRangeOffset: the size of the lower band kept for static allocation. */
const ipOffset = (size: number) => Math.min(Math.max(16, Math.floor(size / 16)), 256);
const portOffset = (size: number) => Math.min(Math.max(16, Math.floor(size / 32)), 128);

const ipString = (n: number) => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');

function ipNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

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
  // An ExternalName Service had no address: turned into another type, it gets one as a new Service does.
  const allocating = op === 'create' || (old as unknown as Service | undefined)?.spec?.type === 'ExternalName';
  if (allocating && spec.clusterIP && spec.clusterIP !== 'None') {
    // A requested address: in the range, and free (allocateCreate's AllocateService errors).
    const ip = spec.clusterIP;
    const n = ipNumber(ip);
    const why = n === undefined || n <= SERVICE_CIDR.base || n >= SERVICE_CIDR.base + SERVICE_CIDR.size - 1
      ? `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${ipString(SERVICE_CIDR.base)}/16`
      : usedIPs.has(ip) ? 'provided IP is already allocated' : undefined;
    if (why) {
      throw invalidError('Service', svc.metadata.name,
        [invalid(FieldPath.of('spec', 'clusterIPs'), goStringSlice(spec.clusterIPs ?? [ip]), `failed to allocate IP ${ip}: ${why}`)]);
    }
  }
  if (allocating && !spec.clusterIP) {
    // The network and broadcast addresses are never handed out.
    const i = pick(SERVICE_CIDR.size, ipOffset(SERVICE_CIDR.size), (n) => usedIPs.has(ipString(SERVICE_CIDR.base + n)), ctx, 1, SERVICE_CIDR.size - 1);
    if (i !== undefined) {
      spec.clusterIP = ipString(SERVICE_CIDR.base + i);
      spec.clusterIPs = [spec.clusterIP];
    }
  }
  if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return;
  const oldPorts = new Map(((old as unknown as Service | undefined)?.spec?.ports ?? []).map((p) => [`${p.port}/${p.protocol ?? 'TCP'}`, p.nodePort]));
  const used = new Set(others.flatMap((o) => (o.spec?.ports ?? []).map((p) => p.nodePort)).filter((p): p is number => !!p));
  for (const p of spec.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  for (const p of spec.ports ?? []) {
    if (p.nodePort) continue;
    // An update keeps the port a Service port already had.
    const kept = oldPorts.get(`${p.port}/${p.protocol ?? 'TCP'}`);
    if (kept) {
      p.nodePort = kept;
      continue;
    }
    const i = pick(NODE_PORTS.size, portOffset(NODE_PORTS.size), (n) => used.has(NODE_PORTS.base + n), ctx);
    if (i === undefined) continue;
    p.nodePort = NODE_PORTS.base + i;
    used.add(p.nodePort);
  }
}
