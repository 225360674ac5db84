// What a fresh kind v1.32 cluster is made of: its nodes (names, addresses, pod CIDRs, capacity,
// nodeInfo, images) and the addresses of the cluster's own Services. kind v0.27.0 is the release
// whose default node image is v1.32.2; that image runs containerd 2.0.2.
import type { Node } from '../api/core/node/schema.js';
import { KIND_PRELOADED_IMAGES, nodeImageEntries } from '../kubelet/images.js';
import { KUBERNETES_VERSION } from './version.js';

export { KUBERNETES_VERSION };
export const CONTAINER_RUNTIME = 'containerd://2.0.2';
export const SERVICE_CIDR = '10.96.0.0/12';
export const KUBERNETES_SERVICE_IP = '10.96.0.1';
export const DNS_SERVICE_IP = '10.96.0.10';
export const POD_CIDR = '10.244.0.0/16';

export interface NodePlan {
  name: string;
  controlPlane: boolean;
  index: number; // 0 for the control plane
  ip: string; // InternalIP on the kind docker network
  podCIDR: string;
}

/** kind's node names: <cluster>-control-plane, <cluster>-worker, <cluster>-worker2, ... */
export function planNodes(cluster: string, count: number): NodePlan[] {
  const plans: NodePlan[] = [];
  for (let i = 0; i < Math.max(1, count); i++) {
    const name = i === 0 ? `${cluster}-control-plane` : `${cluster}-worker${i === 1 ? '' : i}`;
    plans.push({ name, controlPlane: i === 0, index: i, ip: `172.18.0.${i + 2}`, podCIDR: `10.244.${i}.0/24` });
  }
  return plans;
}

const CAPACITY = {
  cpu: '8',
  'ephemeral-storage': '102625208Ki',
  'hugepages-1Gi': '0',
  'hugepages-2Mi': '0',
  memory: '16364596Ki',
  pods: '110',
};

export function hexId(rand: { string(n: number, a: string): string }, n: number): string {
  return rand.string(n, '0123456789abcdef');
}

/**
 * The runtime handlers containerd 2.0 reports (kind configures runc, the default "", and
 * test-handler); with RecursiveReadOnlyMounts on, the kubelet copies them into the node status.
 */
const RUNTIME_HANDLERS = ['', 'runc', 'test-handler'].map((name) => ({
  features: { recursiveReadOnlyMounts: true, userNamespaces: true },
  name,
}));

/**
 * The Node a kubelet registers, as it looks once kubeadm has labelled the control plane: no
 * conditions yet (the caller reports them), the images the node image ships with.
 */
export function buildNode(plan: NodePlan, opts: { rand: { string(n: number, a: string): string; uid(): string } }): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': plan.name,
    'kubernetes.io/os': 'linux',
  };
  if (plan.controlPlane) {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: plan.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: plan.podCIDR,
      podCIDRs: [plan.podCIDR],
      providerID: `kind://docker/${plan.name.replace(/-(control-plane|worker\d*)$/, '')}/${plan.name}`,
    },
    status: {
      addresses: [
        { address: plan.ip, type: 'InternalIP' },
        { address: plan.name, type: 'Hostname' },
      ],
      allocatable: { ...CAPACITY },
      capacity: { ...CAPACITY },
      conditions: [],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: nodeImageEntries(KIND_PRELOADED_IMAGES),
      nodeInfo: {
        architecture: 'amd64',
        bootID: opts.rand.uid(),
        containerRuntimeVersion: CONTAINER_RUNTIME,
        kernelVersion: '6.8.0-1017-azure',
        kubeProxyVersion: KUBERNETES_VERSION,
        kubeletVersion: KUBERNETES_VERSION,
        machineID: hexId(opts.rand, 32),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: opts.rand.uid(),
      },
      runtimeHandlers: RUNTIME_HANDLERS,
    },
  };
}

/** kubeadm's mark-control-plane taint, kept on a control plane that has workers beside it. */
export const CONTROL_PLANE_TAINT = { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' };
/** The node lifecycle controller's taint on a node whose Ready condition is not True. */
export const NOT_READY_TAINT = { effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready' };
