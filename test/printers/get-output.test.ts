// Whole `kubectl get` outputs: objects through the kind printers, then kubectl's client-side
// table printer and get's multi-kind loop. Expected text follows the Go code by hand: each column
// is max(6, widest cell + 3) wide within a table, the last column unpadded; NAMESPACE first for
// namespaced kinds under -A; `kind/` name prefixes and a blank line between kinds when several
// kinds are asked for; one header per kind.
import { describe, expect, test } from 'vitest';
import { generateTable } from '../../src/api/table.js';
import { tableHandlers } from '../../src/api/tables.js';
import { printGet } from '../../src/cli/printers/table.js';
import type { GetPrintFlags, GetResult } from '../../src/cli/printers/table.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import type { Node } from '../../src/api/core/node/schema.js';
import type { Event } from '../../src/api/core/event/schema.js';
import type { Service } from '../../src/api/core/service/schema.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const ago = (ms: number): string => new Date(NOW - ms).toISOString();

const lines = (...ls: string[]): string => ls.map((l) => l + '\n').join('');

function pods(items: Pod[], wide = false): GetResult {
  return { kind: 'Pod', resource: 'pods', namespaced: true, table: generateTable(tableHandlers.Pod, items, { now: NOW, wide }) };
}
function nodes(items: Node[], wide = false): GetResult {
  return { kind: 'Node', resource: 'nodes', namespaced: false, table: generateTable(tableHandlers.Node, items, { now: NOW, wide }) };
}
function services(items: Service[]): GetResult {
  return { kind: 'Service', resource: 'services', namespaced: true, table: generateTable(tableHandlers.Service, items, { now: NOW, wide: false }) };
}
function events(items: Event[]): GetResult {
  return { kind: 'Event', resource: 'events', namespaced: true, table: generateTable(tableHandlers.Event, items, { now: NOW, wide: false }) };
}

describe('kubectl get, one kind', () => {
  test('get pods', () => {
    expect(printGet([pods([nginx, redis, crash])])).toBe(lines(
      'NAME                     READY   STATUS             RESTARTS        AGE',
      'nginx-7854ff8877-abcde   1/1     Running            0               5m',
      'redis                    0/1     ImagePullBackOff   0               90s',
      'crash                    0/1     CrashLoopBackOff   5 (2m15s ago)   10m',
    ));
  });

  test('get pods -A: NAMESPACE first', () => {
    expect(printGet([pods([nginx, coredns, redis])], { allNamespaces: true })).toBe(lines(
      'NAMESPACE     NAME                       READY   STATUS             RESTARTS   AGE',
      'default       nginx-7854ff8877-abcde     1/1     Running            0          5m',
      'kube-system   coredns-668d6bf9bc-x2x4z   1/1     Running            0          2d',
      'default       redis                      0/1     ImagePullBackOff   0          90s',
    ));
  });

  test('get pods -o wide', () => {
    expect(printGet([pods([nginx, redis, crash], true)], { wide: true })).toBe(lines(
      'NAME                     READY   STATUS             RESTARTS        AGE   IP           NODE        NOMINATED NODE   READINESS GATES',
      'nginx-7854ff8877-abcde   1/1     Running            0               5m    10.244.1.5   mk-worker   <none>           <none>',
      'redis                    0/1     ImagePullBackOff   0               90s   10.244.1.6   mk-worker   <none>           <none>',
      'crash                    0/1     CrashLoopBackOff   5 (2m15s ago)   10m   10.244.1.7   mk-worker   <none>           <none>',
    ));
  });

  test('a wide table printed without -o wide shows only the default columns', () => {
    expect(printGet([pods([nginx, redis], true)])).toBe(lines(
      'NAME                     READY   STATUS             RESTARTS   AGE',
      'nginx-7854ff8877-abcde   1/1     Running            0          5m',
      'redis                    0/1     ImagePullBackOff   0          90s',
    ));
  });

  test('get pods --show-labels: LABELS last, <none> without labels', () => {
    expect(printGet([pods([nginx, redis, crash])], { showLabels: true })).toBe(lines(
      'NAME                     READY   STATUS             RESTARTS        AGE   LABELS',
      'nginx-7854ff8877-abcde   1/1     Running            0               5m    app=nginx,pod-template-hash=7854ff8877',
      'redis                    0/1     ImagePullBackOff   0               90s   <none>',
      'crash                    0/1     CrashLoopBackOff   5 (2m15s ago)   10m   app=crash,tier=backend',
    ));
  });

  test('get pods -L app -L tier -L app.kubernetes.io/name: headed by the last key segment, empty when unset', () => {
    expect(printGet([pods([nginx, redis, crash])], { columnLabels: ['app', 'tier', 'app.kubernetes.io/name'] })).toBe(lines(
      'NAME                     READY   STATUS             RESTARTS        AGE   APP     TIER      NAME',
      'nginx-7854ff8877-abcde   1/1     Running            0               5m    nginx             ',
      'redis                    0/1     ImagePullBackOff   0               90s                     ',
      'crash                    0/1     CrashLoopBackOff   5 (2m15s ago)   10m   crash   backend   ',
    ));
  });

  test('get pods -A --show-labels --no-headers', () => {
    expect(printGet([pods([nginx, coredns])], { allNamespaces: true, showLabels: true, noHeaders: true })).toBe(lines(
      'default       nginx-7854ff8877-abcde     1/1   Running   0     5m    app=nginx,pod-template-hash=7854ff8877',
      'kube-system   coredns-668d6bf9bc-x2x4z   1/1   Running   0     2d    k8s-app=kube-dns,pod-template-hash=668d6bf9bc',
    ));
  });

  test('get pod nginx redis: two objects of one kind share one header and one alignment', () => {
    expect(printGet([pods([nginx]), pods([redis])])).toBe(lines(
      'NAME                     READY   STATUS             RESTARTS   AGE',
      'nginx-7854ff8877-abcde   1/1     Running            0          5m',
      'redis                    0/1     ImagePullBackOff   0          90s',
    ));
  });

  test('get nodes: ROLES from node-role labels', () => {
    expect(printGet([nodes([controlPlane, worker])])).toBe(lines(
      'NAME               STATUS                     ROLES           AGE   VERSION',
      'mk-control-plane   Ready                      control-plane   2d    v1.32.2',
      'mk-worker          Ready,SchedulingDisabled   <none>          47h   v1.32.2',
    ));
  });

  test('get nodes -o wide', () => {
    expect(printGet([nodes([controlPlane, worker], true)], { wide: true })).toBe(lines(
      'NAME               STATUS                     ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
      'mk-control-plane   Ready                      control-plane   2d    v1.32.2   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-1021-azure   containerd://1.7.24',
      'mk-worker          Ready,SchedulingDisabled   <none>          47h   v1.32.2   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0-1021-azure   containerd://1.7.24',
    ));
  });

  test('get nodes -A: cluster-scoped kinds get no NAMESPACE column', () => {
    expect(printGet([nodes([worker])], { allNamespaces: true })).toBe(lines(
      'NAME        STATUS                     ROLES    AGE   VERSION',
      'mk-worker   Ready,SchedulingDisabled   <none>   47h   v1.32.2',
    ));
  });

  test('get events', () => {
    expect(printGet([events(defaultEvents)])).toBe(lines(
      'LAST SEEN   TYPE      REASON      OBJECT                       MESSAGE',
      '2m10s       Normal    Scheduled   pod/nginx-7854ff8877-abcde   Successfully assigned default/nginx-7854ff8877-abcde to mk-worker',
      '88s         Warning   Failed      pod/redis                    Failed to pull image "redis:5xx": not found',
      '3s          Warning   BackOff     pod/redis                    Back-off pulling image "redis:5xx"',
      '47h         Normal    Starting    node/mk-worker               ',
    ));
  });

  test('nothing found prints nothing (the caller reports "No resources found")', () => {
    expect(printGet([pods([])])).toBe('');
    expect(printGet([pods([])], { noHeaders: true })).toBe('');
    expect(printGet([])).toBe('');
  });

  test('--show-kind prefixes names even for one kind', () => {
    expect(printGet([nodes([worker])], { showKind: true })).toBe(lines(
      'NAME             STATUS                     ROLES    AGE   VERSION',
      'node/mk-worker   Ready,SchedulingDisabled   <none>   47h   v1.32.2',
    ));
  });
});

describe('kubectl get, several kinds', () => {
  test('get po,no: kind/name, a blank line between kinds, widths per kind', () => {
    expect(printGet([pods([nginx, redis, crash]), nodes([controlPlane, worker])])).toBe(lines(
      'NAME                         READY   STATUS             RESTARTS        AGE',
      'pod/nginx-7854ff8877-abcde   1/1     Running            0               5m',
      'pod/redis                    0/1     ImagePullBackOff   0               90s',
      'pod/crash                    0/1     CrashLoopBackOff   5 (2m15s ago)   10m',
      '',
      'NAME                    STATUS                     ROLES           AGE   VERSION',
      'node/mk-control-plane   Ready                      control-plane   2d    v1.32.2',
      'node/mk-worker          Ready,SchedulingDisabled   <none>          47h   v1.32.2',
    ));
  });

  test('get po,no --no-headers: no blank line', () => {
    expect(printGet([pods([nginx, redis, crash]), nodes([controlPlane, worker])], { noHeaders: true })).toBe(lines(
      'pod/nginx-7854ff8877-abcde   1/1   Running            0               5m',
      'pod/redis                    0/1   ImagePullBackOff   0               90s',
      'pod/crash                    0/1   CrashLoopBackOff   5 (2m15s ago)   10m',
      'node/mk-control-plane   Ready                      control-plane   2d    v1.32.2',
      'node/mk-worker          Ready,SchedulingDisabled   <none>          47h   v1.32.2',
    ));
  });

  test('get no,po -A: NAMESPACE only on the namespaced kind', () => {
    expect(printGet([nodes([controlPlane, worker]), pods([nginx, coredns])], { allNamespaces: true })).toBe(lines(
      'NAME                    STATUS                     ROLES           AGE   VERSION',
      'node/mk-control-plane   Ready                      control-plane   2d    v1.32.2',
      'node/mk-worker          Ready,SchedulingDisabled   <none>          47h   v1.32.2',
      '',
      'NAMESPACE     NAME                           READY   STATUS    RESTARTS   AGE',
      'default       pod/nginx-7854ff8877-abcde     1/1     Running   0          5m',
      'kube-system   pod/coredns-668d6bf9bc-x2x4z   1/1     Running   0          2d',
    ));
  });

  test('get svc,po with no Services: no leading blank line, names still prefixed', () => {
    expect(printGet([services([]), pods([redis])])).toBe(lines(
      'NAME        READY   STATUS             RESTARTS   AGE',
      'pod/redis   0/1     ImagePullBackOff   0          90s',
    ));
  });

  test('get po,svc,no with no Services: one blank line between what was printed', () => {
    expect(printGet([pods([redis]), services([]), nodes([worker])])).toBe(lines(
      'NAME        READY   STATUS             RESTARTS   AGE',
      'pod/redis   0/1     ImagePullBackOff   0          90s',
      '',
      'NAME             STATUS                     ROLES    AGE   VERSION',
      'node/mk-worker   Ready,SchedulingDisabled   <none>   47h   v1.32.2',
    ));
  });

  test('get po,svc: core kinds prefix with the bare kind', () => {
    const kubernetes: Service = {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', creationTimestamp: ago(2 * 24 * HOUR) },
      spec: { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    };
    expect(printGet([pods([nginx]), services([kubernetes])])).toBe(lines(
      'NAME                         READY   STATUS    RESTARTS   AGE',
      'pod/nginx-7854ff8877-abcde   1/1     Running   0          5m',
      '',
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE',
      'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   2d',
    ));
  });

  test('a group-qualified kind prints as kind.group/name', () => {
    const deploy: GetResult = {
      kind: 'Deployment.apps', resource: 'deployments.apps', namespaced: true,
      table: {
        columnDefinitions: [
          { name: 'Name', type: 'string', format: 'name', description: '', priority: 0 },
          { name: 'Ready', type: 'string', format: '', description: '', priority: 0 },
        ],
        rows: [{ cells: ['nginx', '1/1'], object: { metadata: { name: 'nginx', namespace: 'default' } } }],
      },
    };
    expect(printGet([pods([nginx]), deploy])).toBe(lines(
      'NAME                         READY   STATUS    RESTARTS   AGE',
      'pod/nginx-7854ff8877-abcde   1/1     Running   0          5m',
      '',
      'NAME                    READY',
      'deployment.apps/nginx   1/1',
    ));
  });
});

describe('flags are passed through unchanged', () => {
  test('the options object is not mutated and tables are not modified', () => {
    const result = pods([nginx]);
    const before = JSON.stringify(result.table.rows.map((r) => r.cells));
    const flags: GetPrintFlags = { allNamespaces: true, showLabels: true, columnLabels: ['app'] };
    printGet([result, nodes([worker])], flags);
    expect(JSON.stringify(result.table.rows.map((r) => r.cells))).toBe(before);
    expect(flags).toEqual({ allNamespaces: true, showLabels: true, columnLabels: ['app'] });
  });
});

// -------------------------------------------------------------------------------------------
// fixtures

function runningPod(namespace: string, name: string, labels: Record<string, string> | undefined, created: number, podIP: string, nodeName: string): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, creationTimestamp: ago(created), ...(labels ? { labels } : {}) },
    spec: { containers: [{ name: 'c', image: 'img' }], nodeName },
    status: {
      phase: 'Running', podIP, podIPs: [{ ip: podIP }],
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: [{ name: 'c', ready: true, restartCount: 0, image: 'img', imageID: '', state: { running: { startedAt: ago(created) } } }],
    },
  };
}

const nginx = runningPod('default', 'nginx-7854ff8877-abcde', { app: 'nginx', 'pod-template-hash': '7854ff8877' }, 5 * MINUTE, '10.244.1.5', 'mk-worker');
const coredns = runningPod('kube-system', 'coredns-668d6bf9bc-x2x4z', { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' }, 48 * HOUR, '10.244.0.3', 'mk-control-plane');

const redis: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'redis', namespace: 'default', creationTimestamp: ago(90 * SECOND) },
  spec: { containers: [{ name: 'redis', image: 'redis:5xx' }], nodeName: 'mk-worker' },
  status: {
    phase: 'Pending', podIP: '10.244.1.6', podIPs: [{ ip: '10.244.1.6' }],
    containerStatuses: [{ name: 'redis', ready: false, restartCount: 0, image: 'redis:5xx', imageID: '', state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "redis:5xx"' } } }],
  },
};

const crash: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'crash', namespace: 'default', labels: { tier: 'backend', app: 'crash' }, creationTimestamp: ago(10 * MINUTE) },
  spec: { containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }], nodeName: 'mk-worker' },
  status: {
    phase: 'Running', podIP: '10.244.1.7', podIPs: [{ ip: '10.244.1.7' }],
    containerStatuses: [{
      name: 'c', ready: false, restartCount: 5, image: 'busybox', imageID: '',
      state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2m40s restarting failed container' } },
      lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * MINUTE + 15 * SECOND) } },
    }],
  },
};

const nodeInfo = {
  machineID: 'm', systemUUID: 'u', bootID: 'b', kernelVersion: '6.8.0-1021-azure', osImage: 'Debian GNU/Linux 12 (bookworm)',
  containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.32.2', kubeProxyVersion: 'v1.32.2', operatingSystem: 'linux', architecture: 'amd64',
};

const controlPlane: Node = {
  apiVersion: 'v1', kind: 'Node',
  metadata: {
    name: 'mk-control-plane', creationTimestamp: ago(48 * HOUR),
    labels: { 'kubernetes.io/hostname': 'mk-control-plane', 'node-role.kubernetes.io/control-plane': '' },
  },
  spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
  status: {
    conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'mk-control-plane' }],
    nodeInfo,
  },
};

const worker: Node = {
  apiVersion: 'v1', kind: 'Node',
  metadata: { name: 'mk-worker', creationTimestamp: ago(47 * HOUR + 30 * MINUTE), labels: { 'kubernetes.io/hostname': 'mk-worker' } },
  spec: { unschedulable: true },
  status: {
    conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
    addresses: [{ type: 'InternalIP', address: '172.18.0.3' }],
    nodeInfo,
  },
};

function event(name: string, type: string, reason: string, kind: string, object: string, message: string, last: number, count: number): Event {
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name, namespace: 'default' },
    involvedObject: { kind, name: object, namespace: 'default' },
    reason, message, type, count,
    firstTimestamp: ago(last + 30 * SECOND), lastTimestamp: ago(last),
    source: { component: 'kubelet', host: 'mk-worker' },
  };
}

const defaultEvents: Event[] = [
  event('nginx.1', 'Normal', 'Scheduled', 'Pod', 'nginx-7854ff8877-abcde', 'Successfully assigned default/nginx-7854ff8877-abcde to mk-worker', 130 * SECOND, 1),
  event('redis.1', 'Warning', 'Failed', 'Pod', 'redis', 'Failed to pull image "redis:5xx": not found', 88 * SECOND, 2),
  event('redis.2', 'Warning', 'BackOff', 'Pod', 'redis', 'Back-off pulling image "redis:5xx"', 3 * SECOND, 44),
  event('worker.1', 'Normal', 'Starting', 'Node', 'mk-worker', '', 47 * HOUR, 1),
];
