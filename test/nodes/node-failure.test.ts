// A worker's kubelet stops: the node lifecycle controller marks it Unknown at the end of the grace
// period, taints it unreachable, the taint eviction controller deletes its pods when their
// default 300 s toleration runs out, and the ReplicaSet's replacements run on the other worker.
// Run on a manual clock through the real control loop, so every time below is exact.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Node } from '../../src/api/core/node/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { formatTime } from '../../src/apiserver/time.js';
import {
  nodeLifecycleController, resumeKubelet, stopKubelet,
} from '../../src/controllers/node-lifecycle.js';
import { replicaSetController } from '../../src/controllers/replicaset.js';
import { getMinTolerationTime, taintEvictionController } from '../../src/controllers/taint-eviction.js';
import { kubeletController } from '../../src/kubelet/kubelet.js';
import { schedulerController } from '../../src/scheduler/scheduler.js';
import type { ControlLoop } from '../../src/sim/loop.js';
import { Bench, newReplicaSet, T0 } from '../controllers/replicaset-harness.js';

const S = 1000;

describe('a worker whose kubelet stops', () => {
  let b: Bench;
  let loop: ControlLoop;
  const run = (s: number) => loop.advanceTo(T0 + s * S);
  const node = (name: string) => b.api.get<KubeObject>('nodes', undefined, name) as unknown as Node;
  const podsOn = (n: string) => b.pods().filter((p) => p.spec.nodeName === n);

  beforeEach(() => {
    b = new Bench();
    // As the root CA publisher leaves it in every namespace: the pods' service account volumes mount it.
    b.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': '' } });
    b.api.create('nodes', workerNode('worker', '10.244.1.0/24', '172.18.0.3'));
    b.api.create('nodes', workerNode('worker2', '10.244.2.0/24', '172.18.0.4'));
    for (const n of ['worker', 'worker2']) {
      const created = b.api.get<KubeObject>('nodes', undefined, n);
      b.api.updateStatus('nodes', { ...created, status: { ...(created as unknown as Node).status, conditions: readyConditions(T0) } });
    }
    loop = b.loop([schedulerController, kubeletController, replicaSetController, nodeLifecycleController, taintEvictionController]);
    b.addRS(newReplicaSet('web', 4, { app: 'web' }));
    run(60);
    expect(podsOn('worker').length).toBe(2);
    expect(b.pods().every((p) => p.status?.phase === 'Running')).toBe(true);
    b.settled();
  });

  it('goes Unknown after 40 s, loses its pods after 300 s more, and recovers on start', () => {
    // The kubelet's last report: its last status write (the pulled images) or a re-report since.
    const lastHeartbeat = node('worker').status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
    b.now = T0 + 100 * S;
    stopKubelet(b.store, b.api, 'worker', b.now);
    expect(b.timers('node-lifecycle')).toEqual([{ due: 140 * S, key: 'worker' }]);

    run(139.999);
    expect(node('worker').status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');

    run(140);
    const conditions = node('worker').status!.conditions!;
    expect(conditions.map((c) => [c.type, c.status, c.reason, c.message, c.lastTransitionTime, c.lastHeartbeatTime])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) =>
        [t, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', formatTime(T0 + 140 * S), lastHeartbeat]));
    expect(node('worker').spec?.taints).toEqual([
      { effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable', timeAdded: formatTime(T0 + 140 * S) },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: formatTime(T0 + 140 * S) },
    ]);
    expect(b.events.filter((e) => e.component === 'node-controller')).toEqual([
      { object: 'Node/worker', type: 'Normal', reason: 'NodeNotReady', message: 'Node worker status is now: NodeNotReady', component: 'node-controller' },
    ]);
    for (const p of podsOn('worker')) {
      expect(p.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: formatTime(T0 + 140 * S) });
    }
    // One timer per node for the evictions, at the end of the pods' 300 s toleration.
    expect(b.timers('taint-eviction-controller')).toEqual([{ due: 440 * S, key: 'worker' }]);

    run(439.999);
    expect(podsOn('worker').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    run(440);
    const evicted = podsOn('worker');
    expect(evicted.map((p) => [p.metadata.deletionTimestamp, p.status?.conditions?.find((c) => c.type === 'DisruptionTarget')])).toEqual(
      evicted.map(() => [formatTime(T0 + 470 * S), {
        type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(T0 + 440 * S),
        reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
      }]));
    expect(b.events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message).sort()).toEqual(
      evicted.map((p) => `Marking for deletion Pod default/${p.metadata.name}`).sort());

    // The kubelet is down, so the evicted pods stay Terminating; their replacements run on worker2.
    run(600);
    expect(podsOn('worker').length).toBe(2);
    const live = b.pods().filter((p) => !p.metadata.deletionTimestamp);
    expect(live.length).toBe(4);
    expect(live.every((p) => p.spec.nodeName === 'worker2' && p.status?.phase === 'Running')).toBe(true);

    // The kubelet comes back: it reports again, the taints go, and it finishes the deletions.
    b.events.length = 0;
    b.now = T0 + 700 * S;
    resumeKubelet({ store: b.store, api: b.api, recorder: b.recorder, node: 'worker', now: b.now });
    run(760);
    expect(node('worker').status?.conditions?.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => [t, 'False', formatTime(T0 + 700 * S)])
        .concat([['Ready', 'True', formatTime(T0 + 700 * S)]]));
    expect(node('worker').spec?.taints).toBeUndefined();
    expect(b.events.filter((e) => e.component === 'kubelet' && e.object === 'Node/worker').map((e) => e.reason)).toEqual(
      ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeReady']);
    expect(podsOn('worker')).toEqual([]);
  });

  it('cancels evictions when the node returns in time, and its pods are Ready again as the kubelet had them', () => {
    const readyBefore = podsOn('worker').map((p) => p.status?.conditions?.find((c) => c.type === 'Ready'));
    b.now = T0 + 100 * S;
    stopKubelet(b.store, b.api, 'worker', b.now);
    run(200);
    expect(podsOn('worker').map((p) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status)).toEqual(['False', 'False']);
    b.now = T0 + 300 * S;
    resumeKubelet({ store: b.store, api: b.api, recorder: b.recorder, node: 'worker', now: b.now });
    run(1000);
    expect(podsOn('worker').every((p) => !p.metadata.deletionTimestamp)).toBe(true);
    expect(b.events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message.split(' Pod ')[0])).toEqual(
      ['Cancelling deletion of', 'Cancelling deletion of']);
    expect(b.timers('taint-eviction-controller')).toEqual([]);
    expect(podsOn('worker').map((p) => p.status?.conditions?.find((c) => c.type === 'Ready'))).toEqual(readyBefore);
  });
});

describe('getMinTolerationTime', () => {
  it.each([
    { name: 'no tolerations', tolerations: [], want: 0 },
    { name: 'one without a limit', tolerations: [{ operator: 'Exists' }], want: -1 },
    { name: 'the shortest limit', tolerations: [{ tolerationSeconds: 300 }, { tolerationSeconds: 30 }, {}], want: 30 },
    { name: 'negative counts as zero', tolerations: [{ tolerationSeconds: -5 }], want: 0 },
  ])('$name', ({ tolerations, want }) => {
    expect(getMinTolerationTime(tolerations)).toBe(want);
  });
});

function workerNode(name: string, podCIDR: string, ip: string): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: { podCIDR, podCIDRs: [podCIDR] },
    status: {
      addresses: [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
      allocatable: { cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' },
      capacity: { cpu: '8', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' },
    },
  } as unknown as KubeObject;
}

function readyConditions(t: number) {
  const at = formatTime(t);
  const c = (type: string, status: string, reason: string, message: string) =>
    ({ lastHeartbeatTime: at, lastTransitionTime: at, message, reason, status, type });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}
