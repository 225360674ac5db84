// rollout status's messages: the table of kubectl's polymorphichelpers/rollout_status_test.go
// (release-1.32), plus the revision pin and the progress-deadline error of Status() itself.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { daemonSetStatus, deploymentStatus, statefulSetStatus, statusViewerFor } from '../../src/cli/commands/rollout/status-viewer.js';

function deployment(generation: number, specReplicas: number, status: Record<string, unknown>, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { namespace: 'bar', name: 'foo', uid: '8764ae47-9092-11e4-8393-42010af018ff', generation, ...(annotations ? { annotations } : {}) },
    spec: { replicas: specReplicas },
    status,
  };
}

describe('DeploymentStatusViewer', () => {
  test.each([
    ['test1', 0, 1, { observedGeneration: 1, replicas: 1, updatedReplicas: 0, availableReplicas: 1, unavailableReplicas: 0 },
      'Waiting for deployment "foo" rollout to finish: 0 out of 1 new replicas have been updated...\n', false],
    ['test2', 1, 1, { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 2, unavailableReplicas: 0 },
      'Waiting for deployment "foo" rollout to finish: 1 old replicas are pending termination...\n', false],
    ['test3', 1, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 1 },
      'Waiting for deployment "foo" rollout to finish: 1 of 2 updated replicas are available...\n', false],
    ['test4', 1, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 },
      'deployment "foo" successfully rolled out\n', true],
    ['test5', 2, 2, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2, unavailableReplicas: 0 },
      'Waiting for deployment spec update to be observed...\n', false],
  ] as const)('%s', (_name, generation, replicas, status, message, done) => {
    expect(deploymentStatus(deployment(generation, replicas, status), 0)).toEqual({ message, done });
  });

  test('a Progressing condition timed out is an error', () => {
    const d = deployment(1, 3, {
      observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 0,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    expect(() => deploymentStatus(d, 0)).toThrow('deployment "foo" exceeded its progress deadline');
  });

  test('--revision pins the rollout to one revision', () => {
    const d = deployment(1, 1, { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 },
      { 'deployment.kubernetes.io/revision': '2' });
    expect(deploymentStatus(d, 2).done).toBe(true);
    expect(() => deploymentStatus(d, 3)).toThrow('desired revision (3) is different from the running revision (2)');
    // No annotation reads as revision 0; a bad one is strconv's error.
    expect(() => deploymentStatus(deployment(1, 1, {}), 1)).toThrow('desired revision (1) is different from the running revision (0)');
    expect(() => deploymentStatus(deployment(1, 1, {}, { 'deployment.kubernetes.io/revision': 'x' }), 1))
      .toThrow('cannot get the revision of deployment "foo": strconv.ParseInt: parsing "x": invalid syntax');
  });
});

function daemonSet(generation: number, status: Record<string, unknown>, type = 'RollingUpdate'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { namespace: 'bar', name: 'foo', uid: '8764ae47-9092-11e4-8393-42010af018ff', generation },
    spec: { updateStrategy: { type } },
    status,
  };
}

describe('DaemonSetStatusViewer', () => {
  test.each([
    ['test1', 0, { observedGeneration: 1, updatedNumberScheduled: 0, desiredNumberScheduled: 1, numberAvailable: 0 },
      'Waiting for daemon set "foo" rollout to finish: 0 out of 1 new pods have been updated...\n', false],
    ['test2', 1, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 1 },
      'Waiting for daemon set "foo" rollout to finish: 1 of 2 updated pods are available...\n', false],
    ['test3', 1, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 },
      'daemon set "foo" successfully rolled out\n', true],
    ['test4', 2, { observedGeneration: 1, updatedNumberScheduled: 2, desiredNumberScheduled: 2, numberAvailable: 2 },
      'Waiting for daemon set spec update to be observed...\n', false],
  ] as const)('%s', (_name, generation, status, message, done) => {
    expect(daemonSetStatus(daemonSet(generation, status))).toEqual({ message, done });
  });

  test('only RollingUpdate has a rollout status', () => {
    expect(() => daemonSetStatus(daemonSet(0, {}, 'OnDelete'))).toThrow('rollout status is only available for RollingUpdate strategy type');
  });
});

function statefulSet(generation: number, strategy: Record<string, unknown>, status: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'foo', namespace: 'default', labels: { a: 'b' }, generation },
    spec: { replicas: 3, updateStrategy: strategy },
    status,
  };
}

describe('StatefulSetStatusViewer', () => {
  test('on delete returns an error', () => {
    expect(() => statefulSetStatus(statefulSet(1, { type: 'OnDelete' },
      { observedGeneration: 1, replicas: 0, readyReplicas: 1, currentReplicas: 0, updatedReplicas: 0 }))).toThrow();
  });
  test.each([
    ['unobserved update is not complete', 2, { type: 'RollingUpdate' },
      { observedGeneration: 1, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 0 },
      'Waiting for statefulset spec update to be observed...\n', false],
    ['if all pods are not ready the update is not complete', 1, { type: 'RollingUpdate' },
      { observedGeneration: 2, replicas: 3, readyReplicas: 2, currentReplicas: 3, updatedReplicas: 0 },
      'Waiting for 1 pods to be ready...\n', false],
    ['partition update completes when all replicas above the partition are updated', 1, { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1 },
      'partitioned roll out complete: 1 new pods have been updated...\n', true],
    ['partition update is in progress if all pods above the partition have not been updated', 1, { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
      { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 0 },
      'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n', false],
    ['update completes when all replicas are current', 1, { type: 'RollingUpdate' },
      { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: 'foo', updateRevision: 'foo' },
      'statefulset rolling update complete 3 pods at revision foo...\n', true],
  ] as const)('%s', (_name, generation, strategy, status, message, done) => {
    const got = statefulSetStatus(statefulSet(generation, strategy, status));
    expect(got.message).toBe(message);
    expect(got.done).toBe(done);
  });
});

test('StatusViewerFor knows Deployments, DaemonSets and StatefulSets only', () => {
  expect(statusViewerFor('apps', 'Deployment')).toBe(deploymentStatus);
  expect(statusViewerFor('extensions', 'Deployment')).toBe(deploymentStatus);
  expect(statusViewerFor('apps', 'DaemonSet')).toBeDefined();
  expect(statusViewerFor('apps', 'StatefulSet')).toBeDefined();
  expect(statusViewerFor('apps', 'ReplicaSet')).toBeUndefined();
  expect(statusViewerFor('', 'Pod')).toBeUndefined();
});
