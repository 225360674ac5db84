// NodeResourcesFit (plugins/noderesources/fit.go, 1.32): PreFilter sums the pod's requests
// (init-container max rule, sidecars, overhead), Filter checks them against what is left on the
// node, Score uses the LeastAllocated strategy (least_allocated.go) by default.
import type { Pod } from '../../api/core/pod/schema.js';
import { stateKey } from '../cycle-state.js';
import { MAX_NODE_SCORE, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../framework.js';
import { addToResource, isExtendedResourceName, newResource, type NodeInfo, type Resource } from '../node-info.js';
import { podRequests } from '../pod-resources.js';
import { Code, newStatus } from '../status.js';
import {
  calculatePodResourceRequestList, defaultResources, scoreResourceAllocation, type ResourceAllocationScorer, type ResourceSpec,
} from './resource-allocation.js';

export const Name = 'NodeResourcesFit';
export const ErrReasonTooManyPods = 'Too many pods';
export const insufficientReason = (resource: string) => `Insufficient ${resource}`;

const preFilterStateKey = stateKey<Resource>('PreFilter' + Name);
const preScoreStateKey = stateKey<number[]>('PreScore' + Name);

/** computePodResourceRequest. */
export function computePodResourceRequest(pod: Pod): Resource {
  const r = newResource();
  addToResource(r, podRequests(pod));
  return r;
}

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** Whether fitsRequest finds nothing missing, without building the list: the common case, per node. */
function fitsAll(podRequest: Resource, nodeInfo: NodeInfo): boolean {
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) return false;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) return false;
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) return false;
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return false;
  return podRequest.scalarResources.size === 0;
}

/** fitsRequest: every resource the pod can't get on this node, pod count first. */
export function fitsRequest(podRequest: Resource, nodeInfo: NodeInfo, ignoredExtendedResources: ReadonlySet<string> = new Set()): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: ErrReasonTooManyPods, requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber });
  }
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && podRequest.scalarResources.size === 0) {
    return out;
  }
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: insufficientReason('cpu'), requested: podRequest.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: insufficientReason('memory'), requested: podRequest.memory, used: used.memory, capacity: alloc.memory });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage', reason: insufficientReason('ephemeral-storage'),
      requested: podRequest.ephemeralStorage, used: used.ephemeralStorage, capacity: alloc.ephemeralStorage,
    });
  }
  for (const [name, q] of podRequest.scalarResources) {
    if (q === 0) continue;
    if (isExtendedResourceName(name) && ignoredExtendedResources.has(name)) continue;
    const a = alloc.scalarResources.get(name) ?? 0;
    const u = used.scalarResources.get(name) ?? 0;
    if (q > a - u) out.push({ resourceName: name, reason: insufficientReason(name), requested: q, used: u, capacity: a });
  }
  return out;
}

/** Fits: the same check from scratch (used outside a scheduling cycle, e.g. kubelet admission). */
export const fits = (pod: Pod, nodeInfo: NodeInfo): InsufficientResource[] => fitsRequest(computePodResourceRequest(pod), nodeInfo);

/** leastRequestedScore: the share of the resource left free, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastResourceScorer(resources: readonly ResourceSpec[]) {
  return (requested: number[], allocatable: number[]): number => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      nodeScore += leastRequestedScore(requested[i], allocatable[i]) * resources[i].weight;
      weightSum += resources[i].weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}

export function newNodeResourcesFit(resources: readonly ResourceSpec[] = defaultResources) {
  const scorer: ResourceAllocationScorer = { useRequested: false, resources, scorer: leastResourceScorer(resources) };
  return {
    name: Name,
    preFilter(state, pod) {
      state.write(preFilterStateKey, computePodResourceRequest(pod));
      return null;
    },
    filter(state, pod, nodeInfo) {
      const s = state.read(preFilterStateKey) ?? computePodResourceRequest(pod);
      if (fitsAll(s, nodeInfo)) return null;
      const insufficient = fitsRequest(s, nodeInfo);
      return insufficient.length === 0 ? null : newStatus(Code.Unschedulable, ...insufficient.map((r) => r.reason));
    },
    preScore(state, pod) {
      state.write(preScoreStateKey, calculatePodResourceRequestList(pod, scorer));
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.read(preScoreStateKey) ?? calculatePodResourceRequestList(pod, scorer);
      return scoreResourceAllocation(scorer, nodeInfo, reqs);
    },
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
}

export const nodeResourcesFit = newNodeResourcesFit();
