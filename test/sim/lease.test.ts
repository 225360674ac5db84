// Who advances a cluster: one write transaction at a time always, and on a realtime cluster the
// live holder of the lease while there is one. Two handles on one SQLite file stand for two
// processes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { runControlPlane } from '../../src/cluster/control-plane.js';
import { initCluster } from '../../src/cluster/create.js';
import { enableWrites, handleFor, holdLease, releaseLease, settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { acquire, heldByOther, LEASE_KEY, LEASE_TTL_MS, readLease, release, renewalDue, type LeaseEnv } from '../../src/sim/lease.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SqliteStore } from '../../src/store/sqlite.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function env(host = 'here', alive = (_pid: number) => true): LeaseEnv & { now: number } {
  const e = { now: 1_000_000, host, alive, wallNow: () => e.now };
  return e;
}

describe('the lease', () => {
  test('one live holder at a time; it runs out without renewal', () => {
    const store = new MemoryStore();
    const e = env();
    expect(acquire(store, 'a', e)).toBe(true);
    expect(acquire(store, 'b', e)).toBe(false);
    expect(heldByOther(store, 'b', e)?.holder).toBe('a');
    expect(heldByOther(store, 'a', e)).toBeUndefined();
    e.now += LEASE_TTL_MS - 1;
    expect(acquire(store, 'b', e)).toBe(false);
    e.now += 1;
    expect(acquire(store, 'b', e)).toBe(true);
    expect(readLease(store)?.holder).toBe('b');
  });

  test('a holder renews before it runs out, and gives it back', () => {
    const store = new MemoryStore();
    const e = env();
    acquire(store, 'a', e);
    expect(renewalDue(store, 'a', e)).toBe(false);
    e.now += LEASE_TTL_MS / 2;
    expect(renewalDue(store, 'a', e)).toBe(true);
    acquire(store, 'a', e);
    e.now += LEASE_TTL_MS - 1;
    expect(acquire(store, 'b', e)).toBe(false);
    release(store, 'b');
    expect(readLease(store)?.holder).toBe('a');
    release(store, 'a');
    expect(store.getMeta(LEASE_KEY)).toBeUndefined();
  });

  test('a holder that died on this host binds no one; on another host it binds until it runs out', () => {
    const store = new MemoryStore();
    acquire(store, 'a', env('here'));
    expect(heldByOther(store, 'b', env('here', () => false))).toBeUndefined();
    expect(heldByOther(store, 'b', env('elsewhere', () => false))?.holder).toBe('a');
  });
});

describe('catching up beside a lease holder', () => {
  function pod(name: string): KubeObject {
    return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name, image: 'nginx' }] } } as KubeObject;
  }

  async function realtime(): Promise<ClusterHandle> {
    const h = initCluster(new MemoryStore(), 'rt', { clock: 'realtime' });
    await enableWrites(h);
    return h;
  }

  test('on a realtime cluster other commands leave the reconciling to the live holder', async () => {
    const h = await realtime();
    // Another process on this host (this one's pid: alive) holds the lease.
    h.store.transaction(() => acquire(h.store, 'watcher'));
    h.api.create('pods', pod('web'));
    await settle(h);
    expect(h.api.get('pods', 'default', 'web').spec).not.toHaveProperty('nodeName');
    release(h.store, 'watcher');
    await settle(h);
    expect(h.api.get('pods', 'default', 'web').spec).toHaveProperty('nodeName');
  });

  test('the holder itself catches up and renews in the same transaction', async () => {
    const h = await realtime();
    expect(holdLease(h)).toBe(true);
    h.api.create('pods', pod('web'));
    await settle(h);
    expect(h.api.get('pods', 'default', 'web').spec).toHaveProperty('nodeName');
    expect(readLease(h.store)?.holder).toBe(h.leaseHolder);
    releaseLease(h);
    expect(readLease(h.store)).toBeUndefined();
  });

  test('on a manual clock every command still catches up itself: time only moves by commands', async () => {
    const h = initCluster(new MemoryStore(), 'mk', { clock: 'manual' });
    await enableWrites(h);
    h.store.transaction(() => acquire(h.store, 'watcher'));
    h.api.create('pods', pod('web'));
    await settle(h);
    expect(h.api.get('pods', 'default', 'web').spec).toHaveProperty('nodeName');
  });
});

describe('two processes on one store', () => {
  test('a catch-up that waited for another never runs time backwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-lease-'));
    dirs.push(dir);
    const path = join(dir, 'state.db');
    const first = initCluster(new SqliteStore(path), 'mk', { clock: 'manual' });
    // The second process opened the cluster before the first moved its clock and caught up.
    const second = handleFor(new SqliteStore(path));
    const opened = second.now();
    first.store.transaction(() => first.clock.advance(60 * 60 * 1000));
    await settle(first);
    const reached = first.clock.reached();
    expect(reached).toBe(opened + 60 * 60 * 1000);
    // Its catch-up, aimed at the time it saw, starts from where the first one stopped.
    runControlPlane(second, opened);
    expect(second.now()).toBe(reached);
    expect(second.clock.reached()).toBe(reached);
    first.store.close();
    second.store.close();
  });
});
