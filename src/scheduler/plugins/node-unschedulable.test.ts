// plugins/nodeunschedulable/node_unschedulable_test.go
import { expect, test } from 'vitest';
import { runFilter, summarize } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { ErrReasonUnschedulable, nodeUnschedulable } from './node-unschedulable.js';

const rejected = { code: 'UnschedulableAndUnresolvable', message: "node(s) were unschedulable" };

test.each([
  { name: 'unschedulable node rejects a pod without tolerations', pod: makePod().obj(), node: makeNode().unschedulable().obj(), want: rejected },
  { name: 'schedulable node (unschedulable: false)', pod: makePod().obj(), node: makeNode().unschedulable(false).obj(), want: null },
  { name: 'schedulable node (unset)', pod: makePod().obj(), node: makeNode().obj(), want: null },
  {
    name: 'a pod tolerating the unschedulable taint fits a cordoned node',
    pod: makePod().tolerations({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }).obj(),
    node: makeNode().unschedulable().obj(),
    want: null,
  },
  {
    name: 'a toleration with Exists and no key tolerates it too',
    pod: makePod().tolerations({ operator: 'Exists' }).obj(),
    node: makeNode().unschedulable().obj(),
    want: null,
  },
  {
    name: 'a NoExecute toleration does not',
    pod: makePod().tolerations({ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoExecute' }).obj(),
    node: makeNode().unschedulable().obj(),
    want: rejected,
  },
])('$name', ({ pod, node, want }) => {
  expect(summarize(runFilter(nodeUnschedulable, pod, node))).toEqual(want);
  expect(ErrReasonUnschedulable).toBe(rejected.message);
});
