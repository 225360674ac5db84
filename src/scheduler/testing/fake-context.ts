// An in-memory ControllerContext for scheduler tests: the few Api verbs the scheduler uses over
// maps, a meta table, a recorded event list and requeue list, and a settable clock.
import type { KubeObject } from '../../api/object.js';
import type { Api, ListFilter } from '../../apiserver/api.js';
import { notFound } from '../../apiserver/errors.js';
import type { EventSource } from '../../apiserver/events.js';
import type { ControllerContext } from '../../controllers/controller.js';
import { SeededRand } from '../../sim/rand.js';
import type { Store, WatchEvent } from '../../store/store.js';

export interface RecordedEvent {
  object: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  source: EventSource & { action?: string };
}

const keyOf = (resource: string, ns: string | undefined, name: string) => `${resource}/${ns ?? ''}/${name}`;
const clone = <T>(o: T): T => structuredClone(o);

export class FakeApi implements Api {
  readonly objects = new Map<string, KubeObject>();
  /** Watch events for every write, as the store would emit them. */
  readonly changes: WatchEvent[] = [];
  private rv = 0;

  constructor(private readonly clock: { now(): number }) {}

  private write(resource: string, obj: KubeObject, type: WatchEvent['type']): KubeObject {
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(++this.rv);
    if (type === 'DELETED') this.objects.delete(keyOf(resource, obj.metadata.namespace, obj.metadata.name));
    else this.objects.set(keyOf(resource, obj.metadata.namespace, obj.metadata.name), stored);
    this.changes.push({ type, revision: this.rv, resource, object: clone(stored) });
    return clone(stored);
  }

  get<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T {
    const o = this.tryGet<T>(resource, namespace, name);
    if (!o) throw notFound(resource, name);
    return o;
  }

  tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined {
    const o = this.objects.get(keyOf(resource, namespace, name));
    return o ? (clone(o) as T) : undefined;
  }

  list<T extends KubeObject = KubeObject>(resource: string, filter: ListFilter = {}): T[] {
    return [...this.objects.entries()]
      .filter(([k, o]) => k.startsWith(`${resource}/`) && (!filter.namespace || o.metadata.namespace === filter.namespace))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, o]) => clone(o) as T);
  }

  create<T extends KubeObject>(resource: string, obj: T): T {
    return this.write(resource, obj, 'ADDED') as T;
  }

  update<T extends KubeObject>(resource: string, obj: T): T {
    this.get(resource, obj.metadata.namespace, obj.metadata.name);
    return this.write(resource, obj, 'MODIFIED') as T;
  }

  updateStatus<T extends KubeObject>(resource: string, obj: T): T {
    const cur = this.get(resource, obj.metadata.namespace, obj.metadata.name);
    return this.write(resource, { ...cur, status: obj.status }, 'MODIFIED') as T;
  }

  patch<T extends KubeObject = KubeObject>(): T {
    throw new Error('patch is not used by the scheduler');
  }

  /** Pods are deleted gracefully: they get a deletionTimestamp and stay until finish() removes them. */
  delete(resource: string, namespace: string | undefined, name: string): KubeObject | undefined {
    const cur = this.get(resource, namespace, name);
    if (resource === 'pods') {
      const ts = new Date(this.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return this.write(resource, { ...cur, metadata: { ...cur.metadata, deletionTimestamp: ts } }, 'MODIFIED');
    }
    this.write(resource, cur, 'DELETED');
    return undefined;
  }

  /** The kubelet's part of graceful deletion: the object is gone. */
  finish(resource: string, namespace: string | undefined, name: string): void {
    this.write(resource, this.get(resource, namespace, name), 'DELETED');
  }
}

export class FakeContext implements ControllerContext {
  time = Date.parse('2024-05-01T10:00:00Z');
  readonly api = new FakeApi(this);
  readonly meta = new Map<string, string>();
  readonly events: RecordedEvent[] = [];
  readonly requeues: Array<{ due: number; key: string }> = [];
  rand = SeededRand.fromSeed('scheduler-test');

  /** The store verbs the scheduler's cache reads, over the Api's objects and recorded changes. */
  readonly store = {
    revision: () => this.api.changes.at(-1)?.revision ?? 0,
    scan: (resource: string, _opts: unknown, fn: (o: KubeObject) => void) => {
      for (const o of this.api.list(resource)) fn(o);
      return this.api.changes.at(-1)?.revision ?? 0;
    },
    changes: (from: number, resources?: string[]) =>
      this.api.changes.filter((e) => e.revision > from && (!resources || resources.includes(e.resource))).map((e) => structuredClone(e)),
    getMeta: (k: string) => this.meta.get(k),
    setMeta: (k: string, v: string | undefined) => {
      if (v === undefined) this.meta.delete(k);
      else this.meta.set(k, v);
    },
  } as unknown as Store;

  readonly recorder = {
    event: (obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, source: EventSource & { action?: string }) => {
      this.events.push({ object: `${obj.metadata.namespace}/${obj.metadata.name}`, type, reason, message, source });
    },
  };

  now(): number {
    return this.time;
  }

  requeueAt(due: number, key: string): void {
    this.requeues.push({ due, key });
  }
}
