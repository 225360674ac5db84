// Drives the control plane in virtual time. Catch-up pops due timers in time order, and after each
// one (and after every write a command makes) runs the controllers until no change is left
// unprocessed — the quiescence a real cluster reaches between two kubectl commands.
import type { Controller, ControllerContext } from '../controllers/controller.js';
import type { Store, WatchEvent } from '../store/store.js';

const CURSOR = 'controllers/cursor';
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
}

export class ControlLoop {
  private readonly byName = new Map<string, Controller>();
  private readonly ctx = new Map<string, ControllerContext>();
  constructor(private readonly deps: LoopDeps) {
    for (const c of deps.controllers) {
      this.byName.set(c.name, c);
      this.ctx.set(c.name, deps.context(c, deps.now));
    }
  }

  /** Processes every change not yet seen by the controllers, until nothing new is written. */
  quiesce(): void {
    const { store } = this.deps;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const cursor = Number(store.getMeta(CURSOR) ?? '0');
      if (store.revision() <= cursor) return;
      const changes = store.changes(cursor);
      store.setMeta(CURSOR, String(changes.length ? changes[changes.length - 1].revision : store.revision()));
      const work = this.keysFor(changes);
      for (const [name, keys] of work) {
        for (const key of keys) this.reconcile(name, key);
      }
    }
    throw new Error('controllers did not settle');
  }

  /** Marks every change so far as seen (a fresh cluster's bootstrap objects need no reaction). */
  skipPending(): void {
    this.deps.store.setMeta(CURSOR, String(this.deps.store.revision()));
  }

  /** Runs the simulation forward to `target`, firing timers in order. */
  advanceTo(target: number): void {
    const { store } = this.deps;
    this.quiesce();
    for (;;) {
      const [next] = store.dueTimers(target, 1);
      if (!next) break;
      store.removeTimer(next.id);
      if (next.due > this.deps.now()) this.deps.setNow(next.due);
      if (this.byName.has(next.owner)) this.reconcile(next.owner, next.key);
      this.quiesce();
    }
    if (target > this.deps.now()) this.deps.setNow(target);
  }

  /** Whether anything is waiting: unseen changes or a timer due by `target`. */
  pending(target: number): boolean {
    const { store } = this.deps;
    const cursor = Number(store.getMeta(CURSOR) ?? '0');
    if (store.revision() > cursor) return true;
    const next = store.nextTimer();
    return next !== undefined && next.due <= target;
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

  private reconcile(name: string, key: string): void {
    const c = this.byName.get(name)!;
    const ctx = this.ctx.get(name)!;
    try {
      this.deps.store.transaction(() => c.reconcile(key, ctx));
    } catch (err) {
      this.deps.onError?.(name, key, err);
      ctx.requeueAt(this.deps.now() + ERROR_BACKOFF_MS, key);
    }
  }
}
