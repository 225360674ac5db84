// `mk scheduler explain` rendered in-process: pods and nodes built here, the scheduler's explain()
// run on them, and the whole text compared. The numbers are the scheduler's own.
import { describe, expect, test } from 'vitest';
import type { Node } from '../../src/api/core/node/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { explanationJSON, renderExplanation, type ExplainSubject } from '../../src/cli/printers/explain.js';
import type { Profile } from '../../src/scheduler/framework.js';
import { balancedAllocation } from '../../src/scheduler/plugins/balanced-allocation.js';
import { defaultPreemption } from '../../src/scheduler/plugins/default-preemption.js';
import { newImageLocality } from '../../src/scheduler/plugins/image-locality.js';
import { nodeAffinity } from '../../src/scheduler/plugins/node-affinity.js';
import { nodeName } from '../../src/scheduler/plugins/node-name.js';
import { nodePorts } from '../../src/scheduler/plugins/node-ports.js';
import { nodeResourcesFit } from '../../src/scheduler/plugins/node-resources-fit.js';
import { nodeUnschedulable } from '../../src/scheduler/plugins/node-unschedulable.js';
import { taintToleration } from '../../src/scheduler/plugins/taint-toleration.js';
import { explain } from '../../src/scheduler/scheduler.js';
import { Code, newStatus } from '../../src/scheduler/status.js';
import { makeNode, makePod } from '../../src/scheduler/testing/wrappers.js';
import { SeededRand } from '../../src/sim/rand.js';

// A fixed profile, so that plugins joining the default one do not rewrite these outputs; the
// renderer has no list of plugins of its own, it prints whatever the profile ran.
const profile: Profile = {
  schedulerName: 'default-scheduler',
  plugins: [
    { plugin: nodeUnschedulable }, { plugin: nodeName }, { plugin: taintToleration, weight: 3 }, { plugin: nodeAffinity, weight: 2 },
    { plugin: nodePorts }, { plugin: nodeResourcesFit, weight: 1 }, { plugin: defaultPreemption },
    { plugin: balancedAllocation, weight: 1 }, { plugin: newImageLocality, weight: 1 },
  ],
};

const pending = (pod: Pod): ExplainSubject => ({ namespace: 'default', name: pod.metadata.name, origin: { kind: 'pending' } });

function render(pod: Pod, nodes: Node[], pods: Pod[] = [], subject = pending(pod)): string {
  const x = explain(pod, nodes, pods, profile, { rand: SeededRand.fromSeed('explain') });
  return renderExplanation(subject, x, { color: false });
}

describe('scheduler explain', () => {
  test('a taint the pod does not tolerate, on every node', () => {
    const nodes = [
      worker('control-plane').taints({ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }).obj(),
      worker('gpu-1').taints({ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }).obj(),
    ];
    expect(render(makePod('web').req({ cpu: '100m' }).obj(), nodes)).toMatchInlineSnapshot(`
      "pod/web in namespace default is pending; explained against the cluster as it is now.

      Filters (the first plugin to reject a node is the reason recorded for it):
      ┌───────────────┬───────────────────┬──────────────────────────────────────────────────────────────┐
      │ NODE          │ FILTER            │ RESULT                                                       │
      ├───────────────┼───────────────────┼──────────────────────────────────────────────────────────────┤
      │ control-plane │ NodeUnschedulable │ pass                                                         │
      │               │ NodeName          │ pass                                                         │
      │               │ TaintToleration   │ node(s) had untolerated taint                                │
      │               │                   │ {node-role.kubernetes.io/control-plane: }                    │
      │               │ NodeAffinity      │ skip (nothing to check)                                      │
      │               │ NodePorts         │ skip (nothing to check)                                      │
      │               │ NodeResourcesFit  │ pass                                                         │
      │ gpu-1         │ NodeUnschedulable │ pass                                                         │
      │               │ NodeName          │ pass                                                         │
      │               │ TaintToleration   │ node(s) had untolerated taint {dedicated: gpu}               │
      │               │ NodeAffinity      │ skip (nothing to check)                                      │
      │               │ NodePorts         │ skip (nothing to check)                                      │
      │               │ NodeResourcesFit  │ pass                                                         │
      └───────────────┴───────────────────┴──────────────────────────────────────────────────────────────┘

      Choice: none. The scheduler records FailedScheduling:
        0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.
      "
    `);
  });

  test('more cpu than any node has', () => {
    const nodes = [worker('worker-1').obj(), worker('worker-2').obj()];
    expect(render(makePod('big').req({ cpu: '100' }).obj(), nodes)).toMatchInlineSnapshot(`
      "pod/big in namespace default is pending; explained against the cluster as it is now.

      Filters (the first plugin to reject a node is the reason recorded for it):
      ┌──────────┬───────────────────┬─────────────────────────┐
      │ NODE     │ FILTER            │ RESULT                  │
      ├──────────┼───────────────────┼─────────────────────────┤
      │ worker-1 │ NodeUnschedulable │ pass                    │
      │          │ NodeName          │ pass                    │
      │          │ TaintToleration   │ pass                    │
      │          │ NodeAffinity      │ skip (nothing to check) │
      │          │ NodePorts         │ skip (nothing to check) │
      │          │ NodeResourcesFit  │ Insufficient cpu        │
      │ worker-2 │ NodeUnschedulable │ pass                    │
      │          │ NodeName          │ pass                    │
      │          │ TaintToleration   │ pass                    │
      │          │ NodeAffinity      │ skip (nothing to check) │
      │          │ NodePorts         │ skip (nothing to check) │
      │          │ NodeResourcesFit  │ Insufficient cpu        │
      └──────────┴───────────────────┴─────────────────────────┘

      Choice: none. The scheduler records FailedScheduling:
        0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.
      "
    `);
  });

  test('a nodeSelector leaves two nodes, and the emptier one wins', () => {
    const nodes = [
      worker('ssd-1').label('disk', 'ssd').obj(),
      worker('hdd-1').obj(),
      worker('ssd-2').label('disk', 'ssd').obj(),
    ];
    const busy = makePod('busy').node('ssd-1').req({ cpu: '2', memory: '4Gi' }).obj();
    expect(render(makePod('db').nodeSelector({ disk: 'ssd' }).req({ cpu: '500m', memory: '1Gi' }).obj(), nodes, [busy])).toMatchInlineSnapshot(`
      "pod/db in namespace default is pending; explained against the cluster as it is now.

      Filters (the first plugin to reject a node is the reason recorded for it):
      ┌───────┬───────────────────┬───────────────────────────────────────────────────┐
      │ NODE  │ FILTER            │ RESULT                                            │
      ├───────┼───────────────────┼───────────────────────────────────────────────────┤
      │ ssd-1 │ NodeUnschedulable │ pass                                              │
      │       │ NodeName          │ pass                                              │
      │       │ TaintToleration   │ pass                                              │
      │       │ NodeAffinity      │ pass                                              │
      │       │ NodePorts         │ skip (nothing to check)                           │
      │       │ NodeResourcesFit  │ pass                                              │
      │ hdd-1 │ NodeUnschedulable │ pass                                              │
      │       │ NodeName          │ pass                                              │
      │       │ TaintToleration   │ pass                                              │
      │       │ NodeAffinity      │ node(s) didn't match Pod's node affinity/selector │
      │       │ NodePorts         │ skip (nothing to check)                           │
      │       │ NodeResourcesFit  │ pass                                              │
      │ ssd-2 │ NodeUnschedulable │ pass                                              │
      │       │ NodeName          │ pass                                              │
      │       │ TaintToleration   │ pass                                              │
      │       │ NodeAffinity      │ pass                                              │
      │       │ NodePorts         │ skip (nothing to check)                           │
      │       │ NodeResourcesFit  │ pass                                              │
      └───────┴───────────────────┴───────────────────────────────────────────────────┘

      Scores of the feasible nodes:
      ┌───────┬─────────────────────────────────┬─────┬────────────┬────────┬──────────┐
      │ NODE  │ SCORE PLUGIN                    │ RAW │ NORMALIZED │ WEIGHT │ WEIGHTED │
      ├───────┼─────────────────────────────────┼─────┼────────────┼────────┼──────────┤
      │ ssd-1 │ TaintToleration                 │   0 │        100 │      3 │      300 │
      │       │ NodeResourcesFit                │  37 │         37 │      1 │       37 │
      │       │ NodeResourcesBalancedAllocation │ 100 │        100 │      1 │      100 │
      │       │ ImageLocality                   │   0 │          0 │      1 │        0 │
      │       │ total                           │     │            │        │      437 │
      │ ssd-2 │ TaintToleration                 │   0 │        100 │      3 │      300 │
      │       │ NodeResourcesFit                │  87 │         87 │      1 │       87 │
      │       │ NodeResourcesBalancedAllocation │ 100 │        100 │      1 │      100 │
      │       │ ImageLocality                   │   0 │          0 │      1 │        0 │
      │       │ total                           │     │            │        │      487 │
      └───────┴─────────────────────────────────┴─────┴────────────┴────────┴──────────┘

      Choice: ssd-2, the highest total score, 487.
      "
    `);
  });

  test('a tie between identical nodes, broken by the seeded generator', () => {
    const nodes = [worker('worker-1').obj(), worker('worker-2').obj(), worker('worker-3').obj()];
    expect(render(makePod('api').req({ cpu: '250m', memory: '256Mi' }).obj(), nodes)).toMatchInlineSnapshot(`
      "pod/api in namespace default is pending; explained against the cluster as it is now.

      Filters (the first plugin to reject a node is the reason recorded for it):
      ┌──────────┬───────────────────┬─────────────────────────┐
      │ NODE     │ FILTER            │ RESULT                  │
      ├──────────┼───────────────────┼─────────────────────────┤
      │ worker-1 │ NodeUnschedulable │ pass                    │
      │          │ NodeName          │ pass                    │
      │          │ TaintToleration   │ pass                    │
      │          │ NodeAffinity      │ skip (nothing to check) │
      │          │ NodePorts         │ skip (nothing to check) │
      │          │ NodeResourcesFit  │ pass                    │
      │ worker-2 │ NodeUnschedulable │ pass                    │
      │          │ NodeName          │ pass                    │
      │          │ TaintToleration   │ pass                    │
      │          │ NodeAffinity      │ skip (nothing to check) │
      │          │ NodePorts         │ skip (nothing to check) │
      │          │ NodeResourcesFit  │ pass                    │
      │ worker-3 │ NodeUnschedulable │ pass                    │
      │          │ NodeName          │ pass                    │
      │          │ TaintToleration   │ pass                    │
      │          │ NodeAffinity      │ skip (nothing to check) │
      │          │ NodePorts         │ skip (nothing to check) │
      │          │ NodeResourcesFit  │ pass                    │
      └──────────┴───────────────────┴─────────────────────────┘

      Scores of the feasible nodes:
      ┌──────────┬─────────────────────────────────┬─────┬────────────┬────────┬──────────┐
      │ NODE     │ SCORE PLUGIN                    │ RAW │ NORMALIZED │ WEIGHT │ WEIGHTED │
      ├──────────┼─────────────────────────────────┼─────┼────────────┼────────┼──────────┤
      │ worker-1 │ TaintToleration                 │   0 │        100 │      3 │      300 │
      │          │ NodeResourcesFit                │  94 │         94 │      1 │       94 │
      │          │ NodeResourcesBalancedAllocation │  98 │         98 │      1 │       98 │
      │          │ ImageLocality                   │   0 │          0 │      1 │        0 │
      │          │ total                           │     │            │        │      492 │
      │ worker-2 │ TaintToleration                 │   0 │        100 │      3 │      300 │
      │          │ NodeResourcesFit                │  94 │         94 │      1 │       94 │
      │          │ NodeResourcesBalancedAllocation │  98 │         98 │      1 │       98 │
      │          │ ImageLocality                   │   0 │          0 │      1 │        0 │
      │          │ total                           │     │            │        │      492 │
      │ worker-3 │ TaintToleration                 │   0 │        100 │      3 │      300 │
      │          │ NodeResourcesFit                │  94 │         94 │      1 │       94 │
      │          │ NodeResourcesBalancedAllocation │  98 │         98 │      1 │       98 │
      │          │ ImageLocality                   │   0 │          0 │      1 │        0 │
      │          │ total                           │     │            │        │      492 │
      └──────────┴─────────────────────────────────┴─────┴────────────┴────────┴──────────┘

      Choice: worker-1. It was a tie: worker-1, worker-2, worker-3 share the highest total score, 492. The scheduler breaks ties by reservoir sampling with the cluster's seeded generator, which from its current state picks worker-1.
      "
    `);
  });

  test('a bound pod is explained against the cluster as it is now', () => {
    const nodes = [worker('worker-1').obj(), worker('worker-2').obj()];
    const other = makePod('other').node('worker-1').req({ cpu: '1' }).obj();
    const subject: ExplainSubject = { namespace: 'default', name: 'api', origin: { kind: 'bound', node: 'worker-1' } };
    const out = render(makePod('api').req({ cpu: '250m' }).obj(), nodes, [other], subject);
    expect(out.split('\n')[0]).toBe('pod/api in namespace default is bound to worker-1; this is the decision the scheduler would make now, against the cluster as it is now, with the pod taken off its node.');
    expect(out).toContain('Choice: worker-2, the highest total score');
    expect(out).toContain('The pod is bound to worker-1: the cluster has changed since it was scheduled.\n');
  });

  test('-o json carries the same statuses and scores', () => {
    const nodes = [worker('worker-1').obj(), worker('worker-2').taints({ key: 'k', value: 'v', effect: 'NoSchedule' }).obj()];
    const pod = makePod('api').req({ cpu: '250m' }).obj();
    const x = explain(pod, nodes, [], profile, { rand: SeededRand.fromSeed('explain') });
    const j = explanationJSON(pending(pod), x) as { nodes: Array<{ name: string; status: unknown; filters: unknown[] }>; selectedNode: string };
    expect(j.selectedNode).toBe('worker-1');
    expect(j.nodes[1].status).toEqual({ code: 'UnschedulableAndUnresolvable', plugin: 'TaintToleration', reasons: ['node(s) had untolerated taint {k: v}'] });
    expect(j.nodes[0].filters).toContainEqual({ plugin: 'NodeResourcesFit', result: 'Success', reasons: [] });
  });

  test('whatever plugins the profile has are listed', () => {
    const picky = { name: 'Picky', filter: () => newStatus(Code.Unschedulable, 'node(s) were not picked') };
    const withPicky: Profile = { ...profile, plugins: [...profile.plugins, { plugin: picky }] };
    const pod = makePod('api').obj();
    const x = explain(pod, [worker('worker-1').obj()], [], withPicky, { rand: SeededRand.fromSeed('explain') });
    const out = renderExplanation(pending(pod), x, { color: false });
    expect(out).toContain('│          │ Picky             │ node(s) were not picked │\n');
    expect(out).toContain('  0/1 nodes are available: 1 node(s) were not picked. preemption: ');
  });

  test('tables fit in 100 columns', () => {
    const nodes = [worker('a-node-with-a-rather-long-name-1').taints({ key: 'a-very-long-taint-key.example.com/dedicated-to', value: 'some-team-with-a-long-name', effect: 'NoSchedule' }).obj()];
    const out = render(makePod('big').req({ cpu: '100' }).obj(), nodes);
    for (const line of out.split('\n')) if (/^[┌│├└]/.test(line)) expect(line.length).toBeLessThanOrEqual(100);
  });

  test('over 100 nodes: where filtering started, and the nodes it never reached', () => {
    // 120 nodes: numFeasibleNodesToFind is 100. From nextStartNodeIndex 110 the cycle visits
    // node-110..node-119 and node-000..node-089, finds 100 that fit, and stops.
    const nodes = Array.from({ length: 120 }, (_, i) => worker(`node-${String(i).padStart(3, '0')}`).obj());
    const pod = makePod('web').req({ cpu: '100m' }).obj();
    const x = explain(pod, nodes, [], profile, { rand: SeededRand.fromSeed('explain'), nextStartNodeIndex: 110 });
    const notEvaluated = Array.from({ length: 20 }, (_, i) => `node-${String(90 + i).padStart(3, '0')}`);
    expect(x.numNodesToFind).toBe(100);
    expect(x.startNode).toBe('node-110');
    expect(x.notEvaluated).toEqual(notEvaluated);
    expect(x.nodes.filter((n) => !n.evaluated).map((n) => n.name)).toEqual(notEvaluated);
    expect(x.nodes.filter((n) => n.scores !== undefined)).toHaveLength(100);
    const text = renderExplanation(pending(pod), x, { color: false });
    expect(text.split('\n').slice(0, 2).join('\n')).toBe(
      'pod/web in namespace default is pending; explained against the cluster as it is now.\n' +
      "Filtering started at node-110 (the scheduler's nextStartNodeIndex) and stopped once 100 nodes fit (percentageOfNodesToScore): 20 nodes were not evaluated in this cycle.");
    expect(text).toContain('│ node-095 │ (not evaluated)   │ enough feasible nodes (100) were found first │');
    const j = explanationJSON(pending(pod), x) as { notEvaluated: string[]; nodes: Array<{ name: string; evaluated?: boolean }> };
    expect(j.notEvaluated).toEqual(notEvaluated);
    expect(j.nodes.find((n) => n.name === 'node-095')?.evaluated).toBe(false);
    expect(j.nodes.find((n) => n.name === 'node-110')?.evaluated).toBeUndefined();
  });
});

function worker(name: string) {
  return makeNode(name).capacity({ cpu: '4', memory: '8Gi', pods: '110' });
}
