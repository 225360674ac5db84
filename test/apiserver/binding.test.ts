// The pods/binding subresource as BindingREST does it: one write sets spec.nodeName and
// PodScheduled=True; a pod being deleted, already bound, gated or replaced is refused with a
// Conflict on pods/binding.
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { failure, manifest, NOW, server } from '../policy/helpers.js';

const pod = (extra = '') => manifest(`apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  containers: [{name: c, image: nginx}]
${extra}`);

describe('pods/binding', () => {
  test('sets the node and PodScheduled in one write', () => {
    const api = server();
    const created = api.create('pods', pod()) as unknown as Pod;
    const before = Number(created.metadata.resourceVersion);
    const bound = api.bind('default', 'web', 'node-1', created.metadata.uid) as unknown as Pod;
    expect(Number(bound.metadata.resourceVersion)).toBe(before + 1);
    expect(bound.spec.nodeName).toBe('node-1');
    expect(bound.status?.conditions).toEqual([
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: new Date(NOW).toISOString().replace('.000', '') },
    ]);
  });

  test('refuses a bound pod, a gated pod, a pod being deleted, and another pod of the same name', () => {
    const api = server();
    const created = api.create('pods', pod()) as unknown as Pod;
    api.bind('default', 'web', 'node-1');
    expect(failure(() => api.bind('default', 'web', 'node-2'))).toBe(
      'Conflict: Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "node-1"');

    api.create('pods', { ...pod('  schedulingGates: [{name: wait}]'), metadata: { name: 'gated', namespace: 'default' } });
    expect(failure(() => api.bind('default', 'gated', 'node-1'))).toBe(
      'Conflict: Operation cannot be fulfilled on pods/binding "gated": pod gated has non-empty .spec.schedulingGates');

    api.create('pods', { ...pod('  terminationGracePeriodSeconds: 30\n  nodeName: node-1'), metadata: { name: 'old', namespace: 'default', finalizers: ['x/y'] } });
    api.delete('pods', 'default', 'old');
    expect(failure(() => api.bind('default', 'old', 'node-1'))).toBe(
      'Conflict: Operation cannot be fulfilled on pods/binding "old": pod old is being deleted, cannot be assigned to a host');

    expect(failure(() => api.bind('default', 'web', 'node-1', 'not-the-uid'))).toBe(
      `Conflict: Operation cannot be fulfilled on pods "web": Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${created.metadata.uid}`);
  });
});
