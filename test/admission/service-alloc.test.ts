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
    const s = svc('np', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ port: 80 }, { port: 443 }] });
    allocateServiceAddresses('create', s, undefined, ctx(0, [taken]));
    const ports = (s as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports.map((p) => p.nodePort);
    expect(ports).toEqual([30087, 30088]);
    const updated = svc('np', { type: 'NodePort', clusterIP: '10.96.5.5', ports: [{ port: 80 }, { port: 443 }, { port: 8080 }] });
    allocateServiceAddresses('update', updated, s, ctx(5, [taken]));
    expect((updated as unknown as { spec: { ports: { nodePort: number }[] } }).spec.ports.map((p) => p.nodePort)).toEqual([30087, 30088, 30091]);
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
});
