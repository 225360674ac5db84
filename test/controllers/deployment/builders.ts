// Builders shaped like upstream's test helpers (newDeployment, rs, newRSWithStatus in
// deployment_controller_test.go), so ported tables read the same, and a Dc over the in-memory
// FakeContext for calling the controller's steps one at a time.
import type { Deployment, DeploymentCondition } from '../../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../src/api/apps/replicaset/schema.js';
import type { KubeObject } from '../../../src/api/object.js';
import type { Dc } from '../../../src/controllers/deployment/deployment.js';
import { FakeContext } from '../../../src/scheduler/testing/fake-context.js';

/** newDeployment: RollingUpdate with maxSurge and maxUnavailable 0 unless given, image foo/bar. */
export function newDeployment(name: string, replicas: number, revisionHistoryLimit?: number,
  maxSurge?: number | string, maxUnavailable?: number | string, selector?: Record<string, string>): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { uid: `uid-${name}`, name, namespace: 'default', annotations: {} },
    spec: {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: maxUnavailable ?? 0, maxSurge: maxSurge ?? 0 } },
      replicas,
      selector: { ...(selector ? { matchLabels: { ...selector } } : {}) },
      template: { metadata: { ...(selector ? { labels: { ...selector } } : {}) }, spec: { containers: [{ name: '', image: 'foo/bar' }] } },
      ...(revisionHistoryLimit !== undefined ? { revisionHistoryLimit } : {}),
    },
  } as Deployment;
}

/** rs(name, replicas, selector, timestamp). */
export function rs(name: string, replicas: number, selector: Record<string, string> | undefined, timestamp: string | undefined): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, uid: `uid-${name}`, namespace: 'default', ...(timestamp ? { creationTimestamp: timestamp } : {}) },
    spec: { replicas, selector: { ...(selector ? { matchLabels: selector } : {}) }, template: { spec: { containers: [] } } },
  } as ReplicaSet;
}

/** newRSWithStatus: spec and status replicas. */
export function newRSWithStatus(name: string, specReplicas: number, statusReplicas: number, selector?: Record<string, string>): ReplicaSet {
  const r = rs(name, specReplicas, selector, undefined);
  r.status = { replicas: statusReplicas };
  return r;
}

/** newRSWithAvailable (progress_test.go). */
export function newRSWithAvailable(name: string, specReplicas: number, statusReplicas: number, availableReplicas: number): ReplicaSet {
  const r = rs(name, specReplicas, undefined, undefined);
  r.status = { replicas: statusReplicas, availableReplicas };
  return r;
}

/** currentDeployment (progress_test.go): a Recreate deployment with the given status. */
export function currentDeployment(pds: number | undefined, replicas: number, statusReplicas: number, updatedReplicas: number,
  availableReplicas: number, conditions: DeploymentCondition[] | undefined): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'progress-test', namespace: 'default', uid: 'uid-progress-test' },
    spec: {
      ...(pds !== undefined ? { progressDeadlineSeconds: pds } : {}),
      replicas,
      strategy: { type: 'Recreate' },
      selector: {},
      template: { spec: { containers: [] } },
    },
    status: { replicas: statusReplicas, updatedReplicas, availableReplicas, ...(conditions ? { conditions } : {}) },
  } as Deployment;
}

/** A Dc over a FakeContext holding the given objects, at `now`. */
export function fakeDc(objects: { deployments?: Deployment[]; replicaSets?: (ReplicaSet | undefined)[] }, now?: number): { dc: Dc; ctx: FakeContext } {
  const ctx = new FakeContext();
  if (now !== undefined) ctx.time = now;
  for (const d of objects.deployments ?? []) ctx.api.objects.set(`deployments.apps/${d.metadata.namespace ?? ''}/${d.metadata.name}`, structuredClone(d) as KubeObject);
  for (const r of objects.replicaSets ?? []) {
    if (r) ctx.api.objects.set(`replicasets.apps/${r.metadata.namespace ?? ''}/${r.metadata.name}`, structuredClone(r) as KubeObject);
  }
  return { dc: { ctx, key: 'default/foo' }, ctx };
}

/** The size a ReplicaSet has in the fake API after the step under test. */
export function sizeOf(ctx: FakeContext, name: string): number | undefined {
  return (ctx.api.tryGet<ReplicaSet>('replicasets.apps', 'default', name)?.spec.replicas);
}

/** The ReplicaSet writes the step made, in order. */
export function rsUpdates(ctx: FakeContext): ReplicaSet[] {
  return ctx.api.changes.filter((c) => c.resource === 'replicasets.apps' && c.type === 'MODIFIED').map((c) => c.object as unknown as ReplicaSet);
}
