// The controller contract. Each control loop (replicaset, scheduler, kubelet, namespace, ...) is a
// plain object: handlers map watch events to keys, reconcile(key) does the work through the API.
// Controllers never call each other; they talk only through the store. Time passes only through
// requeueAt on the virtual clock, never setTimeout.
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import type { EventRecorder } from '../apiserver/events.js';
import type { Rand } from '../sim/rand.js';
import type { Store, WatchEvent } from '../store/store.js';
import type { CounterBatch } from '../metrics/cluster-counters.js';

export interface ControllerContext {
  api: Api;
  /** Private state a component keeps outside the API objects (e.g. a kubelet's image cache). */
  store: Store;
  /** Virtual time, ms since the epoch. */
  now(): number;
  rand: Rand;
  recorder: EventRecorder;
  /** Asks for reconcile(key) again at virtual time `due` (replaces nothing: de-duplicated by key+due). */
  requeueAt(due: number, key: string): void;
  /**
   * During a catch-up, the virtual time up to which only this controller's own timers can change
   * anything: work that depends on nothing but time passing (a back-off's repeated syncs) may be
   * settled up to it at once instead of tick by tick. Absent or equal to now() otherwise.
   */
  horizon?(): number;
  /**
   * Adds to the cluster's metrics counters (scheduling attempts), written with the rest of the
   * catch-up's counts; absent, a controller writes its counts at once.
   */
  countMetrics?(fn: (batch: CounterBatch) => void): void;
}

export interface Controller {
  name: string;
  /** Resources whose changes this controller reacts to ('pods', 'nodes', 'replicasets.apps'). */
  watches: string[];
  /** Event handler: the keys to reconcile for one change. Does no work itself. */
  keysFor(ev: WatchEvent): string[];
  reconcile(key: string, ctx: ControllerContext): void;
  /**
   * Set when what this controller's timers do can change nothing any other controller reads (the
   * event TTL only removes Events nobody has touched for an hour): another controller's horizon
   * need not stop short of them.
   */
  isolatedTimers?: boolean;
}

export type { KubeObject };
