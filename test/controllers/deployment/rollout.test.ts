// Whole rollouts through the API server: the deployment controller with a ReplicaSet stand-in,
// pods made ready by the test between steps, on a manual clock.
import { describe, expect, test } from 'vitest';
import type { Deployment } from '../../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../src/api/apps/replicaset/schema.js';
import { deploymentController } from '../../../src/controllers/deployment/deployment.js';
import { replicaSetController } from '../../../src/controllers/replicaset.js';
import { Cluster, createDeployment, T0 } from './harness.js';

const sizes = (c: Cluster, name: string) => c.replicaSetsOf(name).map((r) => r.spec.replicas);
const revisionOf = (r: ReplicaSet) => Number(r.metadata.annotations?.['deployment.kubernetes.io/revision']);

function setImage(c: Cluster, name: string, image: string, annotations: Record<string, string> = {}): void {
  const d = c.deployment(name);
  d.spec.template.spec.containers[0].image = image;
  d.metadata.annotations = { ...d.metadata.annotations, ...annotations };
  c.api.update('deployments.apps', d);
  c.settle();
}

function conditions(d: Deployment): string[] {
  return (d.status?.conditions ?? []).map((x) => `${x.type}=${x.status} ${x.reason}: ${x.message}`);
}

describe('RollingUpdate, 10 replicas, maxSurge 3, maxUnavailable 2', () => {
  // The sizes rolling.go produces, worked out by hand (new, old):
  //   image changes:  total 10, max 13 → new RS created with min(13-10, 10) = 3      (3, 10)
  //                   maxScaledDown = 13 - (10-2) - 3 unavailable new = 2           (3, 8)
  //                   total 11 → new grows by min(13-11, 10-3) = 2                    (5, 8)
  //                   then 13 pods, 5 of them unavailable: 13 - 8 - 5 = 0, it waits.
  //   5 new ready:    13 - 8 - 0 = 5 may go; 13 available - 8 = 5 → old 8 → 3        (5, 3)
  //                   total 8 → new grows by min(13-8, 10-5) = 5                      (10, 3)
  //                   13 pods, 5 new unavailable: 13 - 8 - 5 = 0, it waits.
  //   5 more ready:   13 - 8 - 0 = 5, 13 available - 8 = 5 → old 3 → 0               (10, 0)
  test('the new and old ReplicaSets go through the sizes rolling.go gives them', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1.25', { replicas: 10, strategy: { rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    c.settle();
    const [v1] = c.replicaSetsOf('web');
    expect(v1.spec.replicas).toBe(10);
    c.markReady(c.podsOf(v1));
    expect(conditions(c.deployment('web'))).toEqual([
      'Available=True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "${v1.metadata.name}" has successfully progressed.`,
    ]);

    setImage(c, 'web', 'nginx:1.26');
    const [, v2] = c.replicaSetsOf('web');
    const state = () => [c.api.get<ReplicaSet>('replicasets.apps', 'default', v2.metadata.name).spec.replicas,
      c.api.get<ReplicaSet>('replicasets.apps', 'default', v1.metadata.name).spec.replicas];
    expect(state()).toEqual([5, 8]);
    expect(c.pods()).toHaveLength(13);

    c.markReady(c.podsOf(v2));
    expect(state()).toEqual([10, 3]);

    c.markReady(c.podsOf(v2).filter((p) => !p.status?.conditions?.length));
    expect(state()).toEqual([10, 0]);

    expect(c.deploymentEvents()).toEqual([
      `Scaled up replica set ${v1.metadata.name} from 0 to 10`,
      `Scaled up replica set ${v2.metadata.name} from 0 to 3`,
      `Scaled down replica set ${v1.metadata.name} from 10 to 8`,
      `Scaled up replica set ${v2.metadata.name} from 3 to 5`,
      `Scaled down replica set ${v1.metadata.name} from 8 to 3`,
      `Scaled up replica set ${v2.metadata.name} from 5 to 10`,
      `Scaled down replica set ${v1.metadata.name} from 3 to 0`,
    ]);
    const d = c.deployment('web');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 10, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10 });
    expect(d.status?.unavailableReplicas).toBeUndefined();
    expect(conditions(d)).toEqual([
      'Available=True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "${v2.metadata.name}" has successfully progressed.`,
    ]);
    // The old ReplicaSet stays, at zero, for rollbacks.
    expect(c.replicaSetsOf('web').map((r) => [revisionOf(r), r.spec.replicas])).toEqual([[1, 0], [2, 10]]);
  });

  test('while it rolls, the status counts both ReplicaSets and says it progresses', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1.25', { replicas: 10, strategy: { rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    c.settle();
    c.markReady(c.pods());
    c.time += 5_000;
    setImage(c, 'web', 'nginx:1.26');
    const d = c.deployment('web');
    expect(d.status).toMatchObject({ replicas: 13, updatedReplicas: 5, readyReplicas: 8, availableReplicas: 8, unavailableReplicas: 5 });
    const [, v2] = c.replicaSetsOf('web');
    expect(conditions(d)).toEqual([
      'Available=True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing=True ReplicaSetUpdated: ReplicaSet "${v2.metadata.name}" is progressing.`,
    ]);
    const progressing = d.status!.conditions!.find((x) => x.type === 'Progressing')!;
    expect(progressing.lastUpdateTime).toBe('2025-01-01T12:00:05Z');
    expect(progressing.lastTransitionTime).toBe('2025-01-01T12:00:00Z');
  });
});

describe('scaling in the middle of a rollout', () => {
  // At (new 5, old 8) the deployment is scaled from 10 to 20: a scaling event, so sync.go's
  // proportional scale() runs instead of a rollout step. Allowed 20 + 3 = 23, there are 13, 10 to
  // hand out, larger ReplicaSet first:
  //   old: round(8 × 23 / 13) - 8 = round(14.15) - 8 = 6 → 14
  //   new: round(5 × 23 / 13) - 5 = round(8.85) - 5 = 4, within the 4 left → 9
  // Then the rollout resumes and waits: 23 pods, minAvailable 18, 9 new unavailable.
  test('the additional replicas are shared in proportion', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1.25', { replicas: 10, strategy: { rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'web', 'nginx:1.26');
    expect(sizes(c, 'web')).toEqual([8, 5]);
    const d = c.deployment('web');
    d.spec.replicas = 20;
    c.api.update('deployments.apps', d);
    c.settle();
    expect(sizes(c, 'web')).toEqual([14, 9]);
    const [v1, v2] = c.replicaSetsOf('web');
    expect(c.deploymentEvents().slice(-2)).toEqual([
      `Scaled up replica set ${v1.metadata.name} from 8 to 14`,
      `Scaled up replica set ${v2.metadata.name} from 5 to 9`,
    ]);
    expect([v1, v2].map((r) => r.metadata.annotations?.['deployment.kubernetes.io/desired-replicas'])).toEqual(['20', '20']);
    expect([v1, v2].map((r) => r.metadata.annotations?.['deployment.kubernetes.io/max-replicas'])).toEqual(['23', '23']);
  });
});

describe('a new deployment', () => {
  test('gets its first ReplicaSet, revision 1, and conditions as it becomes available', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx', { replicas: 3 }, { annotations: { 'kubernetes.io/change-cause': 'first' } }));
    c.settle();
    let d = c.deployment('web');
    const [rs] = c.replicaSetsOf('web');
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
      'kubernetes.io/change-cause': 'first',
    });
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': rs.metadata.name.slice(4) });
    expect(rs.spec.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': rs.metadata.name.slice(4) } });
    expect(rs.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: d.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1', 'kubernetes.io/change-cause': 'first' });
    expect(conditions(d)).toEqual([
      'Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
      `Progressing=True ReplicaSetUpdated: ReplicaSet "${rs.metadata.name}" is progressing.`,
    ]);
    c.time += 3_000;
    c.markReady(c.pods());
    d = c.deployment('web');
    expect(conditions(d)).toEqual([
      'Available=True MinimumReplicasAvailable: Deployment has minimum availability.',
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "${rs.metadata.name}" has successfully progressed.`,
    ]);
    expect(d.status!.conditions![0]).toMatchObject({ lastUpdateTime: '2025-01-01T12:00:03Z', lastTransitionTime: '2025-01-01T12:00:03Z' });
  });

  test('with minReadySeconds, the ReplicaSet carries it', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx', { replicas: 2, minReadySeconds: 10 }));
    c.settle();
    expect(c.replicaSetsOf('web')[0].spec.minReadySeconds).toBe(10);
  });
});

describe('progressDeadlineSeconds', () => {
  test('a rollout that stops progressing times out at the deadline, one second after', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx', { replicas: 2, progressDeadlineSeconds: 60 }));
    c.settle();
    const [rs] = c.replicaSetsOf('web');
    c.advance(60_000);
    expect(conditions(c.deployment('web'))[1]).toBe(`Progressing=True ReplicaSetUpdated: ReplicaSet "${rs.metadata.name}" is progressing.`);
    c.advance(1_000);
    const d = c.deployment('web');
    expect(conditions(d)[1]).toBe(`Progressing=False ProgressDeadlineExceeded: ReplicaSet "${rs.metadata.name}" has timed out progressing.`);
    expect(d.status!.conditions!.find((x) => x.type === 'Progressing')).toMatchObject({ lastUpdateTime: '2025-01-01T12:01:01Z', lastTransitionTime: '2025-01-01T12:01:01Z' });
    expect(c.time).toBe(T0 + 61_000);
  });

  test('progress pushes the deadline back; completing clears the timer', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx', { replicas: 2, progressDeadlineSeconds: 60 }));
    c.settle();
    c.advance(40_000);
    c.markReady(c.pods().slice(0, 1));
    c.advance(40_000);
    expect(conditions(c.deployment('web'))[1]).toMatch(/^Progressing=True ReplicaSetUpdated/);
    c.advance(21_000);
    expect(conditions(c.deployment('web'))[1]).toMatch(/^Progressing=False ProgressDeadlineExceeded/);
    // Progress after the deadline: it progresses again.
    c.markReady(c.pods().slice(1));
    expect(conditions(c.deployment('web'))[1]).toMatch(/^Progressing=True NewReplicaSetAvailable/);
    expect(c.store.nextTimer()).toBeUndefined();
  });
  test('a complete rollout that loses a pod later does not time out, and nothing keeps waking it', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx', { replicas: 3, progressDeadlineSeconds: 60 }));
    c.settle();
    c.markReady(c.pods());
    c.advance(120_000);
    const [pod] = c.pods();
    c.api.updateStatus('pods', { ...pod, status: { ...pod.status, conditions: [{ type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T12:02:00Z' }] } });
    c.settle();
    const d = c.deployment('web');
    expect(d.status).toMatchObject({ replicas: 3, availableReplicas: 2, unavailableReplicas: 1 });
    expect(conditions(d)).toEqual([
      `Progressing=True NewReplicaSetAvailable: ReplicaSet "${c.replicaSetsOf('web')[0].metadata.name}" has successfully progressed.`,
      'Available=False MinimumReplicasUnavailable: Deployment does not have minimum availability.',
    ]);
    expect(c.store.nextTimer()).toBeUndefined();
  });
});

describe('Recreate', () => {
  test('the old pods are all gone before the new ReplicaSet exists', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('db', 'redis:7', { replicas: 3, strategy: { type: 'Recreate' } }));
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'db', 'redis:7.2');
    // The stand-in deletes pods at once, so the new ReplicaSet follows in the same catch-up.
    const [v1, v2] = c.replicaSetsOf('db');
    expect([v1.spec.replicas, v2.spec.replicas]).toEqual([0, 3]);
    expect(c.deploymentEvents()).toEqual([
      `Scaled up replica set ${v1.metadata.name} from 0 to 3`,
      `Scaled down replica set ${v1.metadata.name} from 3 to 0`,
      `Scaled up replica set ${v2.metadata.name} from 0 to 3`,
    ]);
    expect(v2.metadata.annotations?.['deployment.kubernetes.io/max-replicas']).toBe('3');
  });

  test('a pod that is still terminating holds the new ReplicaSet back', () => {
    const c = new Cluster();
    // Pods on a node are deleted gracefully: they stay, Terminating, until the kubelet is done.
    const d = createDeployment('db', 'redis:7', { replicas: 2, strategy: { type: 'Recreate' } });
    d.spec.template.spec.nodeName = 'node-1';
    c.api.create('deployments.apps', d);
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'db', 'redis:7.2');
    expect(sizes(c, 'db')).toEqual([0]);
    const terminating = c.pods();
    expect(terminating.map((p) => !!p.metadata.deletionTimestamp)).toEqual([true, true]);
    c.api.delete('pods', 'default', terminating[0].metadata.name, { gracePeriodSeconds: 0 });
    c.settle();
    expect(sizes(c, 'db')).toEqual([0]);
    // The last old pod gone: deletePod wakes the deployment.
    c.api.delete('pods', 'default', terminating[1].metadata.name, { gracePeriodSeconds: 0 });
    c.settle();
    expect(sizes(c, 'db')).toEqual([0, 2]);
  });
});

describe('paused', () => {
  test('a paused deployment does not roll out, scales proportionally, and says so', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 4 }));
    c.settle();
    c.markReady(c.pods());
    let d = c.deployment('web');
    d.spec.paused = true;
    c.api.update('deployments.apps', d);
    c.settle();
    expect(conditions(c.deployment('web'))[1]).toBe('Progressing=Unknown DeploymentPaused: Deployment is paused');
    setImage(c, 'web', 'nginx:2');
    expect(c.replicaSetsOf('web')).toHaveLength(1);
    d = c.deployment('web');
    d.spec.replicas = 6;
    c.api.update('deployments.apps', d);
    c.settle();
    expect(sizes(c, 'web')).toEqual([6]);
    d = c.deployment('web');
    d.spec.paused = false;
    c.api.update('deployments.apps', d);
    c.settle();
    expect(c.replicaSetsOf('web')).toHaveLength(2);
    expect(conditions(c.deployment('web'))[1]).toMatch(/^Progressing=True ReplicaSetUpdated/);
    expect(c.deploymentEvents().slice(1, 3)).toEqual([
      `Scaled up replica set ${c.replicaSetsOf('web')[0].metadata.name} from 4 to 6`,
      `Scaled up replica set ${c.replicaSetsOf('web')[1].metadata.name} from 0 to 2`,
    ]);
  });
});

describe('history', () => {
  test('revisionHistoryLimit keeps that many old ReplicaSets, the oldest go first', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 1, revisionHistoryLimit: 2 }));
    c.settle();
    c.markReady(c.pods());
    for (const v of [2, 3, 4, 5]) {
      setImage(c, 'web', `nginx:${v}`);
      c.markReady(c.pods().filter((p) => !p.status?.conditions?.length));
    }
    expect(c.replicaSetsOf('web').map(revisionOf).sort()).toEqual([3, 4, 5]);
  });

  test('kubernetes.io/change-cause follows the template to its ReplicaSet', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 1 }, { annotations: { 'kubernetes.io/change-cause': 'create' } }));
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'web', 'nginx:2', { 'kubernetes.io/change-cause': 'kubectl set image deployment/web nginx=nginx:2' });
    const [v1, v2] = c.replicaSetsOf('web');
    expect(v1.metadata.annotations?.['kubernetes.io/change-cause']).toBe('create');
    expect(v2.metadata.annotations?.['kubernetes.io/change-cause']).toBe('kubectl set image deployment/web nginx=nginx:2');
  });

  test('going back to an old template reuses its ReplicaSet with the next revision (rollout undo)', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 2 }));
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'web', 'nginx:2');
    c.markReady(c.pods().filter((p) => !p.status?.conditions?.length));
    setImage(c, 'web', 'nginx:1');
    const [v1, v2] = c.replicaSetsOf('web');
    expect(c.replicaSetsOf('web')).toHaveLength(2);
    expect(v1.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(revisionOf(v2)).toBe(2);
    expect(c.deployment('web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  test('the deprecated rollbackTo annotation rolls back on the server', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 1 }));
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'web', 'nginx:2');
    const d = c.deployment('web');
    d.metadata.annotations = { ...d.metadata.annotations, 'deprecated.deployment.rollback.to': '0' };
    c.api.update('deployments.apps', d);
    c.settle();
    const after = c.deployment('web');
    expect(after.spec.template.spec.containers[0].image).toBe('nginx:1');
    expect(after.metadata.annotations?.['deprecated.deployment.rollback.to']).toBeUndefined();
    expect(c.events.filter((e) => e.reason === 'DeploymentRollback').map((e) => e.message)).toEqual(['Rolled back deployment "web" to revision 1']);
  });
});

describe('ownership', () => {
  test('an orphan ReplicaSet the selector matches is adopted; one it no longer matches is released', () => {
    const c = new Cluster();
    c.api.create('replicasets.apps', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: 'web-orphan', labels: { app: 'web' } },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:0' }] } } },
    } as ReplicaSet);
    c.settle();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 1 }));
    c.settle();
    const orphan = c.api.get<ReplicaSet>('replicasets.apps', 'default', 'web-orphan');
    expect(orphan.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true });
    // Adopted as an old ReplicaSet: it is scaled down as the new one becomes available.
    c.markReady(c.pods().filter((p) => !p.status?.conditions?.length));
    expect(c.api.get<ReplicaSet>('replicasets.apps', 'default', 'web-orphan').spec.replicas).toBe(0);
    const rs = c.api.get<ReplicaSet>('replicasets.apps', 'default', 'web-orphan');
    rs.metadata.labels = { app: 'other' };
    c.api.update('replicasets.apps', rs);
    c.settle();
    expect(c.api.get<ReplicaSet>('replicasets.apps', 'default', 'web-orphan').metadata.ownerReferences).toBeUndefined();
  });

  test('a ReplicaSet with the new name but another template is a hash collision: collisionCount goes up', () => {
    const c = new Cluster();
    const spec = createDeployment('web', 'nginx:1', { replicas: 1 });
    c.api.create('deployments.apps', spec);
    c.settle();
    const [first] = c.replicaSetsOf('web');
    // Someone takes the name the next template hashes to, with other content.
    c.api.delete('replicasets.apps', 'default', first.metadata.name);
    c.api.create('replicasets.apps', {
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: { name: first.metadata.name, labels: { app: 'squatter' } },
      spec: { replicas: 0, selector: { matchLabels: { app: 'squatter' } }, template: { metadata: { labels: { app: 'squatter' } }, spec: { containers: [{ name: 'x', image: 'x' }] } } },
    } as ReplicaSet);
    c.settle();
    // The error is retried with back-off; the next sync uses the collision count.
    c.advance(1_000);
    const d = c.deployment('web');
    expect(d.status?.collisionCount).toBe(1);
    const names = c.replicaSetsOf('web').map((r) => r.metadata.name);
    expect(names).toHaveLength(1);
    expect(names[0]).not.toBe(first.metadata.name);
    expect(names[0]).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});

describe('with the ReplicaSet controller', () => {
  const real = () => new Cluster([deploymentController, replicaSetController]);

  test('the same rolling update, the same sizes', () => {
    const c = real();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1.25', { replicas: 10, strategy: { rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    c.settle();
    c.markReady(c.pods());
    setImage(c, 'web', 'nginx:1.26');
    expect(sizes(c, 'web')).toEqual([8, 5]);
    const [v1, v2] = c.replicaSetsOf('web');
    c.markReady(c.podsOf(v2));
    expect(sizes(c, 'web')).toEqual([3, 10]);
    c.markReady(c.podsOf(c.api.get('replicasets.apps', 'default', v2.metadata.name)).filter((p) => !p.status?.conditions?.length));
    expect(sizes(c, 'web')).toEqual([0, 10]);
    expect(c.deploymentEvents()).toEqual([
      `Scaled up replica set ${v1.metadata.name} from 0 to 10`,
      `Scaled up replica set ${v2.metadata.name} from 0 to 3`,
      `Scaled down replica set ${v1.metadata.name} from 10 to 8`,
      `Scaled up replica set ${v2.metadata.name} from 3 to 5`,
      `Scaled down replica set ${v1.metadata.name} from 8 to 3`,
      `Scaled up replica set ${v2.metadata.name} from 5 to 10`,
      `Scaled down replica set ${v1.metadata.name} from 3 to 0`,
    ]);
  });

  test('minReadySeconds: ready pods count as available only after it, and only then do old ones go', () => {
    const c = real();
    c.api.create('deployments.apps', createDeployment('web', 'nginx:1', { replicas: 2, minReadySeconds: 10, strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    c.settle();
    c.markReady(c.pods());
    c.advance(11_000);
    expect(c.deployment('web').status?.availableReplicas).toBe(2);
    setImage(c, 'web', 'nginx:2');
    const [, v2] = c.replicaSetsOf('web');
    c.markReady(c.podsOf(v2));
    expect(sizes(c, 'web')).toEqual([2, 1]);
    c.advance(10_000);
    expect(sizes(c, 'web')).toEqual([2, 1]);
    c.advance(1_000);
    expect(sizes(c, 'web')).toEqual([1, 2]);
  });
});
