import { describe, expect, it } from 'vitest';
import { MetaAffinityTable } from '../../src/proxy/affinity.js';
import type { Packet } from '../../src/proxy/route.js';
import { routePacket } from '../../src/proxy/route.js';
import { MemoryStore } from '../../src/store/memory.js';
import { NODES, service, slice } from './fixtures.js';

const LB = {
  services: [service('lb', {
    type: 'LoadBalancer', clusterIP: '10.96.50.50', loadBalancerSourceRanges: ['10.1.0.0/16'], externalIPs: ['192.168.1.10'],
    ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31080 }],
  }, 'default', { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } })],
  slices: [slice('lb', [{ name: 'http', port: 8080 }], [{ ip: '10.244.1.5', node: 'kind-worker' }])],
  nodes: NODES,
};
const to = (srcIP: string, dstIP: string, dstPort: number, protocol: Packet['protocol'] = 'TCP'): Packet => ({ node: 'kind-worker', srcIP, dstIP, dstPort, protocol });

describe('routePacket for external addresses', () => {
  it('admits load-balancer traffic from the source ranges and drops the rest in KUBE-PROXY-FIREWALL', () => {
    expect(routePacket(LB, to('10.1.2.3', '172.18.255.200', 80), () => 0)).toMatchObject({ kind: 'dnat', ip: '10.244.1.5', port: 8080 });
    expect(routePacket(LB, to('203.0.113.9', '172.18.255.200', 80), () => 0)).toEqual({ kind: 'drop' });
    // NodePorts are not subject to the source ranges.
    expect(routePacket(LB, to('203.0.113.9', '172.18.0.3', 31080), () => 0)).toMatchObject({ kind: 'dnat', ip: '10.244.1.5' });
  });

  it('routes external IPs, and only for the Service port and protocol', () => {
    expect(routePacket(LB, to('203.0.113.9', '192.168.1.10', 80), () => 0)).toMatchObject({ kind: 'dnat', service: { namespace: 'default', name: 'lb', port: 'http' } });
    expect(routePacket(LB, to('203.0.113.9', '192.168.1.10', 80, 'UDP'), () => 0)).toEqual({ kind: 'pass' });
    expect(routePacket(LB, to('10.244.2.9', '10.96.50.50', 8080), () => 0)).toEqual({ kind: 'pass' });
  });

  it('treats endpoints that are not ready as absent, falling back to serving terminating ones', () => {
    const svc = service('web', { clusterIP: '10.96.1.1', ports: [{ port: 80, protocol: 'TCP' }] });
    const eps = (list: Parameters<typeof slice>[2]) => ({ services: [svc], slices: [slice('web', [{ port: 80 }], list)], nodes: NODES });
    expect(routePacket(eps([{ ip: '10.244.1.1', node: 'kind-worker', ready: false }]), to('10.244.2.2', '10.96.1.1', 80), () => 0)).toEqual({ kind: 'reject' });
    expect(routePacket(eps([{ ip: '10.244.1.1', node: 'kind-worker', ready: false }, { ip: '10.244.1.2', node: 'kind-worker' }]), to('10.244.2.2', '10.96.1.1', 80), () => 0))
      .toMatchObject({ ip: '10.244.1.2' });
    expect(routePacket(eps([{ ip: '10.244.1.1', node: 'kind-worker', ready: false, serving: true, terminating: true }]), to('10.244.2.2', '10.96.1.1', 80), () => 0))
      .toMatchObject({ ip: '10.244.1.1' });
  });

  it('keeps affinity in store metadata per node, so a later command sees it', () => {
    const sticky = {
      services: [service('s', { clusterIP: '10.96.7.7', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, ports: [{ port: 80, protocol: 'TCP' }] })],
      slices: [slice('s', [{ port: 80 }], [{ ip: '10.244.1.7', node: 'kind-worker' }, { ip: '10.244.2.7', node: 'kind-worker2' }])],
      nodes: NODES,
    };
    const store = new MemoryStore();
    const pkt = to('10.244.1.50', '10.96.7.7', 80);
    expect(routePacket(sticky, pkt, () => 0.9, new MetaAffinityTable(store), 0)).toMatchObject({ ip: '10.244.2.7' });
    // A fresh table over the same store: still stuck, three hours less a second later.
    expect(routePacket(sticky, pkt, () => 0, new MetaAffinityTable(store), 10_799_000)).toMatchObject({ ip: '10.244.2.7' });
    // Another node's lists are its own.
    expect(routePacket(sticky, { ...pkt, node: 'kind-worker2' }, () => 0, new MetaAffinityTable(store), 10_799_500)).toMatchObject({ ip: '10.244.1.7' });
    expect(routePacket(sticky, pkt, () => 0, new MetaAffinityTable(store), 10_799_000 + 10_800_000)).toMatchObject({ ip: '10.244.1.7' });
  });
});
