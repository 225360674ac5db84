// metrics-server over the simulated kubelet: which pods and nodes have metrics when, what they
// add up to, and the NotFound answers kubectl shows for a pod without them.
import { beforeEach, describe, expect, test } from 'vitest';
import { parseQuantity, quantityValue } from '../../src/api/quantity.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { setKubeletStopped } from '../../src/sim/running.js';
import { nodeSystemUsage } from '../../src/kubelet/usage.js';
import { getNodeMetrics, getPodMetrics, lastScrape, listNodeMetrics, listPodMetrics, METRIC_RESOLUTION_MS, type MetricsContext } from '../../src/metrics/metrics-server.js';
import type { Store } from '../../src/store/store.js';
import { FakeCluster, simplePod, T0 } from '../kubelet/harness.js';

const Mi = 1024 * 1024;
let c: FakeCluster;
const ctx = (): MetricsContext => ({ api: c.api, store: c.store, now: c.now });
const nanos = (q: string) => Number(parseQuantity(q).mantissa) * 10 ** (parseQuantity(q).exponent + 9);
const bytes = (q: string) => quantityValue(q);

function apiError(fn: () => unknown): { reason?: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return { reason: e.status.reason, message: e.status.message };
    throw e;
  }
  throw new Error('no error');
}

beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1);
});

describe('when metrics appear', () => {
  test('a container needs 10 s of running at a scrape; until then its pod is missing', () => {
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(14_999);
    expect(listPodMetrics(ctx(), { namespace: 'default' })).toEqual([]);
    expect(apiError(() => getPodMetrics(ctx(), 'default', 'redis')))
      .toEqual({ reason: 'NotFound', message: 'podmetrics.metrics.k8s.io "default/redis" not found' });
    c.runTo(15_000);
    const [m] = listPodMetrics(ctx(), { namespace: 'default' });
    expect(m).toMatchObject({
      kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1',
      metadata: { name: 'redis', namespace: 'default' }, timestamp: '2025-01-01T00:00:15Z',
    });
    expect(m.containers.map((x) => x.name)).toEqual(['redis']);
    expect(getPodMetrics(ctx(), 'default', 'redis')).toEqual(m);
  });

  test('reads within one scrape period see the same numbers; the next scrape moves them', () => {
    c.addPod(simplePod('api', 'registry.k8s.io/kube-apiserver:v1.32.2', { command: ['kube-apiserver'] }));
    c.runTo(60_000);
    const first = listPodMetrics(ctx(), {});
    c.runTo(74_999);
    expect(listPodMetrics(ctx(), {})).toEqual(first.map((m) => ({ ...m, metadata: { ...m.metadata, creationTimestamp: '2025-01-01T00:01:14Z' } })));
    c.runTo(75_000);
    expect(listPodMetrics(ctx(), {})[0].containers[0].usage).not.toEqual(first[0].containers[0].usage);
  });

  test('a pod that is OOM-killed at start never has metrics; a stress that fits holds its memory', () => {
    c.addPod(simplePod('oom', 'polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M'], resources: { limits: { memory: '100Mi' } } }));
    c.addPod(simplePod('fits', 'polinux/stress', { command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M'], resources: { limits: { memory: '300Mi', cpu: '500m' } } }));
    c.runTo(120_000);
    const pods = listPodMetrics(ctx(), { namespace: 'default' });
    expect(pods.map((p) => p.metadata.name)).toEqual(['fits']);
    const u = pods[0].containers[0].usage;
    expect(Math.floor(bytes(u.memory) / Mi)).toBe(251);
    expect(Math.ceil(nanos(u.cpu) / 1e6)).toBeLessThanOrEqual(500);
    expect(Math.ceil(nanos(u.cpu) / 1e6)).toBeGreaterThanOrEqual(477);
    expect(apiError(() => getPodMetrics(ctx(), 'default', 'oom')).message).toBe('podmetrics.metrics.k8s.io "default/oom" not found');
    expect(apiError(() => getPodMetrics(ctx(), 'default', 'ghost')).message).toBe('pods "ghost" not found');
  });

  test('a completed container has no metrics, so neither has its pod', () => {
    c.addPod(simplePod('job', 'busybox', { command: ['sh', '-c', 'echo done'] }, { restartPolicy: 'Never' }));
    c.runTo(60_000);
    expect(listPodMetrics(ctx(), {})).toEqual([]);
  });
});

describe('nodes', () => {
  test('a node reads as its pods plus what the system spends, at the last scrape', () => {
    c.addPod(simplePod('redis', 'redis'));
    c.addPod(simplePod('spin', 'busybox', { command: ['sh', '-c', 'while true; do :; done'] }));
    c.runTo(95_000);
    const pods = listPodMetrics(ctx(), {});
    expect(pods.map((p) => p.metadata.name)).toEqual(['redis', 'spin']);
    const sum = (f: (u: { cpu: string; memory: string }) => number) => pods.flatMap((p) => p.containers).reduce((a, x) => a + f(x.usage), 0);
    // Two pod sandboxes: each adds its shim and the kubelet's work for it.
    const system = nodeSystemUsage('kind-worker', lastScrape(c.now), 2);
    const [node] = listNodeMetrics(ctx(), {});
    expect(node.metadata.name).toBe('kind-worker');
    expect(nanos(node.usage.cpu)).toBe(sum((u) => nanos(u.cpu)) + system.cpuNanoCores);
    expect(bytes(node.usage.memory)).toBe(sum((u) => bytes(u.memory)) + system.memoryBytes);
    expect(getNodeMetrics(ctx(), 'kind-worker')).toEqual(node);
  });

  test('a node younger than one scrape period, or whose kubelet is down, has no metrics, nor have its pods', () => {
    c.runTo(METRIC_RESOLUTION_MS - 1);
    expect(listNodeMetrics(ctx(), {})).toEqual([]);
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(60_000);
    expect(listNodeMetrics(ctx(), {}).map((n) => n.metadata.name)).toEqual(['kind-worker']);
    setKubeletStopped(c.store as unknown as Store, 'kind-worker', T0 + 61_000);
    c.now = T0 + 75_000;
    expect(listNodeMetrics(ctx(), {})).toEqual([]);
    expect(listPodMetrics(ctx(), {})).toEqual([]);
    expect(apiError(() => getNodeMetrics(ctx(), 'kind-worker')).message).toBe('nodemetrics.metrics.k8s.io "kind-worker" not found');
    expect(apiError(() => getNodeMetrics(ctx(), 'nowhere')).message).toBe('nodes "nowhere" not found');
  });
});

describe('selectors', () => {
  test('labels select pods; fields only by name and namespace, the metadata metrics-server keeps', () => {
    c.addPod({ ...simplePod('web', 'nginx'), metadata: { name: 'web', labels: { app: 'web' } } });
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(60_000);
    const names = (opts: Parameters<typeof listPodMetrics>[1]) => listPodMetrics(ctx(), opts).map((p) => p.metadata.name);
    expect(names({ labelSelector: 'app=web' })).toEqual(['web']);
    expect(names({ fieldSelector: 'metadata.name=redis' })).toEqual(['redis']);
    expect(names({ fieldSelector: 'spec.nodeName=kind-worker' })).toEqual([]);
  });
});
