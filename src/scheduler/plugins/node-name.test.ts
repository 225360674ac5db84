// plugins/nodename/node_name_test.go
import { expect, test } from 'vitest';
import { runFilter, summarize } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { ErrReason, nodeName } from './node-name.js';

test.each([
  { name: 'no host specified', pod: makePod().obj(), node: makeNode('foo').obj(), want: null },
  { name: 'host matches', pod: makePod().node('foo').obj(), node: makeNode('foo').obj(), want: null },
  {
    name: 'host doesn\'t match', pod: makePod().node('bar').obj(), node: makeNode('foo').obj(),
    want: { code: 'UnschedulableAndUnresolvable', message: ErrReason },
  },
])('$name', ({ pod, node, want }) => {
  expect(summarize(runFilter(nodeName, pod, node))).toEqual(want);
});

test('the 1.32 words', () => {
  expect(ErrReason).toBe("node(s) didn't match the requested node name");
});
