// Events expire an hour after their last write, in the batches etcd leases make: every Event
// written within the same minute goes at once, so a cluster has one removal a minute to make
// while old Events age out, not one per Event.
import { describe, expect, test } from 'vitest';
import { EVENT_TTL_MS, eventExpiry } from '../../src/apiserver/recorder.js';
import { enableWrites } from '../../src/cluster/runtime.js';
import { MANUAL_EPOCH } from '../../src/sim/clock.js';
import { advance, createPod, memoryCluster } from './harness.js';

describe('event expiry', () => {
  test('between one hour and one hour and a minute after the write, shared by the minute', () => {
    const minute = MANUAL_EPOCH + 7 * 60_000;
    for (const t of [minute, minute + 1, minute + 30_000, minute + 59_999]) {
      expect(eventExpiry(t)).toBe(minute + 60_000 + EVENT_TTL_MS);
      expect(eventExpiry(t) - t).toBeGreaterThan(EVENT_TTL_MS);
      expect(eventExpiry(t) - t).toBeLessThanOrEqual(EVENT_TTL_MS + 60_000);
    }
    expect(eventExpiry(minute + 60_000)).toBe(minute + 120_000 + EVENT_TTL_MS);
  });

  test("a pod's Events are removed together, once their hour is over", async () => {
    const h = memoryCluster();
    await enableWrites(h);
    await advance(h, '1h2m'); // the bootstrap's Events are gone
    await createPod(h, 'web', 'nginx:1.27');
    await advance(h, '40s');
    const events = () => h.api.list('events', { namespace: 'default' }).length;
    const written = events();
    expect(written).toBeGreaterThan(3);
    const dues = new Set(h.store.dueTimers(Infinity).filter((t) => t.owner === 'event-ttl').map((t) => t.due));
    expect(dues.size).toBeLessThanOrEqual(2);
    await advance(h, '59m');
    expect(events()).toBe(written);
    await advance(h, '2m');
    expect(events()).toBe(0);
  });
});
