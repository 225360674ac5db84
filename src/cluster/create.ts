// `mk cluster create`: a new cluster that looks like a fresh kind cluster a couple of minutes
// after `kind create cluster` — nodes Ready, system pods Running, their events recorded.
import { existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KubeObject } from '../api/object.js';
import { Clock, MANUAL_EPOCH, type ClockMode } from '../sim/clock.js';
import { formatTime } from '../apiserver/time.js';
import { masterEndpoints } from '../apiserver/endpoint-reconciler.js';
import { buildLoop, runControlPlane } from './control-plane.js';
import { processEnv } from '../sim/lease.js';
import type { Store } from '../store/store.js';
import { clusterDir, mkHome, statePath } from './home.js';
import { handleFor, openCluster, openStoreAt, type ClusterHandle, type ClusterInfo } from './runtime.js';
import { kindInfo, qualifiedResource } from '../api/registry.js';
import { systemPriorityClassObjects } from '../api/scheduling/priorityclass/system.js';
import { StoreEventRecorder } from '../apiserver/recorder.js';
import {
  kubeletConditions, recordKubeletStart, recordKubeProxyStart, recordNodeReady, recordRegistrationAttempt,
} from '../kubelet/node-status.js';
import {
  apiServerConfigMaps, CONTROLLER_SERVICE_ACCOUNTS, corednsConfigObjects, kindnetConfigObjects, kubeadmConfigObjects,
  kubeProxyConfigObjects, localPathStorageObjects, standardStorageClass,
} from './system-config.js';
import {
  controlPlanePods, corednsDeployment, kindnetDaemonSet, kubeProxyDaemonSet, localPathProvisionerDeployment,
} from './system-pods.js';
import {
  buildNode, CONTROL_PLANE_TAINT, DNS_SERVICE_IP, hexId, KUBERNETES_SERVICE_IP, NOT_READY_TAINT, planNodes, type NodePlan,
} from './topology.js';
import { wireApiServer } from './wiring.js';
import { createAPIServerIdentityLease, createLeaderElectionLease } from './system-leases.js';
import { createNodeLease } from '../kubelet/node-lease.js';
import { setLoadBalancerEnabled } from '../controllers/service-lb.js';

/** How long before "now" the cluster came up: enough for every system pod to be Running. */
const BOOT_MS = 2 * 60 * 1000;

export interface CreateOptions {
  nodes?: number;
  clock?: ClockMode;
  seed?: string;
  /** Run the simulated cloud provider that gives LoadBalancer Services an address (as cloud-provider-kind). */
  loadBalancer?: boolean;
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
    if (opts.loadBalancer) setLoadBalancerEnabled(store, true);
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
 * steps, so Deployments roll out, pods are scheduled, started and leave their Events as they
 * would; what mk has no controller for yet (kubeadm, the DaemonSet and node lifecycle
 * controllers, leader election) is done and recorded here.
 */
function populate(h: ClusterHandle, plans: ReturnType<typeof planNodes>): void {
  const { api, rand } = h;
  const t0 = h.now();
  const loop = buildLoop(h);
  const recorder = new StoreEventRecorder(h.store, () => h.now(), rand, plans[0].name);
  /** Lets the cluster run until `s` seconds after t0. */
  const runUntil = (s: number) => loop.advanceTo(t0 + s * 1000);
  const at = (s: number) => h.setNow(Math.max(h.now(), t0 + s * 1000));
  const create = (o: KubeObject) => api.create(resourceFor(o.kind), o);
  const cp = plans[0];
  const workers = plans.slice(1);
  const cluster = h.info.name;
  const endpoint = `${cp.name}:6443`;

  // The control plane's kubelet starts static pods and retries registering (0.1s doubling).
  recordKubeletStart(recorder, cp.name);
  for (const s of [0.1, 0.3, 0.7, 1.5, 3.1, 6.3]) {
    at(s);
    recordRegistrationAttempt(recorder, cp.name);
  }

  // The API server is up: its namespaces, the kubernetes Service, its PriorityClasses and
  // ConfigMaps.
  at(10);
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
    create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  create({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      clusterIP: KUBERNETES_SERVICE_IP, clusterIPs: [KUBERNETES_SERVICE_IP],
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      type: 'ClusterIP', sessionAffinity: 'None',
    },
  });
  masterEndpoints([cp.ip], 6443).forEach(create);
  systemPriorityClassObjects().forEach((pc) => create(pc as KubeObject));
  apiServerConfigMaps(h.now()).forEach(create);
  createAPIServerIdentityLease(api, h.store, { hostname: cp.name, uuid: rand.uid(), now: h.now(), micros: rand.int(1000) });

  // The next registration attempt goes through; the kubelet creates the static pods' mirrors.
  at(12.7);
  recordRegistrationAttempt(recorder, cp.name);
  const cpNode = registerNode(h, cp, workers.length > 0);
  const seen = formatNanoTime(t0 + 400, rand);
  for (const pod of controlPlanePods(cp, cluster, () => ({ hash: hexId(rand, 32), seen }))) {
    pod.metadata.ownerReferences = [{ apiVersion: 'v1', controller: true, kind: 'Node', name: cp.name, uid: cpNode.metadata.uid! }];
    create(pod as KubeObject);
  }
  runUntil(14);

  // kubeadm uploads its configuration and installs its addons; the controller-manager and the
  // scheduler take their leases; the controllers make their pods.
  at(14);
  kubeadmConfigObjects(cluster, endpoint, h.now()).forEach(create);
  at(15);
  leaderElected(h, recorder, 'kube-controller-manager', 'kube-controller-manager', `${cp.name}_${rand.uid()}`);
  leaderElected(h, recorder, 'kube-scheduler', 'default-scheduler', `${cp.name}_${rand.uid()}`);
  for (const sa of CONTROLLER_SERVICE_ACCOUNTS) {
    create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: sa, namespace: 'kube-system' } });
  }
  at(16);
  corednsConfigObjects().forEach(create);
  create(kubeDnsService());
  create(corednsDeployment());
  // kubeadm applies its CoreDNS addon, then its kube-proxy addon.
  kubeProxyConfigObjects(endpoint).forEach(create);
  create(kubeProxyDaemonSet());
  at(16.2);
  runUntil(18);
  at(18);
  recordKubeProxyStart(recorder, cp.name);
  runUntil(20);
  at(20);
  registeredNode(recorder, cpNode);
  // The kubelet's lease controller syncs every 10 s from its start; the first sync with its Node
  // registered creates the node Lease.
  createNodeLease(api, h.store, cpNode, h.now(), rand.int(1000));

  // kind installs its CNI and its storage provisioner.
  at(21);
  kindnetConfigObjects().forEach(create);
  create(kindnetDaemonSet(endpoint));
  at(21.5);
  localPathStorageObjects().forEach(create);
  create(localPathProvisionerDeployment());
  create(standardStorageClass());
  runUntil(25);

  // kindnet has written the CNI config: the control plane turns Ready, and what waited for it
  // (CoreDNS, the provisioner) is scheduled there.
  at(25);
  nodeReady(h, recorder, cp.name);
  runUntil(28);
  at(28);
  const provisionerPod = api.list('pods', { namespace: 'local-path-storage' })[0];
  const provisionerId = `${provisionerPod.metadata.name}_${rand.uid()}`;
  leaderElected(h, recorder, 'rancher.io-local-path', `rancher.io/local-path_${provisionerId}`, provisionerId, 'local-path-storage');

  // The workers join one after the other: each kubelet registers at once, gets its kube-proxy and
  // kindnet pods, and turns Ready once kindnet runs there.
  const workerNodes: KubeObject[] = [];
  workers.forEach((w, i) => {
    const join = 35 + 5 * i;
    at(join);
    recordKubeletStart(recorder, w.name);
    at(join + 0.4);
    const node = registerNode(h, w, true);
    workerNodes.push(node);
    runUntil(join + 2);
    at(join + 2);
    recordKubeProxyStart(recorder, w.name);
    runUntil(join + 4);
    at(join + 4);
    registeredNode(recorder, node);
  });
  const last = 35 + 5 * workers.length;
  workerNodes.forEach((node, i) => {
    runUntil(45 + 5 * i);
    at(45 + 5 * i);
    createNodeLease(api, h.store, node, h.now(), rand.int(1000));
  });
  workers.forEach((w, i) => {
    runUntil(last + 8 + 5 * i);
    at(last + 8 + 5 * i);
    nodeReady(h, recorder, w.name);
  });
  runUntil(last + 10 + 5 * workers.length);
}

function resourceFor(kind: string): string {
  const k = kindInfo(kind);
  if (!k) throw new Error(`no resource for kind ${kind}`);
  return qualifiedResource(k);
}

/** A Node as its kubelet registers it, NotReady until its CNI is up, with the taints it gets at once. */
function registerNode(h: ClusterHandle, plan: NodePlan, tainted: boolean): KubeObject {
  const node = buildNode(plan, { rand: h.rand });
  node.spec = { ...node.spec, taints: [...(plan.controlPlane && tainted ? [CONTROL_PLANE_TAINT] : []), NOT_READY_TAINT] };
  const created = h.api.create('nodes', node as KubeObject);
  const now = h.now();
  return h.api.updateStatus('nodes', {
    ...created,
    status: { ...node.status, conditions: kubeletConditions({ ready: false, since: now, readySince: now, heartbeat: now }) },
  });
}

/** The kubelet reports Ready; the node lifecycle controller lifts its not-ready taint. */
function nodeReady(h: ClusterHandle, recorder: StoreEventRecorder, name: string): void {
  const now = h.now();
  const node = h.api.get('nodes', undefined, name) as KubeObject & { status: { conditions: { type: string; lastTransitionTime?: string }[] } };
  const since = Date.parse(node.status.conditions[0].lastTransitionTime ?? '') || now;
  h.api.updateStatus('nodes', { ...node, status: { ...node.status, conditions: kubeletConditions({ ready: true, since, readySince: now, heartbeat: now }) } });
  recordNodeReady(recorder, name);
  const fresh = h.api.get('nodes', undefined, name) as KubeObject & { spec: { taints?: { key: string }[] } };
  const taints = (fresh.spec.taints ?? []).filter((t) => t.key !== NOT_READY_TAINT.key);
  const spec: Record<string, unknown> = { ...fresh.spec, taints };
  if (!taints.length) delete spec.taints;
  h.api.update('nodes', { ...fresh, spec });
}

/** The node lifecycle controller's Event for a node it starts watching (it refers to it by uid). */
function registeredNode(recorder: StoreEventRecorder, node: KubeObject): void {
  const name = node.metadata.name;
  recorder.event({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: node.metadata.uid } }, 'Normal', 'RegisteredNode',
    `Node ${name} event: Registered Node ${name} in Controller`, { component: 'node-controller' });
}

/**
 * client-go leader election acquiring a Lease nobody held: LeaseLock creates it, then records
 * `<holder identity> became leader` on it.
 */
function leaderElected(h: ClusterHandle, recorder: StoreEventRecorder, name: string, component: string, identity: string,
  namespace = 'kube-system'): void {
  const lease = createLeaderElectionLease(h.api, h.store, { name, namespace, identity, now: h.now(), micros: h.rand.int(1000) });
  recorder.event(lease, 'Normal', 'LeaderElection', `${identity} became leader`, { component });
}

function kubeDnsService(): KubeObject {
  return {
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
  };
}

/** kubernetes.io/config.seen: when the kubelet read the manifest, with Go's nanosecond precision. */
function formatNanoTime(ms: number, rand: ClusterHandle['rand']): string {
  const whole = formatTime(ms).slice(0, -1);
  const nanos = String((ms % 1000) * 1_000_000 + rand.int(1_000_000)).padStart(9, '0').replace(/0+$/, '');
  return `${whole}${nanos ? `.${nanos}` : ''}Z`;
}

export { clusterDir };
