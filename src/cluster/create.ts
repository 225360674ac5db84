// `mk cluster create`: a new cluster that looks like a fresh kind cluster a couple of minutes
// after `kind create cluster` — nodes Ready, system pods Running, their events recorded.
import { existsSync } from 'node:fs';
import type { KubeObject } from '../api/object.js';
import { Clock, MANUAL_EPOCH, type ClockMode } from '../sim/clock.js';
import { NAME_ALPHABET } from '../sim/rand.js';
import { formatTime } from '../apiserver/time.js';
import { runControlPlane } from './control-plane.js';
import { clusterDir, statePath } from './home.js';
import { handleFor, openStoreAt, type ClusterHandle, type ClusterInfo } from './runtime.js';
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

export async function createCluster(name: string, opts: CreateOptions = {}): Promise<ClusterHandle> {
  if (existsSync(statePath(name))) throw new ClusterExistsError(`cluster "${name}" already exists`);
  const nodes = opts.nodes ?? 3;
  const mode = opts.clock ?? 'realtime';
  const store = await openStoreAt(statePath(name));
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
