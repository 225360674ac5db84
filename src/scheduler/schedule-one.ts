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
  /** numFeasibleNodesToFind for this cycle: filtering stopped once that many nodes fit. */
  numNodesToFind?: number;
  /** Where in the candidate nodes filtering started (the rotating nextStartNodeIndex). */
  startIndex?: number;
  /** Candidate nodes the cycle never filtered: enough feasible nodes were found before them. */
  notEvaluated?: string[];
}

/** minFeasibleNodesToFind: below this many nodes, every node is filtered and scored. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind: the adaptive percentage never drops below this. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
/** DefaultPercentageOfNodesToScore: 0 means adaptive (50% minus 1% per 125 nodes). */
export const DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE = 0;

/**
 * numFeasibleNodesToFind: how many feasible nodes a cycle looks for before it stops filtering.
 * The profile's percentageOfNodesToScore wins over the global one; 0 is adaptive. Integer
 * arithmetic, as int32 upstream.
 */
export function numFeasibleNodesToFind(globalPercentage: number, profilePercentage: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = profilePercentage ?? globalPercentage;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

/**
 * The scheduler's nextStartNodeIndex: each cycle starts filtering where the previous one stopped,
 * so that over many cycles every node gets looked at. The controller keeps it in the store's meta
 * (each `mk` command is a new process) so that a decision can be reproduced and explained.
 */
export interface NodeCursor {
  nextStartNodeIndex: number;
}

/** Pods waiting for a node that preemption nominated them to (the nominator's view). */
const nominatedPods = (pods: readonly Pod[]) =>
  pods.filter((p) => !p.spec.nodeName && !!p.status?.nominatedNodeName && !p.metadata.deletionTimestamp);

/** A framework over a fresh snapshot of the cluster. */
export function newFramework(profile: Profile, nodes: readonly Node[], pods: readonly Pod[], lister?: ObjectLister): Framework {
  return new Framework(profile, buildNodeInfos(nodes, pods), nominatedPods(pods), lister);
}

/**
 * findNodesThatPassFilters: nodes are visited from the cursor on, wrapping around, and filtering
 * stops once numFeasibleNodesToFind of them fit. Upstream filters in parallel and keeps the
 * feasible nodes in completion order; mk filters one node after the other, in visiting order.
 */
function findNodesThatPassFilters(fw: Framework, state: CycleState, pod: Pod, diagnosis: Diagnosis, nodes: readonly NodeInfo[],
  startIndex: number, trace?: CycleTrace): NodeInfo[] {
  const numAllNodes = nodes.length;
  const numNodesToFind = numFeasibleNodesToFind(DEFAULT_PERCENTAGE_OF_NODES_TO_SCORE, fw.profile.percentageOfNodesToScore, numAllNodes);
  const feasible: NodeInfo[] = [];
  let visited = 0;
  if (fw.filterPlugins.length === 0) {
    for (; visited < numNodesToFind; visited++) {
      const ni = nodes[(startIndex + visited) % numAllNodes];
      if (trace) trace.filters.set(ni.name, []);
      feasible.push(ni);
    }
  } else {
    while (visited < numAllNodes) {
      const ni = nodes[(startIndex + visited) % numAllNodes];
      visited++;
      if (trace) trace.filters.set(ni.name, fw.runAllFilterPlugins(state, pod, ni));
      const s = fw.runFilterPluginsWithNominatedPods(state, pod, ni);
      if (s?.code === Code.Error) throw s.err ?? new Error(s.message());
      if (isSuccess(s)) {
        feasible.push(ni);
        if (feasible.length >= numNodesToFind) break;
      } else {
        diagnosis.nodeToStatus.set(ni.name, s!);
        addPluginStatus(diagnosis, s!);
      }
    }
  }
  if (trace) {
    trace.numNodesToFind = numNodesToFind;
    trace.startIndex = numAllNodes === 0 ? 0 : startIndex % numAllNodes;
    trace.notEvaluated = [];
    for (let i = visited; i < numAllNodes; i++) trace.notEvaluated.push(nodes[(startIndex + i) % numAllNodes].name);
  }
  return feasible;
}

/**
 * findNodesThatFitPod. The cursor moves on by the nodes this cycle processed (feasible plus
 * rejected), even when filtering failed, so that every node gets its turn.
 */
function findNodesThatFitPod(fw: Framework, state: CycleState, pod: Pod, cursor: NodeCursor, trace?: CycleTrace): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
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
      const feasible = findNodesThatPassFilters(fw, state, pod, diagnosis, [ni], 0);
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
  let feasible: NodeInfo[] = [];
  try {
    feasible = findNodesThatPassFilters(fw, state, pod, diagnosis, nodes, cursor.nextStartNodeIndex, trace);
  } finally {
    const processedNodes = feasible.length + diagnosis.nodeToStatus.size;
    cursor.nextStartNodeIndex = (cursor.nextStartNodeIndex + processedNodes) % fw.nodeInfos.length;
  }
  return { feasible, diagnosis };
}

/** prioritizeNodes: without score plugins every node scores 1. */
function prioritizeNodes(fw: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodePluginScores[] {
  if (!fw.hasScorePlugins()) return nodes.map((n) => ({ name: n.name, scores: [], totalScore: 1 }));
  runPreScore(fw, state, pod, nodes);
  return fw.runScorePlugins(state, pod, nodes);
}

function runPreScore(fw: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): void {
  const s = fw.runPreScorePlugins(state, pod, nodes);
  if (!isSuccess(s)) throw s!.err ?? new Error(s!.message());
}

/**
 * prioritizeNodes and selectHost for a cycle nobody is explaining: the totals alone, and the same
 * draws from the generator as selectHost over the full list.
 */
function prioritizeAndSelect(fw: Framework, state: CycleState, pod: Pod, nodes: readonly NodeInfo[], rand: Pick<Rand, 'int'>): string {
  let totals: Float64Array;
  if (fw.hasScorePlugins()) {
    runPreScore(fw, state, pod, nodes);
    totals = fw.runScorePluginTotals(state, pod, nodes);
  } else totals = new Float64Array(nodes.length).fill(1);
  let max = -Infinity;
  for (let i = 0; i < totals.length; i++) if (totals[i] > max) max = totals[i];
  let selected = -1;
  let ties = 0;
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] !== max) continue;
    if (ties === 0 || rand.int(ties + 1) === 0) selected = i;
    ties++;
  }
  return nodes[selected].name;
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
export function schedulePod(fw: Framework, state: CycleState, pod: Pod, rand: Pick<Rand, 'int'>, trace?: CycleTrace,
  cursor: NodeCursor = { nextStartNodeIndex: 0 }): ScheduleResult | FitError {
  if (fw.nodeInfos.length === 0) throw new NoNodesAvailableError();
  const { feasible, diagnosis } = findNodesThatFitPod(fw, state, pod, cursor, trace);
  if (trace) trace.diagnosis = diagnosis;
  if (feasible.length === 0) return new FitError(pod, fw.nodeInfos.length, diagnosis);
  const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
  if (feasible.length === 1) return { suggestedHost: feasible[0].name, evaluatedNodes, feasibleNodes: 1 };
  if (!trace) return { suggestedHost: prioritizeAndSelect(fw, state, pod, feasible, rand), evaluatedNodes, feasibleNodes: feasible.length };
  const priorityList = prioritizeNodes(fw, state, pod, feasible);
  trace.scores = priorityList;
  return { suggestedHost: selectHost(priorityList, rand), evaluatedNodes, feasibleNodes: feasible.length };
}

export class NoNodesAvailableError extends Error {
  constructor() {
    super(ERR_NO_NODES_AVAILABLE);
  }
}

/** schedulingCycle up to (not including) binding: schedulePod, then PostFilter on failure. */
export function schedulingCycle(fw: Framework, pod: Pod, rand: Pick<Rand, 'int'>, trace?: CycleTrace, cursor?: NodeCursor): CycleOutcome {
  const state = new CycleState();
  let r: ScheduleResult | FitError;
  try {
    r = schedulePod(fw, state, pod, rand, trace, cursor);
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
