// One scheduling cycle for one pod (pkg/scheduler/schedule_one.go, 1.32): PreFilter, Filter every
// node, PostFilter (preemption) when none fits, otherwise PreScore/Score and pick the best node.
// Pure: reads a snapshot, returns a decision; the scheduler controller performs the writes.
import type { Node } from '../api/core/node/schema.js';
import type { Pod } from '../api/core/pod/schema.js';
import type { Rand } from '../sim/rand.js';
import { CycleState } from './cycle-state.js';
import { ERR_NO_NODES_AVAILABLE, FitError, addPluginStatus, newDiagnosis, type Diagnosis } from './fit-error.js';
import { Framework, type NodePluginScores, type ObjectLister, type PostFilterOutcome, type Profile } from './framework.js';
import { buildNodeInfos, type NodeInfo } from './node-info.js';
import { Code, Status, asStatus, isSuccess, newStatus } from './status.js';

export interface ScheduleResult {
  suggestedHost: string;
  /** Nodes looked at: the feasible ones plus those rejected. */
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** What a cycle decided. */
export type CycleOutcome =
  | { kind: 'Scheduled'; result: ScheduleResult }
  /** No node fits. `status.message()` is the FitError text; preemption may have picked victims. */
  | { kind: 'Unschedulable'; status: Status; fitError?: FitError; postFilter?: PostFilterOutcome }
  /** An internal error (reason SchedulerError upstream). */
  | { kind: 'Error'; status: Status };

export interface FilterVerdict {
  plugin: string;
  status: Status | null;
  skipped: boolean;
}

/** Everything a cycle saw, for `mk` to explain a decision; recorded only when asked for. */
export interface CycleTrace {
  preFilterStatus: Status | null;
  /** Nodes a PreFilterResult narrowed the cycle to; undefined = all. */
  preFilterNodes?: string[];
  /** Every filter's verdict, per node, not just the first rejection. */
  filters: Map<string, FilterVerdict[]>;
  scores?: NodePluginScores[];
  diagnosis?: Diagnosis;
}

/** Pods waiting for a node that preemption nominated them to (the nominator's view). */
const nominatedPods = (pods: readonly Pod[]) =>
  pods.filter((p) => !p.spec.nodeName && !!p.status?.nominatedNodeName && !p.metadata.deletionTimestamp);

/** A framework over a fresh snapshot of the cluster. */
export function newFramework(profile: Profile, nodes: readonly Node[], pods: readonly Pod[], lister?: ObjectLister): Framework {
  return new Framework(profile, buildNodeInfos(nodes, pods), nominatedPods(pods), lister);
}

function findNodesThatPassFilters(fw: Framework, state: CycleState, pod: Pod, diagnosis: Diagnosis, nodes: readonly NodeInfo[], trace?: CycleTrace): NodeInfo[] {
  const feasible: NodeInfo[] = [];
  for (const ni of nodes) {
    if (trace) trace.filters.set(ni.name, fw.runAllFilterPlugins(state, pod, ni));
    const s = fw.runFilterPluginsWithNominatedPods(state, pod, ni);
    if (s?.code === Code.Error) throw s.err ?? new Error(s.message());
    if (isSuccess(s)) feasible.push(ni);
    else {
      diagnosis.nodeToStatus.set(ni.name, s!);
      addPluginStatus(diagnosis, s!);
    }
  }
  return feasible;
}

/**
 * findNodesThatFitPod. Every node is evaluated: mk clusters are small enough that upstream's
 * percentageOfNodesToScore cut-off (100+ nodes) would only add a rotating start index to track.
 */
function findNodesThatFitPod(fw: Framework, state: CycleState, pod: Pod, trace?: CycleTrace): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
  const diagnosis = newDiagnosis();
  const pre = fw.runPreFilterPlugins(state, pod);
  if (trace) {
    trace.preFilterStatus = pre.status;
    if (pre.result) trace.preFilterNodes = [...pre.result.nodeNames].sort();
  }
  if (!isSuccess(pre.status)) {
    if (!pre.status!.isRejected()) throw pre.status!.err ?? new Error(pre.status!.message());
    // Every node gets the PreFilter status, so that preemption sees why.
    diagnosis.nodeToStatus.setAbsentNodesStatus(pre.status!);
    diagnosis.preFilterMsg = pre.status!.message();
    addPluginStatus(diagnosis, pre.status!);
    return { feasible: [], diagnosis };
  }

  // A nominated node is likely the only one with room (preemption made it); try it first.
  const nnn = pod.status?.nominatedNodeName;
  if (nnn) {
    const ni = fw.nodeInfos.find((n) => n.name === nnn);
    if (ni) {
      const feasible = findNodesThatPassFilters(fw, state, pod, diagnosis, [ni]);
      if (feasible.length > 0) return { feasible, diagnosis };
    }
  }

  let nodes: readonly NodeInfo[] = fw.nodeInfos;
  if (pre.result) {
    nodes = fw.nodeInfos.filter((n) => pre.result!.nodeNames.has(n.name));
    const plugins = [...pre.pluginsWithNodes].sort();
    diagnosis.nodeToStatus.setAbsentNodesStatus(
      newStatus(Code.UnschedulableAndUnresolvable, `node(s) didn't satisfy plugin(s) [${plugins.join(' ')}]`));
  }
  return { feasible: findNodesThatPassFilters(fw, state, pod, diagnosis, nodes, trace), diagnosis };
}

/** prioritizeNodes: without score plugins every node scores 1. */
function prioritizeNodes(fw: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodePluginScores[] {
  if (!fw.hasScorePlugins()) return nodes.map((n) => ({ name: n.name, scores: [], totalScore: 1 }));
  const s = fw.runPreScorePlugins(state, pod, nodes);
  if (!isSuccess(s)) throw s!.err ?? new Error(s!.message());
  return fw.runScorePlugins(state, pod, nodes);
}

/** The nodes sharing the highest total score, in snapshot order. */
export function bestNodes(list: readonly NodePluginScores[]): string[] {
  // One pass, no spread: Math.max(...list) over thousands of nodes is slow and bounded by the stack.
  let max = -Infinity;
  const out: string[] = [];
  for (const n of list) {
    if (n.totalScore > max) {
      max = n.totalScore;
      out.length = 0;
    }
    if (n.totalScore === max) out.push(n.name);
  }
  return out;
}

/**
 * selectHost: the highest total score; ties broken by reservoir sampling, each tied node kept
 * with probability 1/k, so every one of them is equally likely.
 */
export function selectHost(list: readonly NodePluginScores[], rand: Pick<Rand, 'int'>): string {
  if (list.length === 0) throw new Error('empty priorityList');
  const best = bestNodes(list);
  let selected = best[0];
  for (let i = 1; i < best.length; i++) if (rand.int(i + 1) === 0) selected = best[i];
  return selected;
}

/** schedulePod: a host, or a FitError saying why none. */
export function schedulePod(fw: Framework, state: CycleState, pod: Pod, rand: Pick<Rand, 'int'>, trace?: CycleTrace): ScheduleResult | FitError {
  if (fw.nodeInfos.length === 0) throw new NoNodesAvailableError();
  const { feasible, diagnosis } = findNodesThatFitPod(fw, state, pod, trace);
  if (trace) trace.diagnosis = diagnosis;
  if (feasible.length === 0) return new FitError(pod, fw.nodeInfos.length, diagnosis);
  const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
  if (feasible.length === 1) return { suggestedHost: feasible[0].name, evaluatedNodes, feasibleNodes: 1 };
  const priorityList = prioritizeNodes(fw, state, pod, feasible);
  if (trace) trace.scores = priorityList;
  return { suggestedHost: selectHost(priorityList, rand), evaluatedNodes, feasibleNodes: feasible.length };
}

export class NoNodesAvailableError extends Error {
  constructor() {
    super(ERR_NO_NODES_AVAILABLE);
  }
}

/** schedulingCycle up to (not including) binding: schedulePod, then PostFilter on failure. */
export function schedulingCycle(fw: Framework, pod: Pod, rand: Pick<Rand, 'int'>, trace?: CycleTrace): CycleOutcome {
  const state = new CycleState();
  let r: ScheduleResult | FitError;
  try {
    r = schedulePod(fw, state, pod, rand, trace);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    if (err instanceof NoNodesAvailableError) {
      return { kind: 'Unschedulable', status: new Status(Code.UnschedulableAndUnresolvable, [], err) };
    }
    return { kind: 'Error', status: asStatus(err) };
  }
  if (!(r instanceof FitError)) return { kind: 'Scheduled', result: r };

  if (!fw.hasPostFilterPlugins()) return { kind: 'Unschedulable', status: newStatus(Code.Unschedulable, r.error()), fitError: r };
  const postFilter = fw.runPostFilterPlugins(state, pod, r.diagnosis.nodeToStatus);
  r.diagnosis.postFilterMsg = postFilter.status?.message() ?? '';
  return { kind: 'Unschedulable', status: newStatus(Code.Unschedulable, r.error()), fitError: r, postFilter };
}
