// The in-process Store, for tests and throwaway clusters. Objects are kept as JSON text, which makes
// every read and write a deep copy and keeps exactly what the SQLite store would keep. Transactions
// record an undo action per mutation and replay them backwards when the function throws.
import type { KubeObject } from '../api/object.js';
import { alreadyExists, conflict, notFound } from '../apiserver/errors.js';
import {
  ADDED, DELETED, EVENT_TYPES, MODIFIED, assertNotPromise, checkListRevision, compactionTarget,
  compactionWindow, decode, decodeDeleted, encode, inNamespace, isStale, keyOf, storageKey, timerOrder,
  watchTooOld, type StoreOptions,
} from './common.js';
import type { ListOptions, ListResult, Store, Timer, WatchEvent } from './store.js';

interface Version {
  rev: number;
  data: string;
}

interface Change {
  rev: number;
  type: typeof ADDED | typeof MODIFIED | typeof DELETED;
  resource: string;
  key: string;
  /** The object after the change; undefined for DELETED. */
  data: string | undefined;
  /** The object the change replaced; undefined for ADDED. */
  prev: string | undefined;
}

export type MemoryStoreOptions = StoreOptions;

export class MemoryStore implements Store {
  private rev = 0;
  private compacted = 0;
  private readonly window: number;
  private readonly objects = new Map<string, Map<string, Version>>();
  /** Every change after `compacted`, in revision order (one per revision, so revisions are contiguous). */
  private log: Change[] = [];
  private readonly meta = new Map<string, string>();
  /** Sorted by due, then id. */
  private readonly timers: Timer[] = [];
  private readonly timerKeys = new Set<string>();
  private nextTimerId = 1;
  private depth = 0;
  private readonly undo: (() => void)[] = [];
  private closed = false;

  constructor(opts?: MemoryStoreOptions) {
    this.window = compactionWindow(opts);
  }

  revision(): number {
    this.open();
    return this.rev;
  }

  get(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    this.open();
    const v = this.objects.get(resource)?.get(storageKey(namespace, name));
    return v && decode(v.data);
  }

  scan(resource: string, opts: ListOptions, fn: (obj: KubeObject) => void): number {
    const { items, revision } = this.list(resource, opts);
    for (const obj of items) fn(obj);
    return revision;
  }

  list(resource: string, opts: ListOptions = {}): ListResult {
    this.open();
    const { namespace, revision, contains } = opts;
    const state = new Map<string, string>();
    for (const [key, v] of this.objects.get(resource) ?? []) {
      if (inNamespace(key, namespace)) state.set(key, v.data);
    }
    if (revision !== undefined && revision !== this.rev) {
      checkListRevision(revision, this.compacted, this.rev);
      // Walk back: the first change after `revision` to each key says what the key held then.
      const seen = new Set<string>();
      for (let i = this.indexAfter(revision); i < this.log.length; i++) {
        const c = this.log[i];
        if (c.resource !== resource || seen.has(c.key) || !inNamespace(c.key, namespace)) continue;
        seen.add(c.key);
        if (c.prev === undefined) state.delete(c.key);
        else state.set(c.key, c.prev);
      }
    }
    const keys = [...state.keys()].sort().filter((k) => contains === undefined || state.get(k)!.includes(contains));
    return { items: keys.map((k) => decode(state.get(k)!)), revision: revision ?? this.rev };
  }

  create(resource: string, obj: KubeObject): KubeObject {
    this.open();
    const key = keyOf(obj);
    if (this.objects.get(resource)?.has(key)) throw alreadyExists(resource, obj.metadata.name);
    return this.write(ADDED, resource, key, obj, undefined);
  }

  update(resource: string, obj: KubeObject): KubeObject {
    this.open();
    const key = keyOf(obj);
    const cur = this.objects.get(resource)?.get(key);
    if (!cur) throw notFound(resource, obj.metadata.name);
    if (isStale(obj.metadata.resourceVersion, cur.rev)) throw conflict(resource, obj.metadata.name);
    return this.write(MODIFIED, resource, key, obj, cur);
  }

  delete(resource: string, namespace: string | undefined, name: string, resourceVersion?: string): KubeObject {
    this.open();
    const key = storageKey(namespace, name);
    const cur = this.objects.get(resource)?.get(key);
    if (!cur) throw notFound(resource, name);
    if (isStale(resourceVersion, cur.rev)) throw conflict(resource, name);
    this.write(DELETED, resource, key, undefined, cur);
    return decode(cur.data);
  }

  changes(fromRevision: number, resources?: string[]): WatchEvent[] {
    this.open();
    if (fromRevision < this.compacted) throw watchTooOld(fromRevision, this.compacted);
    const wanted = resources && new Set(resources);
    const out: WatchEvent[] = [];
    for (let i = this.indexAfter(fromRevision); i < this.log.length; i++) {
      const c = this.log[i];
      if (wanted && !wanted.has(c.resource)) continue;
      out.push({
        type: EVENT_TYPES[c.type],
        revision: c.rev,
        resource: c.resource,
        object: c.data !== undefined ? decode(c.data) : decodeDeleted(c.prev!, c.rev),
      });
    }
    return out;
  }

  transaction<T>(fn: () => T): T {
    this.open();
    const mark = this.undo.length;
    this.depth++;
    try {
      const result = fn();
      assertNotPromise(result);
      return result;
    } catch (err) {
      while (this.undo.length > mark) this.undo.pop()!();
      throw err;
    } finally {
      this.depth--;
      if (this.depth === 0) this.undo.length = 0;
    }
  }

  getMeta(key: string): string | undefined {
    this.open();
    return this.meta.get(key);
  }

  setMeta(key: string, value: string | undefined): void {
    this.open();
    const old = this.meta.get(key);
    if (value === undefined) this.meta.delete(key);
    else this.meta.set(key, value);
    this.record(() => (old === undefined ? this.meta.delete(key) : this.meta.set(key, old)));
  }

  addTimer(due: number, owner: string, key: string): void {
    this.open();
    const dedupe = timerKey(due, owner, key);
    if (this.timerKeys.has(dedupe)) return;
    const timer: Timer = { id: this.nextTimerId++, due, owner, key };
    this.insertTimer(timer);
    this.record(() => {
      this.dropTimer(timer);
      this.nextTimerId = timer.id;
    });
  }

  dueTimers(upTo: number, limit = Infinity): Timer[] {
    this.open();
    const out: Timer[] = [];
    for (const t of this.timers) {
      if (t.due > upTo || out.length >= limit) break;
      out.push({ ...t });
    }
    return out;
  }

  nextTimer(exceptOwners?: readonly string[]): Timer | undefined {
    this.open();
    const t = exceptOwners?.length ? this.timers.find((x) => !exceptOwners.includes(x.owner)) : this.timers[0];
    return t && { ...t };
  }

  removeTimer(id: number): void {
    this.open();
    const t = this.timers.find((x) => x.id === id);
    if (t) this.removeTimers([t]);
  }

  clearTimers(owner: string, key: string): void {
    this.open();
    this.removeTimers(this.timers.filter((t) => t.owner === owner && t.key === key));
  }

  close(): void {
    this.closed = true;
  }

  private open(): void {
    if (this.closed) throw new Error('store is closed');
  }

  /** Index of the first logged change with a revision above `revision`. */
  private indexAfter(revision: number): number {
    let lo = 0;
    let hi = this.log.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.log[mid].rev <= revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private write(type: Change['type'], resource: string, key: string, obj: KubeObject | undefined, cur: Version | undefined): KubeObject {
    const rev = this.rev + 1;
    const data = obj && encode(obj, rev);
    let objects = this.objects.get(resource);
    if (!objects) this.objects.set(resource, (objects = new Map()));
    if (data === undefined) objects.delete(key);
    else objects.set(key, { rev, data });
    this.log.push({ rev, type, resource, key, data, prev: cur?.data });
    this.rev = rev;
    this.record(() => {
      this.rev = rev - 1;
      this.log.pop();
      if (cur) objects.set(key, cur);
      else objects.delete(key);
    });
    this.compact();
    return decode(data ?? cur!.data);
  }

  private compact(): void {
    const target = compactionTarget(this.rev, this.compacted, this.window);
    if (target === undefined) return;
    const before = this.compacted;
    const dropped = this.log.splice(0, this.indexAfter(target));
    this.compacted = target;
    this.record(() => {
      this.compacted = before;
      this.log = dropped.concat(this.log);
    });
  }

  private insertTimer(t: Timer): void {
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (timerOrder(this.timers[mid], t) < 0) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, t);
    this.timerKeys.add(timerKey(t.due, t.owner, t.key));
  }

  private dropTimer(t: Timer): void {
    const i = this.timers.indexOf(t);
    if (i >= 0) this.timers.splice(i, 1);
    this.timerKeys.delete(timerKey(t.due, t.owner, t.key));
  }

  private removeTimers(ts: Timer[]): void {
    for (const t of ts) this.dropTimer(t);
    if (ts.length) this.record(() => ts.forEach((t) => this.insertTimer(t)));
  }

  /** Remembers how to take back a mutation, when inside a transaction that may yet throw. */
  private record(undo: () => void): void {
    if (this.depth > 0) this.undo.push(undo);
  }
}

function timerKey(due: number, owner: string, key: string): string {
  return `${due}\u0000${owner}\u0000${key}`;
}
