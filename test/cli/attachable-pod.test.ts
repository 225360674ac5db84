// The pod a one-pod verb uses for POD or TYPE/NAME: the object's selector, the verb's sort, and
// kubectl's words when there is no pod to choose (polymorphichelpers SelectorsForObject/GetFirstPod).
import { beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { podForObject } from '../../src/cli/attachable-pod.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { FakeCluster } from '../kubelet/harness.js';

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  // web-a: newest, ready; web-b: oldest, ready, restarted twice; web-c: oldest, not ready; other: not selected.
  addPod('web-a', { app: 'web' }, '2025-01-01T00:00:30Z', true, 0);
  addPod('web-b', { app: 'web' }, '2025-01-01T00:00:10Z', true, 2);
  addPod('web-c', { app: 'web' }, '2025-01-01T00:00:10Z', false, 0);
  addPod('other', { app: 'other' }, '2025-01-01T00:00:00Z', true, 0);
  create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } });
  create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } });
  create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bare', namespace: 'default' }, spec: {} });
  create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' } });
  create('deployments.apps', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'none', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'none' } } } });
});

const pick = (arg: string, order: 'logs' | 'attach') => {
  const r = podForObject(c.api, 'default', arg, order);
  return r && { pod: r.pod.metadata.name, message: r.message };
};

function error(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof ApiError ? `ApiError ${e.status.reason}: ${e.status.message}` : (e as Error).message;
  }
  return 'no error';
}

describe('podForObject', () => {
  test('logs: ByLogging puts the pod with more restarts before the newer one', () => {
    expect(pick('deploy/web', 'logs')).toEqual({ pod: 'web-b', message: 'Found 3 pods, using pod/web-b\n' });
    expect(pick('svc/web', 'logs')).toEqual({ pod: 'web-b', message: 'Found 3 pods, using pod/web-b\n' });
  });

  test('attach: sort.Reverse(ActivePods) prefers fewer restarts, and says nothing', () => {
    expect(pick('deployment.apps/web', 'attach')).toEqual({ pod: 'web-a', message: undefined });
  });

  test('a pod is itself, by name or pod/NAME', () => {
    expect(pick('other', 'logs')).toEqual({ pod: 'other', message: undefined });
    expect(pick('po/web-c', 'attach')).toEqual({ pod: 'web-c', message: undefined });
  });

  test('nothing selected yet: undefined, for the caller to wait', () => {
    expect(pick('deploy/none', 'logs')).toBeUndefined();
  });

  test('errors', () => {
    expect(error(() => pick('cm/cm', 'logs'))).toBe('error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented');
    expect(error(() => pick('cm/cm', 'attach'))).toBe('error: cannot attach to *v1.ConfigMap: selector for *v1.ConfigMap not implemented');
    expect(error(() => pick('svc/bare', 'attach'))).toBe("error: cannot attach to *v1.Service: invalid service 'bare': Service is defined without a selector");
    expect(error(() => pick('deploy/nope', 'attach'))).toBe('ApiError NotFound: deployments.apps "nope" not found');
    expect(error(() => pick('nope', 'attach'))).toBe('ApiError NotFound: pods "nope" not found');
    expect(error(() => pick('widgets/x', 'attach'))).toBe('error: the server doesn\'t have a resource type "widgets"');
  });
});

function create(resource: string, obj: KubeObject): void {
  c.api.create(resource, obj);
}

function addPod(name: string, labels: Record<string, string>, created: string, ready: boolean, restarts: number): void {
  create('pods', {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', labels, creationTimestamp: created },
    spec: { nodeName: 'kind-worker', containers: [{ name: 'c', image: 'busybox' }] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: '2025-01-01T00:00:40Z' }],
      containerStatuses: [{ name: 'c', image: 'busybox', imageID: '', ready, restartCount: restarts }],
    },
  });
}
