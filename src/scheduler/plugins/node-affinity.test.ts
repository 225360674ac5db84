// plugins/nodeaffinity/node_affinity_test.go (TestNodeAffinity, TestNodeAffinityPriority).
import { describe, expect, test } from 'vitest';
import type { NodeSelectorRequirement, Pod } from '../../api/core/pod/schema.js';
import { CycleState } from '../cycle-state.js';
import { PreFilterResult } from '../framework.js';
import { buildNodeInfos } from '../node-info.js';
import { runFilter, runScore, summarize } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { ErrReasonPod, errReasonConflict, nodeAffinity } from './node-affinity.js';

const expr = (key: string, operator: string, ...values: string[]): NodeSelectorRequirement =>
  values.length ? { key, operator, values } : { key, operator };
const field = (operator: string, ...values: string[]): NodeSelectorRequirement => ({ key: 'metadata.name', operator, values });
const node = (labels: Record<string, string> = {}, name = 'node1') => {
  const n = makeNode(name).obj();
  n.metadata.labels = labels;
  return n;
};
const rejected = { code: 'UnschedulableAndUnresolvable', message: ErrReasonPod };

describe('Filter', () => {
  test.each<{ name: string; pod: Pod; labels?: Record<string, string>; nodeName?: string; want: ReturnType<typeof summarize>; wantPreFilter?: string[] }>([
    { name: 'missing labels', pod: makePod().nodeSelector({ foo: 'bar' }).obj(), want: rejected },
    { name: 'same labels', pod: makePod().nodeSelector({ foo: 'bar' }).obj(), labels: { foo: 'bar' }, want: null },
    { name: 'node labels are superset', pod: makePod().nodeSelector({ foo: 'bar' }).obj(), labels: { foo: 'bar', baz: 'blah' }, want: null },
    { name: 'node labels are subset', pod: makePod().nodeSelector({ foo: 'bar', baz: 'blah' }).obj(), labels: { foo: 'bar' }, want: rejected },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('foo', 'In', 'bar', 'value2')] }).obj(),
      labels: { foo: 'bar' }, want: null,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('kernel-version', 'Gt', '0204')] }).obj(),
      labels: { 'kernel-version': '0206' }, want: null,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('mem-type', 'NotIn', 'DDR', 'DDR2')] }).obj(),
      labels: { 'mem-type': 'DDR3' }, want: null,
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('GPU', 'Exists')] }).obj(),
      labels: { GPU: 'NVIDIA-GRID-K1' }, want: null,
    },
    {
      name: "Pod with affinity that don't match node's labels won't schedule onto the node",
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('foo', 'In', 'value1', 'value2')] }).obj(),
      labels: { foo: 'bar' }, want: rejected,
    },
    {
      name: "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule onto the node",
      pod: makePod().nodeAffinityTerms().obj(), labels: { foo: 'bar' }, want: rejected,
    },
    {
      name: "Pod with empty MatchExpressions is not a valid value will match no objects and won't schedule onto the node",
      pod: makePod().nodeAffinityTerms({ matchExpressions: [] }).obj(), labels: { foo: 'bar' }, want: rejected,
    },
    { name: 'Pod with no Affinity will schedule onto a node', pod: makePod().obj(), labels: { foo: 'bar' }, want: null },
    {
      name: 'Pod with Affinity but nil NodeSelector will schedule onto a node',
      pod: makePod().affinity({ nodeAffinity: {} }).obj(), labels: { foo: 'bar' }, want: null,
    },
    {
      name: 'Pod with multiple matchExpressions ANDed that matches the existing node',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'NotIn', 'AMD', 'INTER')] }).obj(),
      labels: { GPU: 'NVIDIA-GRID-K1' }, want: null,
    },
    {
      name: "Pod with multiple matchExpressions ANDed that doesn't match the existing node",
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('GPU', 'Exists'), expr('GPU', 'In', 'AMD', 'INTER')] }).obj(),
      labels: { GPU: 'NVIDIA-GRID-K1' }, want: rejected,
    },
    {
      name: "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels and will schedule onto the node",
      pod: makePod().nodeAffinityTerms(
        { matchExpressions: [expr('foo', 'In', 'bar', 'value2')] },
        { matchExpressions: [expr('diffkey', 'In', 'wrong', 'value2')] },
      ).obj(),
      labels: { foo: 'bar' }, want: null,
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      pod: makePod().nodeSelector({ foo: 'bar' }).nodeAffinityTerms({ matchExpressions: [expr('foo', 'Exists')] }).obj(),
      labels: { foo: 'bar' }, want: null,
    },
    {
      name: "Pod with an Affinity matches node's labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won't schedule onto the node",
      pod: makePod().nodeSelector({ foo: 'bar' }).nodeAffinityTerms({ matchExpressions: [expr('foo', 'Exists')] }).obj(),
      labels: { foo: 'barrrrrr' }, want: rejected,
    },
    {
      name: "Pod with an invalid value in Affinity term won't be scheduled onto the node",
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('foo', 'NotIn', 'invalid value: ___@#$%^')] }).obj(),
      labels: { foo: 'bar' }, want: rejected,
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      pod: makePod().nodeAffinityTerms({ matchFields: [field('In', 'node1')] }).obj(),
      want: null, wantPreFilter: ['node1'],
    },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      pod: makePod().nodeAffinityTerms({ matchFields: [field('In', 'node1')] }).obj(),
      nodeName: 'node2', want: rejected, wantPreFilter: ['node1'],
    },
    {
      name: 'Pod with two terms: matchFields does not match, but matchExpressions matches',
      pod: makePod().nodeAffinityTerms(
        { matchFields: [field('In', 'node1')] },
        { matchExpressions: [expr('foo', 'In', 'bar')] },
      ).obj(),
      nodeName: 'node2', labels: { foo: 'bar' }, want: null,
    },
    {
      name: 'Pod with one term: matchFields does not match, but matchExpressions matches',
      pod: makePod().nodeAffinityTerms({ matchFields: [field('In', 'node1')], matchExpressions: [expr('foo', 'In', 'bar')] }).obj(),
      nodeName: 'node2', labels: { foo: 'bar' }, want: rejected, wantPreFilter: ['node1'],
    },
    {
      name: 'Pod with one term: both matchFields and matchExpressions match',
      pod: makePod().nodeAffinityTerms({ matchFields: [field('In', 'node1')], matchExpressions: [expr('foo', 'In', 'bar')] }).obj(),
      labels: { foo: 'bar' }, want: null, wantPreFilter: ['node1'],
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      pod: makePod().nodeAffinityTerms(
        { matchFields: [field('In', 'node1')] },
        { matchExpressions: [expr('foo', 'In', 'not-match-to-bar')] },
      ).obj(),
      nodeName: 'node2', labels: { foo: 'bar' }, want: rejected,
    },
    {
      name: 'Pod with two terms of node.Name affinity',
      pod: makePod().nodeAffinityTerms({ matchFields: [field('In', 'node1')] }, { matchFields: [field('In', 'node2')] }).obj(),
      want: null, wantPreFilter: ['node1', 'node2'],
    },
    {
      name: 'Pod with two conflicting mach field requirements',
      pod: makePod().nodeAffinityTerms({ matchFields: [field('In', 'node1'), field('In', 'node2')] }).obj(),
      want: { code: 'UnschedulableAndUnresolvable', message: errReasonConflict },
    },
    {
      name: 'Gt compares integers, not strings',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('cores', 'Gt', '9')] }).obj(),
      labels: { cores: '10' }, want: null,
    },
    {
      name: 'Lt on a label that is not a number never matches',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('cores', 'Lt', '9')] }).obj(),
      labels: { cores: 'many' }, want: rejected,
    },
    {
      name: 'DoesNotExist matches a node without the label',
      pod: makePod().nodeAffinityTerms({ matchExpressions: [expr('spot', 'DoesNotExist')] }).obj(),
      labels: { foo: 'bar' }, want: null,
    },
  ])('$name', ({ pod, labels, nodeName, want, wantPreFilter }) => {
    const n = node(labels, nodeName);
    expect(summarize(runFilter(nodeAffinity, pod, n))).toEqual(want);
    if (wantPreFilter) {
      const r = nodeAffinity.preFilter(new CycleState(), pod);
      expect(r).toBeInstanceOf(PreFilterResult);
      expect([...(r as PreFilterResult).nodeNames].sort()).toEqual(wantPreFilter);
    }
  });

  test('PreFilter skips pods without node selector or required affinity', () => {
    const s = nodeAffinity.preFilter(new CycleState(), makePod().obj());
    expect(s && 'code' in s ? s.code : undefined).toBe(5);
    expect(nodeAffinity.filter(new CycleState(), makePod().obj(), buildNodeInfos([node()], [])[0])).toBeNull();
  });
});

describe('Score', () => {
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label4 = { abc: 'az11', def: 'az22' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };
  const affinity1 = makePod().affinity({
    nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 2, preference: { matchExpressions: [expr('foo', 'In', 'bar')] } }] },
  }).obj();
  const affinity2 = makePod().affinity({
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 2, preference: { matchExpressions: [expr('foo', 'In', 'bar')] } },
        { weight: 4, preference: { matchExpressions: [expr('key', 'In', 'value')] } },
        { weight: 5, preference: { matchExpressions: [expr('foo', 'In', 'bar'), expr('key', 'In', 'value'), expr('az', 'In', 'az1')] } },
      ],
    },
  }).obj();

  test.each([
    {
      name: 'all nodes are same priority as NodeAffinity is nil',
      pod: makePod().obj(),
      nodes: [node(label1, 'node1'), node(label2, 'node2'), node(label3, 'node3')],
      want: [{ name: 'node1', score: 0 }, { name: 'node2', score: 0 }, { name: 'node3', score: 0 }],
    },
    {
      name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
      pod: affinity1,
      nodes: [node(label4, 'node1'), node(label2, 'node2'), node(label3, 'node3')],
      want: [{ name: 'node1', score: 0 }, { name: 'node2', score: 0 }, { name: 'node3', score: 0 }],
    },
    {
      name: 'only node1 matches the preferred scheduling requirements of pod',
      pod: affinity1,
      nodes: [node(label1, 'node1'), node(label2, 'node2'), node(label3, 'node3')],
      want: [{ name: 'node1', score: 100 }, { name: 'node2', score: 0 }, { name: 'node3', score: 0 }],
    },
    {
      name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
      pod: affinity2,
      nodes: [node(label1, 'node1'), node(label5, 'node5'), node(label2, 'node2')],
      want: [{ name: 'node1', score: 18 }, { name: 'node5', score: 100 }, { name: 'node2', score: 36 }],
    },
  ])('$name', ({ pod, nodes, want }) => {
    expect(runScore(nodeAffinity, pod, nodes)).toEqual(want);
  });
});
