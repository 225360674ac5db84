// NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go, 1.32): prefers
// nodes whose cpu and memory would be used in similar proportions once the pod is placed.
import { stateKey } from '../cycle-state.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../framework.js';
import { calculatePodResourceRequestList, defaultResources, scoreResourceAllocation, type ResourceAllocationScorer, type ResourceSpec } from './resource-allocation.js';

export const Name = 'NodeResourcesBalancedAllocation';

const preScoreStateKey = stateKey<number[]>('PreScore' + Name);

/** 100 × (1 − standard deviation of the requested/allocatable fractions, each capped at 1). */
export function balancedResourceScorer(requested: number[], allocatable: number[]): number {
  const fractions: number[] = [];
  let total = 0;
  requested.forEach((req, i) => {
    if (allocatable[i] === 0) return;
    const f = Math.min(req / allocatable[i], 1);
    total += f;
    fractions.push(f);
  });
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs((fractions[0] - fractions[1]) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    const sum = fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0);
    std = Math.sqrt(sum / fractions.length);
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
