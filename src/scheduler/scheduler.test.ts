// The scheduler controller over a fake ControllerContext: binding, events, FailedScheduling and
// the retry rules of the scheduling queue.
import { beforeEach, describe, expect, test } from 'vitest';
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import { SeededRand } from '../sim/rand.js';
import type { WatchEvent } from '../store/store.js';
import {
  backoffDuration, explain, newScheduler, podMaxInUnschedulablePodsDurationMs, truncateMessage,
} from './scheduler.js';
import { FakeContext } from './testing/fake-context.js';
import { makeNode, makePod } from './testing/wrappers.js';

/** The scheduler's queue bookkeeping in the meta table (the metrics counters kept beside it left out). */
const queueState = (meta: Map<string, string>) => [...meta.keys()].filter((k) => !k.startsWith('metrics/')).length;

const KIND_MESSAGE = '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, ' +
  '2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, ' +
  '2 No preemption victims found for incoming pod.';

const obj = (o: Pod | Node) => o as unknown as KubeObject;
const kindNode = (name: string) => makeNode(name).capacity({ cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' });

/** A kind-like cluster: one tainted control-plane node, two workers. */
function kindCluster(ctx: FakeContext): void {
  ctx.api.create('nodes', obj(kindNode('kind-control-plane').label('node-role.kubernetes.io/control-plane', '')
    .taints({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).obj()));
  ctx.api.create('nodes', obj(kindNode('kind-worker').obj()));
  ctx.api.create('nodes', obj(kindNode('kind-worker2').obj()));
}

const getPod = (ctx: FakeContext, name: string, ns = 'default') => ctx.api.tryGet('pods', ns, name) as unknown as Pod;
const condition = (p: Pod, type = 'PodScheduled') => p.status?.conditions?.find((c) => c.type === type);

let ctx: FakeContext;
const scheduler = newScheduler();

beforeEach(() => {
  ctx = new FakeContext();
  seen = 0;
});

/** Feeds recorded changes through keysFor and reconciles the keys, as the controller runner does. */
let seen = 0;
function drain(): void {
  for (let guard = 0; guard < 100 && seen < ctx.api.changes.length; guard++) {
    const batch = ctx.api.changes.slice(seen);
    seen = ctx.api.changes.length;
    const keys = new Set(batch.filter((e) => scheduler.watches.includes(e.resource)).flatMap((e) => scheduler.keysFor(e)));
    for (const k of keys) scheduler.reconcile(k, ctx);
  }
}

/** Runs requeued keys that are due by `t`, moving the clock. */
function advanceTo(t: number): void {
  ctx.time = t;
  const due = ctx.requeues.filter((r) => r.due <= t);
  ctx.requeues.splice(0, ctx.requeues.length, ...ctx.requeues.filter((r) => r.due > t));
  for (const k of new Set(due.map((r) => r.key))) scheduler.reconcile(k, ctx);
  drain();
}

describe('binding', () => {
  test('a pod that fits is bound, gets PodScheduled=True and a Scheduled event', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('nginx').req({ cpu: '100m', memory: '128Mi' }).obj()));
    drain();
    const p = getPod(ctx, 'nginx');
    expect(['kind-worker', 'kind-worker2']).toContain(p.spec.nodeName);
    expect(condition(p)).toEqual({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z' });
    expect(ctx.events).toEqual([{
      object: 'default/nginx', type: 'Normal', reason: 'Scheduled',
      message: `Successfully assigned default/nginx to ${p.spec.nodeName}`,
      source: { component: 'default-scheduler', action: 'Binding' },
    }]);
    expect(queueState(ctx.meta)).toBe(0);
  });

  test('ties between equal nodes are broken by the seeded generator, the same way every run', () => {
    const place = (seed: string) => {
      ctx = new FakeContext();
      seen = 0;
      ctx.rand = SeededRand.fromSeed(seed);
      kindCluster(ctx);
      for (let i = 0; i < 6; i++) ctx.api.create('pods', obj(makePod(`p${i}`).container().obj()));
      drain();
      return Array.from({ length: 6 }, (_, i) => getPod(ctx, `p${i}`).spec.nodeName);
    };
    const a = place('one');
    expect(place('one')).toEqual(a);
    expect(a.every((n) => n === 'kind-worker' || n === 'kind-worker2')).toBe(true);
    // Resource scores spread the pods once the first lands.
    expect(new Set(a).size).toBe(2);
  });

  test('pods for another scheduler, bound pods and gated pods are left alone', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('other').container().schedulerName('my-scheduler').obj()));
    ctx.api.create('pods', obj(makePod('gated').container().obj()));
    const gated = getPod(ctx, 'gated');
    gated.spec.schedulingGates = [{ name: 'example.com/wait' }];
    ctx.api.update('pods', obj(gated));
    ctx.api.create('pods', obj(makePod('mine').container().node('kind-worker').obj()));
    drain();
    expect(getPod(ctx, 'other').spec.nodeName).toBeUndefined();
    expect(getPod(ctx, 'gated').spec.nodeName).toBeUndefined();
    expect(ctx.events).toEqual([]);
  });

  test('a pod that names its node through affinity lands there', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('pinned').container()
      .nodeAffinityTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['kind-worker2'] }] }).obj()));
    drain();
    expect(getPod(ctx, 'pinned').spec.nodeName).toBe('kind-worker2');
  });
});

describe('FailedScheduling', () => {
  test('100 CPUs on a kind cluster: the 1.32 message, condition and event', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('big').req({ cpu: '100' }).obj()));
    drain();
    const p = getPod(ctx, 'big');
    expect(p.spec.nodeName).toBeUndefined();
    expect(condition(p)).toEqual({
      type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: KIND_MESSAGE,
      lastProbeTime: null, lastTransitionTime: '2024-05-01T10:00:00Z',
    });
    expect(ctx.events).toEqual([{
      object: 'default/big', type: 'Warning', reason: 'FailedScheduling', message: KIND_MESSAGE,
      source: { component: 'default-scheduler', action: 'Scheduling' },
    }]);
    expect(ctx.requeues.at(-1)).toEqual({ due: ctx.time + podMaxInUnschedulablePodsDurationMs, key: 'default/big' });
  });

  test('with nothing changing, the pod is retried every 5 minutes and the condition is not rewritten', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('big').req({ cpu: '100' }).obj()));
    drain();
    const writes = ctx.api.changes.length;
    const t0 = ctx.time;
    advanceTo(t0 + 60_000);
    expect(ctx.events).toHaveLength(1);
    advanceTo(t0 + podMaxInUnschedulablePodsDurationMs);
    advanceTo(t0 + 2 * podMaxInUnschedulablePodsDurationMs);
    expect(ctx.events.map((e) => e.reason)).toEqual(['FailedScheduling', 'FailedScheduling', 'FailedScheduling']);
    expect(ctx.api.changes.length).toBe(writes);
    expect(condition(getPod(ctx, 'big'))?.lastTransitionTime).toBe('2024-05-01T10:00:00Z');
  });

  test('the pod\'s own status update does not count as a reason to retry', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('big').req({ cpu: '100' }).obj()));
    drain();
    scheduler.reconcile('default/big', ctx);
    scheduler.reconcile('default/big', ctx);
    expect(ctx.events).toHaveLength(1);
  });

  test('a node with room makes the pod schedulable once its back-off expires', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('big').req({ cpu: '100' }).obj()));
    drain();
    const t0 = ctx.time;
    ctx.time = t0 + 400;
    ctx.api.create('nodes', obj(makeNode('huge').capacity({ cpu: '128', memory: '512Gi', pods: '110' }).obj()));
    drain();
    // Moved, but the first back-off (1s) has not expired yet.
    expect(getPod(ctx, 'big').spec.nodeName).toBeUndefined();
    expect(ctx.requeues.at(-1)).toEqual({ due: t0 + 1000, key: 'default/big' });
    advanceTo(t0 + 1000);
    const p = getPod(ctx, 'big');
    expect(p.spec.nodeName).toBe('huge');
    expect(condition(p)).toMatchObject({ status: 'True', lastTransitionTime: '2024-05-01T10:00:01Z' });
    expect(condition(p)?.reason).toBeUndefined();
    expect(ctx.events.map((e) => e.reason)).toEqual(['FailedScheduling', 'Scheduled']);
    expect(queueState(ctx.meta)).toBe(0);
  });

  test('a node change that does not help leaves the pod waiting', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('big').req({ cpu: '100' }).obj()));
    drain();
    ctx.time += 5_000;
    ctx.api.create('nodes', obj(kindNode('kind-worker3').obj()));
    drain();
    expect(ctx.events).toHaveLength(1);
  });

  test('deleting a pod frees its room for a pending one', () => {
    ctx.api.create('nodes', obj(kindNode('w').obj()));
    ctx.api.create('pods', obj(makePod('hog').req({ cpu: '7' }).obj()));
    drain();
    ctx.api.create('pods', obj(makePod('waiting').req({ cpu: '2' }).obj()));
    drain();
    expect(getPod(ctx, 'waiting').spec.nodeName).toBeUndefined();
    expect(ctx.events.at(-1)?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
    ctx.time += 30_000;
    ctx.api.finish('pods', 'default', 'hog');
    drain();
    expect(getPod(ctx, 'waiting').spec.nodeName).toBe('w');
  });

  test('a spec change of the pod itself is an event too', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('sel').container().nodeSelector({ disk: 'ssd' }).obj()));
    drain();
    expect(ctx.events.at(-1)?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. " +
      'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.');
    ctx.time += 2_000;
    const p = getPod(ctx, 'sel');
    p.spec.tolerations = [{ operator: 'Exists' }];
    ctx.api.update('pods', obj(p));
    drain();
    expect(ctx.events).toHaveLength(2);
    expect(ctx.events[1].message).toBe(
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });

  test('a cluster without nodes says so and retries on back-off', () => {
    ctx.api.create('pods', obj(makePod('lonely').container().obj()));
    drain();
    expect(ctx.events).toEqual([expect.objectContaining({ reason: 'FailedScheduling', message: 'no nodes available to schedule pods' })]);
    expect(condition(getPod(ctx, 'lonely'))).toMatchObject({ status: 'False', reason: 'Unschedulable', message: 'no nodes available to schedule pods' });
    const t0 = ctx.time;
    expect(ctx.requeues.at(-1)).toEqual({ due: t0 + 1000, key: 'default/lonely' });
    advanceTo(t0 + 1000);
    expect(ctx.requeues.at(-1)).toEqual({ due: t0 + 1000 + 2000, key: 'default/lonely' });
    expect(ctx.events).toHaveLength(2);
  });

  test('a deleted pending pod leaves no queue state behind', () => {
    kindCluster(ctx);
    ctx.api.create('pods', obj(makePod('big').req({ cpu: '100' }).obj()));
    drain();
    expect(queueState(ctx.meta)).toBe(1);
    ctx.api.finish('pods', 'default', 'big');
    drain();
    expect(queueState(ctx.meta)).toBe(0);
  });
});

describe('queue order', () => {
  test('when several pods wait, the higher priority one is tried first', () => {
    ctx.api.create('pods', obj(makePod('low').req({ cpu: '6' }).obj()));
    ctx.api.create('pods', obj(makePod('high').priority(100).req({ cpu: '6' }).obj()));
    drain();
    expect(ctx.events.map((e) => `${e.object} ${e.reason}`)).toEqual(['default/low FailedScheduling', 'default/high FailedScheduling']);
    ctx.time += 2_000;
    ctx.api.create('nodes', obj(kindNode('w').obj()));
    drain();
    expect(getPod(ctx, 'high').spec.nodeName).toBe('w');
    expect(getPod(ctx, 'low').spec.nodeName).toBeUndefined();
  });
});

describe('preemption', () => {
  test('a high-priority pod evicts a lower-priority one and is bound once it is gone', () => {
    ctx.api.create('nodes', obj(kindNode('w').obj()));
    ctx.api.create('pods', obj(makePod('low').priority(0).req({ cpu: '6' }).obj()));
    drain();
    const low = getPod(ctx, 'low');
    expect(low.spec.nodeName).toBe('w');

    ctx.time += 10_000;
    ctx.api.create('pods', obj(makePod('high').uid('uid-high').priority(1000).req({ cpu: '4' }).obj()));
    drain();
    const high = getPod(ctx, 'high');
    expect(high.spec.nodeName).toBeUndefined();
    expect(high.status?.nominatedNodeName).toBe('w');
    // With a candidate found, PostFilter succeeds and says nothing: no preemption suffix.
    expect(condition(high)?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    const victim = getPod(ctx, 'low');
    expect(victim.metadata.deletionTimestamp).toBeDefined();
    expect(condition(victim, 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    expect(ctx.events.filter((e) => e.reason === 'Preempted')).toEqual([{
      object: 'default/low', type: 'Normal', reason: 'Preempted', message: 'Preempted by pod uid-high on node w',
      source: { component: 'default-scheduler', action: 'Preempting' },
    }]);

    // While the victim terminates, the preemptor waits rather than preempting again.
    advanceTo(ctx.time + podMaxInUnschedulablePodsDurationMs);
    expect(ctx.events.at(-1)?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.');

    ctx.time += 1_000;
    ctx.api.finish('pods', 'default', 'low');
    drain();
    // Moved by the deletion; bound when its back-off (2s after the second attempt) is over.
    expect(getPod(ctx, 'high').spec.nodeName).toBeUndefined();
    advanceTo(ctx.time + 1_000);
    expect(getPod(ctx, 'high').spec.nodeName).toBe('w');
  });

  test('a pod with preemptionPolicy Never does not preempt', () => {
    ctx.api.create('nodes', obj(kindNode('w').obj()));
    ctx.api.create('pods', obj(makePod('low').req({ cpu: '6' }).obj()));
    drain();
    ctx.api.create('pods', obj(makePod('high').priority(1000).preemptionPolicy('Never').req({ cpu: '4' }).obj()));
    drain();
    expect(ctx.events.at(-1)?.message).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
    expect(getPod(ctx, 'low').metadata.deletionTimestamp).toBeUndefined();
  });
});

describe('keysFor', () => {
  const ev = (type: WatchEvent['type'], resource: string, o: Pod | Node): WatchEvent => ({ type, revision: 1, resource, object: obj(o) });
  test.each([
    { name: 'an unbound pod', e: ev('ADDED', 'pods', makePod('a').obj()), want: ['default/a'] },
    { name: 'an unbound pod of another scheduler', e: ev('ADDED', 'pods', makePod('a').schedulerName('x').obj()), want: [] },
    { name: 'an unbound pod deleted (to forget it)', e: ev('DELETED', 'pods', makePod('a').obj()), want: ['default/a'] },
    { name: 'a bound running pod', e: ev('MODIFIED', 'pods', makePod('a').node('n1').phase('Running').obj()), want: [] },
    { name: 'a bound pod deleted', e: ev('DELETED', 'pods', makePod('a').node('n1').obj()), want: ['node:n1'] },
    { name: 'a bound pod that finished', e: ev('MODIFIED', 'pods', makePod('a').node('n1').phase('Succeeded').obj()), want: ['node:n1'] },
    { name: 'a node added', e: ev('ADDED', 'nodes', makeNode('n1').obj()), want: ['node:n1'] },
    { name: 'a node changed', e: ev('MODIFIED', 'nodes', makeNode('n1').obj()), want: ['node:n1'] },
    { name: 'a node deleted', e: ev('DELETED', 'nodes', makeNode('n1').obj()), want: [] },
  ])('$name', ({ e, want }) => {
    expect(scheduler.keysFor(e)).toEqual(want);
  });
});

describe('explain', () => {
  test('per node, the deciding status and every filter plugin\'s verdict', () => {
    kindCluster(ctx);
    const nodes = ctx.api.list('nodes') as unknown as Node[];
    const x = explain(makePod('big').req({ cpu: '100' }).obj(), nodes, []);
    expect(x.outcome).toBe('Unschedulable');
    expect(x.message).toBe(KIND_MESSAGE);
    const cp = x.nodes.find((n) => n.name === 'kind-control-plane')!;
    expect(cp.status?.plugin).toBe('TaintToleration');
    expect(cp.filters.map((f) => [f.plugin, f.status?.message() ?? null])).toEqual([
      ['NodeUnschedulable', null],
      ['NodeName', null],
      ['TaintToleration', 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      ['NodeAffinity', null],
      ['NodePorts', null],
      ['NodeResourcesFit', 'Insufficient cpu'],
      ['VolumeBinding', null],
      ['PodTopologySpread', null],
      ['InterPodAffinity', null],
    ]);
    expect(cp.filters.find((f) => f.plugin === 'NodeAffinity')?.skipped).toBe(true);
    expect(x.nodes.find((n) => n.name === 'kind-worker')?.status?.message()).toBe('Insufficient cpu');
  });

  test('scores of feasible nodes and the tied best ones', () => {
    kindCluster(ctx);
    const nodes = ctx.api.list('nodes') as unknown as Node[];
    const x = explain(makePod('small').req({ cpu: '100m' }).obj(), nodes, []);
    expect(x.outcome).toBe('Scheduled');
    expect(x.bestNodes).toEqual(['kind-worker', 'kind-worker2']);
    const w = x.nodes.find((n) => n.name === 'kind-worker')!;
    expect(w.status).toBeNull();
    expect(w.scores?.map((s) => s.name)).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
    expect(w.totalScore).toBe(w.scores!.reduce((a, s) => a + s.score, 0));
  });
});

test('back-off doubles from 1s to 10s', () => {
  expect([0, 1, 2, 3, 4, 5, 6].map(backoffDuration)).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000]);
});

test('event messages are cut at 1024 characters', () => {
  const long = 'x'.repeat(2000);
  expect(truncateMessage(long)).toHaveLength(1024);
  expect(truncateMessage(long).endsWith(' ...')).toBe(true);
  expect(truncateMessage('short')).toBe('short');
});

describe('percentageOfNodesToScore across cycles', () => {
  test('the rotating start is kept in meta, so a new process and explain continue from it', () => {
    // 150 nodes: each cycle looks for 100 feasible nodes, starting where the last one stopped.
    for (let i = 0; i < 150; i++) ctx.api.create('nodes', obj(kindNode(`node-${String(i).padStart(3, '0')}`).obj()));
    ctx.api.create('pods', obj(makePod('a').req({ cpu: '100m' }).obj()));
    drain();
    expect(ctx.meta.get('scheduler/nextStartNodeIndex')).toBe('100');
    // Another scheduler instance over the same store: what a later `mk` command runs.
    const next = newScheduler();
    ctx.api.create('pods', obj(makePod('b').req({ cpu: '100m' }).obj()));
    next.reconcile('default/b', ctx);
    expect(ctx.meta.get('scheduler/nextStartNodeIndex')).toBe('50');

    // explain, given the stored start and a copy of the generator, picks the node the scheduler then binds.
    const c = makePod('c').req({ cpu: '100m' }).obj();
    const x = explain(c, ctx.api.list('nodes') as unknown as Node[], ctx.api.list('pods') as unknown as Pod[], undefined, {
      rand: new SeededRand(ctx.rand.state()), nextStartNodeIndex: Number(ctx.meta.get('scheduler/nextStartNodeIndex')),
    });
    expect(x.startNode).toBe('node-050');
    expect(x.notEvaluated).toHaveLength(50);
    ctx.api.create('pods', obj(c));
    next.reconcile('default/c', ctx);
    expect(getPod(ctx, 'c').spec.nodeName).toBe(x.selectedNode);
    expect(x.notEvaluated).not.toContain(x.selectedNode);
    expect(ctx.meta.get('scheduler/nextStartNodeIndex')).toBe('0');
  });
});
