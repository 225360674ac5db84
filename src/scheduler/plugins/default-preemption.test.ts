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
import { pickOneNodeForPreemption, selectVictimsOnNode, type Candidate } from './default-preemption.js';

const node = (name: string, cpu = '10') => makeNode(name).capacity({ cpu, memory: '10Gi', pods: '110' }).obj();
const podOn = (name: string, nodeName: string, priority: number, cpu: string, start = '2024-01-01T00:00:00Z') =>
  makePod(name).priority(priority).req({ cpu }).node(nodeName).startTime(start).obj();
const names = (pods: readonly Pod[]) => pods.map((p) => p.metadata.name);

function cycle(pod: Pod, nodes: Node[], pods: Pod[]) {
  return schedulingCycle(newFramework(defaultProfile(), nodes, pods), pod, { int: () => 0 });
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
