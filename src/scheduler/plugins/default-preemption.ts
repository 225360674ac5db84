// DefaultPreemption (plugins/defaultpreemption and framework/preemption, 1.32): when a pod fits
// nowhere, find nodes where evicting lower-priority pods would make room, pick the one that hurts
// least, and nominate it. The plugin only decides; the scheduler deletes the victims. When nothing
// can be done it explains why, per node — the `preemption: 0/3 nodes are available: ...` part of
// FailedScheduling.
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudget/schema.js';
import { labelSelectorAsString, labelSelectorMatches } from '../../api/apps/label-selector.js';
import type { CycleState } from '../cycle-state.js';
import { FitError, newDiagnosis } from '../fit-error.js';
import { podPriority, samePod, type FrameworkHandle, type PostFilterOutcome, type PostFilterPlugin } from '../framework.js';
import type { NodeInfo } from '../node-info.js';
import { Code, NodeToStatus, Status, asStatus, isSuccess, newStatus } from '../status.js';

export const Name = 'DefaultPreemption';
export const ErrReasonNotHelpful = 'Preemption is not helpful for scheduling';
export const ErrReasonNoVictims = 'No preemption victims found for incoming pod';
export const ErrReasonPreemptNever = 'not eligible due to preemptionPolicy=Never.';
export const ErrReasonTerminatingPod = 'not eligible due to a terminating pod on the nominated node.';

/** Victims on one node, and how many of them a PodDisruptionBudget does not allow to go. */
export interface Candidate {
  name: string;
  victims: Pod[];
  numPDBViolations: number;
}

/** A pod without a start time hasn't started: it counts as the newest. */
const startTime = (p: Pod): number => (p.status?.startTime ? Date.parse(p.status.startTime) : Number.POSITIVE_INFINITY);

/** util.MoreImportantPod: higher priority, then earlier start. */
export const moreImportantPod = (a: Pod, b: Pod): boolean => {
  const pa = podPriority(a);
  const pb = podPriority(b);
  return pa !== pb ? pa > pb : startTime(a) < startTime(b);
};

/** A victim the scheduler already asked to go: deleting, with DisruptionTarget=True by the scheduler. */
export function podTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

export function podEligibleToPreemptOthers(pod: Pod, nominatedNodeStatus: Status, handle: FrameworkHandle): [boolean, string] {
  if (pod.spec.preemptionPolicy === 'Never') return [false, ErrReasonPreemptNever];
  const nom = pod.status?.nominatedNodeName;
  if (nom) {
    // A nominated node that can never take the pod frees it to look elsewhere.
    if (nominatedNodeStatus.code === Code.UnschedulableAndUnresolvable) return [true, ''];
    const ni = handle.nodeInfos.find((n) => n.name === nom);
    const prio = podPriority(pod);
    if (ni && ni.pods.some((p) => podPriority(p) < prio && podTerminatingByPreemption(p))) return [false, ErrReasonTerminatingPod];
  }
  return [true, ''];
}

/**
 * filterPodsWithPDBViolation: splits pods into those whose eviction would take a budget below
 * zero and the rest, spending each budget's disruptionsAllowed in the pods' order. A pod the API
 * server already recorded in disruptedPods is being evicted: it costs nothing. A budget with a nil
 * or empty selector matches nothing here.
 */
export function filterPodsWithPDBViolation(pods: readonly Pod[], pdbs: readonly PodDisruptionBudget[]): { violating: Pod[]; nonViolating: Pod[] } {
  const allowed = pdbs.map((pdb) => pdb.status?.disruptionsAllowed ?? 0);
  const violating: Pod[] = [];
  const nonViolating: Pod[] = [];
  for (const pod of pods) {
    let violated = false;
    if (Object.keys(pod.metadata.labels ?? {}).length) {
      pdbs.forEach((pdb, i) => {
        if (pdb.metadata.namespace !== pod.metadata.namespace) return;
        const sel = labelSelectorAsString(pdb.spec?.selector);
        if (!sel || !labelSelectorMatches(pdb.spec?.selector, pod.metadata.labels)) return;
        if (pdb.status?.disruptedPods?.[pod.metadata.name ?? ''] !== undefined) return;
        allowed[i]--;
        if (allowed[i] < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

/** getPodDisruptionBudgets: every budget in the cluster, as the scheduler's lister holds them. */
export function getPodDisruptionBudgets(handle: FrameworkHandle): PodDisruptionBudget[] {
  return handle.lister.list<KubeObject>('poddisruptionbudgets.policy') as unknown as PodDisruptionBudget[];
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod; if the pod then fits, put back as many as
 * possible — first those whose eviction would violate a budget, then the others, each group most
 * important first. What stays removed are the victims; numPDBViolations counts the violating ones.
 */
export function selectVictimsOnNode(state: CycleState, pod: Pod, nodeInfo: NodeInfo, handle: FrameworkHandle,
  pdbs: readonly PodDisruptionBudget[] = []): { victims: Pod[]; numPDBViolations: number; status: Status | null } {
  const prio = podPriority(pod);
  const potential = nodeInfo.pods.filter((p) => podPriority(p) < prio);
  for (const p of potential) {
    nodeInfo.removePod(p);
    const s = handle.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
    if (!isSuccess(s)) return { victims: [], numPDBViolations: 0, status: s };
  }
  if (potential.length === 0) {
    return { victims: [], numPDBViolations: 0, status: newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNoVictims) };
  }
  const s = handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo);
  if (!isSuccess(s)) return { victims: [], numPDBViolations: 0, status: s };

  let victims: Pod[] = [];
  const byImportance = (a: Pod, b: Pod) => (moreImportantPod(a, b) ? -1 : moreImportantPod(b, a) ? 1 : 0);
  const sorted = [...potential].sort(byImportance);
  const { violating, nonViolating } = filterPodsWithPDBViolation(sorted, pdbs);
  /** Puts the pod back; if the preemptor no longer fits, takes it out again as a victim. */
  const reprieve = (p: Pod): { fits: boolean; status: Status | null } => {
    nodeInfo.addPod(p);
    const added = handle.runPreFilterExtensionAddPod(state, pod, p, nodeInfo);
    if (!isSuccess(added)) return { fits: false, status: added };
    const fits = isSuccess(handle.runFilterPluginsWithNominatedPods(state, pod, nodeInfo));
    if (!fits) {
      nodeInfo.removePod(p);
      const removed = handle.runPreFilterExtensionRemovePod(state, pod, p, nodeInfo);
      if (!isSuccess(removed)) return { fits: false, status: removed };
      victims.push(p);
    }
    return { fits, status: null };
  };
  let numPDBViolations = 0;
  for (const p of violating) {
    const r = reprieve(p);
    if (r.status) return { victims: [], numPDBViolations: 0, status: r.status };
    if (!r.fits) numPDBViolations++;
  }
  for (const p of nonViolating) {
    const r = reprieve(p);
    if (r.status) return { victims: [], numPDBViolations: 0, status: r.status };
  }
  // Victims from both groups are put back in priority order: pickOneNodeForPreemption reads the first as the most important.
  if (violating.length && nonViolating.length) victims = victims.sort(byImportance);
  return { victims, numPDBViolations, status: null };
}

/** DryRunPreemption over the nodes where preemption might help. */
export function dryRunPreemption(state: CycleState, pod: Pod, potentialNodes: readonly NodeInfo[], handle: FrameworkHandle,
  pdbs: readonly PodDisruptionBudget[] = []): { candidates: Candidate[]; nodeStatuses: NodeToStatus; errors: Error[] } {
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const nodeStatuses = new NodeToStatus();
  const errors: Error[] = [];
  for (const ni of potentialNodes) {
    const copy = ni.snapshot();
    let { victims, numPDBViolations, status } = selectVictimsOnNode(state.clone(), pod, copy, handle, pdbs);
    if (isSuccess(status) && victims.length > 0) {
      (numPDBViolations === 0 ? nonViolating : violating).push({ name: ni.name, victims, numPDBViolations });
      continue;
    }
    if (isSuccess(status)) status = asStatus(new Error(`expected at least one victim pod on node "${ni.name}"`));
    if (status!.code === Code.Error) errors.push(status!.err ?? new Error(status!.message()));
    nodeStatuses.set(ni.name, status!);
  }
  return { candidates: [...nonViolating, ...violating], nodeStatuses, errors };
}

/** The earliest start among the highest-priority victims. */
function earliestPodStartTime(victims: readonly Pod[]): number {
  let earliest = startTime(victims[0]);
  let maxPriority = podPriority(victims[0]);
  for (const p of victims) {
    const pr = podPriority(p);
    if (pr === maxPriority) earliest = Math.min(earliest, startTime(p));
    else if (pr > maxPriority) { maxPriority = pr; earliest = startTime(p); }
  }
  return earliest;
}

const MAX_INT32_PLUS_ONE = 2 ** 31;

/**
 * pickOneNodeForPreemption: fewest PDB violations, then the lowest top victim priority, the
 * smallest priority sum, the fewest victims, the latest-started top victims, then the first.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const noVictims = candidates.find((c) => c.victims.length === 0);
  if (noVictims) return noVictims;
  const scoreFuncs: Array<(c: Candidate) => number> = [
    (c) => -c.numPDBViolations,
    (c) => -podPriority(c.victims[0]),
    (c) => -c.victims.reduce((s, p) => s + podPriority(p) + MAX_INT32_PLUS_ONE, 0),
    (c) => -c.victims.length,
    (c) => earliestPodStartTime(c.victims),
  ];
  let all = [...candidates];
  for (const f of scoreFuncs) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const c of all) {
      const score = f(c);
      if (score > best) { best = score; selected = []; }
      if (score === best) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/** Evaluator.Preempt. */
export function preempt(state: CycleState, pod: Pod, m: NodeToStatus, handle: FrameworkHandle): PostFilterOutcome {
  const [eligible, msg] = podEligibleToPreemptOthers(pod, m.get(pod.status?.nominatedNodeName ?? ''), handle);
  if (!eligible) return { status: newStatus(Code.Unschedulable, msg) };

  const allNodes = handle.nodeInfos;
  if (allNodes.length === 0) return { status: asStatus(new Error('no nodes available')) };
  const potentialNodes = m.nodesForStatusCode(allNodes, Code.Unschedulable);
  const { candidates, nodeStatuses, errors } = potentialNodes.length === 0
    ? { candidates: [], nodeStatuses: new NodeToStatus(), errors: [] }
    : dryRunPreemption(state, pod, potentialNodes, handle, getPodDisruptionBudgets(handle));
  if (errors.length > 0 && candidates.length === 0) {
    return { status: asStatus(new Error(errors.map((e) => e.message).join(', '))) };
  }
  if (candidates.length === 0) {
    const d = newDiagnosis();
    d.nodeToStatus = nodeStatuses;
    nodeStatuses.setAbsentNodesStatus(newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNotHelpful));
    // nominatedNodeName "" clears a nomination left from an earlier cycle.
    return { status: newStatus(Code.Unschedulable, new FitError(pod, allNodes.length, d).error()), nominatedNodeName: '' };
  }

  const best = pickOneNodeForPreemption(candidates);
  if (!best || !best.name) return { status: newStatus(Code.Unschedulable, 'no candidate node for preemption') };
  const prio = podPriority(pod);
  const clearNominations = handle.nominatedPodsForNode(best.name).filter((p) => podPriority(p) < prio && !samePod(p, pod));
  return { status: null, nominatedNodeName: best.name, victims: best.victims, clearNominations };
}

export const defaultPreemption = {
  name: Name,
  postFilter(state, pod, m, handle): PostFilterOutcome {
    const out = preempt(state, pod, m, handle);
    const msg = out.status?.message() ?? '';
    if (msg.length > 0) return { ...out, status: new Status(out.status!.code, [`preemption: ${msg}`]) };
    return out;
  },
} satisfies PostFilterPlugin;
