// The Service allocators: a ClusterIP from kind's 10.96.0.0/16 and node ports from 30000-32767,
// random within the upper band, never one another Service holds; an update keeps what a port had.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { allocateServiceAddresses } from '../../src/apiserver/admission/service-alloc.js';
import type { AdmissionContext } from '../../src/apiserver/admission/context.js';
import { SeededRand } from '../../src/sim/rand.js';

const svc = (name: string, spec: Record<string, unknown>) =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec }) as unknown as KubeObject;

/** A random source whose first draw is `first` (then counts up), over the given Services. */
function ctx(first: number, existing: KubeObject[]): AdmissionContext {
  let next = first;
  return {
    now: 0, rand: { ...SeededRand.fromSeed('x'), int: (n: number) => next++ % n } as unknown as AdmissionContext['rand'],
    fieldValidation: 'Strict', warnings: [], list: () => existing,
  };
}

describe('Service address allocation', () => {
  test('a ClusterIP from the upper band, skipping one in use', () => {
    // Upper band: offsets 256 .. 65534 (10.96.1.0 ..); the first draw lands on 10.96.1.0, which is taken.
    const taken = svc('old', { clusterIP: '10.96.1.0', clusterIPs: ['10.96.1.0'] });
    const s = svc('web', { type: 'ClusterIP', ports: [{ port: 80 }] });
    allocateServiceAddresses('create', s, undefined, ctx(0, [taken]));
    expect((s as unknown as { spec: object }).spec).toMatchObject({ clusterIP: '10.96.1.1', clusterIPs: ['10.96.1.1'] });
  });

  test('node ports for each port, distinct from other Services\' and from each other; kept on update', () => {
    const taken = svc('old', { type: 'NodePort', clusterIP: '10.96.9.9', ports: [{ port: 80, nodePort: 30086 }] });
    // A Service with several ports names each one; an update keeps a port's node port by that name.
    const s = svc('np', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ name: 'http', port: 80 }, { name: 'https', port: 443 }] });
    allocateServiceAddresses('create', s, undefined, ctx(0, [taken]));
    const ports = (s as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports.map((p) => p.nodePort);
    expect(ports).toEqual([30087, 30088]);
    const updated = svc('np', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ name: 'https', port: 443 }, { name: 'http', port: 80 }, { name: 'alt', port: 8080 }] });
    allocateServiceAddresses('update', updated, s, ctx(5, [taken]));
    expect((updated as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports.map((p) => p.nodePort)).toEqual([30088, 30087, 30091]);
  });

  test('ExternalName and headless Services get nothing allocated', () => {
    const ext = svc('ext', { type: 'ExternalName', externalName: 'example.com' });
    allocateServiceAddresses('create', ext, undefined, ctx(0, []));
    expect((ext as unknown as { spec: object }).spec).toEqual({ type: 'ExternalName', externalName: 'example.com' });
    const headless = svc('h', { type: 'ClusterIP', clusterIP: 'None', ports: [{ port: 80 }] });
    allocateServiceAddresses('create', headless, undefined, ctx(0, []));
    expect((headless as unknown as { spec: { clusterIP: string } }).spec.clusterIP).toBe('None');
  });

  test('a requested address must be in the range and free, in the allocator\'s words', () => {
    const dns = svc('kube-dns', { clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    const refusal = (ip: string) => {
      try {
        allocateServiceAddresses('create', svc('a', { type: 'ClusterIP', clusterIP: ip, clusterIPs: [ip], ports: [{ port: 80 }] }), undefined, ctx(0, [dns]));
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refusal('10.96.0.10')).toBe('Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated');
    expect(refusal('10.0.0.5')).toBe('Service "a" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/16');
    expect(refusal('10.96.0.50')).toBe('no error');
  });

  const nodePortRefusal = (s: KubeObject, existing: KubeObject[], op: 'create' | 'update' = 'create', old?: KubeObject) => {
    try {
      allocateServiceAddresses(op, s, old, ctx(0, existing));
      return 'no error';
    } catch (e) {
      return (e as Error).message;
    }
  };

  test('a requested node port must be in the range and free, in the port allocator\'s words', () => {
    const taken = svc('old', { type: 'NodePort', clusterIP: '10.96.9.9', ports: [{ port: 80, nodePort: 30080 }] });
    const np = (ports: object[]) => svc('web', { type: 'NodePort', clusterIP: '10.96.5.5', ports });
    expect(nodePortRefusal(np([{ port: 80, nodePort: 30080 }]), [taken]))
      .toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
    expect(nodePortRefusal(np([{ name: 'a', port: 80, nodePort: 30081 }, { name: 'b', port: 81, nodePort: 80 }]), [taken]))
      .toBe('Service "web" is invalid: spec.ports[1].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(nodePortRefusal(np([{ port: 80, nodePort: 32768 }]), []))
      .toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 32768: provided port is not in the valid range. The range of valid ports is 30000-32767');
    expect(nodePortRefusal(np([{ port: 80, nodePort: 30000 }]), [])).toBe('no error');
    expect(nodePortRefusal(np([{ port: 80, nodePort: 32767 }]), [])).toBe('no error');
  });

  test('two entries of one port number share its node port; two port numbers cannot', () => {
    const dns = svc('dns', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [
      { name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP', nodePort: 30053 },
    ] });
    allocateServiceAddresses('create', dns, undefined, ctx(0, []));
    expect((dns as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports.map((p) => p.nodePort)).toEqual([30053, 30053]);
    // (Same protocol would be validation's Duplicate value; across protocols the allocator refuses it.)
    const twice = svc('twice', { type: 'NodePort', clusterIP: '10.96.5.6', ports: [
      { name: 'a', port: 80, protocol: 'TCP', nodePort: 30090 }, { name: 'b', port: 81, protocol: 'UDP', nodePort: 30090 },
    ] });
    expect(nodePortRefusal(twice, [])).toBe('Service "twice" is invalid: spec.ports[1].nodePort: Invalid value: 30090: provided port is already allocated');
  });

  test('an update may keep its own node ports but not take another Service\'s', () => {
    const taken = svc('old', { type: 'NodePort', clusterIP: '10.96.9.9', ports: [{ port: 80, nodePort: 30080 }] });
    const before = svc('web', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ port: 80, nodePort: 30100 }] });
    expect(nodePortRefusal(svc('web', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ port: 80, nodePort: 30100 }] }), [taken], 'update', before)).toBe('no error');
    expect(nodePortRefusal(svc('web', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ port: 80, nodePort: 30080 }] }), [taken], 'update', before))
      .toBe('Service "web" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated');
  });

  test('a LoadBalancer with allocateLoadBalancerNodePorts false gets no node ports unless it asks', () => {
    const lb = svc('lb', { type: 'LoadBalancer', clusterIP: '10.96.5.7', allocateLoadBalancerNodePorts: false, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81, nodePort: 30123 }] });
    allocateServiceAddresses('create', lb, undefined, ctx(0, []));
    expect((lb as unknown as { spec: { ports: { nodePort?: number }[] } }).spec.ports.map((p) => p.nodePort)).toEqual([undefined, 30123]);
  });
});
