// plugins/noderesources/balanced_allocation_test.go (TestNodeResourcesBalancedAllocation).
import { expect, test } from 'vitest';
import { runScore } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { balancedAllocation, balancedResourceScorer } from './balanced-allocation.js';

const node = (name: string, milliCPU: number, memory: number) => makeNode(name).capacity({ cpu: `${milliCPU}m`, memory: `${memory}` }).obj();
const cpuOnly = (n?: string) => {
  const w = makePod(`cpu-${n}-${Math.random()}`).req({ cpu: '1000m', memory: '0' }).req({ cpu: '2000m', memory: '0' });
  return (n ? w.node(n) : w).obj();
};
const cpuAndMemory = (n?: string) => {
  const w = makePod(`cm-${n}-${Math.random()}`).req({ cpu: '1000m', memory: '2000' }).req({ cpu: '2000m', memory: '3000' });
  return (n ? w.node(n) : w).obj();
};
const noResources = () => makePod('p').container().container().obj();

test.each([
  {
    name: 'nothing scheduled, nothing requested',
    pod: makePod('p').obj(), nodes: [node('node1', 4000, 10000), node('node2', 4000, 10000)], existing: [], want: [100, 100],
  },
  {
    // node1: cpu 3000/4000 = 75%, memory 5000/10000 = 50% → std 0.125 → 87; node2: 50%/50% → 100.
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: cpuAndMemory(), nodes: [node('node1', 4000, 10000), node('node2', 6000, 10000)], existing: [], want: [87, 100],
  },
  {
    name: 'no resources requested, pods without container scheduled',
    pod: makePod('p').obj(), nodes: [node('node1', 10000, 20000), node('node2', 10000, 20000)],
    existing: [makePod('a').node('node1').obj(), makePod('b').node('node2').obj()], want: [100, 100],
  },
  {
    // node1: 6000/10000 = 60%, 0/20000 → std 0.3 → 70; node2: 60%, 25% → std 0.175 → 82.
    name: 'no resources requested, pods scheduled with resources',
    pod: noResources(), nodes: [node('node1', 10000, 20000), node('node2', 10000, 20000)],
    existing: [cpuOnly('node1'), cpuOnly('node1'), cpuOnly('node2'), cpuAndMemory('node2')], want: [70, 82],
  },
  {
    // node1: 6000/10000 = 60%, 5000/20000 = 25% → 82; node2: 60%, 10000/20000 = 50% → 95.
    name: 'resources requested, pods scheduled with resources',
    pod: cpuAndMemory(), nodes: [node('node1', 10000, 20000), node('node2', 10000, 20000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')], want: [82, 95],
  },
  {
    // Fractions above 1 are capped: node1 cpu 6000/4000 → 1, memory 0 → std 0.5 → 50;
    // node2 cpu → 1, memory 5000/10000 → std 0.25 → 75.
    name: 'requested resources exceed node capacity',
    pod: cpuOnly(), nodes: [node('node1', 4000, 10000), node('node2', 4000, 10000)],
    existing: [cpuOnly('node1'), cpuAndMemory('node2')], want: [50, 75],
  },
])('$name', ({ pod, nodes, existing, want }) => {
  expect(runScore(balancedAllocation, pod, nodes, existing).map((s) => s.score)).toEqual(want);
});

test('three resources use the standard deviation around the mean', () => {
  // fractions 0.2, 0.5, 0.8: mean 0.5, std sqrt(0.06) ≈ 0.2449 → 75.
  expect(balancedResourceScorer([2, 5, 8], [10, 10, 10])).toBe(75);
  expect(balancedResourceScorer([0, 0], [0, 0])).toBe(100);
});
