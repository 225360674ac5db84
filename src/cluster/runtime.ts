// One command's view of a cluster: the store, virtual clock, seeded random source and API server.
// Opening is cheap and loads no schema or controller code; settle() wakes the control plane only
// when something is due (a timer, or a change the controllers have not seen).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiServer } from '../apiserver/server.js';
import { nodeAsReported } from '../api/core/node/heartbeat.js';
import { leaseAsRenewed } from '../api/coordination/lease/renewal.js';
import { renewalOf } from '../sim/renewals.js';
import { kubeletStoppedAt } from '../sim/running.js';
import { eventAsRepeated } from '../apiserver/event-series.js';
import { Clock } from '../sim/clock.js';
import { acquire, heldByOther, holderId, release, renewalDue } from '../sim/lease.js';
import { StoreRand, type Rand } from '../sim/rand.js';
import type { Store } from '../store/store.js';
import { statePath } from './home.js';

export interface ClusterInfo {
  name: string;
  nodes: number;
  seed: string;
  controlPlaneNode: string;
}

export class ClusterHandle {
  readonly api: ApiServer;
  private current: number;
  /** Set while this process holds (or wants) the cluster's lease: a long-running watcher. */
  leaseHolder: string | undefined;

  constructor(readonly info: ClusterInfo, readonly store: Store, readonly clock: Clock, readonly rand: Rand) {
    this.current = clock.reached();
    this.api = new ApiServer({
      store, now: () => this.current, rand,
      views: {
        // A stopped kubelet reports nothing more: its Node reads as of the moment it stopped.
        Node: (o, now) => nodeAsReported(o, Math.min(now, kubeletStoppedAt(store, o.metadata.name) ?? now)),
        Lease: (o, now) => leaseAsRenewed(o, now, renewalOf(store, o.metadata.uid)),
        Event: eventAsRepeated,
      },
    });
  }

  /** Virtual now as this command sees it: the clock's target once settled, stepped by catch-up. */
  now(): number {
    return this.current;
  }

  setNow(t: number): void {
    this.current = t;
  }
}

/**
 * Opens a cluster's state file. MK_BUSY_TIMEOUT_MS: how long a command waits for another mk
 * process's write transaction before failing with "database is locked" (default 10 s).
 */
export async function openStoreAt(path: string): Promise<Store> {
  mkdirSync(dirname(path), { recursive: true });
  const { SqliteStore } = await import('../store/sqlite.js');
  const busy = Number(process.env.MK_BUSY_TIMEOUT_MS);
  return new SqliteStore(path, Number.isFinite(busy) && busy > 0 ? { busyTimeoutMs: busy } : {});
}

export function handleFor(store: Store): ClusterHandle {
  const raw = store.getMeta('cluster');
  if (!raw) throw new Error('cluster state is missing its identity');
  const info = JSON.parse(raw) as ClusterInfo;
  const clock = new Clock(store);
  if (process.env.MK_CLOCK === 'manual') clock.freeze();
  return new ClusterHandle(info, store, clock, new StoreRand(store, info.seed));
}

export async function openCluster(name: string): Promise<ClusterHandle> {
  return handleFor(await openStoreAt(statePath(name)));
}

/** Loads what writes need (decoding, defaulting, validation, patching, selectors) into the API server. */
export async function enableWrites(h: ClusterHandle): Promise<void> {
  const { wireApiServer } = await import('./wiring.js');
  wireApiServer(h);
}

/** Loads label/field selector support (reads with -l / --field-selector). */
export async function enableSelectors(h: ClusterHandle): Promise<void> {
  const { wireSelectors } = await import('./wiring.js');
  wireSelectors(h);
}

/**
 * Catches the cluster up to the clock's target: fires due timers and lets controllers react to
 * every unseen change. Cheap when nothing is due. On a realtime cluster whose lease another live
 * process holds, it leaves that to the holder and only moves this command's idea of now.
 */
export async function settle(h: ClusterHandle): Promise<void> {
  const target = Math.max(h.clock.target(), h.clock.reached());
  if (deferring(h)) {
    h.setNow(Math.max(h.now(), target));
    return;
  }
  const holder = h.leaseHolder;
  if (holder !== undefined && renewalDue(h.store, holder)) h.store.transaction(() => acquire(h.store, holder));
  if (!needsWork(h.store, target)) {
    h.setNow(Math.max(h.now(), target));
    return;
  }
  const { runControlPlane } = await import('./control-plane.js');
  runControlPlane(h, target);
}

/** Whether this command leaves catching up to another process holding the lease. */
export function deferring(h: ClusterHandle): boolean {
  return h.clock.mode === 'realtime' && heldByOther(h.store, h.leaseHolder) !== undefined;
}

/**
 * Makes this process the cluster's lease holder for as long as it runs (until releaseLease). Other
 * commands on a realtime cluster then let it do the reconciling. Returns whether the lease was
 * free; if not, this process behaves like any other until the holder goes away.
 */
export function holdLease(h: ClusterHandle): boolean {
  const holder = (h.leaseHolder ??= holderId());
  return h.store.transaction(() => acquire(h.store, holder));
}

export function releaseLease(h: ClusterHandle): void {
  if (h.leaseHolder === undefined) return;
  release(h.store, h.leaseHolder);
  h.leaseHolder = undefined;
}

function needsWork(store: Store, target: number): boolean {
  const cursor = Number(store.getMeta('controllers/cursor') ?? '0');
  if (store.revision() > cursor) return true;
  const next = store.nextTimer();
  return next !== undefined && next.due <= target;
}
