// An in-process control plane for the workload controllers: the real API server (admission,
// patching, selectors) over a memory store, a manual clock, a recorder that keeps every event,
// and the real control loop for scenarios that need several controllers to settle.
import type { ReplicaSet } from '../../src/api/apps/replicaset/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { OwnerReference } from '../../src/api/meta/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import type { Api } from '../../src/apiserver/api.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import type { EventRecorder } from '../../src/apiserver/events.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';
import { selectors } from '../../src/apiserver/selectors.js';
import { ApiServer } from '../../src/apiserver/server.js';
import { formatTime } from '../../src/apiserver/time.js';
import type { Controller, ControllerContext } from '../../src/controllers/controller.js';
import { ControlLoop } from '../../src/sim/loop.js';
import { SeededRand } from '../../src/sim/rand.js';
import { MemoryStore } from '../../src/store/memory.js';

export const T0 = Date.UTC(2025, 0, 1, 0, 0, 0);
export const RS = 'replicasets.apps';

export interface RecordedEvent {
  object: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
}

export interface Write {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: string;
  name: string;
}

export class Bench {
  now = T0;
  readonly store = new MemoryStore();
  readonly rand = SeededRand.fromSeed('replicaset-tests');
  readonly api: ApiServer;
  readonly events: RecordedEvent[] = [];
  readonly recorder: EventRecorder = {
    event: (obj, type, reason, message, opts) => {
      this.events.push({ object: `${obj.kind}/${obj.metadata.name}`, type, reason, message, component: opts.component });
    },
  };
  private mark = 0;

  constructor() {
    this.api = new ApiServer({ store: this.store, now: () => this.now, rand: this.rand });
    this.api.configure({
      admission: createAdmission({ get: (r, ns, n) => this.api.tryGet(r, ns, n), list: (r) => this.api.list(r) }),
      patcher: patchObject,
      selectors,
    });
    this.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    this.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
    this.settled();
  }

  /** The context one controller's reconcile sees. */
  ctx(owner: string, api: Api = this.api): ControllerContext {
    return {
      api, store: this.store, now: () => this.now, rand: this.rand, recorder: this.recorder,
      requeueAt: (due, key) => this.store.addTimer(Math.max(due, this.now), owner, key),
    };
  }

  /** The real control loop over these controllers, with this bench's clock. */
  loop(controllers: Controller[]): ControlLoop {
    return new ControlLoop({
      store: this.store, controllers,
      context: (c) => this.ctx(c.name),
      now: () => this.now,
      setNow: (t) => { this.now = t; },
      onError: (c, key, err) => { throw new Error(`${c} ${key}: ${(err as Error).stack ?? err}`); },
    });
  }

  /** Forgets the writes so far: writes() reports only what comes next. */
  settled(): void {
    this.mark = this.store.revision();
    this.events.length = 0;
  }

  /** The writes since the last settled(), Events left out. */
  writes(): Write[] {
    return this.store.changes(this.mark)
      .filter((c) => c.resource !== 'events')
      .map((c) => ({ type: c.type, resource: c.resource, name: c.object.metadata.name }));
  }

  timers(owner?: string): { due: number; key: string }[] {
    return this.store.dueTimers(Number.MAX_SAFE_INTEGER).filter((t) => !owner || t.owner === owner).map((t) => ({ due: t.due - T0, key: t.key }));
  }

  addRS(rs: ReplicaSet): ReplicaSet {
    return this.api.create<KubeObject>(RS, rs as unknown as KubeObject) as unknown as ReplicaSet;
  }

  rs(name: string): ReplicaSet {
    return this.api.get<KubeObject>(RS, 'default', name) as unknown as ReplicaSet;
  }

  /** Creates a pod, then gives it the status asked for (the API server clears status on create). */
  addPod(p: PodSpecOpts): Pod {
    const created = this.api.create<KubeObject>('pods', podManifest(p) as unknown as KubeObject);
    if (!p.phase) return created as unknown as Pod;
    return this.api.updateStatus<KubeObject>('pods', { ...created, status: podStatus(p, this.now) }) as unknown as Pod;
  }

  pods(): Pod[] {
    return this.api.list<KubeObject>('pods', { namespace: 'default' }) as unknown as Pod[];
  }

  pod(name: string): Pod | undefined {
    return this.api.tryGet<KubeObject>('pods', 'default', name) as unknown as Pod | undefined;
  }
}

export function newReplicaSet(name: string, replicas: number, labels: Record<string, string>,
  extra: { minReadySeconds?: number; ownerReferences?: OwnerReference[] } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}) },
    spec: {
      replicas,
      ...(extra.minReadySeconds ? { minReadySeconds: extra.minReadySeconds } : {}),
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  } as ReplicaSet;
}

export interface PodSpecOpts {
  name: string;
  labels?: Record<string, string>;
  owner?: { metadata: { name: string; uid?: string } };
  ownerReferences?: OwnerReference[];
  nodeName?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  ready?: boolean;
  /** ms since T0 when the pod became ready. */
  readySince?: number;
}

export function controllerRef(owner: { metadata: { name: string; uid?: string } }, kind = 'ReplicaSet', apiVersion = 'apps/v1'): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

function podManifest(p: PodSpecOpts): Pod {
  const refs = p.ownerReferences ?? (p.owner ? [controllerRef(p.owner)] : undefined);
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: p.name, namespace: 'default', ...(p.labels ? { labels: p.labels } : {}), ...(refs ? { ownerReferences: refs } : {}) },
    spec: { containers: [{ name: 'web', image: 'nginx' }], ...(p.nodeName ? { nodeName: p.nodeName } : {}) },
  } as Pod;
}

function podStatus(p: PodSpecOpts, now: number): Pod['status'] {
  const ready = p.ready ?? false;
  return {
    phase: p.phase,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastProbeTime: null,
      lastTransitionTime: formatTime(p.readySince !== undefined ? T0 + p.readySince : now) }],
  };
}
