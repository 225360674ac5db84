// InterPodAffinity (plugins/interpodaffinity, 1.32): required pod affinity and anti-affinity —
// the incoming pod's and, symmetrically, existing pods' anti-affinity towards it — as a filter;
// preferred terms of both sides (and existing pods' required affinity, at weight 1) as a score.
// Counts are kept per topology pair (key=value of a node label), so a node is judged by its
// domain, not by the pods on it alone.
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { labelSelectorFromObject, labelSelectorMatches, type LabelSelector } from '../../apiserver/selectors.js';
import { stateKey, type CycleState } from '../cycle-state.js';
import {
  MAX_NODE_SCORE, type FilterPlugin, type FrameworkHandle, type ObjectLister, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin,
} from '../framework.js';
import { hasPodAffinity, hasRequiredAntiAffinity, type NodeInfo } from '../node-info.js';
import { Code, asStatus, newStatus } from '../status.js';

export const Name = 'InterPodAffinity';
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** InterPodAffinityArgs defaults. */
export interface InterPodAffinityArgs {
  /** Weight given to an existing pod's required affinity term the incoming pod matches. */
  hardPodAffinityWeight: number;
  ignorePreferredTermsOfExistingPods: boolean;
}
export const defaultArgs: InterPodAffinityArgs = { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false };

type Labels = Readonly<Record<string, string>> | undefined;

/** framework.AffinityTerm: a PodAffinityTerm with its selectors parsed. */
export interface AffinityTerm {
  namespaces: Set<string>;
  selector: LabelSelector;
  topologyKey: string;
  namespaceSelector: LabelSelector;
}
interface WeightedAffinityTerm { term: AffinityTerm; weight: number }

/** framework.PodInfo: the pod's affinity terms, parsed once. */
export interface PodInfo {
  pod: Pod;
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: WeightedAffinityTerm[];
  preferredAntiAffinityTerms: WeightedAffinityTerm[];
}

type V1Term = NonNullable<NonNullable<NonNullable<Pod['spec']['affinity']>['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];

const nsOf = (p: Pod) => p.metadata.namespace ?? '';

/** GetNamespacesFromPodAffinityTerm: no namespaces and no namespaceSelector means the pod's own. */
function newAffinityTerm(pod: Pod, t: V1Term): AffinityTerm {
  const namespaces = new Set<string>();
  if ((t.namespaces ?? []).length === 0 && t.namespaceSelector === undefined) namespaces.add(nsOf(pod));
  else for (const n of t.namespaces ?? []) namespaces.add(n);
  return {
    namespaces,
    selector: labelSelectorFromObject(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaceSelector: labelSelectorFromObject(t.namespaceSelector),
  };
}

/** AffinityTerm.Matches: the pod's namespace is listed or its labels match, then the pod's labels. */
export function termMatches(t: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  if ((t.namespaces.size !== 0 && t.namespaces.has(nsOf(pod))) || labelSelectorMatches(t.namespaceSelector, nsLabels ?? {})) {
    return labelSelectorMatches(t.selector, pod.metadata.labels ?? {});
  }
  return false;
}

const podInfoCache = new WeakMap<Pod, PodInfo>();

/** NewPodInfo; throws on a selector that doesn't parse (the whole group of terms is then lost). */
export function newPodInfo(pod: Pod, strict = true): PodInfo {
  const hit = podInfoCache.get(pod);
  if (hit && !strict) return hit;
  const a = pod.spec.affinity;
  const errors: string[] = [];
  const parse = <T>(f: () => T[]): T[] => {
    try {
      return f();
    } catch (e) {
      errors.push((e as Error).message);
      return [];
    }
  };
  const info: PodInfo = {
    pod,
    requiredAffinityTerms: parse(() => (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t))),
    requiredAntiAffinityTerms: parse(() => (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => newAffinityTerm(pod, t))),
    preferredAffinityTerms: parse(() => (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .map((w) => ({ term: newAffinityTerm(pod, w.podAffinityTerm), weight: w.weight }))),
    preferredAntiAffinityTerms: parse(() => (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
      .map((w) => ({ term: newAffinityTerm(pod, w.podAffinityTerm), weight: w.weight }))),
  };
  if (strict && errors.length > 0) throw new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`);
  podInfoCache.set(pod, info);
  return info;
}

/** Existing pods are taken as parsed; a term that failed to parse is simply absent (as in NodeInfo.AddPod). */
const existingPodInfo = (pod: Pod): PodInfo => newPodInfo(pod, false);


const isEverything = (s: LabelSelector) => !s.nothing && s.requirements.length === 0;

/**
 * mergeAffinityTermNamespacesIfNotEmpty: a namespaceSelector is resolved against the namespaces
 * that exist now, so that existing pods can be matched by namespace name alone.
 */
function mergeTermNamespaces(t: AffinityTerm, lister: ObjectLister): AffinityTerm {
  if (isEverything(t.namespaceSelector)) return t;
  const namespaces = new Set(t.namespaces);
  // A nil selector matches no namespace: nothing to list.
  if (!t.namespaceSelector.nothing) for (const ns of lister.list('namespaces')) {
    if (labelSelectorMatches(t.namespaceSelector, ns.metadata.labels ?? {})) namespaces.add(ns.metadata.name);
  }
  return { ...t, namespaces, namespaceSelector: { requirements: [], nothing: true } };
}

/** GetNamespaceLabelsSnapshot: the labels of the pod's namespace, or none when it can't be read. */
const namespaceLabels = (ns: string, lister: ObjectLister): Labels => lister.tryGet('namespaces', undefined, ns)?.metadata.labels;

/** topologyToMatchedTermCount, keyed "key\0value". */
type TopologyCounts = Map<string, number>;
const pairKey = (key: string, value: string) => `${key}\0${value}`;

function updateCount(m: TopologyCounts, node: Node, tk: string, value: number): void {
  const labels = node.metadata.labels ?? {};
  if (!Object.hasOwn(labels, tk)) return;
  const k = pairKey(tk, labels[tk]);
  const n = (m.get(k) ?? 0) + value;
  if (n === 0) m.delete(k);
  else m.set(k, n);
}

/** The pod must match every term for any of them to count (affinity terms are ANDed). */
function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => termMatches(t, pod, undefined));
}

function updateWithAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, node: Node, value: number): void {
  if (podMatchesAllAffinityTerms(terms, pod)) for (const t of terms) updateCount(m, node, t.topologyKey, value);
}

function updateWithAntiAffinityTerms(m: TopologyCounts, terms: readonly AffinityTerm[], pod: Pod, nsLabels: Labels, node: Node, value: number): void {
  for (const t of terms) if (termMatches(t, pod, nsLabels)) updateCount(m, node, t.topologyKey, value);
}

interface PreFilterState {
  podInfo: PodInfo;
  /** Pairs where existing pods have required anti-affinity terms the incoming pod matches. */
  existingAntiAffinityCounts: TopologyCounts;
  /** Pairs with existing pods matching all of the incoming pod's required affinity terms. */
  affinityCounts: TopologyCounts;
  /** Pairs with existing pods matching one of the incoming pod's required anti-affinity terms. */
  antiAffinityCounts: TopologyCounts;
  namespaceLabels: Labels;
  /** The counts change under the PreFilter extensions; everything else is shared. */
  clone(): PreFilterState;
}

function newPreFilterState(s: Omit<PreFilterState, 'clone'>): PreFilterState {
  const out: PreFilterState = {
    ...s,
    clone: () => newPreFilterState({
      ...out,
      existingAntiAffinityCounts: new Map(out.existingAntiAffinityCounts),
      affinityCounts: new Map(out.affinityCounts),
      antiAffinityCounts: new Map(out.antiAffinityCounts),
    }),
  };
  return out;
}

/** preFilterState.updateWithPod: what adding (1) or removing (-1) one pod on a node changes. */
function updateWithPod(s: PreFilterState, pod: Pod, node: Node, multiplier: number): void {
  const info = existingPodInfo(pod);
  updateWithAntiAffinityTerms(s.existingAntiAffinityCounts, info.requiredAntiAffinityTerms, s.podInfo.pod, s.namespaceLabels, node, multiplier);
  updateWithAffinityTerms(s.affinityCounts, s.podInfo.requiredAffinityTerms, pod, node, multiplier);
  // The incoming pod's namespaceSelector is already resolved to names.
  updateWithAntiAffinityTerms(s.antiAffinityCounts, s.podInfo.requiredAntiAffinityTerms, pod, undefined, node, multiplier);
}

type ScoreMap = Map<string, Map<string, number>>;
interface PreScoreState {
  topologyScore: ScoreMap;
  podInfo: PodInfo;
  namespaceLabels: Labels;
}

const preFilterStateKey = stateKey<PreFilterState>('PreFilter' + Name);
const preScoreStateKey = stateKey<PreScoreState>('PreScore' + Name);

function satisfyExistingPodsAntiAffinity(s: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [k, v] of Object.entries(nodeInfo.node.metadata.labels ?? {})) {
    if ((s.existingAntiAffinityCounts.get(pairKey(k, v)) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyPodAntiAffinity(s: PreFilterState, nodeInfo: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  const labels = nodeInfo.node.metadata.labels ?? {};
  for (const t of s.podInfo.requiredAntiAffinityTerms) {
    if (Object.hasOwn(labels, t.topologyKey) && (s.antiAffinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0) return false;
  }
  return true;
}

function satisfyPodAffinity(s: PreFilterState, nodeInfo: NodeInfo): boolean {
  const labels = nodeInfo.node.metadata.labels ?? {};
  let podsExist = true;
  for (const t of s.podInfo.requiredAffinityTerms) {
    // Every topology key must be on the node.
    if (!Object.hasOwn(labels, t.topologyKey)) return false;
    if ((s.affinityCounts.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first of a group of pods with affinity to each other: with no matching pod anywhere, a
  // pod that matches its own terms may go to any node that has the topology keys, or it would
  // wait forever.
  return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo.pod);
}

class ScoreAccumulator {
  readonly m: ScoreMap = new Map();

  processTerm(t: AffinityTerm, weight: number, pod: Pod, nsLabels: Labels, node: Node, multiplier: number): void {
    if (!termMatches(t, pod, nsLabels)) return;
    const labels = node.metadata.labels ?? {};
    if (!Object.hasOwn(labels, t.topologyKey)) return;
    let byValue = this.m.get(t.topologyKey);
    if (!byValue) this.m.set(t.topologyKey, (byValue = new Map()));
    const v = labels[t.topologyKey];
    byValue.set(v, (byValue.get(v) ?? 0) + weight * multiplier);
  }

  processTerms(terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Labels, node: Node, multiplier: number): void {
    for (const t of terms) this.processTerm(t.term, t.weight, pod, nsLabels, node, multiplier);
  }
}

/**
 * New(args, handle). Affinity terms of existing pods count towards the incoming pod's score
 * symmetrically: their required affinity at hardPodAffinityWeight, their preferences at their
 * weights.
 */
export const newInterPodAffinity = (args: InterPodAffinityArgs = defaultArgs) => (h: FrameworkHandle) => ({
  name: Name,

  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]) {
    let podInfo: PodInfo;
    try {
      podInfo = newPodInfo(pod);
    } catch (e) {
      return newStatus(Code.UnschedulableAndUnresolvable, `parsing pod: ${(e as Error).message}`);
    }
    podInfo = {
      ...podInfo,
      requiredAffinityTerms: podInfo.requiredAffinityTerms.map((t) => mergeTermNamespaces(t, h.lister)),
      requiredAntiAffinityTerms: podInfo.requiredAntiAffinityTerms.map((t) => mergeTermNamespaces(t, h.lister)),
    };
    const nsLabels = namespaceLabels(nsOf(pod), h.lister);

    const existingAntiAffinityCounts: TopologyCounts = new Map();
    for (const ni of nodes) {
      if (ni.podsWithRequiredAntiAffinity === 0) continue;
      for (const existing of ni.pods) {
        if (!hasRequiredAntiAffinity(existing)) continue;
        updateWithAntiAffinityTerms(existingAntiAffinityCounts, existingPodInfo(existing).requiredAntiAffinityTerms, pod, nsLabels, ni.node, 1);
      }
    }

    const affinityCounts: TopologyCounts = new Map();
    const antiAffinityCounts: TopologyCounts = new Map();
    if (podInfo.requiredAffinityTerms.length > 0 || podInfo.requiredAntiAffinityTerms.length > 0) {
      for (const ni of nodes) {
        for (const existing of ni.pods) {
          updateWithAffinityTerms(affinityCounts, podInfo.requiredAffinityTerms, existing, ni.node, 1);
          // The incoming pod's namespaceSelector is already resolved to names.
          updateWithAntiAffinityTerms(antiAffinityCounts, podInfo.requiredAntiAffinityTerms, existing, undefined, ni.node, 1);
        }
      }
    }

    if (existingAntiAffinityCounts.size === 0 && podInfo.requiredAffinityTerms.length === 0 && podInfo.requiredAntiAffinityTerms.length === 0) {
      return newStatus(Code.Skip);
    }
    state.write(preFilterStateKey, newPreFilterState({ podInfo, existingAntiAffinityCounts, affinityCounts, antiAffinityCounts, namespaceLabels: nsLabels }));
    return null;
  },

  addPod(state: CycleState, _podToSchedule: Pod, podToAdd: Pod, nodeInfo: NodeInfo) {
    const s = state.read(preFilterStateKey);
    if (!s) return asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
    updateWithPod(s, podToAdd, nodeInfo.node, 1);
    return null;
  },

  removePod(state: CycleState, _podToSchedule: Pod, podToRemove: Pod, nodeInfo: NodeInfo) {
    const s = state.read(preFilterStateKey);
    if (!s) return asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
    updateWithPod(s, podToRemove, nodeInfo.node, -1);
    return null;
  },

  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo) {
    const s = state.read(preFilterStateKey);
    if (!s) return asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
    if (!satisfyPodAffinity(s, nodeInfo)) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch);
    if (!satisfyPodAntiAffinity(s, nodeInfo)) return newStatus(Code.Unschedulable, ErrReasonAntiAffinityRulesNotMatch);
    if (!satisfyExistingPodsAntiAffinity(s, nodeInfo)) return newStatus(Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch);
    return null;
  },

  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]) {
    if (nodes.length === 0) return null;
    const a = pod.spec.affinity;
    const hasConstraints = (a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0 ||
      (a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).length > 0;
    if (args.ignorePreferredTermsOfExistingPods && !hasConstraints) return newStatus(Code.Skip);

    let podInfo: PodInfo;
    try {
      podInfo = newPodInfo(pod);
    } catch (e) {
      return asStatus(new Error(`failed to parse pod: ${(e as Error).message}`));
    }
    const mergeWeighted = (ts: WeightedAffinityTerm[]) => ts.map((t) => ({ ...t, term: mergeTermNamespaces(t.term, h.lister) }));
    podInfo = {
      ...podInfo,
      preferredAffinityTerms: mergeWeighted(podInfo.preferredAffinityTerms),
      preferredAntiAffinityTerms: mergeWeighted(podInfo.preferredAntiAffinityTerms),
    };
    const nsLabels = namespaceLabels(nsOf(pod), h.lister);

    const acc = new ScoreAccumulator();
    for (const ni of h.nodeInfos) {
      if (!hasConstraints && ni.podsWithAffinity === 0) continue;
      const node = ni.node;
      if (Object.keys(node.metadata.labels ?? {}).length === 0) continue;
      for (const existing of ni.pods) {
        if (!hasConstraints && !hasPodAffinity(existing)) continue;
        const e = existingPodInfo(existing);
        // The incoming pod's terms have their namespaceSelector resolved to names already.
        acc.processTerms(podInfo.preferredAffinityTerms, existing, undefined, node, 1);
        acc.processTerms(podInfo.preferredAntiAffinityTerms, existing, undefined, node, -1);
        if (args.hardPodAffinityWeight > 0) {
          for (const t of e.requiredAffinityTerms) acc.processTerm(t, args.hardPodAffinityWeight, pod, nsLabels, node, 1);
        }
        acc.processTerms(e.preferredAffinityTerms, pod, nsLabels, node, 1);
        acc.processTerms(e.preferredAntiAffinityTerms, pod, nsLabels, node, -1);
      }
    }
    if (acc.m.size === 0) return newStatus(Code.Skip);
    state.write(preScoreStateKey, { topologyScore: acc.m, podInfo, namespaceLabels: nsLabels });
    return null;
  },

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo) {
    const s = state.read(preScoreStateKey);
    if (!s) return 0;
    const labels = nodeInfo.node.metadata.labels ?? {};
    let score = 0;
    for (const [tk, values] of s.topologyScore) if (Object.hasOwn(labels, tk)) score += values.get(labels[tk]) ?? 0;
    return score;
  },

  /** Scales [min, max] onto [0, MaxNodeScore]: the node with the most negative sum scores 0. */
  normalizeScore(state: CycleState, _pod: Pod, scores: { name: string; score: number }[]) {
    const s = state.read(preScoreStateKey);
    if (!s || s.topologyScore.size === 0) return null;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const x of scores) {
      if (x.score > max) max = x.score;
      if (x.score < min) min = x.score;
    }
    const diff = max - min;
    for (const x of scores) x.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((x.score - min) / diff)) : 0;
    return null;
  },
}) satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;

export const interPodAffinity = newInterPodAffinity();
