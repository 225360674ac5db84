// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go, 1.32): prefers
// nodes whose cpu and memory would be used in similar proportions once the pod is placed.
import { stateKey } from '../cycle-state.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../framework.js';
import { calculatePodResourceRequestList, defaultResources, scoreResourceAllocation, type ResourceAllocationScorer, type ResourceSpec } from './resource-allocation.js';

export const Name = 'NodeResourcesBalancedAllocation';

const preScoreStateKey = stateKey<number[]>('PreScore' + Name);

/** 100 × (1 − standard deviation of the requested/allocatable fractions, each capped at 1). */
export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  // Plain loops and no array of fractions: this runs for every feasible node of every cycle.
  let count = 0;
  let total = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    if (allocatable[i] === 0) continue;
    const f = Math.min(requested[i] / allocatable[i], 1);
    if (count === 0) first = f;
    else if (count === 1) second = f;
    total += f;
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((first - second) / 2);
  } else if (count > 2) {
    const mean = total / count;
    let sum = 0;
    for (let i = 0; i < requested.length; i++) {
      if (allocatable[i] === 0) continue;
      const f = Math.min(requested[i] / allocatable[i], 1);
      sum += (f - mean) * (f - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export function newBalancedAllocation(resources: readonly ResourceSpec[] = defaultResources) {
  const scorer: ResourceAllocationScorer = { useRequested: true, resources, scorer: balancedResourceScorer };
  return {
    name: Name,
    preScore(state, pod) {
      state.write(preScoreStateKey, calculatePodResourceRequestList(pod, scorer));
      return null;
    },
    score(state, pod, nodeInfo) {
      const reqs = state.read(preScoreStateKey) ?? calculatePodResourceRequestList(pod, scorer);
      return scoreResourceAllocation(scorer, nodeInfo, reqs);
    },
  } satisfies PreScorePlugin & ScorePlugin;
}

export const balancedAllocation = newBalancedAllocation();
