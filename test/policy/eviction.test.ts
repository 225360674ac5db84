// The pods/eviction subresource (eviction.go, release-1.32) against the API server: what an
// allowed eviction leaves on the pod and the budget, and the Status a refused one returns.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { PodDisruptionBudget } from '../../src/api/policy/poddisruptionbudget/schema.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { evictPod } from '../../src/apiserver/eviction.js';
import type { ApiServer } from '../../src/apiserver/server.js';
import { formatTime } from '../../src/apiserver/time.js';
import { NOW, manifest, server } from './helpers.js';

const R = 'poddisruptionbudgets.policy';

function runningPod(api: ApiServer, name: string, opts: { ready?: boolean; phase?: string; labels?: Record<string, string> } = {}): void {
  const created = api.create('pods', manifest(`apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: ${JSON.stringify(opts.labels ?? { app: 'web' })}}\n`
    + 'spec: {nodeName: node-1, containers: [{name: c, image: nginx}]}'));
  api.updateStatus('pods', { ...created, status: { phase: opts.phase ?? 'Running',
    conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True', lastProbeTime: null, lastTransitionTime: formatTime(NOW - 60_000) }] } });
}

/** A budget as the disruption controller would have left it. */
function budget(api: ApiServer, name: string, spec: string, status: Record<string, unknown>): void {
  const created = api.create(R, manifest(`apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: ${name}}\nspec: ${spec}`));
  api.updateStatus(R, { ...created, status: { observedGeneration: 1, ...status } });
}

function refusal(fn: () => void): unknown {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  return 'no error';
}

const pod = (api: ApiServer, name: string) => api.tryGet<KubeObject>('pods', 'default', name) as unknown as Pod | undefined;
const pdb = (api: ApiServer, name = 'web') => api.get<KubeObject>(R, 'default', name) as unknown as PodDisruptionBudget;

describe('pods/eviction', () => {
  test('without a budget the pod gets DisruptionTarget and is deleted gracefully', () => {
    const api = server();
    runningPod(api, 'p1');
    evictPod(api, 'default', 'p1', {}, NOW);
    const p = pod(api, 'p1')!;
    expect(p.metadata.deletionTimestamp).toBe(formatTime(NOW + 30_000));
    expect(p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toEqual({ type: 'DisruptionTarget', status: 'True',
      lastProbeTime: null, lastTransitionTime: formatTime(NOW), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' });
  });

  test('an allowed eviction takes a disruption and records the pod; the next one is refused with 429', () => {
    const api = server();
    for (const n of ['p1', 'p2', 'p3']) runningPod(api, n);
    budget(api, 'web', '{minAvailable: 2, selector: {matchLabels: {app: web}}}', { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: formatTime(NOW - 5000), reason: 'SufficientPods', message: '' }] });
    evictPod(api, 'default', 'p1', { gracePeriodSeconds: 5 }, NOW);
    expect(pod(api, 'p1')!.metadata.deletionTimestamp).toBe(formatTime(NOW + 5000));
    expect(pdb(api).status).toEqual({ observedGeneration: 1, disruptedPods: { p1: formatTime(NOW) }, disruptionsAllowed: 0,
      currentHealthy: 3, desiredHealthy: 2, expectedPods: 3,
      conditions: [{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: formatTime(NOW), reason: 'InsufficientPods', message: '' }] });
    expect(refusal(() => evictPod(api, 'default', 'p2', {}, NOW))).toEqual({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 429, reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 3 currently' }] },
    });
    expect(pod(api, 'p2')!.metadata.deletionTimestamp).toBeUndefined();
    expect(pod(api, 'p2')!.status?.conditions?.map((c) => c.type)).toEqual(['Ready']);
  });

  test('a budget the controller has not seen since its last change refuses with retry-after 10', () => {
    const api = server();
    runningPod(api, 'p1');
    budget(api, 'web', '{maxUnavailable: 1, selector: {matchLabels: {app: web}}}', { disruptionsAllowed: 1, currentHealthy: 1, desiredHealthy: 0, expectedPods: 1 });
    api.update(R, { ...pdb(api), spec: { maxUnavailable: 2, selector: { matchLabels: { app: 'web' } } } } as unknown as KubeObject);
    expect(refusal(() => evictPod(api, 'default', 'p1', {}, NOW))).toEqual({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 429, reason: 'TooManyRequests',
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { retryAfterSeconds: 10, causes: [{ reason: 'DisruptionBudget', message: 'The disruption budget web is still being processed by the server.' }] },
    });
  });

  test('two budgets over one pod: a 500 without a reason', () => {
    const api = server();
    runningPod(api, 'p1');
    budget(api, 'a', '{minAvailable: 0, selector: {matchLabels: {app: web}}}', { disruptionsAllowed: 1 });
    budget(api, 'b', '{minAvailable: 0, selector: {matchExpressions: [{key: app, operator: Exists}]}}', { disruptionsAllowed: 1 });
    expect(refusal(() => evictPod(api, 'default', 'p1', {}, NOW))).toEqual({
      kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 500, reason: '',
      message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', details: undefined,
    });
  });

  test('a budget with an empty selector guards nothing here', () => {
    const api = server();
    runningPod(api, 'p1');
    budget(api, 'all', '{minAvailable: 1, selector: {}}', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 1 });
    evictPod(api, 'default', 'p1', {}, NOW);
    expect(pod(api, 'p1')!.metadata.deletionTimestamp).toBeTruthy();
  });

  test.each([
    ['an unready pod under AlwaysAllow', { ready: false }, 'unhealthyPodEvictionPolicy: AlwaysAllow, ', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 1 }, true],
    ['an unready pod while the budget is met (IfHealthyBudget)', { ready: false }, '', { disruptionsAllowed: 0, currentHealthy: 1, desiredHealthy: 1, expectedPods: 2 }, true],
    ['an unready pod while the budget is not met', { ready: false }, '', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 1 }, false],
    ['a Pending pod', { phase: 'Pending', ready: false }, '', { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 1, expectedPods: 1 }, true],
  ])('%s: evicted = %s', (_name, podOpts, policy, status, evicted) => {
    const api = server();
    runningPod(api, 'p1', podOpts);
    budget(api, 'web', `{${policy}minAvailable: 1, selector: {matchLabels: {app: web}}}`, status);
    const r = refusal(() => evictPod(api, 'default', 'p1', {}, NOW));
    expect(r === 'no error').toBe(evicted);
    expect(!!pod(api, 'p1')?.metadata.deletionTimestamp).toBe(evicted);
    // The budget is not charged for a pod that was not healthy.
    expect(pdb(api).status?.disruptedPods).toBeUndefined();
  });

  test('a missing pod is NotFound', () => {
    expect(refusal(() => evictPod(server(), 'default', 'nope', {}, NOW))).toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });
});
