// What a catch-up costs and what it leaves behind. A failing pod's kubelet retries every 10 s;
// while a back-off runs those retries only bump Events, so catch-up settles them up to its
// horizon at once. These tests pin down that the result is what retrying tick by tick gives
// (same Events, counts and times, same pods), and that a day of idling costs what changed in it
// (restarts and pull attempts), not 17,000 retries.
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { enableWrites, type ClusterHandle } from '../../src/cluster/runtime.js';
import { ControlLoop } from '../../src/sim/loop.js';
import { advance, createPod, memoryCluster } from './harness.js';

afterEach(() => {
  vi.restoreAllMocks();
});

async function failingPods(): Promise<ClusterHandle> {
  const h = memoryCluster();
  await enableWrites(h);
  await createPod(h, 'redis-bad', 'redis:5xx');
  await createPod(h, 'crash', 'busybox', { command: ['sh', '-c', 'exit 1'] });
  return h;
}

/** Events and pods of the default namespace, without what only counts writes (resourceVersions). */
function snapshot(h: ClusterHandle): unknown {
  const strip = (o: KubeObject) => {
    const c = structuredClone(o) as KubeObject & { involvedObject?: { resourceVersion?: string } };
    delete c.metadata.resourceVersion;
    if (c.involvedObject) delete c.involvedObject.resourceVersion;
    return c;
  };
  return {
    now: h.now(),
    pods: h.api.list('pods', { namespace: 'default' }).map(strip),
    events: h.api.list('events', { namespace: 'default' }).map(strip),
  };
}

describe('back-off retries settled in bulk', () => {
  test('leave the same Events, counts and pods as retrying every 10 s', async () => {
    const steps = ['10m', '7m13s', '36m', '1h1m7s'];
    const bulk = await failingPods();
    const bulkSnaps: unknown[] = [];
    for (const s of steps) {
      await advance(bulk, s);
      bulkSnaps.push(snapshot(bulk));
    }
    // The reference: no lookahead, so every retry is a timer of its own.
    vi.spyOn(ControlLoop.prototype, 'horizon').mockReturnValue(-Infinity);
    const tick = await failingPods();
    for (const [i, s] of steps.entries()) {
      await advance(tick, s);
      expect(snapshot(tick), `after ${steps.slice(0, i + 1).join(' + ')}`).toEqual(bulkSnaps[i]);
    }
    expect(tick.store.revision()).toBeGreaterThan(bulk.store.revision() * 1.5);
  }, 30_000);

  test('a back-off read between two retries shows every retry so far', async () => {
    const h = await failingPods();
    await advance(h, '10m');
    const backOff = h.api.list('events', { namespace: 'default' }).filter((e) => e.reason === 'BackOff');
    expect(backOff).toHaveLength(2);
    for (const e of backOff) {
      // A retry every 10 s through most of ten minutes of back-off, the last one under 10 s ago.
      expect(e.count).toBeGreaterThan(40);
      expect(h.now() - Date.parse(e.lastTimestamp as string)).toBeLessThan(10_000);
    }
  });
});

describe('a day left idle', () => {
  test('costs the restarts and pull attempts in it, not its 10 s retries', async () => {
    const h = await failingPods();
    await advance(h, '10m');
    const before = h.store.revision();
    await advance(h, '24h');
    const writes = h.store.revision() - before;
    // 288 back-off periods of 5 minutes for each pod, a handful of writes each; retrying every
    // 10 s instead wrote about 24,000 times.
    expect(writes).toBeLessThan(8_000);
    const crash = h.api.get('pods', 'default', 'crash') as unknown as { status: { containerStatuses: { restartCount: number }[] } };
    expect(crash.status.containerStatuses[0].restartCount).toBe(293);
  }, 30_000);
});
