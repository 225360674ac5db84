// The StatefulSet controller in-process, on a manual clock: the real API server over a memory
// store and the real control loop with the StatefulSet controller alone (no scheduler, no
// kubelet): pods are made Running and Ready by hand, and an unscheduled pod is deleted at once,
// as the API server does for pods no kubelet holds. Expected names, labels, ordering, revisions,
// status and Events follow pkg/controller/statefulset (release-1.32).
import { describe, expect, it } from 'vitest';
import type { ControllerRevision } from '../../src/api/apps/controllerrevision/schema.js';
import type { StatefulSet } from '../../src/api/apps/statefulset/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import type { Api } from '../../src/apiserver/api.js';
import { forbidden } from '../../src/apiserver/errors.js';
import { formatTime } from '../../src/apiserver/time.js';
import { statefulSetStatus } from '../../src/cli/commands/rollout/status-viewer.js';
import { getPatchBytes, hashControllerRevision, newControllerRevision } from '../../src/controllers/history.js';
import { statefulSetController } from '../../src/controllers/statefulset/statefulset.js';
import { garbageCollector } from '../../src/controllers/garbage-collector.js';
import { Bench } from './replicaset-harness.js';

const STS = 'statefulsets.apps';

class StsBench extends Bench {
  readonly stsLoop = this.loop([statefulSetController]);
  run(): void {
    this.stsLoop.advanceTo(this.now);
  }
  sts(name = 'web'): StatefulSet {
    return this.api.get<KubeObject>(STS, 'default', name) as unknown as StatefulSet;
  }
  /** The pods by name, each with the revision it was made from. */
  podRevisions(): Record<string, string> {
    return Object.fromEntries(this.pods().sort(byName).map((p) => [p.metadata.name, p.metadata.labels?.['controller-revision-hash'] ?? '']));
  }
  names(): string[] {
    return this.pods().map((p) => p.metadata.name).sort(byOrdinal);
  }
  /** What a kubelet would report for a started pod: Running, and Ready from now. */
  makeReady(...names: string[]): void {
    for (const p of this.pods()) {
      if (names.length && !names.includes(p.metadata.name)) continue;
      if (p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue;
      this.api.updateStatus('pods', { ...(p as unknown as KubeObject), status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(this.now) }],
      } });
    }
    this.run();
  }
  /** Makes every pod ready, one sync at a time, until nothing new appears. */
  readyAll(): void {
    for (let i = 0; i < 20; i++) {
      const before = JSON.stringify(this.podRevisions());
      this.makeReady();
      if (JSON.stringify(this.podRevisions()) === before && this.pods().every((p) => p.status?.phase === 'Running')) return;
    }
  }
  revisions(): ControllerRevision[] {
    return (this.api.list<KubeObject>('controllerrevisions.apps', { namespace: 'default' }) as unknown as ControllerRevision[])
      .sort((a, b) => a.revision - b.revision);
  }
  update(edit: (s: StatefulSet) => void): void {
    const cur = this.sts();
    edit(cur);
    this.api.update(STS, cur as unknown as KubeObject);
    this.run();
  }
  messages(): string[] {
    return this.events.map((e) => `${e.type} ${e.reason} ${e.message}`);
  }
}

const byName = (a: Pod, b: Pod) => a.metadata.name.localeCompare(b.metadata.name);
const byOrdinal = (a: string, b: string) => Number(a.split('-').pop()) - Number(b.split('-').pop());

function statefulSet(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      serviceName: 'nginx', replicas: 3,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }] } },
      ...spec,
    },
  } as KubeObject;
}

const created = (...names: string[]) => names.map((n) => `Normal SuccessfulCreate create Pod ${n} in StatefulSet web successful`);
const deleted = (...names: string[]) => names.map((n) => `Normal SuccessfulDelete delete Pod ${n} in StatefulSet web successful`);

describe('HashControllerRevision', () => {
  it('is FNV-1 (not FNV-1a) of the data, then the collision count, in the name alphabet', () => {
    // FNV-1 32 of "a" is 0x050c5d7e = 84696446; SafeEncodeString maps each digit into the alphabet.
    expect(hashControllerRevision('a')).toBe('d8bfb88b');
    expect(hashControllerRevision('a', 0)).not.toBe(hashControllerRevision('a', 1));
  });

  it('names a revision as a real cluster does', () => {
    // The revision a kubeadm cluster made for `nginx-sts` (image nginx, labels app=nginx-sts):
    // its data, and its name nginx-sts-6798d68dcd, as `kubectl get controllerrevision -o yaml` showed them.
    const set = { metadata: { name: 'nginx-sts' }, spec: { template: {
      metadata: { creationTimestamp: null, labels: { app: 'nginx-sts' } },
      spec: {
        containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
        dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
      },
    } } } as unknown as StatefulSet;
    expect(newControllerRevision(set, 'StatefulSet', getPatchBytes(set), 1, 0).metadata.name).toBe('nginx-sts-6798d68dcd');
  });
});

describe('StatefulSet controller', () => {
  it('OrderedReady: creates web-0, and each next ordinal only once the one before is Running and Ready', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet());
    b.settled();
    b.run();
    expect(b.names()).toEqual(['web-0']);
    const set = b.sts();
    const revision = b.revisions()[0];
    expect(revision.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    expect(revision.metadata.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': revision.metadata.name.slice(4) });
    const pod = b.pod('web-0')!;
    expect(pod.metadata.labels).toEqual({
      app: 'nginx', 'apps.kubernetes.io/pod-index': '0', 'controller-revision-hash': revision.metadata.name, 'statefulset.kubernetes.io/pod-name': 'web-0',
    });
    expect(pod.metadata.generateName).toBe('web-');
    expect([pod.spec.hostname, pod.spec.subdomain]).toEqual(['web-0', 'nginx']);
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: set.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    expect(set.status).toEqual({
      availableReplicas: 0, collisionCount: 0, currentReplicas: 1, currentRevision: revision.metadata.name, observedGeneration: 1,
      replicas: 1, updateRevision: revision.metadata.name, updatedReplicas: 1,
    });
    expect(b.messages()).toEqual(created('web-0'));

    // Running but not Ready is not enough.
    b.api.updateStatus('pods', { ...(pod as unknown as KubeObject), status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }] } });
    b.run();
    expect(b.names()).toEqual(['web-0']);
    b.makeReady('web-0');
    expect(b.names()).toEqual(['web-0', 'web-1']);
    b.makeReady('web-1');
    expect(b.names()).toEqual(['web-0', 'web-1', 'web-2']);
    b.makeReady('web-2');
    expect(b.messages()).toEqual(created('web-0', 'web-1', 'web-2'));
    expect(b.sts().status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3 });
    expect(statefulSetStatus(b.sts() as unknown as KubeObject).message).toBe('partitioned roll out complete: 3 new pods have been updated...\n');
  });

  it('OrderedReady with minReadySeconds: the next ordinal waits until the one before has been ready that long', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ replicas: 2, minReadySeconds: 10 }));
    b.run();
    b.makeReady('web-0');
    expect(b.names()).toEqual(['web-0']);
    expect(b.sts().status).toMatchObject({ readyReplicas: 1, availableReplicas: 0 });
    b.now += 10_000;
    b.run();
    // Available only once strictly more than minReadySeconds have passed.
    expect(b.names()).toEqual(['web-0']);
    b.now += 1_000;
    b.run();
    expect(b.names()).toEqual(['web-0', 'web-1']);
    expect(b.sts().status).toMatchObject({ readyReplicas: 1, availableReplicas: 1 });
  });

  it('scales down from the highest ordinal, one pod at a time', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ replicas: 4 }));
    b.run();
    b.readyAll();
    expect(b.names()).toEqual(['web-0', 'web-1', 'web-2', 'web-3']);
    b.settled();
    b.update((s) => { s.spec.replicas = 1; });
    expect(b.names()).toEqual(['web-0']);
    expect(b.messages()).toEqual(deleted('web-3', 'web-2', 'web-1'));
    expect(b.sts().status).toMatchObject({ replicas: 1, readyReplicas: 1, currentReplicas: 1 });
  });

  it('OrderedReady: a live pod that is not ready holds back the scale-down', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet());
    b.run();
    b.readyAll();
    const p0 = b.pod('web-0')!;
    b.api.updateStatus('pods', { ...(p0 as unknown as KubeObject), status: { ...p0.status, conditions: [{ type: 'Ready', status: 'False' }] } });
    b.run();
    b.settled();
    b.update((s) => { s.spec.replicas = 1; });
    expect(b.names()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(b.messages()).toEqual([]);
    b.makeReady('web-0');
    expect(b.names()).toEqual(['web-0']);
    expect(b.messages()).toEqual(deleted('web-2', 'web-1'));
  });

  it('Parallel: creates and deletes every pod at once', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ podManagementPolicy: 'Parallel' }));
    b.run();
    expect(b.names()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(b.messages()).toEqual(created('web-0', 'web-1', 'web-2'));
    b.settled();
    b.update((s) => { s.spec.replicas = 0; });
    expect(b.names()).toEqual([]);
    expect(b.messages()).toEqual(deleted('web-2', 'web-1', 'web-0'));
  });

  it('RollingUpdate with a partition: replaces pods at or above it from the highest ordinal down', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }));
    b.run();
    b.readyAll();
    const [r1] = b.revisions().map((r) => r.metadata.name);
    b.settled();
    b.update((s) => { s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    const [, r2] = b.revisions().map((r) => r.metadata.name);
    expect(b.revisions().map((r) => r.revision)).toEqual([1, 2]);
    // web-2 was deleted and recreated from the update revision; web-1 waits for it to be ready.
    expect(b.podRevisions()).toEqual({ 'web-0': r1, 'web-1': r1, 'web-2': r2 });
    expect(b.messages()).toEqual([...deleted('web-2'), ...created('web-2')]);
    expect(statefulSetStatus(b.sts() as unknown as KubeObject).message).toBe('Waiting for 1 pods to be ready...\n');
    b.makeReady('web-2');
    expect(b.podRevisions()).toEqual({ 'web-0': r1, 'web-1': r2, 'web-2': r2 });
    b.makeReady('web-1');
    expect(b.podRevisions()).toEqual({ 'web-0': r1, 'web-1': r2, 'web-2': r2 });
    expect(b.sts().status).toMatchObject({ currentRevision: r1, updateRevision: r2, currentReplicas: 1, updatedReplicas: 2, readyReplicas: 3 });
    expect(statefulSetStatus(b.sts() as unknown as KubeObject).message).toBe('partitioned roll out complete: 2 new pods have been updated...\n');
    // Lowering the partition finishes the rollout; the update revision becomes the current one.
    b.update((s) => { s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }; });
    b.readyAll();
    expect(b.podRevisions()).toEqual({ 'web-0': r2, 'web-1': r2, 'web-2': r2 });
    expect(b.sts().status).toMatchObject({ currentRevision: r2, updateRevision: r2, currentReplicas: 3, updatedReplicas: 3 });
  });

  it('rolling back to an earlier template reuses its revision under the next number', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ replicas: 1 }));
    b.run();
    b.readyAll();
    b.update((s) => { s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    b.readyAll();
    b.update((s) => { s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.24'; });
    b.readyAll();
    const revs = b.revisions();
    expect(revs.map((r) => r.revision)).toEqual([2, 3]);
    expect(b.podRevisions()).toEqual({ 'web-0': revs[1].metadata.name });
    expect(b.sts().status?.currentRevision).toBe(revs[1].metadata.name);
  });

  it('OnDelete: a new template reaches a pod only when the pod is deleted', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ updateStrategy: { type: 'OnDelete' } }));
    b.run();
    b.readyAll();
    const [r1] = b.revisions().map((r) => r.metadata.name);
    b.update((s) => { s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.27'; });
    const [, r2] = b.revisions().map((r) => r.metadata.name);
    expect(r2).not.toBe(r1);
    expect(b.podRevisions()).toEqual({ 'web-0': r1, 'web-1': r1, 'web-2': r1 });
    b.api.delete('pods', 'default', 'web-1');
    b.run();
    expect(b.podRevisions()).toEqual({ 'web-0': r1, 'web-1': r2, 'web-2': r1 });
    expect(b.sts().status).toMatchObject({ currentRevision: r1, updateRevision: r2, currentReplicas: 2, updatedReplicas: 1 });
  });

  it('recreates a failed pod under the same name', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ replicas: 1 }));
    b.run();
    b.readyAll();
    const uid = b.pod('web-0')!.metadata.uid;
    b.settled();
    b.api.updateStatus('pods', { ...(b.pod('web-0') as unknown as KubeObject), status: { phase: 'Failed' } });
    b.run();
    expect(b.pod('web-0')!.metadata.uid).not.toBe(uid);
    expect(b.messages()).toEqual([
      'Warning RecreatingFailedPod StatefulSet default/web is recreating failed Pod web-0', ...deleted('web-0'), ...created('web-0'),
    ]);
  });

  it('gives each pod a claim volume per volume claim template, before the template\'s own volumes', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({
      replicas: 1,
      template: { metadata: { labels: { app: 'nginx' } }, spec: {
        containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }], volumes: [{ name: 'config', configMap: { name: 'cfg' } }],
      } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    }));
    b.run();
    expect(b.pod('web-0')!.spec.volumes!.slice(0, 2)).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } },
      { name: 'config', configMap: { name: 'cfg', defaultMode: 420 } },
    ]);
  });

  it('a revision carries the set\'s annotations, so rollout history shows their change-cause', () => {
    const b = new StsBench();
    b.api.create(STS, { ...statefulSet({ replicas: 1 }), metadata: { name: 'web', namespace: 'default', annotations: { 'kubernetes.io/change-cause': 'first' } } } as KubeObject);
    b.run();
    b.readyAll();
    b.update((s) => {
      s.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27' };
      s.spec.template.spec.containers[0].image = 'registry.k8s.io/nginx-slim:0.27';
    });
    expect(b.revisions().map((r) => [r.revision, r.metadata.annotations])).toEqual([
      [1, { 'kubernetes.io/change-cause': 'first' }],
      [2, { 'kubernetes.io/change-cause': 'kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27' }],
    ]);
  });

  it('keeps at most revisionHistoryLimit unused revisions', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ replicas: 1, revisionHistoryLimit: 1 }));
    b.run();
    b.readyAll();
    for (const tag of ['0.25', '0.26', '0.27']) {
      b.update((s) => { s.spec.template.spec.containers[0].image = `registry.k8s.io/nginx-slim:${tag}`; });
      b.readyAll();
    }
    // The live revision and one more.
    expect(b.revisions().map((r) => r.revision)).toEqual([3, 4]);
  });
});

describe('StatefulSet claims (volumeClaimTemplates)', () => {
  const CLAIMS = 'persistentvolumeclaims';
  const withClaims = (spec: Record<string, unknown> = {}) => statefulSet({
    volumeClaimTemplates: [{ metadata: { name: 'www', labels: { tier: 'web' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    ...spec,
  });

  class GcBench extends StsBench {
    readonly withGc = this.loop([statefulSetController, garbageCollector]);
    override run(): void {
      this.withGc.advanceTo(this.now);
    }
    claims(): Record<string, string> {
      return Object.fromEntries((this.api.list<KubeObject>(CLAIMS, { namespace: 'default' }))
        .filter((c) => !c.metadata.deletionTimestamp)
        .map((c) => [c.metadata.name, (c.metadata.ownerReferences ?? []).map((r) => `${r.kind}/${r.name}`).join(',')]));
    }
  }

  it('creates each pod\'s claims before the pod, labelled with the selector, and keeps them through scale-down and back', () => {
    const b = new GcBench();
    b.api.create(STS, withClaims());
    b.settled();
    b.run();
    const claim = b.api.get<KubeObject>(CLAIMS, 'default', 'www-web-0') as any;
    expect(claim.metadata.labels).toEqual({ tier: 'web', app: 'nginx' });
    expect(claim.spec).toMatchObject({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' });
    expect(b.messages()).toEqual(['Normal SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success', ...created('web-0')]);
    b.readyAll();
    expect(b.claims()).toEqual({ 'www-web-0': '', 'www-web-1': '', 'www-web-2': '' });
    b.update((s) => { s.spec.replicas = 1; });
    expect(b.names()).toEqual(['web-0']);
    // Retain / Retain: the claims outlive their pods.
    expect(b.claims()).toEqual({ 'www-web-0': '', 'www-web-1': '', 'www-web-2': '' });
    b.settled();
    b.update((s) => { s.spec.replicas = 3; });
    b.readyAll();
    expect(b.names()).toEqual(['web-0', 'web-1', 'web-2']);
    // The old claims are used again: only pods were created.
    expect(b.messages()).toEqual(created('web-1', 'web-2'));
  });

  it('a deleted pod comes back to the same claim', () => {
    const b = new GcBench();
    b.api.create(STS, withClaims({ replicas: 1 }));
    b.run();
    b.readyAll();
    const uid = (b.api.get<KubeObject>(CLAIMS, 'default', 'www-web-0')).metadata.uid;
    b.api.delete('pods', 'default', 'web-0');
    b.run();
    expect(b.pod('web-0')!.spec.volumes![0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    expect(b.api.get<KubeObject>(CLAIMS, 'default', 'www-web-0').metadata.uid).toBe(uid);
  });

  it('whenScaled: Delete hands a scaled-down pod\'s claims to the pod, and they go with it', () => {
    const b = new GcBench();
    b.api.create(STS, withClaims({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }));
    b.run();
    b.readyAll();
    expect(b.claims()).toEqual({ 'www-web-0': '', 'www-web-1': '', 'www-web-2': '' });
    b.update((s) => { s.spec.replicas = 1; });
    b.run();
    expect(b.names()).toEqual(['web-0']);
    expect(b.claims()).toEqual({ 'www-web-0': '' });
  });

  it('whenScaled: Delete: a new pod waits while the old pod\'s claim is still owned by it', () => {
    // No garbage collector here: the claim the scaled-down pod owned stays until removed by hand.
    const b = new StsBench();
    b.api.create(STS, withClaims({ persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }));
    b.run();
    b.readyAll();
    b.update((s) => { s.spec.replicas = 2; });
    const claim = b.api.get<KubeObject>(CLAIMS, 'default', 'www-web-2');
    expect(claim.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name} ${r.controller}`)).toEqual(['Pod/web-2 true']);
    b.settled();
    b.update((s) => { s.spec.replicas = 3; });
    expect(b.names()).toEqual(['web-0', 'web-1']);
    b.api.update(CLAIMS, { ...claim, metadata: { ...claim.metadata, finalizers: [] } });
    b.api.delete(CLAIMS, 'default', 'www-web-2');
    b.run();
    expect(b.names()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(b.messages()).toEqual(['Normal SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success', ...created('web-2')]);
  });

  it('whenDeleted: Delete makes the set own every claim, so they go with the set', () => {
    const b = new GcBench();
    b.api.create(STS, withClaims({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }));
    b.run();
    b.readyAll();
    expect(b.claims()).toEqual({ 'www-web-0': 'StatefulSet/web', 'www-web-1': 'StatefulSet/web' });
    b.api.delete(STS, 'default', 'web');
    b.run();
    expect(b.claims()).toEqual({});
  });
});

describe('StatefulSet controller errors', () => {
  it('a refused pod is a FailedCreate Event; the status is still written and the sync retried with back-off', () => {
    const b = new StsBench();
    b.api.create(STS, statefulSet({ podManagementPolicy: 'Parallel' }));
    const quota = forbidden('pods "web-2" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=2, limited: pods=2');
    const api: Api = Object.create(b.api, {
      create: {
        value: <T extends KubeObject>(resource: string, obj: T) => {
          if (resource === 'pods' && obj.metadata.name === 'web-2') throw quota;
          return b.api.create(resource, obj);
        },
      },
    });
    b.settled();
    statefulSetController.reconcile('default/web', b.ctx('statefulset', api));
    expect(b.names()).toEqual(['web-0', 'web-1']);
    expect(b.messages()).toEqual([
      ...created('web-0', 'web-1'), `Warning FailedCreate create Pod web-2 in StatefulSet web failed error: ${quota.message}`,
    ]);
    // Written despite the error; pods this pass made are counted by the next one, as upstream's
    // status counts only pods it has seen with a phase.
    expect(b.sts().status).toMatchObject({ replicas: 0, observedGeneration: 1, currentRevision: b.revisions()[0].metadata.name });
    // workqueue's rate limiter: 5 ms, then doubling.
    expect(b.timers('statefulset')).toEqual([{ due: 5, key: 'default/web' }]);
  });
});
