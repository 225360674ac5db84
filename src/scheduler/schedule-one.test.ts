// percentageOfNodesToScore: how many feasible nodes a cycle looks for, and the rotating start
// that spreads the cut-off over every node (pkg/scheduler/schedule_one_test.go, 1.32).
import { describe, expect, test } from 'vitest';
import { SeededRand } from '../sim/rand.js';
import type { FilterPlugin } from './framework.js';
import { buildNodeInfos } from './node-info.js';
import { Framework } from './framework.js';
import { CycleState } from './cycle-state.js';
import { numFeasibleNodesToFind, schedulePod, type CycleTrace, type NodeCursor } from './schedule-one.js';
import { Code, newStatus } from './status.js';
import { FitError } from './fit-error.js';
import { makeNode, makePod } from './testing/wrappers.js';

describe('numFeasibleNodesToFind (TestNumFeasibleNodesToFind)', () => {
  // [name, global percentage, profile percentage, numAllNodes, want]
  const cases: Array<[string, number, number | undefined, number, number]> = [
    ['not set percentageOfNodesToScore and nodes number not more than 50', 0, undefined, 10, 10],
    ['set profile percentageOfNodesToScore and nodes number not more than 50', 0, 40, 10, 10],
    ['not set percentageOfNodesToScore and nodes number more than 50', 0, undefined, 1000, 420],
    ['set profile percentageOfNodesToScore and nodes number more than 50', 0, 40, 1000, 400],
    ['set global and profile percentageOfNodesToScore and nodes number more than 50', 100, 40, 1000, 400],
    ['set global percentageOfNodesToScore and nodes number more than 50', 40, undefined, 1000, 400],
    ['not set profile percentageOfNodesToScore and nodes number more than 50*125', 0, undefined, 6000, 300],
    ['set profile percentageOfNodesToScore and nodes number more than 50*125', 0, 40, 6000, 2400],
  ];
  test.each(cases)('%s', (_name, global, profile, numAllNodes, want) => {
    expect(numFeasibleNodesToFind(global, profile, numAllNodes)).toBe(want);
  });

  test('never fewer than 100 nodes, and the adaptive percentage never below 5%', () => {
    expect(numFeasibleNodesToFind(0, undefined, 99)).toBe(99);
    expect(numFeasibleNodesToFind(0, undefined, 100)).toBe(100);
    expect(numFeasibleNodesToFind(0, 1, 500)).toBe(100);
    expect(numFeasibleNodesToFind(0, undefined, 5000)).toBe(500);
    expect(numFeasibleNodesToFind(0, undefined, 20000)).toBe(1000);
  });
});

const names = (n: number) => Array.from({ length: n }, (_, i) => `node-${String(i).padStart(3, '0')}`);

/** A filter that counts its calls and rejects the nodes it is told to. */
function countingFilter(reject: ReadonlySet<string> = new Set()) {
  const f = {
    name: 'CountingFilter',
    calls: 0,
    filter(_s: CycleState, _p: unknown, ni: { name: string }) {
      f.calls++;
      return reject.has(ni.name) ? newStatus(Code.Unschedulable, 'rejected') : null;
    },
  } satisfies FilterPlugin & { calls: number };
  return f;
}

describe('findNodesThatFitPod over many nodes', () => {
  test('TestFairEvaluationForNodes: each cycle starts where the last stopped, wrapping around', () => {
    const numAllNodes = 500;
    const fw = new Framework({ schedulerName: 'test', plugins: [{ plugin: countingFilter() }], percentageOfNodesToScore: 30 },
      buildNodeInfos(names(numAllNodes).map((n) => makeNode(n).obj()), []));
    const nodesToFind = numFeasibleNodesToFind(0, 30, numAllNodes);
    expect(nodesToFind).toBe(150);
    const cursor: NodeCursor = { nextStartNodeIndex: 0 };
    for (let i = 0; i < 2 * (Math.trunc(numAllNodes / nodesToFind) + 1); i++) {
      const r = schedulePod(fw, new CycleState(), makePod('p').obj(), SeededRand.fromSeed('x'), undefined, cursor);
      expect(r).not.toBeInstanceOf(FitError);
      expect(r).toMatchObject({ feasibleNodes: nodesToFind, evaluatedNodes: nodesToFind });
      expect(cursor.nextStartNodeIndex).toBe(((i + 1) * nodesToFind) % numAllNodes);
    }
  });

  test('filtering stops once enough nodes fit; rejected nodes count towards the rotation', () => {
    const all = names(200);
    const rejected = new Set(all.slice(10, 20));
    const plugin = countingFilter(rejected);
    const fw = new Framework({ schedulerName: 'test', plugins: [{ plugin }] }, buildNodeInfos(all.map((n) => makeNode(n).obj()), []));
    const cursor: NodeCursor = { nextStartNodeIndex: 5 };
    const trace: CycleTrace = { preFilterStatus: null, filters: new Map() };
    const r = schedulePod(fw, new CycleState(), makePod('p').obj(), SeededRand.fromSeed('x'), trace, cursor);
    // 200 nodes: 100 must fit. From node 5: 5..9 fit, 10..19 are rejected, 20..114 fit.
    expect(r).toMatchObject({ feasibleNodes: 100, evaluatedNodes: 110 });
    expect(trace.numNodesToFind).toBe(100);
    expect(trace.startIndex).toBe(5);
    expect(trace.notEvaluated).toEqual([...all.slice(115), ...all.slice(0, 5)]);
    expect(cursor.nextStartNodeIndex).toBe(115);
    // Once for the decision and once more for the trace's every-filter view, per evaluated node.
    expect(plugin.calls).toBe(2 * 110);
  });

  test('fewer than 100 nodes: every node is filtered and the start does not move', () => {
    const plugin = countingFilter();
    const fw = new Framework({ schedulerName: 'test', plugins: [{ plugin }] }, buildNodeInfos(names(99).map((n) => makeNode(n).obj()), []));
    const cursor: NodeCursor = { nextStartNodeIndex: 0 };
    const r = schedulePod(fw, new CycleState(), makePod('p').obj(), SeededRand.fromSeed('x'), undefined, cursor);
    expect(r).toMatchObject({ feasibleNodes: 99, evaluatedNodes: 99 });
    expect(plugin.calls).toBe(99);
    expect(cursor.nextStartNodeIndex).toBe(0);
  });

  test('no feasible node: every node is filtered, and the FitError counts them all', () => {
    const all = names(300);
    const fw = new Framework({ schedulerName: 'test', plugins: [{ plugin: countingFilter(new Set(all)) }] },
      buildNodeInfos(all.map((n) => makeNode(n).obj()), []));
    const cursor: NodeCursor = { nextStartNodeIndex: 17 };
    const r = schedulePod(fw, new CycleState(), makePod('p').obj(), SeededRand.fromSeed('x'), undefined, cursor);
    expect(r).toBeInstanceOf(FitError);
    expect((r as FitError).error()).toBe('0/300 nodes are available: 300 rejected.');
    expect(cursor.nextStartNodeIndex).toBe(17);
  });
});
