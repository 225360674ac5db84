// plugins/defaultpreemption/default_preemption_test.go: victim selection, candidate choice and
// the messages PostFilter adds when preemption can't help.
import { describe, expect, test } from 'vitest';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { CycleState } from '../cycle-state.js';
import { profileWithout } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { defaultProfile } from '../profile.js';
import { newFramework, schedulingCycle } from '../schedule-one.js';
import { dryRunPreemption, filterPodsWithPDBViolation, pickOneNodeForPreemption, selectVictimsOnNode, type Candidate } from './default-preemption.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudget/schema.js';
import type { ObjectLister } from '../framework.js';

const node = (name: string, cpu = '10') => makeNode(name).capacity({ cpu, memory: '10Gi', pods: '110' }).obj();
const podOn = (name: string, nodeName: string, priority: number, cpu: string, start = '2024-01-01T00:00:00Z') =>
  makePod(name).priority(priority).req({ cpu }).node(nodeName).startTime(start).obj();
const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata.name);

function cycle(pod: Pod, nodes: Node[], pods: Pod[], pdbs: PodDisruptionBudget[] = []) {
  const lister: ObjectLister = { list: <T,>(r: string) => (r === 'poddisruptionbudgets.policy' ? pdbs : []) as unknown as T[], tryGet: () => undefined };
  return schedulingCycle(newFramework(defaultProfile(), nodes, pods, lister), pod, { int: () => 0 });
}

describe('selectVictimsOnNode', () => {
  test('lower-priority pods are removed, then the most important are put back while the pod still fits', () => {
    const pods = [podOn('a', 'n1', 1, '3'), podOn('b', 'n1', 2, '3'), podOn('c', 'n1', 0, '3')];
    const fw = newFramework(defaultProfile(), [node('n1')], pods);
    const preemptor = makePod('p').priority(10).req({ cpu: '4' }).obj();
    const state = new CycleState();
    fw.runPreFilterPlugins(state, preemptor);
    const r = selectVictimsOnNode(state, preemptor, fw.nodeInfos[0].snapshot(), fw);
    expect(r.status).toBeNull();
    expect(names(r.victims)).toEqual(['c']);
  });

  test('pods of equal or higher priority are never victims', () => {
    const pods = [podOn('same', 'n1', 10, '8')];
    const fw = newFramework(defaultProfile(), [node('n1')], pods);
    const preemptor = makePod('p').priority(10).req({ cpu: '4' }).obj();
    const state = new CycleState();
    fw.runPreFilterPlugins(state, preemptor);
    const r = selectVictimsOnNode(state, preemptor, fw.nodeInfos[0].snapshot(), fw);
    expect(r.status?.message()).toBe('No preemption victims found for incoming pod');
  });

  test('when removing every lower-priority pod is not enough, the filter says why', () => {
    const pods = [podOn('low', 'n1', 0, '2'), podOn('high', 'n1', 100, '7')];
    const fw = newFramework(defaultProfile(), [node('n1')], pods);
    const preemptor = makePod('p').priority(10).req({ cpu: '4' }).obj();
    const state = new CycleState();
    fw.runPreFilterPlugins(state, preemptor);
    const r = selectVictimsOnNode(state, preemptor, fw.nodeInfos[0].snapshot(), fw);
    expect(r.status?.message()).toBe('Insufficient cpu');
  });
});

describe('pickOneNodeForPreemption', () => {
  const c = (name: string, ...victims: Pod[]): Candidate => ({ name, victims, numPDBViolations: 0 });
  test.each([
    {
      name: 'the node whose most important victim has the lowest priority',
      candidates: [c('n1', podOn('a', 'n1', 5, '1')), c('n2', podOn('b', 'n2', 3, '1'), podOn('b2', 'n2', 3, '1'))],
      want: 'n2',
    },
    {
      name: 'then the smallest sum of priorities',
      candidates: [c('n1', podOn('a', 'n1', 5, '1'), podOn('a2', 'n1', 4, '1')), c('n2', podOn('b', 'n2', 5, '1'), podOn('b2', 'n2', 1, '1'))],
      want: 'n2',
    },
    {
      name: 'then the fewest victims',
      candidates: [c('n1', podOn('a', 'n1', 5, '1'), podOn('a2', 'n1', -5, '1')), c('n2', podOn('b', 'n2', 5, '1'))],
      want: 'n2',
    },
    {
      name: 'then the latest started top-priority victims',
      candidates: [
        c('n1', podOn('a', 'n1', 5, '1', '2024-01-01T00:00:00Z')),
        c('n2', podOn('b', 'n2', 5, '1', '2024-01-02T00:00:00Z')),
      ],
      want: 'n2',
    },
    {
      name: 'then the first',
      candidates: [c('n1', podOn('a', 'n1', 5, '1')), c('n2', podOn('b', 'n2', 5, '1'))],
      want: 'n1',
    },
  ])('$name', ({ candidates, want }) => {
    expect(pickOneNodeForPreemption(candidates)?.name).toBe(want);
  });
});

describe('PostFilter messages', () => {
  test('PreFilter rejected the pod: preemption is not helpful anywhere', () => {
    const pod = makePod('p').container()
      .nodeAffinityTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] }] })
      .obj();
    const out = cycle(pod, [node('n1'), node('n2')], []);
    expect(out.kind === 'Unschedulable' && out.status.message()).toBe(
      '0/2 nodes are available: pod affinity terms conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.');
  });

  test('a PreFilterResult leaving nodes out counts them as not helpful', () => {
    const pod = makePod('p').req({ cpu: '20' }).nodeAffinityTerms({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }).obj();
    const out = cycle(pod, [node('n1'), node('n2'), node('n3')], []);
    expect(out.kind === 'Unschedulable' && out.status.message()).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. " +
      'preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.');
  });

  test('victims that would not make enough room: the filter reason is repeated', () => {
    const pods = [podOn('low', 'n1', 0, '2'), podOn('high', 'n1', 100, '7')];
    const out = cycle(makePod('p').priority(10).req({ cpu: '4' }).obj(), [node('n1')], pods);
    expect(out.kind === 'Unschedulable' && out.status.message()).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.');
  });

  test('a cordoned node and a full one', () => {
    const nodes = [makeNode('n1').capacity({ cpu: '2', pods: '110' }).unschedulable().obj(), makeNode('n2').capacity({ cpu: '2', pods: '1' }).obj()];
    const out = cycle(makePod('p').container().obj(), nodes, [podOn('x', 'n2', 0, '0')]);
    expect(out.kind === 'Unschedulable' && out.status.message()).toBe(
      '0/2 nodes are available: 1 Too many pods, 1 node(s) were unschedulable. ' +
      'preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
  });

  test('without a preemption plugin there is no suffix', () => {
    const fw = newFramework(profileWithout(defaultProfile(), 'DefaultPreemption'), [node('n1', '1')], []);
    const out = schedulingCycle(fw, makePod('p').req({ cpu: '2' }).obj(), { int: () => 0 });
    expect(out.kind === 'Unschedulable' && out.status.message()).toBe('0/1 nodes are available: 1 Insufficient cpu.');
  });
});

// TestDryRunPreemption's PodDisruptionBudget cases: nodes of 500m, pods of 200m (mediumRes) or
// 300m (largeRes), a preemptor of 500m (veryLargeRes) or 300m.
describe('preemption and PodDisruptionBudgets', () => {
  const big = (name: string) => makeNode(name).capacity({ cpu: '500m', memory: '500', pods: '110' }).obj();
  const foo = (name: string, nodeName: string, cpu = '200m') => makePod(name).label('app', 'foo').priority(100).req({ cpu, memory: '200' }).node(nodeName).obj();
  const pdb = (allowed: number, disrupted: string[] = [], selector: PodDisruptionBudget['spec'] = { selector: { matchLabels: { app: 'foo' } } }): PodDisruptionBudget => ({
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'pdb', namespace: 'default' }, spec: selector,
    status: { disruptionsAllowed: allowed, ...(disrupted.length ? { disruptedPods: Object.fromEntries(disrupted.map((n) => [n, '2024-01-01T00:00:00Z'])) } : {}) },
  });
  const lister = (pdbs: PodDisruptionBudget[]): ObjectLister => ({
    list: <T,>(resource: string) => (resource === 'poddisruptionbudgets.policy' ? pdbs : []) as unknown as T[],
    tryGet: () => undefined,
  });

  function dryRun(nodes: Node[], pods: Pod[], pdbs: PodDisruptionBudget[], cpu = '500m') {
    const fw = newFramework(defaultProfile(), nodes, pods, lister(pdbs));
    const preemptor = makePod('p').priority(1000).req({ cpu, memory: '300' }).obj();
    const state = new CycleState();
    fw.runPreFilterPlugins(state, preemptor);
    const { candidates } = dryRunPreemption(state, preemptor, fw.nodeInfos, fw, pdbs);
    return candidates.map((c) => ({ name: c.name, victims: names(c.victims).sort(), numPDBViolations: c.numPDBViolations }));
  }

  test.each([
    { name: 'preemption with violation of same pdb', pods: ['p1.1', 'p1.2'], pdb: pdb(1), want: 1 },
    { name: "the victim doesn't belong to DisruptedPods", pods: ['p1.1', 'p1.2'], pdb: pdb(1, ['p2']), want: 1 },
    { name: 'the victim belongs to DisruptedPods', pods: ['p1.1', 'p1.2'], pdb: pdb(1, ['p1.2']), want: 0 },
    { name: "the victim which belongs to DisruptedPods is treated as 'nonViolating'", pods: ['p1.1', 'p1.2', 'p1.3'], pdb: pdb(1, ['p1.3']), want: 1 },
  ])('$name', ({ pods, pdb: budget, want }) => {
    const cpu = pods.length === 3 ? '160m' : '200m';
    expect(dryRun([big('node1')], pods.map((n) => foo(n, 'node1', cpu)), [budget]))
      .toEqual([{ name: 'node1', victims: pods, numPDBViolations: want }]);
  });

  test('a budget with an empty selector protects nothing from preemption', () => {
    expect(dryRun([big('node1')], [foo('p1.1', 'node1'), foo('p1.2', 'node1')], [pdb(0, [], { selector: {} })]))
      .toEqual([{ name: 'node1', victims: ['p1.1', 'p1.2'], numPDBViolations: 0 }]);
  });

  test('violating victims are reprieved first: the pod a budget protects stays, an unprotected one goes', () => {
    // Without budgets the earlier-started `free` is the more important and is put back first.
    const protectedPod = makePod('protected').label('app', 'foo').priority(100).req({ cpu: '200m', memory: '200' }).node('node1').startTime('2024-01-02T00:00:00Z').obj();
    const pods = [protectedPod, makePod('free').priority(100).req({ cpu: '200m', memory: '200' }).node('node1').startTime('2024-01-01T00:00:00Z').obj()];
    const victimsWith = (pdbs: PodDisruptionBudget[]) => {
      const fw = newFramework(defaultProfile(), [big('node1')], pods, lister(pdbs));
      const preemptor = makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj();
      const state = new CycleState();
      fw.runPreFilterPlugins(state, preemptor);
      const r = selectVictimsOnNode(state, preemptor, fw.nodeInfos[0].snapshot(), fw, pdbs);
      return { victims: names(r.victims), numPDBViolations: r.numPDBViolations };
    };
    expect(victimsWith([])).toEqual({ victims: ['protected'], numPDBViolations: 0 });
    expect(victimsWith([pdb(0)])).toEqual({ victims: ['free'], numPDBViolations: 0 });
  });

  test('the node whose victims violate no budget is picked (TestSelectBestCandidate)', () => {
    // node1 and node3 hold app=foo pods a budget allows no disruption of; node2's pod is free.
    const pods = [foo('p1', 'node1', '300m'), makePod('p2').priority(100).req({ cpu: '300m', memory: '300' }).node('node2').obj(), foo('p3', 'node3', '300m')];
    const out = cycle(makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj(), [big('node1'), big('node2'), big('node3')], pods, [pdb(0)]);
    expect(out.kind === 'Unschedulable' && out.postFilter?.nominatedNodeName).toBe('node2');
    const withoutBudget = cycle(makePod('p').priority(1000).req({ cpu: '300m', memory: '300' }).obj(), [big('node1'), big('node2'), big('node3')], pods);
    expect(withoutBudget.kind === 'Unschedulable' && withoutBudget.postFilter?.nominatedNodeName).toBe('node1');
  });

  test('filterPodsWithPDBViolation spends the budget in order and skips other namespaces', () => {
    const other = makePod('o', 'other').label('app', 'foo').obj();
    const { violating, nonViolating } = filterPodsWithPDBViolation([foo('a', 'n'), foo('b', 'n'), other, foo('c', 'n')], [pdb(1)]);
    expect({ violating: names(violating), nonViolating: names(nonViolating) }).toEqual({ violating: ['b', 'c'], nonViolating: ['a', 'o'] });
  });
});
