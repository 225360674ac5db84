// The DaemonSet controller in-process, on a manual clock: the real API server over a memory store
// and the real control loop with the DaemonSet controller alone (no scheduler, no kubelet), so the
// pods stay pinned by node affinity as the controller created them and readiness is set by hand.
// Expected pods, labels, tolerations, status counts and Events follow pkg/controller/daemon.
import { describe, expect, it } from 'vitest';
import type { ControllerRevision } from '../../src/api/apps/controllerrevision/schema.js';
import type { DaemonSet } from '../../src/api/apps/daemonset/schema.js';
import type { Taint } from '../../src/api/core/node/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { formatTime } from '../../src/apiserver/time.js';
import { daemonSetController } from '../../src/controllers/daemonset/daemonset.js';
import { computeHash } from '../../src/controllers/deployment/hash.js';
import { Bench } from './replicaset-harness.js';

const DS = 'daemonsets.apps';
const CP_TAINT: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

class DsBench extends Bench {
  readonly dsLoop = this.loop([daemonSetController]);
  run(): void {
    this.dsLoop.advanceTo(this.now);
  }
  addNode(name: string, taints?: Taint[], labels: Record<string, string> = {}): void {
    this.api.create('nodes', {
      apiVersion: 'v1', kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...labels } },
      spec: taints ? { taints } : {},
    } as KubeObject);
  }
  setTaints(name: string, taints: Taint[]): void {
    const node = this.api.get('nodes', undefined, name);
    this.api.update('nodes', { ...node, spec: { ...(node.spec as object), taints } });
  }
  ds(name = 'fluentd'): DaemonSet {
    return this.api.get<KubeObject>(DS, 'default', name) as unknown as DaemonSet;
  }
  /** The daemon pods by the node their affinity pins them to. */
  placement(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const p of this.pods().filter((p) => !p.metadata.deletionTimestamp)) {
      const node = p.spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0].matchFields![0].values![0];
      (out[node] ??= []).push(p.metadata.labels?.['pod-template-generation'] ?? '');
    }
    for (const gens of Object.values(out)) gens.sort();
    return out;
  }
  makeReady(): void {
    for (const p of this.pods()) {
      if (p.status?.conditions?.some((c) => c.type === 'Ready')) continue;
      this.api.updateStatus('pods', { ...(p as unknown as KubeObject), status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(this.now) }],
      } });
    }
  }
  revisions(): ControllerRevision[] {
    return this.api.list<KubeObject>('controllerrevisions.apps', { namespace: 'default' }) as unknown as ControllerRevision[];
  }
}

function daemonSet(extra: Partial<DaemonSet['spec']['template']['spec']> = {}, name = 'fluentd'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'agent', image: 'fluentd:v1' }], ...extra } },
    },
  } as KubeObject;
}

function cluster(): DsBench {
  const b = new DsBench();
  b.addNode('kind-control-plane', [CP_TAINT], { 'node-role.kubernetes.io/control-plane': '' });
  b.addNode('kind-worker');
  b.addNode('kind-worker2');
  return b;
}

const statusCounts = (ds: DaemonSet) => {
  const { desiredNumberScheduled, currentNumberScheduled, numberReady, numberAvailable, updatedNumberScheduled, numberMisscheduled, numberUnavailable, observedGeneration } = ds.status!;
  return { desiredNumberScheduled, currentNumberScheduled, numberReady, numberAvailable, updatedNumberScheduled, numberMisscheduled, numberUnavailable, observedGeneration };
};

describe('DaemonSet controller', () => {
  it('runs one pod on every schedulable worker and skips the tainted control plane', () => {
    const b = cluster();
    b.api.create(DS, daemonSet());
    b.settled();
    b.run();
    expect(b.placement()).toEqual({ 'kind-worker': ['1'], 'kind-worker2': ['1'] });
    const ds = b.ds();
    const hash = computeHash(ds.spec.template);
    const pod = b.pods()[0];
    expect(pod.metadata.generateName).toBe('fluentd-');
    expect(pod.metadata.name).toMatch(/^fluentd-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(pod.metadata.labels).toEqual({ app: 'fluentd', 'controller-revision-hash': hash, 'pod-template-generation': '1' });
    expect(pod.metadata.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'fluentd', uid: ds.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    // Not hostNetwork: no network-unavailable toleration (AddOrUpdateDaemonPodTolerations).
    expect(pod.spec.tolerations!.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute', 'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule', 'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(b.events.map((e) => `${e.object} ${e.reason} ${e.component}`)).toEqual([
      'DaemonSet/fluentd SuccessfulCreate daemonset-controller', 'DaemonSet/fluentd SuccessfulCreate daemonset-controller',
    ]);
    expect(b.events.map((e) => e.message).sort()).toEqual(b.pods().map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(statusCounts(ds)).toEqual({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 0, numberAvailable: undefined,
      updatedNumberScheduled: 2, numberMisscheduled: 0, numberUnavailable: 2, observedGeneration: 1 });
    expect(b.revisions().map((r) => [r.metadata.name, r.revision])).toEqual([[`fluentd-${hash}`, 1]]);
  });

  it('runs on the control plane too when the template tolerates its taint', () => {
    const b = cluster();
    b.api.create(DS, daemonSet({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }));
    b.run();
    expect(Object.keys(b.placement()).sort()).toEqual(['kind-control-plane', 'kind-worker', 'kind-worker2']);
    expect(b.ds().status?.desiredNumberScheduled).toBe(3);
  });

  it('honours the node selector', () => {
    const b = cluster();
    b.setTaints('kind-worker2', []);
    const node = b.api.get('nodes', undefined, 'kind-worker2');
    b.api.update('nodes', { ...node, metadata: { ...node.metadata, labels: { ...node.metadata.labels, disk: 'ssd' } } });
    b.api.create(DS, daemonSet({ nodeSelector: { disk: 'ssd' } }));
    b.run();
    expect(b.placement()).toEqual({ 'kind-worker2': ['1'] });
  });

  it('follows nodes joining and leaving', () => {
    const b = cluster();
    b.api.create(DS, daemonSet());
    b.run();
    b.addNode('kind-worker3');
    b.settled();
    b.run();
    expect(Object.keys(b.placement()).sort()).toEqual(['kind-worker', 'kind-worker2', 'kind-worker3']);
    expect(b.events.map((e) => e.reason)).toEqual(['SuccessfulCreate']);
    expect(b.ds().status?.desiredNumberScheduled).toBe(3);
    // A node that goes away takes its unscheduled daemon pod with it.
    b.api.delete('nodes', undefined, 'kind-worker3');
    b.settled();
    b.run();
    expect(Object.keys(b.placement()).sort()).toEqual(['kind-worker', 'kind-worker2']);
    expect(b.events.map((e) => e.reason)).toEqual(['SuccessfulDelete']);
    expect(b.ds().status?.desiredNumberScheduled).toBe(2);
  });

  it('keeps a pod on a newly NoSchedule-tainted node but evicts it for an untolerated NoExecute taint', () => {
    const b = cluster();
    b.api.create(DS, daemonSet());
    b.run();
    b.setTaints('kind-worker', [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }]);
    b.settled();
    b.run();
    expect(Object.keys(b.placement()).sort()).toEqual(['kind-worker', 'kind-worker2']);
    expect(b.events).toEqual([]);
    expect(statusCounts(b.ds())).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 1 });
    b.setTaints('kind-worker', [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }]);
    b.run();
    expect(Object.keys(b.placement())).toEqual(['kind-worker2']);
    expect(b.events.map((e) => e.reason)).toEqual(['SuccessfulDelete']);
  });

  it('rolls out a new template one node at a time (maxUnavailable 1) and records the revision', () => {
    const b = cluster();
    b.addNode('kind-worker3');
    b.api.create(DS, daemonSet());
    b.run();
    b.makeReady();
    b.run();
    expect(statusCounts(b.ds())).toMatchObject({ numberReady: 3, numberAvailable: 3, updatedNumberScheduled: 3 });
    const ds = b.ds();
    b.api.update(DS, { ...(ds as unknown as KubeObject), spec: { ...ds.spec, template: { ...ds.spec.template,
      spec: { ...ds.spec.template.spec, containers: [{ ...ds.spec.template.spec.containers[0], image: 'fluentd:v2' }] } } } });
    expect(b.ds().metadata.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
    b.settled();
    const history: string[] = [];
    for (let i = 0; i < 10 && JSON.stringify(b.placement()) !== JSON.stringify({ 'kind-worker': ['2'], 'kind-worker2': ['2'], 'kind-worker3': ['2'] }); i++) {
      b.run();
      history.push(Object.values(b.placement()).flat().sort().join(''));
      b.makeReady();
    }
    // Never more than one node without an available pod: each old pod goes only once the previous
    // replacement is ready (an unscheduled pod is deleted at once, so its replacement follows in
    // the same run).
    expect(history).toEqual(['112', '122', '222']);
    expect(b.events.map((e) => e.reason)).toEqual(['SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate']);
    expect(b.revisions().map((r) => r.revision).sort()).toEqual([1, 2]);
    b.makeReady();
    b.run();
    expect(statusCounts(b.ds())).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 });
  });

  it('renumbers an old revision that becomes current again', () => {
    const b = cluster();
    b.api.create(DS, daemonSet());
    b.run();
    const setImage = (image: string) => {
      const ds = b.ds();
      b.api.update(DS, { ...(ds as unknown as KubeObject), spec: { ...ds.spec, template: { ...ds.spec.template,
        spec: { ...ds.spec.template.spec, containers: [{ ...ds.spec.template.spec.containers[0], image }] } } } });
      b.run();
    };
    const first = b.revisions()[0].metadata.name;
    setImage('fluentd:v2');
    setImage('fluentd:v1');
    expect(b.revisions().map((r) => [r.metadata.name === first, r.revision]).sort()).toEqual([[false, 2], [true, 3]]);
  });

  it('with maxSurge starts the new pod beside the old one and removes the old one once the new is available', () => {
    const b = cluster();
    const manifest = daemonSet() as unknown as DaemonSet;
    manifest.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } };
    b.api.create(DS, manifest as unknown as KubeObject);
    b.run();
    b.makeReady();
    b.run();
    const ds = b.ds();
    b.api.update(DS, { ...(ds as unknown as KubeObject), spec: { ...ds.spec, template: { ...ds.spec.template,
      spec: { ...ds.spec.template.spec, containers: [{ ...ds.spec.template.spec.containers[0], image: 'fluentd:v2' }] } } } });
    b.settled();
    b.run();
    // One surge pod at a time, on the first node; the old pods keep running.
    expect(b.placement()).toEqual({ 'kind-worker': ['1', '2'], 'kind-worker2': ['1'] });
    b.makeReady();
    b.run();
    expect(b.placement()).toEqual({ 'kind-worker': ['2'], 'kind-worker2': ['1', '2'] });
    b.makeReady();
    b.run();
    expect(b.placement()).toEqual({ 'kind-worker': ['2'], 'kind-worker2': ['2'] });
    expect(b.events.map((e) => e.reason)).toEqual(['SuccessfulCreate', 'SuccessfulDelete', 'SuccessfulCreate', 'SuccessfulDelete']);
  });
});
