// Node defaulting (SetObjectDefaults_Node): allocatable defaults to capacity, quantities become
// canonical. The v1 conversion keeps podCIDR and podCIDRs in step, and the Go structs that are
// always serialized (spec, status.daemonEndpoints, status.nodeInfo) are materialized.
import type { Node } from './schema.js';
import { setDefaultsResourceList } from '../pod/defaults.js';

export function setObjectDefaultsNode(node: Node): Node {
  const spec = (node.spec ??= {});
  if (spec.podCIDR && !spec.podCIDRs?.length) spec.podCIDRs = [spec.podCIDR];
  if (spec.podCIDRs?.length && !spec.podCIDR) spec.podCIDR = spec.podCIDRs[0];

  const status = (node.status ??= {});
  if (status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...status.capacity };
  const capacity = setDefaultsResourceList(status.capacity);
  const allocatable = setDefaultsResourceList(status.allocatable);
  if (capacity) status.capacity = capacity;
  if (allocatable) status.allocatable = allocatable;
  status.daemonEndpoints ??= {};
  status.daemonEndpoints.kubeletEndpoint ??= { Port: 0 };
  status.nodeInfo ??= {
    machineID: '', systemUUID: '', bootID: '', kernelVersion: '', osImage: '', containerRuntimeVersion: '',
    kubeletVersion: '', kubeProxyVersion: '', operatingSystem: '', architecture: '',
  };
  return node;
}
