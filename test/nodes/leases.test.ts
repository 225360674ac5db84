// The Leases of a fresh cluster, whole, and how they move: the kubelets' node Leases (pkg/kubelet/
// nodelease: 40 s, renewed every 10 s, owned by their Node), the API server's identity Lease and
// the leader-election Leases (client-go LeaseLock: 15 s, renewed every 2 s), on a manual clock
// through the real control plane.
import { beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { Node } from '../../src/api/core/node/schema.js';
import { formatTime } from '../../src/apiserver/time.js';
import { MANUAL_EPOCH } from '../../src/sim/clock.js';
import { apiServerID } from '../../src/cluster/system-leases.js';
import { resumeKubelet, stopKubelet } from '../../src/controllers/node-lifecycle.js';
import { StoreEventRecorder } from '../../src/apiserver/recorder.js';
import { settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { advance, memoryCluster } from '../sim/harness.js';

const LEASES = 'leases.coordination.k8s.io';
const S = 1000;
/** The boot replay starts two minutes before the manual clock's epoch. */
const T0 = MANUAL_EPOCH - 120 * S;
const at = (s: number) => formatTime(T0 + s * S);
/** A MicroTime at `s` seconds into the boot: whole milliseconds, then the holder's own microseconds. */
const micro = (s: number) => expect.stringMatching(new RegExp(`^${at(s).slice(0, -1)}\\.000\\d{3}Z$`));
const any = expect.any(String);

function leases(h: ClusterHandle): KubeObject[] {
  return h.api.list<KubeObject>(LEASES);
}

const lease = (h: ClusterHandle, ns: string, name: string) => h.api.get<KubeObject>(LEASES, ns, name);
const renewTime = (o: KubeObject) => (o.spec as { renewTime: string }).renewTime;
const nodeUid = (h: ClusterHandle, name: string) => h.api.get<KubeObject>('nodes', undefined, name).metadata.uid;

function nodeLease(h: ClusterHandle, name: string, created: number, renewed: number): unknown {
  return {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: {
      name, namespace: 'kube-node-lease', uid: any, resourceVersion: any, creationTimestamp: at(created),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: nodeUid(h, name) }],
      // The kubelet's create; its renewals are computed as reads, not written.
      managedFields: [{
        manager: 'kubelet', operation: 'Update', apiVersion: 'coordination.k8s.io/v1', time: at(created), fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:ownerReferences': { '.': {}, [`k:{"uid":"${nodeUid(h, name)}"}`]: {} } },
          'f:spec': { 'f:holderIdentity': {}, 'f:leaseDurationSeconds': {}, 'f:renewTime': {} },
        },
      }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: micro(renewed) },
  };
}

function leaderLease(namespace: string, name: string, holder: RegExp, acquired: number, renewed: number): unknown {
  return {
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: { name, namespace, uid: any, resourceVersion: any, creationTimestamp: at(acquired) },
    spec: {
      holderIdentity: expect.stringMatching(holder), leaseDurationSeconds: 15, leaseTransitions: 0,
      acquireTime: micro(acquired), renewTime: micro(renewed),
    },
  };
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

/** Every Lease of the cluster when `now` is `s` seconds into it, given the kubelets still run. */
function expected(h: ClusterHandle, s: number): unknown[] {
  const every = (period: number, from: number) => from + Math.floor((s - from) / period) * period;
  const id = apiServerID('mk-control-plane');
  return [
    nodeLease(h, 'mk-control-plane', 20, every(10, 20)),
    nodeLease(h, 'mk-worker', 45, every(10, 45)),
    nodeLease(h, 'mk-worker2', 50, every(10, 50)),
    {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: {
        name: id, namespace: 'kube-system', uid: any, resourceVersion: any, creationTimestamp: at(10),
        labels: { 'apiserver.kubernetes.io/identity': 'kube-apiserver', 'kubernetes.io/hostname': 'mk-control-plane' },
      },
      spec: { holderIdentity: expect.stringMatching(new RegExp(`^${id}_${UUID}$`)), leaseDurationSeconds: 3600, renewTime: micro(every(10, 10)) },
    },
    leaderLease('kube-system', 'kube-controller-manager', new RegExp(`^mk-control-plane_${UUID}$`), 15, every(2, 15)),
    leaderLease('kube-system', 'kube-scheduler', new RegExp(`^mk-control-plane_${UUID}$`), 15, every(2, 15)),
    leaderLease('local-path-storage', 'rancher.io-local-path', new RegExp(`^local-path-provisioner-[a-z0-9]+-[a-z0-9]{5}_${UUID}$`), 28, every(2, 28)),
  ];
}

describe('the Leases of a fresh cluster', () => {
  let h: ClusterHandle;
  beforeEach(() => {
    h = memoryCluster();
  });

  test('at boot: one per node, the API server identity, and three leaders', () => {
    expect(leases(h)).toEqual(expected(h, 120));
  });

  test('as time goes by each holder renews at its own period, without writing', async () => {
    const revision = h.store.revision();
    await advance(h, '37s');
    expect(leases(h)).toEqual(expected(h, 157));
    await advance(h, '1h3s');
    expect(leases(h)).toEqual(expected(h, 157 + 3603));
    expect(leases(h).map((o) => o.metadata.resourceVersion)).toEqual(
      h.store.list(LEASES, {}).items.map((o) => o.metadata.resourceVersion));
    expect(h.store.list(LEASES, {}).items.every((o) => Number(o.metadata.resourceVersion) <= revision)).toBe(true);
  });

  test('the leader-election Events name the Leases as created', () => {
    const events = h.api.list<KubeObject>('events', {}).filter((e) => e.reason === 'LeaderElection');
    expect(events.map((e) => [e.involvedObject, e.message])).toEqual(
      [['kube-system', 'kube-controller-manager'], ['kube-system', 'kube-scheduler'], ['local-path-storage', 'rancher.io-local-path']]
        .map(([ns, name]) => {
          const l = lease(h, ns, name);
          return [{
            apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', name, namespace: ns,
            uid: l.metadata.uid, resourceVersion: l.metadata.resourceVersion,
          }, `${(l.spec as { holderIdentity: string }).holderIdentity} became leader`];
        }));
  });
});

describe('a node Lease when its kubelet stops', () => {
  let h: ClusterHandle;
  const ready = () => (h.api.get<KubeObject>('nodes', undefined, 'mk-worker') as unknown as Node)
    .status?.conditions?.find((c) => c.type === 'Ready')?.status;
  beforeEach(async () => {
    h = memoryCluster();
    await advance(h, '37s');
  });

  test('stays at its last renewal; the node goes Unknown 40 s after it; a restart renews at once', async () => {
    // Renewed 45 s into the boot and every 10 s since: last at 155 s; the kubelet stops at 157 s.
    stopKubelet(h.store, h.api, 'mk-worker', h.now());
    await settle(h);
    const frozen = renewTime(lease(h, 'kube-node-lease', 'mk-worker'));
    expect(frozen).toEqual(micro(155));
    await advance(h, '37999ms');
    expect(renewTime(lease(h, 'kube-node-lease', 'mk-worker'))).toBe(frozen);
    expect(renewTime(lease(h, 'kube-node-lease', 'mk-worker2'))).toEqual(micro(190));
    expect(ready()).toBe('True');
    await advance(h, '1ms');
    expect(ready()).toBe('Unknown');
    const heartbeat = h.api.list<KubeObject>('events', {}).find((e) => e.reason === 'NodeNotReady');
    expect(heartbeat?.lastTimestamp).toBe(at(195));

    await advance(h, '5m');
    expect(renewTime(lease(h, 'kube-node-lease', 'mk-worker'))).toBe(frozen);
    const recorder = new StoreEventRecorder(h.store, () => h.now(), h.rand, 'mk-control-plane');
    h.store.transaction(() => resumeKubelet({ store: h.store, api: h.api, recorder, node: 'mk-worker', now: h.now() }));
    await settle(h);
    expect(lease(h, 'kube-node-lease', 'mk-worker')).toEqual(nodeLease(h, 'mk-worker', 45, 495));
    await advance(h, '25s');
    expect(lease(h, 'kube-node-lease', 'mk-worker')).toEqual(nodeLease(h, 'mk-worker', 45, 515));
    expect(ready()).toBe('True');
  });

  test('a running kubelet keeps its node Ready however long it runs', async () => {
    await advance(h, '2h');
    expect(ready()).toBe('True');
    expect(lease(h, 'kube-node-lease', 'mk-worker')).toEqual(nodeLease(h, 'mk-worker', 45, 45 + Math.floor((157 + 7200 - 45) / 10) * 10));
  });

  test('goes with its Node (the garbage collector follows the owner reference)', async () => {
    h.api.delete('nodes', undefined, 'mk-worker2');
    await settle(h);
    expect(leases(h).filter((o) => o.metadata.namespace === 'kube-node-lease').map((o) => o.metadata.name))
      .toEqual(['mk-control-plane', 'mk-worker']);
  });
});

describe('Leases written by users', () => {
  const create = (h: ClusterHandle, spec: Record<string, unknown>) =>
    h.api.create<KubeObject>(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'mine', namespace: 'default' }, spec });

  test('are not renewed by anyone; an empty spec reads back as {}', async () => {
    const h = memoryCluster();
    const created = create(h, { holderIdentity: 'me', leaseDurationSeconds: 30, renewTime: '2024-12-31T23:59:00.123456Z' });
    await advance(h, '10m');
    expect(lease(h, 'default', 'mine').spec).toEqual(created.spec);
    expect(h.api.create<KubeObject>(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'bare', namespace: 'default' } }).spec).toEqual({});
  });

  test('lose the coordinated leader election fields (feature gate off in 1.32)', () => {
    const h = memoryCluster();
    expect(create(h, { holderIdentity: 'me', strategy: 'OldestEmulationVersion', preferredHolder: 'you' }).spec).toEqual({ holderIdentity: 'me' });
  });

  test.each([
    [{ leaseDurationSeconds: 0 }, 'Lease.coordination.k8s.io "mine" is invalid: spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0'],
    [{ leaseTransitions: -1 }, 'Lease.coordination.k8s.io "mine" is invalid: spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0'],
    [{ leaseDurationSeconds: -5, leaseTransitions: -1 }, 'Lease.coordination.k8s.io "mine" is invalid: [spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]'],
  ])('are validated: %j', (spec, message) => {
    const h = memoryCluster();
    expect(() => create(h, spec)).toThrow(message);
  });
});

test('the identity Lease name: sha256 over the length-prefixed hostname and "kube-apiserver", base32', () => {
  // Computed independently (Python hashlib/base64) from genericapiserver.NewConfig's recipe.
  expect(apiServerID('kind-control-plane')).toBe('apiserver-c7uylvfxlbqccnk6myfkwetzze');
  expect(apiServerID('mk-control-plane')).toBe('apiserver-z4u5lek4smc3htn3uwpk72nhta');
});

test('a stopped kubelet reports nothing more: its Node keeps the heartbeat of its last report', async () => {
  const h = memoryCluster();
  const heartbeats = () => (h.api.get<KubeObject>('nodes', undefined, 'mk-worker') as unknown as Node)
    .status?.conditions?.map((c) => c.lastHeartbeatTime);
  // The worker turned Ready 53 s into the boot and re-reports its unchanged status every 5 minutes.
  await advance(h, '3m');
  expect(heartbeats()).toEqual(Array(4).fill(at(53)));
  await advance(h, '40s');
  stopKubelet(h.store, h.api, 'mk-worker', h.now());
  await advance(h, '20s');
  // 360 s in: the kubelet would have reported again at 353 s had it run; the grace period (from
  // its last Lease renewal at 335 s) has not run out, so the node is still as it last reported.
  expect(heartbeats()).toEqual(Array(4).fill(at(53)));
  await advance(h, '1h');
  expect(heartbeats()).toEqual(Array(4).fill(at(53)));
});

describe('a node Lease someone deletes', () => {
  test("comes back at the kubelet's next sync, owned by its Node; not while the kubelet is stopped", async () => {
    const h = memoryCluster();
    await advance(h, '37s');
    // mk-worker's lease was last renewed 155 s in; deleted at 157 s, its kubelet syncs at 165 s.
    h.api.delete(LEASES, 'kube-node-lease', 'mk-worker');
    await advance(h, '7999ms');
    expect(h.api.tryGet(LEASES, 'kube-node-lease', 'mk-worker')).toBeUndefined();
    await advance(h, '1ms');
    expect(lease(h, 'kube-node-lease', 'mk-worker')).toEqual(nodeLease(h, 'mk-worker', 165, 165));
    await advance(h, '20s');
    expect(lease(h, 'kube-node-lease', 'mk-worker')).toEqual(nodeLease(h, 'mk-worker', 165, 185));

    stopKubelet(h.store, h.api, 'mk-worker', h.now());
    h.api.delete(LEASES, 'kube-node-lease', 'mk-worker');
    await advance(h, '1m');
    expect(h.api.tryGet(LEASES, 'kube-node-lease', 'mk-worker')).toBeUndefined();
    const recorder = new StoreEventRecorder(h.store, () => h.now(), h.rand, 'mk-control-plane');
    h.store.transaction(() => resumeKubelet({ store: h.store, api: h.api, recorder, node: 'mk-worker', now: h.now() }));
    await settle(h);
    expect(lease(h, 'kube-node-lease', 'mk-worker')).toEqual(nodeLease(h, 'mk-worker', 245, 245));
  });
});
