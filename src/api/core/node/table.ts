// `kubectl get nodes` columns: printNode from pkg/printers/internalversion/printers.go (v1.32).
import type { Node } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

const addressesDescription = "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).";

export const nodeColumnDefinitions = columns([
  nameColumn,
  { name: 'Status', type: 'string', description: 'The status of the node' },
  { name: 'Roles', type: 'string', description: 'The roles of the node' },
  ageColumn,
  { name: 'Version', type: 'string', description: 'Kubelet Version reported by the node.' },
  { name: 'Internal-IP', type: 'string', priority: 1, description: addressesDescription },
  { name: 'External-IP', type: 'string', priority: 1, description: addressesDescription },
  { name: 'OS-Image', type: 'string', priority: 1, description: 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).' },
  { name: 'Kernel-Version', type: 'string', priority: 1, description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)." },
  { name: 'Container-Runtime', type: 'string', priority: 1, description: 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).' },
]);

// labelNodeRolePrefix / nodeLabelRole in printers.go.
const labelNodeRolePrefix = 'node-role.kubernetes.io/';
const nodeLabelRole = 'kubernetes.io/role';

/**
 * findNodeRoles: roles from `node-role.kubernetes.io/<role>` label keys and the value of a
 * `kubernetes.io/role` label, de-duplicated and sorted (sets.String.List()).
 */
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(labelNodeRolePrefix)) {
      const role = k.slice(labelNodeRolePrefix.length);
      if (role.length > 0) roles.add(role);
    } else if (k === nodeLabelRole && v !== '') {
      roles.add(v);
    }
  }
  // Code-unit order equals Go's byte order for the ASCII that label keys are made of.
  return [...roles].sort();
}

/** Returns the first address of the given type, or "<none>". */
function getNodeAddress(node: Node, type: string): string {
  for (const address of node.status?.addresses ?? []) {
    if (address.type === type) return address.address;
  }
  return '<none>';
}

export function printNode(node: Node, options: GenerateOptions): TableRow<Node>[] {
  const row: TableRow<Node> = { cells: [], object: node };

  // Only the Ready condition is reported; a later duplicate overrides an earlier one (map semantics).
  let ready: { type: string; status: string } | undefined;
  for (const cond of node.status?.conditions ?? []) {
    if (cond.type === 'Ready') ready = cond;
  }
  const status: string[] = [];
  if (ready) status.push(ready.status === 'True' ? ready.type : `Not${ready.type}`);
  if (status.length === 0) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');

  const roles = findNodeRoles(node).join(',') || '<none>';
  const nodeInfo = node.status?.nodeInfo;

  row.cells.push(node.metadata.name, status.join(','), roles,
    translateTimestampSince(node.metadata.creationTimestamp, options.now), nodeInfo?.kubeletVersion ?? '');
  if (options.wide) {
    row.cells.push(
      getNodeAddress(node, 'InternalIP'),
      getNodeAddress(node, 'ExternalIP'),
      nodeInfo?.osImage || '<unknown>',
      nodeInfo?.kernelVersion || '<unknown>',
      nodeInfo?.containerRuntimeVersion || '<unknown>',
    );
  }
  return [row];
}

export const nodeTable: TableHandler<Node> = { columns: nodeColumnDefinitions, rows: printNode };
