// `mk cluster create`: a new cluster that looks like a fresh kind cluster a couple of minutes
// after `kind create cluster` — nodes Ready, system pods Running, their events recorded.
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../api/object.js';
import { Clock, MANUAL_EPOCH, type ClockMode } from '../sim/clock.js';
import { NAME_ALPHABET } from '../sim/rand.js';
import { formatTime } from '../apiserver/time.js';
import { runControlPlane } from './control-plane.js';
import { processEnv } from '../sim/lease.js';
import type { Store } from '../store/store.js';
import { clusterDir, mkHome, statePath } from './home.js';
import { handleFor, openCluster, openStoreAt, type ClusterHandle, type ClusterInfo } from './runtime.js';
import { controlPlanePods, corednsPod, kubeProxyPod } from './system-pods.js';
import {
  buildNode, DNS_SERVICE_IP, hexId, KUBERNETES_SERVICE_IP, planNodes, readyConditions,
} from './topology.js';
import { wireApiServer } from './wiring.js';

/** How long before "now" the cluster came up: enough for every system pod to be Running. */
const BOOT_MS = 2 * 60 * 1000;

export interface CreateOptions {
  nodes?: number;
  clock?: ClockMode;
  seed?: string;
}

export class ClusterExistsError extends Error {}

/**
 * Creates cluster `name` under MK_HOME. The state file is built aside and linked into place only
 * when complete, so two first runs racing each other create it exactly once (the loser gets
 * ClusterExistsError and can open the winner's), and a process killed halfway leaves nothing a
 * later command could mistake for a cluster.
 */
export async function createCluster(name: string, opts: CreateOptions = {}): Promise<ClusterHandle> {
  const final = statePath(name);
  if (existsSync(final)) throw new ClusterExistsError(`cluster "${name}" already exists`);
  const stagingRoot = join(mkHome(), 'tmp');
  sweepStaging(stagingRoot);
  const staging = join(stagingRoot, `${name}.${process.pid}.${Date.now().toString(36)}`);
  const path = join(staging, 'state.db');
  try {
    const store = await openStoreAt(path);
    try {
      initCluster(store, name, opts);
    } finally {
      // The last connection closing folds the WAL into the file, so the file alone is the cluster.
      store.close();
    }
    mkdirSync(clusterDir(name), { recursive: true });
    try {
      linkSync(path, final);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ClusterExistsError(`cluster "${name}" already exists`);
      throw err;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return openCluster(name);
}

/** Fills an empty store with a new cluster, run up to its clock's now. */
export function initCluster(store: Store, name: string, opts: CreateOptions = {}): ClusterHandle {
  const nodes = opts.nodes ?? 3;
  const mode = opts.clock ?? 'realtime';
  const now = mode === 'manual' ? MANUAL_EPOCH : Date.now();
  const plans = planNodes(name, nodes);
  const info: ClusterInfo = {
    name, nodes: plans.length,
    // Manual clusters are reproducible by default: the same name gives the same names and IPs.
    seed: opts.seed ?? (mode === 'manual' ? `mk/${name}` : `${name}/${now}/${process.pid}/${Math.random()}`),
    controlPlaneNode: plans[0].name,
  };
  store.transaction(() => {
    store.setMeta('cluster', JSON.stringify(info));
    Clock.init(store, mode, now, now - BOOT_MS);
  });
  const h = handleFor(store);
  h.setNow(now - BOOT_MS);
  wireApiServer(h);
  store.transaction(() => populate(h, plans));
  runControlPlane(h, now);
  return h;
}

/** Staging directories left by processes that died while creating a cluster. */
function sweepStaging(root: string): void {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const e of entries) {
    const pid = Number(e.split('.').at(-2));
    if (Number.isInteger(pid) && pid !== process.pid && !processEnv.alive(pid)) {
      rmSync(join(root, e), { recursive: true, force: true });
    }
  }
}

/**
 * The bootstrap of a kind cluster, replayed in virtual time from `t0` (BOOT_MS before now): the
 * control plane's kubelet starts and retries registering until the API server answers; kubeadm
 * uploads its configuration and installs CoreDNS and kube-proxy; kind installs kindnet and its
 * storage provisioner; the control plane turns Ready once kindnet runs; then the workers join
 * and turn Ready in turn. The cluster's own controllers (scheduler, kubelet, ...) run between the
 * steps, so pods are scheduled, started and leave their Events as they would; what mk has no
 * controller for yet (kubeadm, the Deployment/ReplicaSet/DaemonSet controllers, the node
 * lifecycle controller, leader election) is done and recorded here.
 */
function populate(h: ClusterHandle, plans: ReturnType<typeof planNodes>): void {
  const { api, rand } = h;
  const bootTime = formatTime(h.now());
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  const nodeObjs: KubeObject[] = [];
  for (const plan of plans) {
    const node = buildNode(plan, { tainted: plans.length > 1, rand });
    const created = api.create('nodes', node as KubeObject);
    nodeObjs.push(api.updateStatus('nodes', {
      ...created,
      status: { ...node.status, conditions: readyConditions(bootTime, bootTime) },
    }));
  }
  api.create('services', {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP, clusterIPs: [KUBERNETES_SERVICE_IP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      type: 'ClusterIP', sessionAffinity: 'None',
    },
  });
  api.create('services', {
    apiVersion: 'v1', kind: 'Service',
    metadata: {
      name: 'kube-dns', namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: DNS_SERVICE_IP, clusterIPs: [DNS_SERVICE_IP],
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
      selector: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP', sessionAffinity: 'None',
    },
  });
  for (const sa of ['coredns', 'kube-proxy']) {
    api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
  }
  const cp = plans[0];
  const cpNode = nodeObjs[0];
  for (const pod of controlPlanePods(cp, () => hexId(rand, 32))) {
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', controller: true, kind: 'Node', name: cp.name, uid: cpNode.metadata.uid! }];
    api.create('pods', pod as KubeObject);
  }
  for (let i = 0; i < 2; i++) {
    api.create('pods', corednsPod(`coredns-668d6bf9bc-${rand.string(5, NAME_ALPHABET)}`, cp) as KubeObject);
  }
  for (const plan of plans) {
    api.create('pods', kubeProxyPod(`kube-proxy-${rand.string(5, NAME_ALPHABET)}`, plan) as KubeObject);
  }
}

export { clusterDir };
