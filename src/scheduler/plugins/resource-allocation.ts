// The scorer behind NodeResourcesFit's scoring strategies and NodeResourcesBalancedAllocation
// (plugins/noderesources/resource_allocation.go, 1.32).
import type { Pod } from '../../api/core/pod/schema.js';
import { milliValue, newMilliQuantity, newQuantity, quantityValue, type Quantity } from '../../api/quantity.js';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, isScalarResourceName, type NodeInfo } from '../node-info.js';
import { podRequests } from '../pod-resources.js';

export interface ResourceSpec {
  name: string;
  weight: number;
}

/** The default `scoringStrategy.resources`. */
export const defaultResources: readonly ResourceSpec[] = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }];

const nonZeroDefaults: ReadonlyMap<string, Quantity> = new Map([
  ['cpu', newMilliQuantity(DEFAULT_MILLI_CPU_REQUEST)],
  ['memory', newQuantity(DEFAULT_MEMORY_REQUEST)],
]);

export interface ResourceAllocationScorer {
  /**
   * true: score against what pods really request (BalancedAllocation). false: count containers
   * without requests as 100m CPU / 200Mi, so best-effort pods still spread (LeastAllocated).
   */
  useRequested: boolean;
  resources: readonly ResourceSpec[];
  scorer(requested: number[], allocatable: number[]): number;
}

/** calculatePodResourceRequestList: the incoming pod's request for each scored resource. */
export function calculatePodResourceRequestList(pod: Pod, r: ResourceAllocationScorer): number[] {
  const requests = podRequests(pod, r.useRequested ? {} : { nonMissingContainerRequests: nonZeroDefaults });
  return r.resources.map(({ name }) => {
    const q = requests.get(name);
    if (!q) return 0;
    return name === 'cpu' ? milliValue(q) : quantityValue(q);
  });
}

/** [allocatable, requested after adding the pod]; (0, 0) leaves the resource out of the score. */
function calculateResourceAllocatableRequest(r: ResourceAllocationScorer, nodeInfo: NodeInfo, resource: string, podRequest: number): [number, number] {
  const requested = r.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  // An extended resource the pod doesn't ask for says nothing about this pod's fit.
  if (podRequest === 0 && isScalarResourceName(resource)) return [0, 0];
  switch (resource) {
    case 'cpu': return [nodeInfo.allocatable.milliCPU, requested.milliCPU + podRequest];
    case 'memory': return [nodeInfo.allocatable.memory, requested.memory + podRequest];
    case 'ephemeral-storage': return [nodeInfo.allocatable.ephemeralStorage, nodeInfo.requested.ephemeralStorage + podRequest];
    default: {
      const alloc = nodeInfo.allocatable.scalarResources.get(resource);
      if (alloc !== undefined) return [alloc, (nodeInfo.requested.scalarResources.get(resource) ?? 0) + podRequest];
      return [0, 0];
    }
  }
}

export function scoreResourceAllocation(r: ResourceAllocationScorer, nodeInfo: NodeInfo, podRequests: number[]): number {
  const requested = new Array<number>(r.resources.length).fill(0);
  const allocatable = new Array<number>(r.resources.length).fill(0);
  r.resources.forEach(({ name }, i) => {
    const [alloc, req] = calculateResourceAllocatableRequest(r, nodeInfo, name, podRequests[i]);
    if (alloc === 0) return;
    allocatable[i] = alloc;
    requested[i] = req;
  });
  return r.scorer(requested, allocatable);
}
