// One command's view of a cluster: the store, virtual clock, seeded random source and API server.
// Opening is cheap and loads no schema or controller code; settle() wakes the control plane only
// when something is due (a timer, or a change the controllers have not seen).
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiServer } from '../apiserver/server.js';
import { Clock } from '../sim/clock.js';
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

  constructor(readonly info: ClusterInfo, readonly store: Store, readonly clock: Clock, readonly rand: Rand) {
    this.current = clock.reached();
    this.api = new ApiServer({ store, now: () => this.current, rand });
  }

  /** Virtual now as this command sees it: the clock's target once settled, stepped by catch-up. */
  now(): number {
    return this.current;
  }

  setNow(t: number): void {
    this.current = t;
  }
}

export async function openStoreAt(path: string): Promise<Store> {
  mkdirSync(dirname(path), { recursive: true });
  const { SqliteStore } = await import('../store/sqlite.js');
  return new SqliteStore(path);
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
 * every unseen change. Cheap when nothing is due.
 */
export async function settle(h: ClusterHandle): Promise<void> {
  const target = Math.max(h.clock.target(), h.clock.reached());
  if (!needsWork(h.store, target)) {
    h.setNow(target);
    return;
  }
  const { runControlPlane } = await import('./control-plane.js');
  runControlPlane(h, target);
}

function needsWork(store: Store, target: number): boolean {
  const cursor = Number(store.getMeta('controllers/cursor') ?? '0');
  if (store.revision() > cursor) return true;
  const next = store.nextTimer();
  return next !== undefined && next.due <= target;
}
