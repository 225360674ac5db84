// Drives the control plane in virtual time. Catch-up pops due timers in time order, and after each
// one (and after every write a command makes) runs the controllers until no change is left
// unprocessed — the quiescence a real cluster reaches between two kubectl commands.
import type { KubeObject } from '../api/object.js';
import { ApiError } from '../apiserver/errors.js';
import type { Controller, ControllerContext } from '../controllers/controller.js';
import type { Store, WatchEvent } from '../store/store.js';
import { CounterBatch } from '../metrics/cluster-counters.js';
import { ADDS, RETRIES, WORKQUEUE_NAMES } from '../metrics/controller-manager.js';

export const CURSOR = 'controllers/cursor';
/** A guard against controllers that keep writing in a loop (a bug, but not a hang). */
const MAX_ROUNDS = 10_000;
/** Back-off for a reconcile that threw, as workqueue's default rate limiter (5 ms doubling, capped). */
const ERROR_BACKOFF_MS = 1_000;

export interface LoopDeps {
  store: Store;
  controllers: Controller[];
  /** Builds the context one controller's reconcile sees at virtual time `now`. */
  context(controller: Controller, now: () => number): ControllerContext;
  setNow(t: number): void;
  now(): number;
  onError?(controller: string, key: string, err: unknown): void;
  /** Called when the controllers' cursor fell out of the store's history and they were relisted. */
  onResync?(from: number, to: number): void;
}

export class ControlLoop {
  private readonly byName = new Map<string, Controller>();
  private readonly ctx = new Map<string, ControllerContext>();
  /** Every resource some controller watches: the only changes worth decoding. */
  private readonly watched: string[];
  /** Controllers whose timers no other controller's horizon has to respect. */
  private readonly isolated: string[];
  /** The time the running advanceTo() is heading for; outside one, there is no lookahead. */
  private target: number | undefined;
  /** Metrics counts (workqueue adds and retries, what controllers count) not yet written to the store. */
  readonly counters = new CounterBatch();

  constructor(private readonly deps: LoopDeps) {
    for (const c of deps.controllers) {
      this.byName.set(c.name, c);
      this.ctx.set(c.name, deps.context(c, deps.now));
    }
    this.watched = [...new Set(deps.controllers.flatMap((c) => c.watches))].sort();
    this.isolated = deps.controllers.filter((c) => c.isolatedTimers).map((c) => c.name);
  }

  /** Processes every change not yet seen by the controllers, until nothing new is written. */
  quiesce(): void {
    const { store } = this.deps;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const cursor = Number(store.getMeta(CURSOR) ?? '0');
      const revision = store.revision();
      if (revision <= cursor) {
        this.counters.flush(store);
        return;
      }
      const changes = this.changesSince(cursor, revision);
      const last = changes.length ? changes[changes.length - 1].revision : revision;
      store.setMeta(CURSOR, String(Math.max(revision, last)));
      const work = this.keysFor(changes);
      for (const [name, keys] of work) {
        this.countQueue(ADDS, name, keys.size);
        for (const key of keys) this.reconcile(name, key);
      }
    }
    throw new Error('controllers did not settle');
  }

  /** Marks every change so far as seen (a fresh cluster's bootstrap objects need no reaction). */
  skipPending(): void {
    this.deps.store.setMeta(CURSOR, String(this.deps.store.revision()));
  }

  /**
   * Runs the simulation forward to `target`, firing timers in order. With `until` (a
   * performance.now() deadline) it may stop early, between two instants, and say so (false): the
   * caller commits what is done and lets other processes in before going on.
   */
  advanceTo(target: number, until = Infinity): boolean {
    const { store } = this.deps;
    this.target = target;
    try {
      this.quiesce();
      for (;;) {
        const [next] = store.dueTimers(target, 1);
        if (!next) break;
        if (next.due > this.deps.now() && performance.now() > until) return false;
        store.removeTimer(next.id);
        if (next.due > this.deps.now()) this.deps.setNow(next.due);
        if (this.byName.has(next.owner)) {
          this.countQueue(ADDS, next.owner, 1);
          this.reconcile(next.owner, next.key);
        }
        this.quiesce();
      }
      if (target > this.deps.now()) this.deps.setNow(target);
      return true;
    } finally {
      this.target = undefined;
    }
  }

  /**
   * How far ahead `owner` may settle work that only depends on time: until the end of the running
   * catch-up, or sooner, just before another component's timer fires (the only way anything else
   * can change during a catch-up; timers declared isolated do not count). Outside a catch-up, now.
   */
  horizon(owner: string): number {
    const now = this.deps.now();
    if (this.target === undefined || this.target <= now) return now;
    const other = this.deps.store.nextTimer([owner, ...this.isolated]);
    if (!other || other.due > this.target) return this.target;
    // A timer due now runs after the current reconcile: nothing may be settled past it.
    return other.due <= now ? now : other.due - 1;
  }

  /** Whether anything is waiting: unseen changes or a timer due by `target`. */
  pending(target: number): boolean {
    const { store } = this.deps;
    const cursor = Number(store.getMeta(CURSOR) ?? '0');
    if (store.revision() > cursor) return true;
    const next = store.nextTimer();
    return next !== undefined && next.due <= target;
  }

  /**
   * The watched changes after `cursor`. When the cursor has fallen out of the store's history
   * (compacted away: Gone), the controllers relist like an informer after a 410: every watched
   * object arrives as ADDED, so each key gets reconciled against the current state. Objects deleted
   * in the gap are not seen; controllers find them gone when their timers fire.
   */
  private changesSince(cursor: number, revision: number): WatchEvent[] {
    const { store } = this.deps;
    if (!this.watched.length) return [];
    try {
      return store.changes(cursor, this.watched);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status.code !== 410) throw err;
      this.deps.onResync?.(cursor, revision);
      return this.relist();
    }
  }

  private relist(): WatchEvent[] {
    const { store } = this.deps;
    return store.transaction(() => {
      const out: WatchEvent[] = [];
      for (const resource of this.watched) {
        const { items, revision } = store.list(resource);
        for (const object of items as KubeObject[]) out.push({ type: 'ADDED', revision, resource, object });
      }
      return out;
    });
  }

  private keysFor(changes: WatchEvent[]): Map<string, Set<string>> {
    const work = new Map<string, Set<string>>();
    for (const ev of changes) {
      for (const c of this.deps.controllers) {
        if (!c.watches.includes(ev.resource)) continue;
        const keys = c.keysFor(ev);
        if (!keys.length) continue;
        let set = work.get(c.name);
        if (!set) work.set(c.name, (set = new Set()));
        for (const k of keys) set.add(k);
      }
    }
    return work;
  }

  /** A controller that is one of kube-controller-manager's workqueues counts its adds and retries. */
  private countQueue(family: typeof ADDS | typeof RETRIES, controller: string, n: number): void {
    const queue = WORKQUEUE_NAMES[controller];
    if (queue && n > 0) this.counters.add(family, { name: queue }, n);
  }

  private reconcile(name: string, key: string): void {
    const c = this.byName.get(name)!;
    const ctx = this.ctx.get(name)!;
    try {
      this.deps.store.transaction(() => c.reconcile(key, ctx));
    } catch (err) {
      this.deps.onError?.(name, key, err);
      this.countQueue(RETRIES, name, 1);
      ctx.requeueAt(this.deps.now() + ERROR_BACKOFF_MS, key);
    }
  }
}
