// A readiness probe that fails for good is one Event whose count and last time grow on every tick:
// written once, brought up to date as it is read, so idle time costs no writes.
import { expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { StoreEventRecorder } from '../../src/apiserver/recorder.js';
import { parseTime } from '../../src/apiserver/time.js';
import { enableWrites, settle } from '../../src/cluster/runtime.js';
import { resumeKubelet, stopKubelet } from '../../src/controllers/node-lifecycle.js';
import { advance, createPod, memoryCluster } from './harness.js';

function unhealthy(h: ReturnType<typeof memoryCluster>): KubeObject & { count: number; firstTimestamp: string; lastTimestamp: string } {
  const evs = h.api.list('events', { namespace: 'default' }).filter((e) => e.reason === 'Unhealthy');
  expect(evs.length).toBe(1);
  return evs[0] as never;
}

test('a readiness probe failing every 10 s counts every tick without a write per tick', async () => {
  const h = memoryCluster();
  await enableWrites(h);
  await createPod(h, 'web', 'nginx', { readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } });
  await advance(h, '1m');
  const first = unhealthy(h);
  expect(first.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404');
  expect(first.involvedObject).toMatchObject({ kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' });
  expect(first).not.toHaveProperty('mk:repeat');
  // The probe worker ticks every 10 s from the pod's start; the first run is the sync's just after
  // the container started, and each resync of the pod, a minute after the one before, runs it too.
  const firstAt = parseTime(first.firstTimestamp)!;
  const startTime = parseTime((h.api.get('pods', 'default', 'web').status as { startTime: string }).startTime)!;
  expect(firstAt).toBeLessThan(startTime + 10_000);
  const expected = (now: number) => {
    const times = [firstAt];
    for (let t = startTime + 10_000; t <= now; t += 10_000) times.push(t);
    for (let t = firstAt + 60_000; t <= now; t += 60_000) times.push(t);
    return [times.length, Math.max(...times)];
  };
  const seen = (e: typeof first) => [e.count, parseTime(e.lastTimestamp)];
  expect(seen(first)).toEqual(expected(h.now()));
  expect(seen(first)).toEqual([7, startTime + 60_000]);
  // A minute later: six more ticks and a resync, each reflected as if written.
  await advance(h, '1m');
  const later = unhealthy(h);
  expect(seen(later)).toEqual(expected(h.now()));
  expect(later.count).toBe(first.count + 7);
  expect(later.firstTimestamp).toBe(first.firstTimestamp);
  // A day of it: 8,640 more ticks and 1,440 resyncs, and hardly a write to the store.
  const rev = h.store.revision();
  await advance(h, '24h');
  const day = unhealthy(h);
  expect(seen(day)).toEqual(expected(h.now()));
  expect(day.count).toBe(later.count + 8640 + 1440);
  // (Besides the event TTL removing the start-up Events of the last day.)
  const writes = h.store.changes(rev).filter((c) => !(c.resource === 'events' && c.type === 'DELETED'));
  expect(writes.length).toBeLessThan(10);
  const pod = h.api.get('pods', 'default', 'web') as unknown as { status: { containerStatuses: { ready: boolean }[] } };
  expect(pod.status.containerStatuses[0].ready).toBe(false);
}, 60_000);

test('deleting the pod ends the repetition where it stopped', async () => {
  const h = memoryCluster();
  await enableWrites(h);
  await createPod(h, 'web', 'nginx', { readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 } });
  await advance(h, '2m');
  h.api.delete('pods', 'default', 'web');
  await advance(h, '1s');
  const atDelete = unhealthy(h);
  await advance(h, '10m');
  const after = h.api.list('events', { namespace: 'default' }).find((e) => e.reason === 'Unhealthy') as typeof atDelete;
  expect([after.count, after.lastTimestamp]).toEqual([atDelete.count, atDelete.lastTimestamp]);
}, 60_000);

test("a Deployment whose pods never pass readiness has no available replica", async () => {
  const h = memoryCluster();
  await enableWrites(h);
  const deploy = (name: string, path: string) => h.api.create('deployments.apps', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default' },
    spec: {
      replicas: 2, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx', readinessProbe: { httpGet: { path, port: 80 } } }] } },
    },
  } as KubeObject);
  deploy('bad', '/healthz');
  deploy('good', '/');
  await settle(h);
  await advance(h, '3m');
  const status = (name: string) => h.api.get('deployments.apps', 'default', name).status as Record<string, unknown> & { conditions: { type: string; status: string; reason: string }[] };
  expect(status('bad')).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
  expect(status('bad')).not.toHaveProperty('readyReplicas');
  expect(status('bad').conditions.find((x) => x.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  expect(status('good')).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  expect(status('good').conditions.find((x) => x.type === 'Available')).toMatchObject({ status: 'True', reason: 'MinimumReplicasAvailable' });
}, 60_000);

test('a stopped kubelet stops counting probe failures; started again, its new workers go on', async () => {
  const h = memoryCluster();
  await enableWrites(h);
  await createPod(h, 'web', 'nginx', { readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 } });
  await advance(h, '2m');
  const node = (h.api.get('pods', 'default', 'web').spec as { nodeName: string }).nodeName;
  h.store.transaction(() => stopKubelet(h.store, h.api, node, h.now()));
  await settle(h);
  const atStop = unhealthy(h);
  // (Short of the 5m40s after which its pods would be evicted.)
  await advance(h, '3m');
  expect([unhealthy(h).count, unhealthy(h).lastTimestamp]).toEqual([atStop.count, atStop.lastTimestamp]);
  const resumedAt = h.now();
  h.store.transaction(() => resumeKubelet({ store: h.store, api: h.api, recorder: new StoreEventRecorder(h.store, () => h.now(), h.rand, h.info.controlPlaneNode), node, now: h.now() }));
  await settle(h);
  await advance(h, '1m');
  // Its new worker probes as it starts, then every 10 s from then on; the pod resyncs a minute after its sync.
  const resumed = unhealthy(h);
  expect([resumed.count, parseTime(resumed.lastTimestamp)]).toEqual([atStop.count + 8, resumedAt + 60_000]);
}, 60_000);
