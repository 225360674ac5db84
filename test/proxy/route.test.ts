import { describe, expect, it } from 'vitest';
import { MemoryAffinityTable } from '../../src/proxy/affinity.js';
import type { Packet, ProxyInputs } from '../../src/proxy/route.js';
import { routePacket } from '../../src/proxy/route.js';
import { SeededRand } from '../../src/sim/rand.js';
import { NODES, service, slice } from './fixtures.js';

const web = (extra: Parameters<typeof service>[1] = {}) => service('web', {
  clusterIP: '10.96.100.10', type: 'NodePort', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 30080 }], ...extra,
});
const THREE = slice('web', [{ port: 8080 }], [
  { ip: '10.244.1.2', node: 'kind-worker' }, { ip: '10.244.1.3', node: 'kind-worker' }, { ip: '10.244.2.2', node: 'kind-worker2' },
]);
const inputs = (svc = web(), slices = [THREE]): ProxyInputs => ({ services: [svc], slices, nodes: NODES });
const fromPod = (dstIP = '10.96.100.10', dstPort = 80): Packet => ({ node: 'kind-worker', srcIP: '10.244.1.9', dstIP, dstPort, protocol: 'TCP' });

describe('routePacket', () => {
  it('spreads ClusterIP connections evenly over three endpoints by the rule probabilities', () => {
    const rand = SeededRand.fromSeed('proxy-test');
    const ins = inputs();
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const r = routePacket(ins, fromPod(), () => rand.next());
      if (r.kind !== 'dnat') throw new Error(r.kind);
      counts[`${r.ip}:${r.port}`] = (counts[`${r.ip}:${r.port}`] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['10.244.1.2:8080', '10.244.1.3:8080', '10.244.2.2:8080']);
    for (const n of Object.values(counts)) expect(Math.abs(n - 1000)).toBeLessThan(100);
  });

  it('picks the endpoint the random draw selects: below 1/3 the first, then half of the rest, then the last', () => {
    const ins = inputs();
    const pick = (...draws: number[]) => {
      const r = routePacket(ins, fromPod(), () => draws.shift() ?? 0.99);
      return r.kind === 'dnat' ? r.ip : r.kind;
    };
    expect(pick(0.1)).toBe('10.244.1.2');
    expect(pick(0.5, 0.2)).toBe('10.244.1.3');
    expect(pick(0.5, 0.7)).toBe('10.244.2.2');
  });

  it('names the service port it DNATs for, and passes traffic to no service', () => {
    expect(routePacket(inputs(), fromPod(), () => 0)).toEqual({ kind: 'dnat', ip: '10.244.1.2', port: 8080, service: { namespace: 'default', name: 'web', port: '' } });
    expect(routePacket(inputs(), fromPod('10.244.2.2', 8080), () => 0)).toEqual({ kind: 'pass' });
    expect(routePacket(inputs(), fromPod('10.96.100.10', 81), () => 0)).toEqual({ kind: 'pass' });
  });

  it('routes a NodePort on any node address, not on other addresses', () => {
    const ext = (node: string, dstIP: string): Packet => ({ node, srcIP: '172.18.0.1', dstIP, dstPort: 30080, protocol: 'TCP' });
    expect(routePacket(inputs(), ext('kind-worker2', '172.18.0.4'), () => 0).kind).toBe('dnat');
    expect(routePacket(inputs(), ext('kind-control-plane', '172.18.0.2'), () => 0).kind).toBe('dnat');
    expect(routePacket(inputs(), ext('kind-worker', '172.18.0.9'), () => 0).kind).toBe('pass');
    // From the node itself, on localhost too (route_localnet).
    expect(routePacket(inputs(), { node: 'kind-worker', srcIP: '127.0.0.1', dstIP: '127.0.0.1', dstPort: 30080, protocol: 'TCP' }, () => 0).kind).toBe('dnat');
    expect(routePacket(inputs(), { node: 'kind-worker', srcIP: '172.18.0.3', dstIP: '172.18.0.3', dstPort: 30080, protocol: 'TCP' }, () => 0).kind).toBe('dnat');
  });

  it('rejects a service port without endpoints, on its ClusterIP and its NodePort', () => {
    const none = inputs(web(), []);
    expect(routePacket(none, fromPod(), () => 0)).toEqual({ kind: 'reject' });
    expect(routePacket(none, { node: 'kind-worker', srcIP: '172.18.0.1', dstIP: '172.18.0.3', dstPort: 30080, protocol: 'TCP' }, () => 0)).toEqual({ kind: 'reject' });
  });

  it('keeps a client on its endpoint with sessionAffinity ClientIP until the timeout passes', () => {
    const ins = inputs(web({ sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 60 } } }));
    const table = new MemoryAffinityTable();
    const first = routePacket(ins, fromPod(), () => 0.9, table, 1000);
    expect(first).toMatchObject({ kind: 'dnat', ip: '10.244.2.2' });
    // Random draws that would pick another endpoint do not matter while the entry is fresh.
    expect(routePacket(ins, fromPod(), () => 0, table, 50_000)).toMatchObject({ ip: '10.244.2.2' });
    // Each connection refreshes the entry; 60 s after the last one it has expired.
    expect(routePacket(ins, fromPod(), () => 0, table, 109_000)).toMatchObject({ ip: '10.244.2.2' });
    expect(routePacket(ins, fromPod(), () => 0, table, 169_000)).toMatchObject({ ip: '10.244.1.2' });
    // Another client is not bound by the first one's entry.
    expect(routePacket(ins, { ...fromPod(), srcIP: '10.244.2.7' }, () => 0, table, 169_500)).toMatchObject({ ip: '10.244.1.2' });
  });

  it('sends externalTrafficPolicy Local NodePort traffic only to the node\'s own endpoints, and drops it on a node without any', () => {
    const ins = inputs(web({ externalTrafficPolicy: 'Local' }));
    const ext = (node: string, dstIP: string): Packet => ({ node, srcIP: '172.18.0.1', dstIP, dstPort: 30080, protocol: 'TCP' });
    const rand = SeededRand.fromSeed('local');
    for (let i = 0; i < 20; i++) {
      const r = routePacket(ins, ext('kind-worker2', '172.18.0.4'), () => rand.next());
      expect(r).toMatchObject({ kind: 'dnat', ip: '10.244.2.2' });
    }
    expect(routePacket(ins, ext('kind-control-plane', '172.18.0.2'), () => 0)).toEqual({ kind: 'drop' });
    // Pods reach the NodePort through the Cluster chain, even on a node without local endpoints.
    expect(routePacket(ins, { ...fromPod('172.18.0.2', 30080), node: 'kind-control-plane', srcIP: '10.244.0.5' }, () => 0)).toMatchObject({ kind: 'dnat', ip: '10.244.1.2' });
    // ClusterIP traffic ignores the external policy.
    expect(routePacket(ins, { ...fromPod(), node: 'kind-control-plane', srcIP: '10.244.0.5' }, () => 0.99)).toMatchObject({ ip: '10.244.2.2' });
  });

  it('internalTrafficPolicy Local keeps ClusterIP traffic on the node and drops it where there is no endpoint', () => {
    const ins = inputs(web({ type: 'ClusterIP', ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], internalTrafficPolicy: 'Local' }));
    expect(routePacket(ins, { ...fromPod(), node: 'kind-worker2', srcIP: '10.244.2.9' }, () => 0)).toMatchObject({ ip: '10.244.2.2' });
    expect(routePacket(ins, { ...fromPod(), node: 'kind-control-plane', srcIP: '10.244.0.9' }, () => 0)).toEqual({ kind: 'drop' });
  });
});
