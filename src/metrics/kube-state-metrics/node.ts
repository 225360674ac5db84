// kube-state-metrics v2.14's node families (internal/store/node.go), in its order.
import type { Node } from '../../api/core/node/schema.js';
import { milliValue, quantityValue } from '../../api/quantity.js';
import { allowListed, bool, conditionMetrics, one, unix, wrapped, type KsmMetric, type ResourceStore } from './family.js';

const node = wrapped<Node>((n) => [['node'], [n.metadata.name]]);

/** convertValueToFloat64: milli-precision below MaxMilliValue (2^63/1000), whole units above. */
const MAX_MILLI = 9_223_372_036_854_775;
const asFloat = (q: string | number): number => (quantityValue(q) > MAX_MILLI ? quantityValue(q) : milliValue(q) / 1000);

/** kube_node_status_allocatable/capacity: each resource with its unit. */
function resourceList(list: Record<string, string | number> | undefined): KsmMetric[] {
  const out: KsmMetric[] = [];
  for (const [name, val] of Object.entries(list ?? {})) {
    const unit = name === 'cpu' ? 'core'
      : ['memory', 'storage', 'ephemeral-storage'].includes(name) || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-') ? 'byte'
        : name === 'pods' || (name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.')) ? 'integer' : undefined;
    if (unit) out.push(one(asFloat(val), ['resource', 'unit'], [name.replace(/[^a-zA-Z0-9_]/g, '_'), unit]));
  }
  return out;
}

export const nodeStore: ResourceStore<Node> = {
  resource: 'nodes',
  storeResource: 'nodes',
  families: [
    allowListed(node, 'annotations', 'node'),
    node('kube_node_created', 'Unix creation timestamp', true, (n) => (n.metadata.creationTimestamp ? [one(unix(n.metadata.creationTimestamp))] : [])),
    node('kube_node_deletion_timestamp', 'Unix deletion timestamp', false,
      (n) => (n.metadata.deletionTimestamp ? [one(unix(n.metadata.deletionTimestamp))] : [])),
    node('kube_node_info', 'Information about a cluster node.', true, (n) => {
      const info = n.status?.nodeInfo;
      const internalIP = (n.status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address).pop() ?? '';
      return [one(1,
        ['kernel_version', 'os_image', 'container_runtime_version', 'kubelet_version', 'kubeproxy_version', 'provider_id', 'pod_cidr', 'system_uuid', 'internal_ip'],
        [info?.kernelVersion ?? '', info?.osImage ?? '', info?.containerRuntimeVersion ?? '', info?.kubeletVersion ?? '', 'deprecated',
          n.spec?.providerID ?? '', n.spec?.podCIDR ?? '', info?.systemUUID ?? '', internalIP])];
    }),
    allowListed(node, 'labels', 'node'),
    node('kube_node_role', 'The role of a cluster node.', false, (n) => Object.keys(n.metadata.labels ?? {})
      .filter((l) => l.startsWith('node-role.kubernetes.io/')).map((l) => one(1, ['role'], [l.slice('node-role.kubernetes.io/'.length)]))),
    node('kube_node_spec_taint', 'The taint of a cluster node.', true,
      (n) => (n.spec?.taints ?? []).map((t) => one(1, ['key', 'value', 'effect'], [t.key, t.value ?? '', t.effect]))),
    node('kube_node_spec_unschedulable', 'Whether a node can schedule new pods.', true, (n) => [one(bool(!!n.spec?.unschedulable))]),
    node('kube_node_status_allocatable', 'The allocatable for different resources of a node that are available for scheduling.', true,
      (n) => resourceList(n.status?.allocatable as Record<string, string> | undefined)),
    node('kube_node_status_capacity', 'The capacity for different resources of a node.', true,
      (n) => resourceList(n.status?.capacity as Record<string, string> | undefined)),
    node('kube_node_status_condition', 'The condition of a cluster node.', true,
      (n) => (n.status?.conditions ?? []).flatMap((c) => conditionMetrics(c.status, ['condition', 'status'], [c.type]))),
    node('kube_node_status_addresses', 'Node address information.', false,
      (n) => (n.status?.addresses ?? []).map((a) => one(1, ['type', 'address'], [a.type, a.address]))),
  ],
};
