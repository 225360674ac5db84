// plugins/tainttoleration/taint_toleration_test.go (TestTaintTolerationFilter, TestTaintTolerationScore).
import { describe, expect, test } from 'vitest';
import type { Taint } from '../../api/core/node/schema.js';
import type { Toleration } from '../../api/core/pod/schema.js';
import { runFilter, runScore, summarize } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { taintToleration } from './taint-toleration.js';

const podWithTolerations = (...t: Toleration[]) => makePod('pod1').tolerations(...t).obj();
const nodeWithTaints = (name: string, ...t: Taint[]) => makeNode(name).taints(...t).obj();
const untolerated = (message: string) => ({ code: 'UnschedulableAndUnresolvable', message });

describe('Filter', () => {
  test.each([
    {
      name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
      pod: makePod('pod0').obj(),
      node: nodeWithTaints('nodeA', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      want: untolerated('node(s) had untolerated taint {dedicated: user1}'),
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      pod: podWithTolerations({ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      node: nodeWithTaints('nodeA', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      want: null,
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      pod: podWithTolerations({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }),
      node: nodeWithTaints('nodeA', { key: 'dedicated', value: 'user1', effect: 'NoSchedule' }),
      want: untolerated('node(s) had untolerated taint {dedicated: user1}'),
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      pod: podWithTolerations({ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }),
      node: nodeWithTaints('nodeA', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: null,
    },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      pod: podWithTolerations(
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ),
      node: nodeWithTaints('nodeA',
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: null,
    },
    {
      name: "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, can't be scheduled onto the node",
      pod: podWithTolerations({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
      node: nodeWithTaints('nodeA', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: untolerated('node(s) had untolerated taint {foo: bar}'),
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      pod: podWithTolerations({ key: 'foo', operator: 'Equal', value: 'bar' }),
      node: nodeWithTaints('nodeA', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: null,
    },
    {
      name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      pod: podWithTolerations({ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }),
      node: nodeWithTaints('nodeA', { key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }),
      want: null,
    },
    {
      name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      pod: makePod('pod0').obj(),
      node: nodeWithTaints('nodeA', { key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }),
      want: null,
    },
    {
      name: 'an untolerated NoExecute taint rejects the node as well',
      pod: makePod('pod0').obj(),
      node: nodeWithTaints('nodeA', { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }),
      want: untolerated('node(s) had untolerated taint {node.kubernetes.io/unreachable: }'),
    },
    {
      name: "a kubeadm control-plane node's taint has no value",
      pod: makePod('pod0').obj(),
      node: nodeWithTaints('cp', { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }),
      want: untolerated('node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'),
    },
    {
      name: 'the first untolerated taint is the one reported',
      pod: podWithTolerations({ key: 'a', operator: 'Exists' }),
      node: nodeWithTaints('nodeA',
        { key: 'a', value: '1', effect: 'NoSchedule' },
        { key: 'b', value: '2', effect: 'NoSchedule' },
        { key: 'c', value: '3', effect: 'NoSchedule' }),
      want: untolerated('node(s) had untolerated taint {b: 2}'),
    },
    {
      name: 'an operator-less toleration without key matches only an empty key and value',
      pod: podWithTolerations({ effect: 'NoSchedule' }),
      node: nodeWithTaints('nodeA', { key: 'foo', value: 'bar', effect: 'NoSchedule' }),
      want: untolerated('node(s) had untolerated taint {foo: bar}'),
    },
  ])('$name', ({ pod, node, want }) => {
    expect(summarize(runFilter(taintToleration, pod, node))).toEqual(want);
  });
});

describe('Score', () => {
  test.each([
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      pod: podWithTolerations({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
      nodes: [
        nodeWithTaints('nodeA', { key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }),
        nodeWithTaints('nodeB', { key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }),
      ],
      want: [{ name: 'nodeA', score: 100 }, { name: 'nodeB', score: 0 }],
    },
    {
      name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
      pod: podWithTolerations(
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
      ),
      nodes: [
        nodeWithTaints('nodeA'),
        nodeWithTaints('nodeB', { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }),
        nodeWithTaints('nodeC',
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }),
      ],
      want: [{ name: 'nodeA', score: 100 }, { name: 'nodeB', score: 100 }, { name: 'nodeC', score: 100 }],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      pod: podWithTolerations({ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }),
      nodes: [
        nodeWithTaints('nodeA'),
        nodeWithTaints('nodeB', { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }),
        nodeWithTaints('nodeC',
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }),
      ],
      want: [{ name: 'nodeA', score: 100 }, { name: 'nodeB', score: 50 }, { name: 'nodeC', score: 0 }],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by prioritizer function',
      pod: podWithTolerations(
        { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
        { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
      ),
      nodes: [
        nodeWithTaints('nodeA'),
        nodeWithTaints('nodeB', { key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }),
        nodeWithTaints('nodeC',
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }),
      ],
      want: [{ name: 'nodeA', score: 100 }, { name: 'nodeB', score: 100 }, { name: 'nodeC', score: 0 }],
    },
    {
      name: 'Default behaviour No taints and tolerations, lands on node with no taints',
      pod: makePod('pod0').obj(),
      nodes: [nodeWithTaints('nodeA'), nodeWithTaints('nodeB', { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' })],
      want: [{ name: 'nodeA', score: 100 }, { name: 'nodeB', score: 0 }],
    },
  ])('$name', ({ pod, nodes, want }) => {
    expect(runScore(taintToleration, pod, nodes)).toEqual(want);
  });
});
