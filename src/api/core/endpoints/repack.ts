// RepackSubsets and SortSubsets (pkg/api/v1/endpoints/util.go): addresses grouped by the exact
// set of ports they offer, each address ready or not per port, everything in a canonical order.
import { createHash } from 'node:crypto';
import type { EndpointAddress, EndpointPort, EndpointSubset } from './schema.js';

/** hashObject(EndpointPort): md5 of go-spew's `%#v` rendering, which is what upstream sorts by. */
function portHash(p: EndpointPort): string {
  const app = p.appProtocol === undefined ? '(*string)<nil>' : `(*string)${p.appProtocol}`;
  const text = `(v1.EndpointPort){Name:(string)${p.name ?? ''} Port:(int32)${p.port} Protocol:(v1.Protocol)${p.protocol ?? ''} AppProtocol:${app}}`;
  return createHash('md5').update(text).digest('hex');
}

/** The 16-byte form net.ParseIP gives, for bytes.Compare. */
function ipBytes(ip: string): number[] {
  if (!ip.includes(':')) return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...ip.split('.').map(Number)];
  const [head, tail = ''] = ip.split('::');
  const parts = (s: string) => (s ? s.split(':').map((h) => parseInt(h, 16)) : []);
  const h = parts(head);
  const t = parts(tail);
  const words = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill(0), ...t] : h;
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

/** LessEndpointAddress: by IP bytes, then by the target's UID. */
function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const x = ipBytes(a.ip);
  const y = ipBytes(b.ip);
  for (let i = 0; i < 16; i++) if (x[i] !== y[i]) return x[i] - y[i];
  const ua = a.targetRef?.uid;
  const ub = b.targetRef?.uid;
  if (ua !== undefined && ub !== undefined) return ua < ub ? -1 : ua > ub ? 1 : 0;
  return 0;
}

const addressKey = (a: EndpointAddress) => `${a.ip}\n${a.targetRef?.uid ?? ''}`;
const portKey = (p: EndpointPort) => JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? null]);

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPort>();
  // port key → address key → ready
  const byPort = new Map<string, Map<string, boolean>>();
  const sentinel: EndpointPort = { port: -1 };
  const add = (addr: EndpointAddress, port: EndpointPort, ready: boolean) => {
    const ak = addressKey(addr);
    if (!allAddrs.has(ak)) allAddrs.set(ak, structuredClone(addr));
    const pk = portKey(port);
    ports.set(pk, port);
    let set = byPort.get(pk);
    if (!set) byPort.set(pk, set = new Map());
    if (set.get(ak) !== true) set.set(ak, ready);
  };
  for (const ss of subsets) {
    for (const port of ss.ports?.length ? ss.ports : [sentinel]) {
      for (const a of ss.addresses ?? []) if (a.ip) add(a, port, true);
      for (const a of ss.notReadyAddresses ?? []) if (a.ip) add(a, port, false);
    }
  }
  // Ports that share exactly the same addresses (and readiness) form one subset.
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [pk, addrs] of byPort) {
    const key = JSON.stringify([...addrs.entries()].sort());
    let g = groups.get(key);
    if (!g) groups.set(key, g = { addrs, ports: [] });
    const port = ports.get(pk)!;
    if (port.port > 0) g.ports.push(port);
  }
  const final: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [ak, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(ak)!);
    final.push({
      ...(ready.length ? { addresses: ready.sort(compareAddresses) } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady.sort(compareAddresses) } : {}),
      ...(g.ports.length ? { ports: g.ports.map((p) => [portHash(p), p] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, p]) => p) } : {}),
    });
  }
  // Upstream orders subsets by a hash of each; the first address is a stable stand-in.
  return final.sort((a, b) => compareAddresses((a.addresses ?? a.notReadyAddresses ?? [{ ip: '0.0.0.0' }])[0],
    (b.addresses ?? b.notReadyAddresses ?? [{ ip: '0.0.0.0' }])[0]));
}
