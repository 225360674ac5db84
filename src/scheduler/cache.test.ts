// The scheduler cache against a fresh snapshot: after any sequence of pod and node changes, the
// NodeInfos it keeps up to date from the change feed are the ones buildNodeInfos makes from a
// list, and a scheduling cycle over either decides the same (same node, same generator draws).
import { describe, expect, test } from 'vitest';
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import { SeededRand } from '../sim/rand.js';
import { MemoryStore } from '../store/memory.js';
import { SchedulerCache } from './cache.js';
import { Framework } from './framework.js';
import { buildNodeInfos, type NodeInfo } from './node-info.js';
import { defaultProfile } from './profile.js';
import { schedulingCycle, type CycleOutcome } from './schedule-one.js';
import { makeNode, makePod } from './testing/wrappers.js';

const obj = (o: Pod | Node) => o as unknown as KubeObject;
const pods = (s: MemoryStore) => s.list('pods').items as unknown as Pod[];
const nodes = (s: MemoryStore) => s.list('nodes').items as unknown as Node[];

/** Everything a plugin can read off a NodeInfo, as plain data. */
const view = (ni: NodeInfo) => ({
  name: ni.name,
  node: ni.node,
  pods: ni.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}@${p.metadata.resourceVersion}`),
  requested: ni.requested,
  nonZeroRequested: ni.nonZeroRequested,
  allocatable: ni.allocatable,
  usedPorts: ni.usedPorts,
  imageStates: ni.imageStates,
});

const summary = (o: CycleOutcome) => o.kind === 'Scheduled'
  ? { kind: o.kind, host: o.result.suggestedHost, evaluated: o.result.evaluatedNodes, feasible: o.result.feasibleNodes }
  : { kind: o.kind, message: o.status.message(), nominated: o.kind === 'Unschedulable' ? o.postFilter?.nominatedNodeName : undefined };

/** One random change to the cluster. */
function step(store: MemoryStore, r: SeededRand, i: number): void {
  const ns = ['default', 'team-a'][r.int(2)];
  const nodeNames = nodes(store).map((n) => n.metadata.name);
  const all = pods(store);
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length ? xs[r.int(xs.length)] : undefined);
  const someNode = () => pick(nodeNames) ?? `node-${r.int(12)}`;
  switch (r.int(11)) {
    case 0: { // a node appears (sometimes one that pods are already bound to)
      const name = `node-${r.int(12)}`;
      if (nodeNames.includes(name)) return;
      const n = makeNode(name).capacity({ cpu: String(2 + r.int(3)), memory: `${4 + r.int(4)}Gi`, pods: String(3 + r.int(5)) })
        .label('topology.kubernetes.io/zone', `zone-${r.int(3)}`);
      if (r.int(3) === 0) n.images({ 'nginx:1.27': 60_000_000 + r.int(5) * 1_000_000 });
      store.create('nodes', obj(n.obj()));
      return;
    }
    case 1: { // a node changes: taints, allocatable, images, cordon
      const n = pick(nodes(store));
      if (!n) return;
      const w = makeNode(n.metadata.name).capacity({ cpu: String(1 + r.int(4)), memory: '8Gi', pods: String(2 + r.int(6)) })
        .label('topology.kubernetes.io/zone', `zone-${r.int(3)}`);
      if (r.int(2)) w.taints({ key: 'dedicated', value: 'x', effect: r.int(2) ? 'NoSchedule' : 'PreferNoSchedule' });
      if (r.int(2)) w.images({ 'nginx:1.27': 60_000_000 });
      if (r.int(5) === 0) w.unschedulable();
      const next = w.obj();
      next.metadata.resourceVersion = n.metadata.resourceVersion;
      store.update('nodes', obj(next));
      return;
    }
    case 2: { // a node goes away (its pods stay bound to the name)
      const n = pick(nodeNames);
      if (n && r.int(3) === 0) store.delete('nodes', undefined, n);
      return;
    }
    case 3: case 4: { // a pod, pending or already bound
      const p = makePod(`p-${i}`, ns).req({ cpu: `${100 + r.int(5) * 100}m`, memory: `${64 * (1 + r.int(4))}Mi` }).label('app', ['web', 'db'][r.int(2)]);
      if (r.int(4) === 0) p.hostPort(8080);
      if (r.int(2)) p.node(someNode());
      store.create('pods', obj(p.obj()));
      return;
    }
    case 5: { // binding
      const p = pick(all.filter((x) => !x.spec.nodeName));
      if (!p) return;
      store.update('pods', obj({ ...p, spec: { ...p.spec, nodeName: someNode() } }));
      return;
    }
    case 6: { // a status or label change of a bound pod
      const p = pick(all);
      if (!p) return;
      store.update('pods', obj({ ...p, metadata: { ...p.metadata, labels: { app: ['web', 'db', 'cache'][r.int(3)] } } }));
      return;
    }
    case 7: { // a pod finishes: it no longer holds room
      const p = pick(all.filter((x) => x.spec.nodeName));
      if (!p) return;
      store.update('pods', obj({ ...p, status: { ...p.status, phase: r.int(2) ? 'Succeeded' : 'Failed' } }));
      return;
    }
    case 8: { // preemption nominates a pending pod
      const p = pick(all.filter((x) => !x.spec.nodeName));
      if (!p) return;
      store.update('pods', obj({ ...p, spec: { ...p.spec, priority: 1000 }, status: { ...p.status, nominatedNodeName: someNode() } }));
      return;
    }
    case 9: { // graceful deletion starts
      const p = pick(all);
      if (!p || p.metadata.deletionTimestamp) return;
      store.update('pods', obj({ ...p, metadata: { ...p.metadata, deletionTimestamp: '2024-05-01T10:00:00Z' } }));
      return;
    }
    default: { // a pod is gone
      const p = pick(all);
      if (p) store.delete('pods', p.metadata.namespace, p.metadata.name);
    }
  }
}

function expectSameAsFresh(store: MemoryStore, cache: SchedulerCache, probeSeed: string): void {
  cache.sync();
  const fresh = buildNodeInfos(nodes(store), pods(store));
  expect(cache.nodeInfos().map(view)).toEqual(fresh.map(view));
  const nominated = pods(store).filter((p) => !p.spec.nodeName && p.status?.nominatedNodeName && !p.metadata.deletionTimestamp);
  expect(cache.nominatedPods()).toEqual(nominated);

  if (fresh.length === 0) return;
  const profile = defaultProfile();
  const probe = makePod('probe', 'default').req({ cpu: '300m', memory: '128Mi' }).label('app', 'web').priority(500).obj();
  const randA = SeededRand.fromSeed(probeSeed);
  const randB = SeededRand.fromSeed(probeSeed);
  const a = schedulingCycle(new Framework(profile, cache.nodeInfos(), cache.nominatedPods()), probe, randA);
  const b = schedulingCycle(new Framework(profile, fresh, nominated), probe, randB);
  expect(summary(a)).toEqual(summary(b));
  expect(randA.state()).toEqual(randB.state());
}

describe('SchedulerCache', () => {
  test.each(['alpha', 'beta', 'gamma', 'delta'])('matches a fresh snapshot over random pod and node changes (seed %s)', (seed) => {
    const store = new MemoryStore();
    const r = SeededRand.fromSeed(seed);
    for (let i = 0; i < 4; i++) step(store, r, -i - 1);
    const cache = SchedulerCache.load(store);
    for (let i = 0; i < 400; i++) {
      // Several changes between syncs, as between two cycles of the controller.
      const n = 1 + r.int(4);
      for (let k = 0; k < n; k++) step(store, r, i * 10 + k);
      expectSameAsFresh(store, cache, `${seed}-${i}`);
    }
  });

  test('relists when the change feed no longer reaches back to its revision', () => {
    const store = new MemoryStore({ compactionWindow: 20 });
    const r = SeededRand.fromSeed('compacted');
    for (let i = 0; i < 10; i++) step(store, r, i);
    const cache = SchedulerCache.load(store);
    for (let i = 10; i < 200; i++) step(store, r, i);
    expect(() => store.changes(0)).toThrow();
    expectSameAsFresh(store, cache, 'compacted');
  });

  test('drops what it read from writes that were then rolled back, though their revisions are used again', () => {
    const store = new MemoryStore();
    for (const n of ['node-a', 'node-b']) store.create('nodes', obj(makeNode(n).capacity({ cpu: '4', memory: '8Gi', pods: '10' }).obj()));
    store.create('pods', obj(makePod('web').req({ cpu: '1' }).obj()));
    const cache = SchedulerCache.load(store);
    const bindTo = (node: string) => {
      const p = pods(store)[0];
      store.update('pods', obj({ ...p, spec: { ...p.spec, nodeName: node } }));
    };
    expect(() => store.transaction(() => {
      bindTo('node-a');
      cache.sync();
      expect(cache.nodeInfos()[0].pods.map((p) => p.metadata.name)).toEqual(['web']);
      throw new Error('the reconcile failed');
    })).toThrow('the reconcile failed');
    const revision = store.revision();
    bindTo('node-b');
    expect(store.revision()).toBe(revision + 1);
    expectSameAsFresh(store, cache, 'rollback');
    expect(cache.nodeInfos().map((n) => n.pods.length)).toEqual([0, 1]);
  });
});
