// The endpoints and endpointslice controllers on a manual clock, after
// pkg/controller/endpoint/endpoints_controller_test.go and k8s.io/endpointslice's reconciler
// tests: ready and unready pods, readiness changes, selector changes, named and wrong
// targetPorts, publishNotReadyAddresses, terminating pods and a deleted Service.
import { describe, expect, test } from 'vitest';
import type { Endpoints } from '../../src/api/core/endpoints/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { EndpointSlice } from '../../src/api/discovery/endpointslice/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { formatTime } from '../../src/apiserver/time.js';
import { endpointsController } from '../../src/controllers/endpoints.js';
import { endpointSliceController } from '../../src/controllers/endpointslice.js';
import { Bench, T0 } from './replicaset-harness.js';

const SLICES = 'endpointslices.discovery.k8s.io';
const app = { app: 'web' };

interface PodOpts { name: string; ip?: string; ready?: boolean; labels?: Record<string, string>; ports?: { name?: string; containerPort: number; protocol?: string }[]; node?: string }

function addPod(b: Bench, o: PodOpts): Pod {
  const created = b.api.create<KubeObject>('pods', {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: o.name, namespace: 'default', labels: o.labels ?? app },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'web', image: 'nginx', ...(o.ports ? { ports: o.ports } : {}) }] },
  } as KubeObject);
  return setStatus(b, created as unknown as Pod, o.ip, o.ready ?? true);
}

function setStatus(b: Bench, pod: Pod, ip: string | undefined, ready: boolean): Pod {
  const t = formatTime(b.now);
  return b.api.updateStatus<KubeObject>('pods', {
    ...(pod as unknown as KubeObject),
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: t }],
      ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
    },
  }) as unknown as Pod;
}

function addNode(b: Bench, name: string, labels: Record<string, string> = {}): void {
  b.api.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels } } as KubeObject);
}

/** A bench with the node the pods run on. */
function bench(): Bench {
  const b = new Bench();
  addNode(b, 'node-1');
  return b;
}

/** Each Service name its own address (the allocator refuses one already held). */
const serviceIPs = new Map<string, string>();
const serviceIP = (name: string) => serviceIPs.get(name) ?? serviceIPs.set(name, `10.96.0.${50 + serviceIPs.size}`).get(name)!;

function addService(b: Bench, spec: Record<string, unknown>, name = 'web'): void {
  const ip = serviceIP(name);
  b.api.create('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', labels: { tier: 'front' } },
    spec: { clusterIP: ip, clusterIPs: [ip], selector: app, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], ...spec },
  } as KubeObject);
}

function sync(b: Bench, name = 'web'): { ep?: Endpoints; slices: EndpointSlice[] } {
  endpointsController.reconcile(`default/${name}`, b.ctx('endpoint'));
  endpointSliceController.reconcile(`default/${name}`, b.ctx('endpointslice'));
  const ep = b.api.tryGet<KubeObject>('endpoints', 'default', name) as unknown as Endpoints | undefined;
  const slices = (b.api.list<KubeObject>(SLICES, { namespace: 'default' }) as unknown as EndpointSlice[])
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
  return { ep, slices };
}

const ref = (b: Bench, name: string) => ({ kind: 'Pod', namespace: 'default', name, uid: b.api.get('pods', 'default', name).metadata.uid });

describe('endpoints controller', () => {
  test('ready pods under addresses, unready under notReadyAddresses; a pod turning ready moves over', () => {
    const b = bench();
    addService(b, {});
    addPod(b, { name: 'a', ip: '10.244.1.10', ready: true });
    addPod(b, { name: 'b', ip: '10.244.1.9', ready: false });
    addPod(b, { name: 'pending' }); // no IP yet: left out
    addPod(b, { name: 'other', ip: '10.244.1.3', labels: { app: 'db' } });
    let { ep } = sync(b);
    expect(ep?.metadata.labels).toEqual({ tier: 'front' });
    expect(ep?.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': formatTime(T0) });
    expect(ep?.subsets).toEqual([{
      addresses: [{ ip: '10.244.1.10', nodeName: 'node-1', targetRef: ref(b, 'a') }],
      notReadyAddresses: [{ ip: '10.244.1.9', nodeName: 'node-1', targetRef: ref(b, 'b') }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);

    b.now = T0 + 42_000;
    setStatus(b, b.pod('b')!, '10.244.1.9', true);
    ({ ep } = sync(b));
    // Addresses sort by IP as numbers: .9 before .10.
    expect(ep?.subsets).toEqual([{
      addresses: [{ ip: '10.244.1.9', nodeName: 'node-1', targetRef: ref(b, 'b') }, { ip: '10.244.1.10', nodeName: 'node-1', targetRef: ref(b, 'a') }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    }]);
    // The earliest change the previous sync had not seen: b's Ready transition.
    expect(ep?.metadata.annotations).toEqual({ 'endpoints.kubernetes.io/last-change-trigger-time': formatTime(T0 + 42_000) });
  });

  test('a sync that changes nothing writes nothing', () => {
    const b = bench();
    addService(b, {});
    addPod(b, { name: 'a', ip: '10.244.1.2' });
    sync(b);
    b.settled();
    sync(b);
    expect(b.writes()).toEqual([]);
  });

  test('a selector change moves the endpoints to the newly selected pods', () => {
    const b = bench();
    addService(b, {});
    addPod(b, { name: 'a', ip: '10.244.1.2' });
    addPod(b, { name: 'db', ip: '10.244.2.2', labels: { app: 'db' } });
    sync(b);
    const svc = b.api.get('services', 'default', 'web') as KubeObject & { spec: Record<string, unknown> };
    b.api.update('services', { ...svc, spec: { ...svc.spec, selector: { app: 'db' } } });
    const { ep, slices } = sync(b);
    expect(ep?.subsets?.map((s) => s.addresses?.map((a) => a.ip))).toEqual([['10.244.2.2']]);
    expect(slices).toHaveLength(1);
    expect(slices[0].endpoints?.map((e) => e.targetRef?.name)).toEqual(['db']);
  });

  test('a named targetPort resolves per pod; a pod without that port name is left out of Endpoints, in a port-less slice', () => {
    const b = bench();
    addService(b, { ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'web' }] });
    addPod(b, { name: 'a', ip: '10.244.1.2', ports: [{ name: 'web', containerPort: 8080, protocol: 'TCP' }] });
    addPod(b, { name: 'b', ip: '10.244.1.3', ports: [{ name: 'web', containerPort: 9090, protocol: 'TCP' }] });
    addPod(b, { name: 'c', ip: '10.244.1.4', ports: [{ name: 'metrics', containerPort: 9100, protocol: 'TCP' }] });
    const { ep, slices } = sync(b);
    expect(ep?.subsets).toEqual([
      { addresses: [{ ip: '10.244.1.2', nodeName: 'node-1', targetRef: ref(b, 'a') }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] },
      { addresses: [{ ip: '10.244.1.3', nodeName: 'node-1', targetRef: ref(b, 'b') }], ports: [{ name: 'http', port: 9090, protocol: 'TCP' }] },
    ]);
    // One slice per port mapping; getEndpointPorts finds none for c, which still gets an endpoint.
    expect(slices.map((s) => [s.ports, s.endpoints?.map((e) => e.addresses[0])]).sort((x, y) => String(x[1]).localeCompare(String(y[1])))).toEqual([
      [[{ name: 'http', protocol: 'TCP', port: 8080 }], ['10.244.1.2']],
      [[{ name: 'http', protocol: 'TCP', port: 9090 }], ['10.244.1.3']],
      [undefined, ['10.244.1.4']],
    ]);
  });

  test('a numeric targetPort is used as written, even when no container listens there', () => {
    const b = bench();
    addService(b, { ports: [{ port: 80, protocol: 'TCP', targetPort: 8081 }] });
    addPod(b, { name: 'a', ip: '10.244.1.2', ports: [{ containerPort: 80, protocol: 'TCP' }] });
    const { ep, slices } = sync(b);
    expect(ep?.subsets?.[0].ports).toEqual([{ port: 8081, protocol: 'TCP' }]);
    expect(slices[0].ports).toEqual([{ name: '', protocol: 'TCP', port: 8081 }]);
  });

  test('publishNotReadyAddresses lists unready pods as ready', () => {
    const b = bench();
    addService(b, { publishNotReadyAddresses: true });
    addPod(b, { name: 'a', ip: '10.244.1.2', ready: false });
    const { ep, slices } = sync(b);
    expect(ep?.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
    expect(ep?.subsets?.[0].notReadyAddresses).toBeUndefined();
    expect(slices[0].endpoints?.[0].conditions).toEqual({ ready: true, serving: false, terminating: false });
  });

  test('a terminating pod leaves Endpoints but stays in its slice, not ready', () => {
    const b = bench();
    addService(b, {});
    addPod(b, { name: 'a', ip: '10.244.1.2' });
    addPod(b, { name: 'b', ip: '10.244.1.3' });
    sync(b);
    b.api.delete('pods', 'default', 'b', { gracePeriodSeconds: 30 });
    expect(b.pod('b')?.metadata.deletionTimestamp).toBeTruthy();
    const { ep, slices } = sync(b);
    expect(ep?.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.1.2']);
    expect(ep?.subsets?.[0].notReadyAddresses).toBeUndefined();
    expect(slices[0].endpoints?.map((e) => [e.targetRef?.name, e.conditions])).toEqual([
      ['a', { ready: true, serving: true, terminating: false }],
      ['b', { ready: false, serving: true, terminating: true }],
    ]);
  });

  test('a Service selecting nothing: Endpoints without subsets and a placeholder slice that keeps its name', () => {
    const b = bench();
    addService(b, {});
    let { ep, slices } = sync(b);
    expect(ep?.subsets).toBeUndefined();
    expect(slices).toHaveLength(1);
    expect(slices[0].addressType).toBe('IPv4');
    expect(slices[0].endpoints ?? undefined).toBeUndefined();
    expect(slices[0].ports ?? undefined).toBeUndefined();
    expect(slices[0].metadata.labels).toEqual({
      tier: 'front', 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    expect(slices[0].metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const name = slices[0].metadata.name;
    addPod(b, { name: 'a', ip: '10.244.1.2' });
    ({ ep, slices } = sync(b));
    expect(slices.map((s) => s.metadata.name)).toEqual([name]);
    expect(slices[0].ports).toEqual([{ name: '', protocol: 'TCP', port: 8080 }]);
    expect(slices[0].endpoints).toEqual([{
      addresses: ['10.244.1.2'], conditions: { ready: true, serving: true, terminating: false },
      targetRef: ref(b, 'a'), nodeName: 'node-1',
    }]);
    expect(slices[0].metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Service', name: 'web',
      uid: b.api.get('services', 'default', 'web').metadata.uid, controller: true, blockOwnerDeletion: true }]);
  });

  test('a slice endpoint carries its node\'s zone; a pod on a missing node is left out of the slices only', () => {
    const b = bench();
    addNode(b, 'node-2', { 'topology.kubernetes.io/zone': 'zone-b' });
    addService(b, {});
    addPod(b, { name: 'a', ip: '10.244.2.2', node: 'node-2' });
    addPod(b, { name: 'ghost', ip: '10.244.9.2', node: 'gone' });
    const { ep, slices } = sync(b);
    expect(slices[0].endpoints?.map((e) => [e.targetRef?.name, e.nodeName, e.zone])).toEqual([['a', 'node-2', 'zone-b']]);
    expect(ep?.subsets?.[0].addresses?.map((a) => a.ip)).toEqual(['10.244.2.2', '10.244.9.2']);
  });

  test('a Service without a selector is left alone; a deleted Service takes its Endpoints along', () => {
    const b = bench();
    addService(b, { selector: undefined }, 'manual');
    expect(sync(b, 'manual')).toEqual({ ep: undefined, slices: [] });
    addService(b, {});
    expect(sync(b).ep).toBeDefined();
    b.api.delete('services', 'default', 'web');
    expect(sync(b).ep).toBeUndefined();
  });
});
