// An in-process control plane for the deployment controller: the API server (with admission, so
// objects are defaulted and validated as a cluster stores them) over the memory store, the real
// control loop on a manual clock, and a recorder that keeps every event in order.
//
// Pods are driven by the test: a small ReplicaSet stand-in keeps each ReplicaSet's pods at its
// size and reports their readiness; `markReady` plays the kubelet's part.
import type { Deployment } from '../../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../src/api/apps/replicaset/schema.js';
import type { Pod } from '../../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../../src/api/object.js';
import { createAdmission } from '../../../src/apiserver/admission/index.js';
import type { EventSource } from '../../../src/apiserver/events.js';
import { ApiServer } from '../../../src/apiserver/server.js';
import { formatTime } from '../../../src/apiserver/time.js';
import type { Controller } from '../../../src/controllers/controller.js';
import { getControllerOf } from '../../../src/controllers/controller-utils.js';
import { deploymentController } from '../../../src/controllers/deployment/deployment.js';
import { ControlLoop } from '../../../src/sim/loop.js';
import { SeededRand } from '../../../src/sim/rand.js';
import { MemoryStore } from '../../../src/store/memory.js';

export const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

export interface RecordedEvent {
  t: number;
  object: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  component: string;
}

export class Cluster {
  time = T0;
  readonly store = new MemoryStore();
  readonly rand = SeededRand.fromSeed('deployment-controller-test');
  readonly api = new ApiServer({ store: this.store, now: () => this.time, rand: this.rand });
  readonly events: RecordedEvent[] = [];
  readonly loop: ControlLoop;

  constructor(controllers: Controller[] = [deploymentController, replicaSetStandIn]) {
    this.api.configure({ admission: createAdmission({ get: (r, ns, n) => this.api.tryGet(r, ns, n), list: (r) => this.api.list(r) }) });
    this.api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } } as KubeObject);
    this.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } } as KubeObject);
    const recorder = {
      event: (obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, opts: EventSource) => {
        this.events.push({ t: this.time, object: `${obj.kind}/${obj.metadata.name}`, type, reason, message, component: opts.component });
      },
    };
    this.loop = new ControlLoop({
      store: this.store,
      controllers,
      context: (c) => ({
        api: this.api, store: this.store, now: () => this.time, rand: this.rand, recorder,
        requeueAt: (due, key) => this.store.addTimer(Math.max(due, this.time), c.name, key),
      }),
      now: () => this.time,
      setNow: (t) => {
        this.time = t;
      },
      onError: (_c, _k, err) => {
        throw err;
      },
    });
    this.loop.skipPending();
  }

  /** Runs the controllers until nothing changes, firing timers due by now. */
  settle(): void {
    this.loop.advanceTo(this.time);
  }

  /** Moves the clock, firing timers in order. */
  advance(ms: number): void {
    this.loop.advanceTo(this.time + ms);
  }

  deployment(name: string): Deployment {
    return this.api.get<Deployment>('deployments.apps', 'default', name);
  }

  replicaSets(): ReplicaSet[] {
    return this.api.list<ReplicaSet>('replicasets.apps', { namespace: 'default' });
  }

  /** The ReplicaSets of a deployment, in the order they were created. */
  replicaSetsOf(name: string): ReplicaSet[] {
    const uid = this.deployment(name).metadata.uid;
    return this.replicaSets()
      .filter((rs) => getControllerOf(rs)?.uid === uid)
      .sort((a, b) => this.created(a) - this.created(b));
  }

  private readonly createdAt = new Map<string, number>();

  /** Creation order (creationTimestamp has second precision): the store revision of the ADDED change. */
  private created(rs: ReplicaSet): number {
    let at = this.createdAt.get(rs.metadata.uid!);
    if (at === undefined) {
      const added = this.store.changes(0, ['replicasets.apps']).find((c) => c.type === 'ADDED' && c.object.metadata.uid === rs.metadata.uid);
      at = added?.revision ?? Number.MAX_SAFE_INTEGER;
      this.createdAt.set(rs.metadata.uid!, at);
    }
    return at;
  }

  pods(): Pod[] {
    return this.api.list<Pod>('pods', { namespace: 'default' });
  }

  podsOf(rs: ReplicaSet): Pod[] {
    return this.pods().filter((p) => getControllerOf(p)?.uid === rs.metadata.uid);
  }

  /** The kubelet's part: the pods become Running and Ready now. */
  markReady(pods: Pod[]): void {
    for (const pod of pods) {
      const t = formatTime(this.time);
      this.api.updateStatus('pods', {
        ...pod,
        status: {
          ...pod.status, phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: t }],
        },
      } as Pod);
    }
    this.settle();
  }

  /** ScalingReplicaSet (and other deployment-controller) event messages, in order. */
  deploymentEvents(): string[] {
    return this.events.filter((e) => e.component === 'deployment-controller').map((e) => e.message);
  }
}

const isReady = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/**
 * Stands in for the ReplicaSet controller: creates pods up to spec.replicas from the template,
 * deletes surplus pods (not ready ones first, then the newest; a pod on a node terminates
 * gracefully and stays until the test removes it), and reports replicas, ready and available
 * (ready; minReadySeconds is not modelled) pods in the status, terminating ones left out.
 */
export const replicaSetStandIn: Controller = {
  name: 'replicaset-stand-in',
  watches: ['replicasets.apps', 'pods'],
  keysFor(ev) {
    if (ev.resource === 'replicasets.apps') return ev.type === 'DELETED' ? [] : [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`];
    const ref = getControllerOf(ev.object);
    return ref?.kind === 'ReplicaSet' ? [`${ev.object.metadata.namespace}/${ref.name}`] : [];
  },
  reconcile(key, ctx) {
    const [ns, name] = key.split('/');
    const rs = ctx.api.tryGet<ReplicaSet>('replicasets.apps', ns, name);
    if (!rs) return;
    let pods = ctx.api.list<Pod>('pods', { namespace: ns })
      .filter((p) => getControllerOf(p)?.uid === rs.metadata.uid && !p.metadata.deletionTimestamp);
    const want = rs.spec.replicas ?? 1;
    for (let i = pods.length; i < want; i++) {
      const t = rs.spec.template!;
      pods.push(ctx.api.create<Pod>('pods', {
        apiVersion: 'v1', kind: 'Pod',
        metadata: {
          generateName: `${rs.metadata.name}-`, namespace: ns, labels: { ...t.metadata?.labels },
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name, uid: rs.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        spec: structuredClone(t.spec),
      } as Pod));
    }
    if (pods.length > want) {
      const order = [...pods].sort((a, b) => Number(isReady(a)) - Number(isReady(b))
        || (b.metadata.creationTimestamp! < a.metadata.creationTimestamp! ? -1 : b.metadata.creationTimestamp! > a.metadata.creationTimestamp! ? 1 : 0)
        || (b.metadata.name < a.metadata.name ? -1 : 1));
      for (const p of order.slice(0, pods.length - want)) ctx.api.delete('pods', ns, p.metadata.name);
      const gone = new Set(order.slice(0, pods.length - want).map((p) => p.metadata.name));
      pods = pods.filter((p) => !gone.has(p.metadata.name));
    }
    const ready = pods.filter(isReady).length;
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}),
      observedGeneration: rs.metadata.generation,
    };
    if (JSON.stringify(status) !== JSON.stringify(rs.status)) ctx.api.updateStatus('replicasets.apps', { ...rs, status });
  },
};

/** `kubectl create deployment <name> --image=<image> [--replicas=n]` as the API server receives it. */
export function createDeployment(name: string, image: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, labels: { app: name }, ...metadata },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      strategy: {},
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: image.split(':')[0].split('/').pop(), image, resources: {} }] } },
      ...spec,
    },
  } as Deployment;
}
