// kubectl describe node (NodeDescriber in kubectl 1.32's describe.go): the node's status, its
// Lease, the non-terminated pods bound to it with their requests and limits as a share of
// allocatable, and the totals.
import type { Node } from '../../api/core/node/schema.js';
import type { Container, Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, searchEvents } from './events.js';
import {
  formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, printNodeTaintsMultiline, sortStrings,
  translateTimestampSince, type DescribeClient, type DescribeOptions,
} from './helpers.js';
import {
  addQuantity, cmpQuantity, formatQuantity, milliValue, quantityValue, tryParseQuantity, type Quantity,
} from '../../api/quantity.js';

type ResourceList = Record<string, string | number>;

/** A ResourceList parsed; entries that do not parse are left out. */
function parseResourceList(list: ResourceList | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (q) out.set(k, q);
  }
  return out;
}

/** Go's int64(f) on amd64: NaN and ±Inf (a division by a zero allocatable) become the minimum int64. */
function goInt64(f: number): string {
  if (!Number.isFinite(f) || Math.abs(f) >= 2 ** 63) return '-9223372036854775808';
  return String(Math.trunc(f));
}

const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';
const LEASE_RESOURCE = 'leases.coordination.k8s.io';
const NODE_LEASE_NAMESPACE = 'kube-node-lease';

interface Lease extends KubeObject {
  spec?: { holderIdentity?: string; acquireTime?: string; renewTime?: string };
}

export function describeNodeObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const node = obj as Node;
  const name = node.metadata.name;
  // The pods bound to the node that still hold resources (spec.nodeName=<node>,
  // status.phase!=Succeeded,status.phase!=Failed, across all namespaces).
  const pods = client.list<Pod>('pods').filter((p) => p.spec?.nodeName === name
    && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  let lease: Lease | undefined;
  try {
    lease = client.tryGet<Lease>(LEASE_RESOURCE, NODE_LEASE_NAMESPACE, name);
  } catch {
    lease = undefined;
  }
  let events;
  if (opts.showEvents) {
    // Controllers reference a node by its uid, the kubelet by its name: kubectl asks for both.
    const ref = { name, namespace: '', kind: 'Node' };
    events = [
      ...searchEvents(client, { ...ref, uid: node.metadata.uid || undefined }),
      ...searchEvents(client, { ...ref, uid: name }),
    ];
  }
  return describeNode(node, pods, lease, events, opts.now);
}

export function describeNode(node: Node, pods: Pod[], lease: Lease | undefined,
  events: ReturnType<typeof searchEvents> | undefined, now: number): string {
  const spec = node.spec ?? {};
  const status = node.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${node.metadata.name}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length > 0 ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata.creationTimestamp)}\n`);
    printNodeTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (lease) {
      const ls = lease.spec ?? {};
      w.write(LEVEL_0, 'Lease:\n');
      w.write(LEVEL_1, `HolderIdentity:\t${ls.holderIdentity ?? '<unset>'}\n`);
      w.write(LEVEL_1, `AcquireTime:\t${ls.acquireTime ? formatRFC1123Z(ls.acquireTime) : '<unset>'}\n`);
      w.write(LEVEL_1, `RenewTime:\t${ls.renewTime ? formatRFC1123Z(ls.renewTime) : '<unset>'}\n`);
    } else {
      w.write(LEVEL_0, `Lease:\tFailed to get lease: ${LEASE_RESOURCE} "${node.metadata.name}" not found\n`);
    }
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t`
          + `${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResourceList = (list: ResourceList) => {
      const parsed = parseResourceList(list);
      for (const name of sortStrings(Object.keys(list))) {
        const q = parsed.get(name);
        w.write(LEVEL_0, `  ${name}:\t${q ? formatQuantity(q) : String(list[name])}\n`);
      }
    };
    if (Object.keys(status.capacity ?? {}).length > 0) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity!);
    }
    if (Object.keys(status.allocatable ?? {}).length > 0) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable!);
    }
    const info = status.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, now);
    if (events) describeEvents(events, w, now);
  });
}

/** Roles from `node-role.kubernetes.io/<role>` labels and a non-empty `kubernetes.io/role`. */
function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') {
      roles.add(v);
    }
  }
  return sortStrings([...roles]);
}

type Totals = Map<string, Quantity>;

/** addResourceList: a resource seen first is copied (keeping its format), later ones are added. */
function addResourceList(list: Totals, add: Totals): void {
  for (const [name, q] of add) {
    const prev = list.get(name);
    list.set(name, prev ? addQuantity(prev, q) : q);
  }
}

function maxResourceList(list: Totals, other: Totals): void {
  for (const [name, q] of other) {
    const prev = list.get(name);
    if (!prev || cmpQuantity(q, prev) > 0) list.set(name, q);
  }
}

/** max(a, b) per resource, b's value when equal. */
function maxOf(a: Totals, b: Totals): Totals {
  const result: Totals = new Map();
  for (const [name, q] of a) {
    const other = b.get(name);
    result.set(name, other && cmpQuantity(q, other) <= 0 ? other : q);
  }
  for (const [name, q] of b) if (!result.has(name)) result.set(name, q);
  return result;
}

/**
 * kubectl's PodRequestsAndLimits: containers summed, then the larger of that and each init
 * container (restartable init containers run alongside and are summed), plus pod overhead.
 */
function podRequestsAndLimits(pod: Pod): { reqs: Totals; limits: Totals } {
  const spec = pod.spec;
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const sum = (pick: (c: Container) => ResourceList | undefined, useAllocated: boolean): Totals => {
    const total: Totals = new Map();
    for (const c of spec.containers) {
      let list = parseResourceList(pick(c));
      const cs = statuses.get(c.name);
      if (useAllocated && cs) {
        const allocated = parseResourceList(cs.allocatedResources as ResourceList | undefined);
        list = pod.status?.resize === 'Infeasible' ? allocated : maxOf(list, allocated);
      }
      addResourceList(total, list);
    }
    const restartable: Totals = new Map();
    const init: Totals = new Map();
    for (const c of spec.initContainers ?? []) {
      let list = parseResourceList(pick(c));
      if (c.restartPolicy === 'Always') {
        addResourceList(total, list);
        addResourceList(restartable, list);
        list = restartable;
      } else {
        const tmp: Totals = new Map();
        addResourceList(tmp, list);
        addResourceList(tmp, restartable);
        list = tmp;
      }
      maxResourceList(init, list);
    }
    maxResourceList(total, init);
    return total;
  };
  const reqs = sum((c) => c.resources?.requests, true);
  const limits = sum((c) => c.resources?.limits, false);
  const overhead = parseResourceList(spec.overhead);
  addResourceList(reqs, overhead);
  for (const [name, q] of overhead) {
    const prev = limits.get(name);
    if (prev) limits.set(name, addQuantity(prev, q));
  }
  return { reqs, limits };
}

const zero = (format: Quantity['format']): Quantity => ({ mantissa: 0n, exponent: 0, format });
const pct = (num: number, den: number) => goInt64(num / den * 100);

function describeNodeResource(pods: Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const status = node.status ?? {};
  const allocatable = parseResourceList(Object.keys(status.allocatable ?? {}).length > 0 ? status.allocatable : status.capacity);
  const allocCpu = milliValue(allocatable.get('cpu') ?? zero('DecimalSI'));
  const allocMem = quantityValue(allocatable.get('memory') ?? zero('BinarySI'));
  const allocEph = quantityValue(allocatable.get('ephemeral-storage') ?? zero('BinarySI'));

  const totalReqs: Totals = new Map();
  const totalLimits: Totals = new Map();
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cpuReq = reqs.get('cpu') ?? zero('DecimalSI');
    const cpuLimit = limits.get('cpu') ?? zero('DecimalSI');
    const memReq = reqs.get('memory') ?? zero('DecimalSI');
    const memLimit = limits.get('memory') ?? zero('DecimalSI');
    // Per pod, kubectl divides without checking for a zero allocatable.
    w.write(LEVEL_1, `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t`
      + `${formatQuantity(cpuReq)} (${pct(milliValue(cpuReq), allocCpu)}%)\t`
      + `${formatQuantity(cpuLimit)} (${pct(milliValue(cpuLimit), allocCpu)}%)\t`
      + `${formatQuantity(memReq)} (${pct(quantityValue(memReq), allocMem)}%)\t`
      + `${formatQuantity(memLimit)} (${pct(quantityValue(memLimit), allocMem)}%)\t`
      + `${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`);
    addResourceList(totalReqs, reqs);
    addResourceList(totalLimits, limits);
  }

  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, value: (q: Quantity) => number, alloc: number) => {
    const req = totalReqs.get(name) ?? zero('DecimalSI');
    const lim = totalLimits.get(name) ?? zero('DecimalSI');
    const fr = alloc !== 0 ? pct(value(req), alloc) : '0';
    const fl = alloc !== 0 ? pct(value(lim), alloc) : '0';
    w.write(LEVEL_1, `${name}\t${formatQuantity(req)} (${fr}%)\t${formatQuantity(lim)} (${fl}%)\n`);
  };
  row('cpu', milliValue, allocCpu);
  row('memory', quantityValue, allocMem);
  row('ephemeral-storage', quantityValue, allocEph);

  const hugePages: string[] = [];
  const extended: string[] = [];
  for (const name of allocatable.keys()) {
    if (name.startsWith('hugepages-')) hugePages.push(name);
    else if (!isStandardContainerResourceName(name) && name !== 'pods') extended.push(name);
  }
  for (const name of sortStrings(hugePages)) row(name, quantityValue, quantityValue(allocatable.get(name)!));
  for (const name of sortStrings(extended)) {
    const req = totalReqs.get(name) ?? zero('DecimalSI');
    const lim = totalLimits.get(name) ?? zero('DecimalSI');
    w.write(LEVEL_1, `${name}\t${formatQuantity(req)}\t${formatQuantity(lim)}\n`);
  }
}

function isStandardContainerResourceName(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-');
}
