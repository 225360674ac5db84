// framework/types_test.go TestFitError_Error, plus messages a 1.32 cluster prints.
import { describe, expect, test } from 'vitest';
import { FitError, newDiagnosis, type Diagnosis } from './fit-error.js';
import { Code, NodeToStatus, newStatus } from './status.js';
import { makePod } from './testing/wrappers.js';

const pod = makePod('p').obj();
const diag = (d: Partial<Diagnosis>): Diagnosis => ({ ...newDiagnosis(), ...d });
const explicit = (entries: Record<string, string>, absent = newStatus(Code.UnschedulableAndUnresolvable)) =>
  new NodeToStatus(Object.entries(entries).map(([n, r]) => [n, newStatus(Code.Unschedulable, r)]), absent);

describe('FitError.error()', () => {
  test.each<{ name: string; numAllNodes: number; diagnosis: Diagnosis; want: string }>([
    {
      name: 'nodes failed Prefilter plugin',
      numAllNodes: 3,
      diagnosis: diag({
        preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter',
        nodeToStatus: explicit({
          node1: 'Node(s) failed PreFilter plugin FalsePreFilter',
          node2: 'Node(s) failed PreFilter plugin FalsePreFilter',
          node3: 'Node(s) failed PreFilter plugin FalsePreFilter',
        }),
      }),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter.',
    },
    {
      name: 'nodes failed Prefilter plugin and the preemption also failed',
      numAllNodes: 3,
      diagnosis: diag({
        preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter',
        nodeToStatus: explicit({
          node1: 'Node(s) failed PreFilter plugin FalsePreFilter',
          node2: 'Node(s) failed PreFilter plugin FalsePreFilter',
          node3: 'Node(s) failed PreFilter plugin FalsePreFilter',
        }),
        postFilterMsg: 'Error running PostFilter plugin FailedPostFilter',
      }),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed one Filter plugin with an empty PostFilterMsg',
      numAllNodes: 3,
      diagnosis: diag({
        nodeToStatus: explicit({
          node1: 'Node(s) failed Filter plugin FalseFilter-1',
          node2: 'Node(s) failed Filter plugin FalseFilter-1',
          node3: 'Node(s) failed Filter plugin FalseFilter-1',
        }),
      }),
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'nodes failed one Filter plugin with a non-empty PostFilterMsg',
      numAllNodes: 3,
      diagnosis: diag({
        nodeToStatus: explicit({
          node1: 'Node(s) failed Filter plugin FalseFilter-1',
          node2: 'Node(s) failed Filter plugin FalseFilter-1',
          node3: 'Node(s) failed Filter plugin FalseFilter-1',
        }),
        postFilterMsg: 'Error running PostFilter plugin FailedPostFilter',
      }),
      want: '0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed two Filter plugins with an empty PostFilterMsg',
      numAllNodes: 3,
      diagnosis: diag({
        nodeToStatus: explicit({
          node1: 'Node(s) failed Filter plugin FalseFilter-1',
          node2: 'Node(s) failed Filter plugin FalseFilter-1',
          node3: 'Node(s) failed Filter plugin FalseFilter-2',
        }),
      }),
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1.',
    },
    {
      name: 'nodes failed two Filter plugins with a non-empty PostFilterMsg',
      numAllNodes: 3,
      diagnosis: diag({
        nodeToStatus: explicit({
          node1: 'Node(s) failed Filter plugin FalseFilter-1',
          node2: 'Node(s) failed Filter plugin FalseFilter-1',
          node3: 'Node(s) failed Filter plugin FalseFilter-2',
        }),
        postFilterMsg: 'Error running PostFilter plugin FailedPostFilter',
      }),
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'failed to Permit on node',
      numAllNodes: 1,
      diagnosis: diag({ nodeToStatus: explicit({ node1: 'Node failed Permit plugin Permit-1' }) }),
      want: '0/1 nodes are available: 1 Node failed Permit plugin Permit-1.',
    },
    {
      name: 'failed to Reserve on node',
      numAllNodes: 1,
      diagnosis: diag({ nodeToStatus: explicit({ node1: 'Node failed Reserve plugin Reserve-1' }) }),
      want: '0/1 nodes are available: 1 Node failed Reserve plugin Reserve-1.',
    },
    {
      name: 'nodes failed Prefilter plugin and the preemption also failed and nodes are absent from NodeToStatus',
      numAllNodes: 3,
      diagnosis: diag({
        preFilterMsg: 'Node(s) failed PreFilter plugin FalsePreFilter',
        nodeToStatus: new NodeToStatus([], newStatus(Code.UnschedulableAndUnresolvable, 'Node(s) failed PreFilter plugin FalsePreFilter')),
        postFilterMsg: 'Error running PostFilter plugin FailedPostFilter',
      }),
      want: '0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter',
    },
    {
      name: 'nodes failed one Filter plugin with an empty PostFilterMsg and nodes are absent from NodeToStatus',
      numAllNodes: 3,
      diagnosis: diag({
        nodeToStatus: explicit({ node1: 'Node(s) failed Filter plugin FalseFilter-1' },
          newStatus(Code.UnschedulableAndUnresolvable, 'Node(s) failed Filter plugin FalseFilter-2')),
      }),
      want: '0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-1, 2 Node(s) failed Filter plugin FalseFilter-2.',
    },
  ])('$name', ({ numAllNodes, diagnosis, want }) => {
    expect(new FitError(pod, numAllNodes, diagnosis).error()).toBe(want);
  });

  test('a node with several reasons counts each; sorting is on whole strings', () => {
    const m = new NodeToStatus([
      ['cp', newStatus(Code.UnschedulableAndUnresolvable, 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }')],
      ['w1', newStatus(Code.Unschedulable, 'Insufficient cpu', 'Insufficient memory')],
      ['w2', newStatus(Code.Unschedulable, 'Insufficient cpu')],
    ]);
    expect(new FitError(pod, 3, diag({ nodeToStatus: m })).error()).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu.');
  });

  test('counts of ten or more sort before smaller ones, as Go sort.Strings does', () => {
    const entries: Array<[string, ReturnType<typeof newStatus>]> = [];
    for (let i = 0; i < 10; i++) entries.push([`w${i}`, newStatus(Code.Unschedulable, 'Insufficient cpu')]);
    entries.push(['x', newStatus(Code.Unschedulable, 'Too many pods')], ['y', newStatus(Code.Unschedulable, 'Too many pods')]);
    expect(new FitError(pod, 12, diag({ nodeToStatus: new NodeToStatus(entries) })).error()).toBe(
      '0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods.');
  });
});
