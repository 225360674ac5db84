// The pure parts of `wait` (conditionFuncFor, ConditionalWait, splitJSONPathInput) and of
// `rollout undo` (deploymentRevision, equalIgnoreHash), against kubectl 1.32's code paths.
import { describe, expect, test } from 'vitest';
import type { Deployment } from '../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../src/api/apps/replicaset/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { deploymentRevision, equalIgnoreHash } from '../../src/cli/commands/rollout/undo.js';
import { rfc3339 } from '../../src/cli/commands/rollout/restart.js';
import { conditionFor, conditionMet, splitJSONPathInput } from '../../src/cli/commands/wait.js';

describe('wait --for', () => {
  test('splitJSONPathInput splits on single = and keeps ==', () => {
    expect(splitJSONPathInput('a.b.c====d.e.f===g.h.i===')).toEqual(['a.b.c====d.e.f==', 'g.h.i==', '']);
    expect(splitJSONPathInput("{.status.conditions[?(@.type==\"Ready\")].status}=True")).toEqual(['{.status.conditions[?(@.type=="Ready")].status}', 'True']);
    expect(splitJSONPathInput('{.a}')).toEqual(['{.a}']);
  });

  test('unrecognized and malformed conditions', async () => {
    await expect(conditionFor('foo')).rejects.toThrow('unrecognized condition: "foo"');
    await expect(conditionFor('')).rejects.toThrow('unrecognized condition: ""');
    await expect(conditionFor('jsonpath=')).rejects.toThrow('jsonpath expression cannot be empty');
    await expect(conditionFor('jsonpath={.a}=')).rejects.toThrow("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    await expect(conditionFor('jsonpath={.a}=1=2')).rejects.toThrow("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    expect((await conditionFor('DELETE')).type).toBe('delete');
    expect((await conditionFor('Create')).type).toBe('create');
  });

  const pod = (status: Record<string, unknown>, generation?: number): KubeObject =>
    ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...(generation ? { generation } : {}) }, status });

  test('conditions: type and status compared case-insensitively, true by default', async () => {
    const p = pod({ conditions: [{ type: 'Ready', status: 'True' }] });
    expect(conditionMet(p, 'ready', 'true')).toBe(true);
    expect(conditionMet(p, 'Ready', 'false')).toBe(false);
    expect(conditionMet(p, 'Available', 'true')).toBe(false);
    const c = await conditionFor('condition=Ready');
    expect(c.type === 'check' && c.check(p)).toBe(true);
  });

  test('a condition observed for an older generation does not count', () => {
    const d = pod({ observedGeneration: 1, conditions: [{ type: 'Available', status: 'True' }] }, 2);
    expect(conditionMet(d, 'Available', 'True')).toBe(false);
    const fresh = pod({ observedGeneration: 2, conditions: [{ type: 'Available', status: 'True' }] }, 2);
    expect(conditionMet(fresh, 'Available', 'True')).toBe(true);
  });

  test('jsonpath: a value, any value, or errors for lists and nesting', async () => {
    const p = pod({ phase: 'Running', readyReplicas: 3, conditions: [{ type: 'Ready', status: 'True' }, { type: 'X', status: 'False' }] });
    const check = async (f: string) => {
      const c = await conditionFor(f);
      return c.type === 'check' ? c.check(p) : undefined;
    };
    expect(await check('jsonpath={.status.phase}=Running')).toBe(true);
    expect(await check("jsonpath={.status.phase}='Running'")).toBe(true);
    expect(await check('jsonpath=.status.readyReplicas=3')).toBe(true);
    expect(await check('jsonpath={.status.phase}=Pending')).toBe(false);
    expect(await check('jsonpath={.status.nope}=x')).toBe(false);
    expect(await check('jsonpath={.status.conditions}')).toBe(true);
    expect(await check('jsonpath={.status.conditions[?(@.type=="Ready")].status}=True')).toBe(true);
    await expect(check('jsonpath={.status.conditions[*].status}=True')).rejects.toThrow('given jsonpath expression matches more than one value');
    await expect(check('jsonpath={.status.conditions}=x')).rejects.toThrow('jsonpath leads to a nested object or list which is not supported');
  });
});

describe('rollout undo', () => {
  const rs = (name: string, revision: string | undefined, image: string): ReplicaSet => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, ...(revision !== undefined ? { annotations: { 'deployment.kubernetes.io/revision': revision } } : {}) },
    spec: { selector: {}, template: { metadata: { labels: { app: 'web', 'pod-template-hash': name } }, spec: { containers: [{ name: 'c', image }] } } },
  }) as ReplicaSet;
  const d = { metadata: { name: 'web' } } as Deployment;

  test('--to-revision=0 is the second newest revision; a named one must exist', () => {
    const all = [rs('a', '1', 'x:1'), rs('b', '3', 'x:3'), rs('c', '2', 'x:2'), rs('d', 'bad', 'x:4')];
    expect(deploymentRevision(d, all, 0).metadata.name).toBe('c');
    expect(deploymentRevision(d, all, 1).metadata.name).toBe('a');
    expect(() => deploymentRevision(d, all, 5)).toThrow('unable to find specified revision 5 in history');
    expect(() => deploymentRevision(d, [rs('a', '1', 'x')], 0)).toThrow('no rollout history found for deployment "web"');
  });

  test('templates compare without pod-template-hash, empty as absent', () => {
    const a = rs('a', '1', 'x').spec.template!;
    const b = { metadata: { labels: { app: 'web' }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'x', env: [] }] } };
    expect(equalIgnoreHash(a, b as never)).toBe(true);
    expect(equalIgnoreHash(a, rs('b', '2', 'y').spec.template!)).toBe(false);
  });
});

test('restartedAt is RFC 3339 in the local zone, to the second', () => {
  const stamp = rfc3339(Date.UTC(2025, 0, 1, 0, 0, 16, 789));
  expect(stamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:16(Z|[+-]\d\d:\d\d)$/);
  if (new Date(0).getTimezoneOffset() === 0) expect(stamp).toBe('2025-01-01T00:00:16Z');
});
