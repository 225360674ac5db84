// The Kubernetes docs' init containers that wait for Services by name: each `until nslookup`
// loop asks the cluster's DNS every 2 s, so the pod stays Init:0/2 until myservice exists,
// Init:1/2 until mydb does, then runs; the init containers' logs show busybox 1.28's nslookup
// failing on each try, then its answer.
import { expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { printPod } from '../../src/api/core/pod/table.js';
import { enableWrites, settle } from '../../src/cluster/runtime.js';
import { podLogs } from '../../src/kubelet/logs.js';
import { loadPodRuntime } from '../../src/kubelet/state.js';
import { advance, memoryCluster } from './harness.js';

const wait = (svc: string) => `until nslookup ${svc}.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for ${svc}; sleep 2; done`;

const POD = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'myapp-pod', namespace: 'default', labels: { 'app.kubernetes.io/name': 'MyApp' } },
  spec: {
    containers: [{ name: 'myapp-container', image: 'busybox:1.28', command: ['sh', '-c', 'echo The app is running! && sleep 3600'] }],
    initContainers: [
      { name: 'init-myservice', image: 'busybox:1.28', command: ['sh', '-c', wait('myservice')] },
      { name: 'init-mydb', image: 'busybox:1.28', command: ['sh', '-c', wait('mydb')] },
    ],
  },
} as unknown as KubeObject;

const service = (name: string, port: number) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' },
  spec: { ports: [{ protocol: 'TCP', port, targetPort: port + 1000 }] },
}) as unknown as KubeObject;

// busybox 1.28's nslookup: the server with its reverse name, then the failure on stderr or the answer.
const SERVER = 'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n';
const failed = (svc: string) => `${SERVER}nslookup: can't resolve '${svc}.default.svc.cluster.local'\nwaiting for ${svc}\n`;
const found = (svc: string, ip: string) => `${SERVER}Name:      ${svc}.default.svc.cluster.local\nAddress 1: ${ip} ${svc}.default.svc.cluster.local\n`;

test('init containers wait for their Services by DNS name, and go on once each exists', async () => {
  const h = memoryCluster();
  await enableWrites(h);
  h.api.create('pods', POD);
  await settle(h);
  const pod = () => h.api.get('pods', 'default', 'myapp-pod') as unknown as Pod;
  const status = () => String(printPod(pod(), { now: h.now(), wide: false })[0].cells[2]);
  const logs = (c: string) => podLogs(pod(), c, {}, h.now(), h.store);
  const startOf = (c: string) => loadPodRuntime({ store: h.store }, 'default', 'myapp-pod')!.slots[c].cur!.startedAt!;
  const clusterIP = (name: string) => (h.api.get('services', 'default', name).spec as { clusterIP: string }).clusterIP;
  /** Tries of a loop that began at `start` made by `t` (one every 2 s, the first at once). */
  const tries = (start: number, t: number) => Math.floor((t - start) / 2000) + 1;

  // Held for as long as nobody creates the Service: a try every 2 s, each one in the log.
  await advance(h, '1m');
  expect(status()).toBe('Init:0/2');
  const s1 = startOf('init-myservice');
  expect(logs('init-myservice')).toBe(failed('myservice').repeat(tries(s1, h.now())));
  await advance(h, '10m');
  expect(status()).toBe('Init:0/2');
  expect(logs('init-myservice')).toBe(failed('myservice').repeat(tries(s1, h.now())));

  // myservice: the next try finds it, the loop ends, and init-mydb starts waiting in turn.
  h.api.create('services', service('myservice', 80));
  await settle(h);
  const created = h.now();
  const before = tries(s1, created - 1);
  const nextTry = s1 + before * 2000;
  await advance(h, `${nextTry - created - 1}ms`);
  expect(status()).toBe('Init:0/2');
  await advance(h, '2s');
  expect(status()).toBe('Init:1/2');
  const ic = pod().status!.initContainerStatuses!;
  expect(ic[0].state).toEqual({ terminated: expect.objectContaining({ exitCode: 0, reason: 'Completed' }) });
  expect(loadPodRuntime({ store: h.store }, 'default', 'myapp-pod')!.slots['init-myservice'].cur!.exitAt).toBe(nextTry);
  expect(logs('init-myservice')).toBe(failed('myservice').repeat(before) + found('myservice', clusterIP('myservice')));

  await advance(h, '1m');
  expect(status()).toBe('Init:1/2');
  const s2 = startOf('init-mydb');
  expect(logs('init-mydb')).toBe(failed('mydb').repeat(tries(s2, h.now())));

  // mydb: the same, and then the app runs.
  h.api.create('services', service('mydb', 3306));
  await settle(h);
  const dbTries = tries(s2, h.now() - 1);
  await advance(h, '4s');
  expect(status()).toBe('Running');
  expect(logs('init-mydb')).toBe(failed('mydb').repeat(dbTries) + found('mydb', clusterIP('mydb')));
  expect(logs('myapp-container')).toBe('The app is running!\n');
  // Nothing of the pod asks the DNS any more: further Service changes leave it alone.
  expect(h.store.getMeta('kubelet/dns-dependent')).toBeUndefined();
}, 60_000);

test('a process watching a Service go away keeps the answers it had, and ends at its next look', async () => {
  const h = memoryCluster();
  await enableWrites(h);
  h.api.create('services', service('backend', 80));
  h.api.create('pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'watcher', namespace: 'default' },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'watcher', image: 'busybox:1.28', command: ['sh', '-c', 'while nslookup backend; do sleep 2; done; echo backend is gone'] }],
    },
  } as unknown as KubeObject);
  await settle(h);
  const ip = (h.api.get('services', 'default', 'backend').spec as { clusterIP: string }).clusterIP;
  const pod = () => h.api.get('pods', 'default', 'watcher') as unknown as Pod;
  await advance(h, '1m');
  const start = loadPodRuntime({ store: h.store }, 'default', 'watcher')!.slots.watcher.cur!.startedAt!;
  const before = Math.floor((h.now() - start) / 2000) + 1;
  // The short name resolves through the search list: busybox 1.28 prints the name as asked.
  const answer = `${SERVER}Name:      backend\nAddress 1: ${ip} backend.default.svc.cluster.local\n`;
  h.api.delete('services', 'default', 'backend');
  await settle(h);
  await advance(h, '3s');
  expect(pod().status!.phase).toBe('Succeeded');
  expect(podLogs(pod(), 'watcher', {}, h.now(), h.store))
    .toBe(answer.repeat(before) + `${SERVER}nslookup: can't resolve 'backend'\nbackend is gone\n`);
}, 60_000);
