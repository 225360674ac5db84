// A pod whose configMap or secret volume cannot be set up stays ContainerCreating. Expected times
// follow the volume manager: the first set-up attempt when the kubelet takes the pod (t=0 here),
// retries after 500 ms doubling to 2m2s (nestedpendingoperations' exponential back-off), a
// FailedMount Event per failure with the operation generator's words, and SyncPod carrying on at
// its next 300 ms look (podAttachAndMountRetryInterval) once everything is mounted.
import { beforeEach, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { FakeCluster, simplePod } from './harness.js';

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1, ['docker.io/library/nginx:1.27']);
});

/** Attempt times in seconds: 0, 0.5, 1.5, ... 63.5, 127.5, then every 122 s. */
const ATTEMPTS = [0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5, 63.5, 127.5, 249.5, 371.5, 493.5, 615.5, 737.5];

function podWith(volume: Record<string, unknown>) {
  return simplePod('web', 'nginx:1.27', { volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg' }] },
    { volumes: [{ name: 'cfg', ...volume }] });
}

const mountEvents = () => c.eventsFor('web').filter((e) => e.reason === 'FailedMount').map((e) => [e.t, e.type, e.message]);
const configMap = (data: Record<string, string>) => c.api.create('configmaps',
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data } as KubeObject);

test('a missing ConfigMap: FailedMount on every retry, ContainerCreating, and the pod starts at the first retry after it is created', () => {
  c.addPod(podWith({ configMap: { name: 'app' } }));
  c.runTo(700_000);
  const notFound = 'MountVolume.SetUp failed for volume "cfg" : configmap "app" not found';
  expect(mountEvents()).toEqual(ATTEMPTS.filter((s) => s < 700).map((s) => [s * 1000, 'Warning', notFound]));
  const st = c.pod('web').status!;
  expect(st.phase).toBe('Pending');
  expect(st.podIP).toBeUndefined();
  expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
  expect(st.conditions!.find((x) => x.type === 'PodReadyToStartContainers')?.status).toBe('False');
  expect(c.eventsFor('web').filter((e) => e.reason !== 'FailedMount')).toEqual([]);
  configMap({ key: 'v' });
  c.runTo(800_000);
  // The retry at 737.5 s mounts it; SyncPod's look at 737.7 s goes on to the sandbox (0.7 s) and the container.
  expect(mountEvents().length).toBe(13);
  expect(c.eventsFor('web').filter((e) => e.reason !== 'FailedMount').map((e) => [e.t, e.reason])).toEqual(
    [[738_400, 'Pulled'], [738_510, 'Created'], [738_630, 'Started']]);
  expect(c.pod('web').status!.containerStatuses![0].ready).toBe(true);
});

test('a ConfigMap created without an item\'s key changes the failure from the next retry on', () => {
  c.addPod(podWith({ configMap: { name: 'app', items: [{ key: 'k', path: 'k.conf' }] } }));
  c.runTo(300_000);
  configMap({ other: 'v' });
  c.runTo(500_000);
  const notFound = 'MountVolume.SetUp failed for volume "cfg" : configmap "app" not found';
  const noKey = 'MountVolume.SetUp failed for volume "cfg" : configmap references non-existent config key: k';
  expect(mountEvents()).toEqual([
    ...ATTEMPTS.filter((s) => s < 300).map((s) => [s * 1000, 'Warning', notFound]),
    ...[371.5, 493.5].map((s) => [s * 1000, 'Warning', noKey]),
  ]);
  expect(c.pod('web').status!.phase).toBe('Pending');
});

test('secrets: a missing Secret, and a missing key', () => {
  c.addPod(podWith({ secret: { secretName: 'creds' } }));
  c.addPod({ ...podWith({ secret: { secretName: 'keys', items: [{ key: 'tls.key', path: 'k' }] } }), metadata: { name: 'web2' } });
  c.api.create('secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'keys', namespace: 'default' }, data: { 'tls.crt': 'eA==' } } as KubeObject);
  c.runTo(1000);
  expect(mountEvents()).toEqual([[0, 'Warning', 'MountVolume.SetUp failed for volume "cfg" : secret "creds" not found'],
    [500, 'Warning', 'MountVolume.SetUp failed for volume "cfg" : secret "creds" not found']]);
  expect(c.eventsFor('web2').filter((e) => e.reason === 'FailedMount').map((e) => e.message)).toEqual([
    'MountVolume.SetUp failed for volume "cfg" : references non-existent secret key: tls.key',
    'MountVolume.SetUp failed for volume "cfg" : references non-existent secret key: tls.key',
  ]);
});

test('an optional ConfigMap, or a volume no container mounts, does not hold the pod', () => {
  c.addPod(podWith({ configMap: { name: 'app', optional: true } }));
  c.addPod({ ...simplePod('web2', 'nginx:1.27', {}, { volumes: [{ name: 'cfg', configMap: { name: 'app' } }] }) });
  c.runTo(5000);
  expect(mountEvents()).toEqual([]);
  expect(c.eventsFor('web2').filter((e) => e.reason === 'FailedMount')).toEqual([]);
  expect(c.pod('web').status!.containerStatuses![0].state?.running).toBeDefined();
  expect(c.pod('web2').status!.containerStatuses![0].state?.running).toBeDefined();
});

test('deleting a waiting pod ends its repeating FailedMount', () => {
  c.addPod(podWith({ configMap: { name: 'app' } }));
  c.runTo(300_000);
  c.api.delete('pods', 'default', 'web');
  c.runTo(2_000_000);
  expect(mountEvents().map((e) => e[0])).toEqual(ATTEMPTS.filter((s) => s < 300).map((s) => s * 1000));
  expect(c.tryPod('web')).toBeUndefined();
});
