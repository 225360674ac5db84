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

/** Per resource list, which names are scalar (extended, hugepages, ...): asked once, not per node. */
const scalarFlags = new WeakMap<readonly ResourceSpec[], boolean[]>();
// Score runs one plugin over every node before the next: the last list asked about is kept at hand.
let lastResources: readonly ResourceSpec[] | undefined;
let lastFlags: boolean[] = [];
const isScalar = (resources: readonly ResourceSpec[]): boolean[] => {
  if (resources === lastResources) return lastFlags;
  let f = scalarFlags.get(resources);
  if (!f) scalarFlags.set(resources, (f = resources.map(({ name }) => isScalarResourceName(name))));
  lastResources = resources;
  lastFlags = f;
  return f;
};

// Scratch space for the per-node arrays handed to the scorer, which reads them and keeps nothing:
// scoring runs for every feasible node of every cycle, and one thread does it.
let scratchRequested: number[] = [];
let scratchAllocatable: number[] = [];

/**
 * Each resource's allocatable and requested-after-adding-the-pod on the node; (0, 0) leaves the
 * resource out of the score (calculateResourceAllocatableRequest).
 */
export function scoreResourceAllocation(r: ResourceAllocationScorer, nodeInfo: NodeInfo, podRequests: number[]): number {
  const n = r.resources.length;
  if (scratchRequested.length !== n) {
    scratchRequested = new Array<number>(n);
    scratchAllocatable = new Array<number>(n);
  }
  const requested = scratchRequested;
  const allocatable = scratchAllocatable;
  const scalar = isScalar(r.resources);
  const used = r.useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  const alloc = nodeInfo.allocatable;
  for (let i = 0; i < n; i++) {
    const podRequest = podRequests[i];
    let a = 0;
    let q = 0;
    // An extended resource the pod doesn't ask for says nothing about this pod's fit.
    if (!(podRequest === 0 && scalar[i])) {
      switch (r.resources[i].name) {
        case 'cpu': a = alloc.milliCPU; q = used.milliCPU + podRequest; break;
        case 'memory': a = alloc.memory; q = used.memory + podRequest; break;
        case 'ephemeral-storage': a = alloc.ephemeralStorage; q = nodeInfo.requested.ephemeralStorage + podRequest; break;
        default: {
          const x = alloc.scalarResources.get(r.resources[i].name);
          if (x !== undefined) {
            a = x;
            q = (nodeInfo.requested.scalarResources.get(r.resources[i].name) ?? 0) + podRequest;
          }
        }
      }
    }
    allocatable[i] = a;
    requested[i] = a === 0 ? 0 : q;
  }
  return r.scorer(requested, allocatable);
}
