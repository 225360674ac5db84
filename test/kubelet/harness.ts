// A small in-memory control plane for driving the kubelet controller: an Api over Maps with
// graceful pod deletion, a manual clock, a timer queue, and a recorder that keeps every event.
import type { Node } from '../../src/api/core/node/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import type { Api, DeleteOptions, ListFilter } from '../../src/apiserver/api.js';
import { notFound } from '../../src/apiserver/errors.js';
import type { EventCadence } from '../../src/apiserver/event-series.js';
import type { EventOccurrence, EventRecorder, EventSource } from '../../src/apiserver/events.js';
import { formatTime } from '../../src/apiserver/time.js';
import type { Controller, ControllerContext } from '../../src/controllers/controller.js';
import { SeededRand } from '../../src/sim/rand.js';
import type { Store, WatchEvent } from '../../src/store/store.js';

export const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);

export interface RecordedEvent {
  t: number;
  object: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  fieldPath?: string;
  host?: string;
}

type Obj = KubeObject;

const keyOf = (ns: string | undefined, name: string) => (ns ? `${ns}/${name}` : name);

export class FakeCluster {
  now = T0;
  rv = 0;
  readonly objects = new Map<string, Map<string, Obj>>();
  readonly meta = new Map<string, string>();
  readonly events: RecordedEvent[] = [];
  readonly statusWrites: { t: number; pod: string; status: unknown }[] = [];
  private timers: { due: number; key: string; seq: number }[] = [];
  private seq = 0;
  private dirty = new Set<string>();
  readonly rand = new SeededRand([1, 2, 3, 4]);

  constructor(private readonly controller: Controller) {}

  private bucket(resource: string): Map<string, Obj> {
    let b = this.objects.get(resource);
    if (!b) this.objects.set(resource, (b = new Map()));
    return b;
  }

  private changed(resource: string, obj: Obj, type: WatchEvent['type']): void {
    const ev: WatchEvent = { type, revision: this.rv, resource, object: obj };
    if (!this.controller.watches.includes(resource)) return;
    for (const k of this.controller.keysFor(ev)) this.dirty.add(k);
  }

  readonly api: Api = {
    get: <T extends Obj>(resource: string, ns: string | undefined, name: string): T => {
      const o = this.bucket(resource).get(keyOf(ns, name));
      if (!o) throw notFound(resource, name);
      return structuredClone(o) as T;
    },
    tryGet: <T extends Obj>(resource: string, ns: string | undefined, name: string): T | undefined => {
      const o = this.bucket(resource).get(keyOf(ns, name));
      return o ? (structuredClone(o) as T) : undefined;
    },
    list: <T extends Obj>(resource: string, filter?: ListFilter): T[] =>
      [...this.bucket(resource).values()].filter((o) => !filter?.namespace || o.metadata.namespace === filter.namespace).map((o) => structuredClone(o) as T),
    create: <T extends Obj>(resource: string, obj: T): T => {
      const o = structuredClone(obj);
      o.metadata.resourceVersion = String(++this.rv);
      o.metadata.uid ??= `uid-${o.metadata.name}`;
      o.metadata.creationTimestamp ??= formatTime(this.now);
      this.bucket(resource).set(keyOf(o.metadata.namespace, o.metadata.name), o);
      this.changed(resource, o, 'ADDED');
      return structuredClone(o);
    },
    update: <T extends Obj>(resource: string, obj: T): T => {
      const b = this.bucket(resource);
      const k = keyOf(obj.metadata.namespace, obj.metadata.name);
      if (!b.has(k)) throw notFound(resource, obj.metadata.name);
      const o = structuredClone(obj);
      o.metadata.resourceVersion = String(++this.rv);
      b.set(k, o);
      this.changed(resource, o, 'MODIFIED');
      return structuredClone(o);
    },
    updateStatus: <T extends Obj>(resource: string, obj: T): T => {
      const b = this.bucket(resource);
      const k = keyOf(obj.metadata.namespace, obj.metadata.name);
      const cur = b.get(k);
      if (!cur) throw notFound(resource, obj.metadata.name);
      const o = structuredClone({ ...cur, status: obj.status });
      o.metadata.resourceVersion = String(++this.rv);
      b.set(k, o);
      if (resource === 'pods') this.statusWrites.push({ t: this.now, pod: k, status: structuredClone(obj.status) });
      this.changed(resource, o, 'MODIFIED');
      return structuredClone(o) as unknown as T;
    },
    patch: () => {
      throw new Error('patch is not used by the kubelet');
    },
    delete: (resource: string, ns: string | undefined, name: string, opts?: DeleteOptions) => {
      const b = this.bucket(resource);
      const k = keyOf(ns, name);
      const o = b.get(k);
      if (!o) throw notFound(resource, name);
      const pod = o as unknown as Pod;
      const finished = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
      const grace = opts?.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
      if (resource === 'pods' && pod.spec?.nodeName && !finished && grace > 0) {
        if (o.metadata.deletionTimestamp) return structuredClone(o);
        o.metadata.deletionTimestamp = formatTime(this.now + grace * 1000);
        o.metadata.deletionGracePeriodSeconds = grace;
        o.metadata.resourceVersion = String(++this.rv);
        this.changed(resource, o, 'MODIFIED');
        return structuredClone(o);
      }
      b.delete(k);
      this.rv++;
      this.changed(resource, o, 'DELETED');
      return undefined;
    },
  };

  /** Repetitions still to come per Event identity (EventOccurrence.repeat). */
  private repeats = new Map<string, { ev: RecordedEvent; at: number; every: number; until?: number; also?: EventCadence }>();

  readonly recorder: EventRecorder = {
    event: (obj: Obj, type, reason, message, opts: EventSource & EventOccurrence & { fieldPath?: string }) => {
      const at = opts.at ?? this.now;
      const ev: RecordedEvent = {
        t: at - T0, object: obj.metadata.name, type, reason, message,
        ...(opts.fieldPath ? { fieldPath: opts.fieldPath } : {}), ...(opts.host ? { host: opts.host } : {}),
      };
      const key = JSON.stringify([ev.object, type, reason, message, ev.fieldPath ?? '']);
      this.flushRepeat(key, at);
      for (let i = 0; i < (opts.count ?? 1); i++) this.events.push({ ...ev });
      if (opts.repeat) this.repeats.set(key, { ev, at, ...opts.repeat });
    },
  };

  /** Every occurrence of one repeating Event up to `until`, one per entry, and its end there. */
  private flushRepeat(key: string, until: number): void {
    const r = this.repeats.get(key);
    if (!r) return;
    this.repeats.delete(key);
    for (let t = r.at + r.every; t <= Math.min(until, r.until ?? Infinity); t += r.every) this.events.push({ ...r.ev, t: t - T0 });
    if (r.also) for (let t = r.also.next; t <= Math.min(until, r.also.until ?? Infinity); t += r.also.every) this.events.push({ ...r.ev, t: t - T0 });
  }

  /** Occurrences of the repeating Events due by now, as single entries. */
  private flushRepeats(): void {
    for (const [k, r] of [...this.repeats]) {
      this.flushRepeat(k, this.now);
      const at = r.at + Math.max(0, Math.floor((this.now - r.at) / r.every)) * r.every;
      const also = r.also && { ...r.also, next: r.also.next + Math.max(0, Math.ceil((this.now + 1 - r.also.next) / r.also.every)) * r.also.every };
      this.repeats.set(k, { ...r, at, ...(also ? { also } : {}) });
    }
  }

  readonly store = {
    getMeta: (k: string) => this.meta.get(k),
    setMeta: (k: string, v: string | undefined) => {
      if (v === undefined) this.meta.delete(k);
      else this.meta.set(k, v);
    },
  } as unknown as Store;

  readonly ctx: ControllerContext = {
    api: this.api,
    store: this.store,
    now: () => this.now,
    rand: this.rand,
    recorder: this.recorder,
    requeueAt: (due: number, key: string) => {
      if (this.timers.some((t) => t.due === due && t.key === key)) return;
      this.timers.push({ due: Math.max(due, this.now), key, seq: this.seq++ });
      this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
    },
  };

  private drain(): void {
    for (let i = 0; i < 10_000 && this.dirty.size; i++) {
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const k of keys) this.controller.reconcile(k, this.ctx);
    }
  }

  /** Runs the simulation to `T0 + ms`: reacts to changes, fires timers in time order. */
  runTo(ms: number): void {
    const target = T0 + ms;
    this.drain();
    for (let i = 0; i < 1_000_000; i++) {
      const next = this.timers[0];
      if (!next || next.due > target) break;
      this.timers.shift();
      this.now = Math.max(this.now, next.due);
      this.controller.reconcile(next.key, this.ctx);
      this.drain();
    }
    this.now = Math.max(this.now, target);
    this.drain();
  }

  runFor(ms: number): void {
    this.runTo(this.now - T0 + ms);
  }

  pod(name: string, ns = 'default'): Pod {
    return this.api.get<Obj>('pods', ns, name) as unknown as Pod;
  }

  tryPod(name: string, ns = 'default'): Pod | undefined {
    return this.api.tryGet<Obj>('pods', ns, name) as unknown as Pod | undefined;
  }

  addNode(name: string, index: number, images?: string[]): void {
    const node: Node = {
      apiVersion: 'v1', kind: 'Node', metadata: { name },
      spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`] },
      status: {
        addresses: [{ type: 'InternalIP', address: `172.18.0.${index + 2}` }, { type: 'Hostname', address: name }],
        capacity: { cpu: '8', memory: '16364596Ki', pods: '110' },
        allocatable: { cpu: '8', memory: '16364596Ki', pods: '110' },
        ...(images ? { images: images.map((n) => ({ names: [n], sizeBytes: 1000 })) } : {}),
        nodeInfo: {
          machineID: 'm', systemUUID: 's', bootID: 'b', kernelVersion: '6.8.0-1017-azure', osImage: 'Debian GNU/Linux 12 (bookworm)',
          containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.32.2', kubeProxyVersion: 'v1.32.2', operatingSystem: 'linux', architecture: 'amd64',
        },
      },
    };
    this.api.create('nodes', node as unknown as Obj);
  }

  addPod(pod: Partial<Pod> & { metadata: { name: string } }): Pod {
    const full = {
      apiVersion: 'v1', kind: 'Pod',
      ...pod,
      metadata: { namespace: 'default', uid: `uid-${pod.metadata.name}`, ...pod.metadata },
      status: pod.status ?? {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(this.now) }],
        qosClass: 'BestEffort',
      },
    };
    return this.api.create('pods', full as unknown as Obj) as unknown as Pod;
  }

  eventsFor(pod: string): RecordedEvent[] {
    this.flushRepeats();
    return this.events.filter((e) => e.object === pod).sort((a, b) => a.t - b.t);
  }
}

/** A pod bound to `node` running one container. */
export function simplePod(name: string, image: string, extra: Partial<Pod['spec']['containers'][number]> = {},
  spec: Partial<Pod['spec']> = {}, node = 'kind-worker'): Partial<Pod> & { metadata: { name: string } } {
  return {
    metadata: { name },
    spec: {
      containers: [{ name: extra.name ?? name, image, imagePullPolicy: image.includes(':') && !image.endsWith(':latest') ? 'IfNotPresent' : 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...extra }],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      nodeName: node,
      ...spec,
    },
  };
}
