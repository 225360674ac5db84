// PodTopologySpread (plugins/podtopologyspread, 1.32): DoNotSchedule constraints as a filter
// (a node is rejected when placing the pod there would make its domain exceed the global minimum
// by more than maxSkew), ScheduleAnyway constraints as a score (fewer matching pods in the
// node's domains scores higher). A pod without constraints that belongs to a Service,
// ReplicaSet, ReplicationController or StatefulSet gets the system defaults: spread by hostname
// (maxSkew 3) and zone (maxSkew 5), ScheduleAnyway — which is what spreads a Deployment's
// replicas over the workers.
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { labelSelectorFromObject, labelSelectorMatches, type LabelSelector, type Requirement } from '../../apiserver/selectors.js';
import { stateKey, type CycleState } from '../cycle-state.js';
import {
  MAX_NODE_SCORE, type FilterPlugin, type FrameworkHandle, type NodeScore, type ObjectLister, type PreFilterPlugin, type PreScorePlugin,
  type ScorePlugin,
} from '../framework.js';
import { requiredNodeAffinity, type NodeMatcher } from '../node-affinity.js';
import type { NodeInfo } from '../node-info.js';
import { Code, asStatus, newStatus } from '../status.js';
import { doNotScheduleTaints, findMatchingUntoleratedTaint } from '../taints.js';

export const Name = 'PodTopologySpread';
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

type V1Constraint = NonNullable<Pod['spec']['topologySpreadConstraints']>[number];

/** The constraints used when a pod brings none (DefaultingType System). */
export const systemDefaultConstraints: readonly V1Constraint[] = [
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

export interface PodTopologySpreadArgs {
  defaultConstraints: readonly V1Constraint[];
  defaultingType: 'System' | 'List';
}
export const defaultArgs: PodTopologySpreadArgs = { defaultConstraints: [], defaultingType: 'System' };

/** A constraint with its selector parsed and its defaults applied. */
export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: LabelSelector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

type Labels = Readonly<Record<string, string>>;

const NOTHING: LabelSelector = { requirements: [], nothing: true };
/** Selector.Empty(): no requirements. A nil selector (`nothing`) is not empty; it matches nothing. */
const isEmptySelector = (s: LabelSelector) => !s.nothing && s.requirements.length === 0;
const selectorFromSet = (set: Labels): LabelSelector => ({
  requirements: Object.keys(set).sort().map((k): Requirement => ({ key: k, operator: '=', values: [set[k]] })),
});
const addRequirements = (s: LabelSelector, reqs: readonly Requirement[]): LabelSelector =>
  s.nothing ? s : { requirements: [...s.requirements, ...reqs] };

/** mergeLabelSetWithSelector: matchLabelKeys' values ANDed onto the selector. */
function mergeLabelSetWithSelector(matchLabels: Labels, s: LabelSelector): LabelSelector {
  if (s.nothing) return s;
  return addRequirements(selectorFromSet(matchLabels), s.requirements);
}

function filterTopologySpreadConstraints(constraints: readonly V1Constraint[], podLabels: Labels, action: string): TopologySpreadConstraint[] {
  const result: TopologySpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = labelSelectorFromObject(c.labelSelector);
    if ((c.matchLabelKeys ?? []).length > 0) {
      const matchLabels: Record<string, string> = {};
      for (const k of c.matchLabelKeys!) if (Object.hasOwn(podLabels, k)) matchLabels[k] = podLabels[k];
      if (Object.keys(matchLabels).length > 0) selector = mergeLabelSetWithSelector(matchLabels, selector);
    }
    result.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      // Unset policies: node affinity is honoured, taints are not.
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
    });
  }
  return result;
}

function matchNodeInclusionPolicies(c: TopologySpreadConstraint, pod: Pod, node: Node, required: NodeMatcher): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, doNotScheduleTaints)) return false;
  return true;
}

/** Whether the node has every constraint's topology key. */
function nodeLabelsMatchSpreadConstraints(nodeLabels: Labels, constraints: readonly TopologySpreadConstraint[]): boolean {
  for (let i = 0; i < constraints.length; i++) if (!Object.hasOwn(nodeLabels, constraints[i].topologyKey)) return false;
  return true;
}

/** Terminating pods and pods of other namespaces don't count; an empty selector counts nothing. */
export function countPodsMatchSelector(pods: readonly Pod[], selector: LabelSelector, ns: string): number {
  if (isEmptySelector(selector)) return 0;
  let count = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp || (p.metadata.namespace ?? '') !== ns) continue;
    if (labelSelectorMatches(selector, p.metadata.labels ?? {})) count++;
  }
  return count;
}

/** countPodsMatchSelector on one node, remembered on the NodeInfo until its pods change. */
function countOnNode(ni: NodeInfo, c: TopologySpreadConstraint, ns: string, key: string): number {
  return ni.memoized(key, (pods) => countPodsMatchSelector(pods, c.selector, ns));
}

/**
 * The memo key of a selector in a namespace, made once per selector (constraints of a cycle
 * share theirs) and interned, so that looking it up on every node hashes a flat string.
 */
const memoKeys = new WeakMap<LabelSelector, Map<string, string>>();
function memoKey(s: LabelSelector, ns: string): string {
  let byNs = memoKeys.get(s);
  if (!byNs) memoKeys.set(s, (byNs = new Map()));
  let k = byNs.get(ns);
  if (k === undefined) {
    k = internKey(`${Name}\0${ns}\0${JSON.stringify(s)}`);
    byNs.set(ns, k);
  }
  return k;
}
const interned = new Map<string, string>();
function internKey(k: string): string {
  let v = interned.get(k);
  if (v === undefined) {
    if (interned.size > 10_000) interned.clear();
    interned.set(k, (v = k));
  }
  return v;
}

interface OwnerReference { apiVersion: string; kind: string; name: string; controller?: boolean }

/**
 * helper.DefaultSelector: the selectors of the Services selecting the pod, merged, plus that of
 * its controlling ReplicationController, ReplicaSet or StatefulSet.
 */
export function defaultSelector(pod: Pod, lister: ObjectLister): LabelSelector {
  const ns = pod.metadata.namespace ?? '';
  const podLabels = pod.metadata.labels ?? {};
  let labelSet: Record<string, string> = {};
  for (const svc of lister.list<KubeObject & { spec?: { selector?: Record<string, string> } }>('services', { namespace: ns })) {
    const sel = svc.spec?.selector;
    // A Service without a selector selects nothing, not everything.
    if (sel === undefined || sel === null) continue;
    if (Object.entries(sel).every(([k, v]) => Object.hasOwn(podLabels, k) && podLabels[k] === v)) labelSet = { ...labelSet, ...sel };
  }
  let selector = selectorFromSet(labelSet);

  const owners = (pod.metadata as { ownerReferences?: OwnerReference[] }).ownerReferences ?? [];
  const owner = owners.find((o) => o.controller === true);
  if (!owner) return selector;
  const fromWorkload = (resource: string) => {
    const w = lister.tryGet<KubeObject & { spec?: { selector?: Parameters<typeof labelSelectorFromObject>[0] } }>(resource, ns, owner.name);
    if (!w) return;
    try {
      const other = labelSelectorFromObject(w.spec?.selector);
      if (!other.nothing) selector = addRequirements(selector, other.requirements);
    } catch {
      // A selector that doesn't parse adds nothing.
    }
  };
  const gvk = `${owner.apiVersion}/${owner.kind}`;
  if (gvk === 'v1/ReplicationController') {
    const rc = lister.tryGet<KubeObject & { spec?: { selector?: Record<string, string> } }>('replicationcontrollers', ns, owner.name);
    if (rc) selector = selectorFromSet({ ...labelSet, ...(rc.spec?.selector ?? {}) });
  } else if (gvk === 'apps/v1/ReplicaSet') fromWorkload('replicasets.apps');
  else if (gvk === 'apps/v1/StatefulSet') fromWorkload('statefulsets.apps');
  return selector;
}

/** Two domains with the fewest matching pods; [0] always holds the minimum. */
type CriticalPaths = [{ topologyValue: string; matchNum: number }, { topologyValue: string; matchNum: number }];
const MAX_INT32 = 2147483647;
const newCriticalPaths = (): CriticalPaths => [{ topologyValue: '', matchNum: MAX_INT32 }, { topologyValue: '', matchNum: MAX_INT32 }];

function updateCriticalPaths(p: CriticalPaths, tpVal: string, num: number): void {
  const i = tpVal === p[0].topologyValue ? 0 : tpVal === p[1].topologyValue ? 1 : undefined;
  if (i !== undefined) {
    p[i].matchNum = num;
    if (p[0].matchNum > p[1].matchNum) [p[0], p[1]] = [p[1], p[0]];
  } else if (num < p[0].matchNum) {
    p[1] = { ...p[0] };
    p[0] = { topologyValue: tpVal, matchNum: num };
  } else if (num < p[1].matchNum) {
    p[1] = { topologyValue: tpVal, matchNum: num };
  }
}

export interface PreFilterState {
  constraints: TopologySpreadConstraint[];
  criticalPaths: CriticalPaths[];
  /** Per constraint: matching pods per topology value. */
  tpValueToMatchNum: Map<string, number>[];
  /** Constraints are shared; paths and counts change under the PreFilter extensions. */
  clone(): PreFilterState;
}

function withClone(s: Omit<PreFilterState, 'clone'>): PreFilterState {
  const out: PreFilterState = {
    ...s,
    clone: () => withClone({
      constraints: out.constraints,
      criticalPaths: out.criticalPaths.map((p): CriticalPaths => [{ ...p[0] }, { ...p[1] }]),
      tpValueToMatchNum: out.tpValueToMatchNum.map((m) => new Map(m)),
    }),
  };
  return out;
}

/** updateWithPod: what adding (1) or removing (-1) one pod on a node changes in the counts. */
function updateWithPod(s: PreFilterState, updatedPod: Pod, preemptorPod: Pod, node: Node, delta: number): void {
  if ((updatedPod.metadata.namespace ?? '') !== (preemptorPod.metadata.namespace ?? '')) return;
  const labels = node.metadata.labels ?? {};
  if (!nodeLabelsMatchSpreadConstraints(labels, s.constraints)) return;
  const required = requiredNodeAffinity(preemptorPod);
  const podLabels = updatedPod.metadata.labels ?? {};
  s.constraints.forEach((c, i) => {
    if (!labelSelectorMatches(c.selector, podLabels)) return;
    if (!matchNodeInclusionPolicies(c, preemptorPod, node, required)) return;
    const v = labels[c.topologyKey];
    const n = (s.tpValueToMatchNum[i].get(v) ?? 0) + delta;
    s.tpValueToMatchNum[i].set(v, n);
    updateCriticalPaths(s.criticalPaths[i], v, n);
  });
}

/** The global minimum; 0 when fewer domains than minDomains are eligible. */
function minMatchNum(s: PreFilterState, i: number, minDomains: number): number {
  return s.tpValueToMatchNum[i].size < minDomains ? 0 : s.criticalPaths[i][0].matchNum;
}

interface PreScoreState {
  constraints: TopologySpreadConstraint[];
  /** Each constraint's key for the per-node counts NodeInfo remembers. */
  countKeys: string[];
  /** Nodes lacking a topology key; they score 0. */
  ignoredNodes: Set<string>;
  topologyValueToPodCounts: Map<string, number>[];
  topologyNormalizingWeight: number[];
}

const preFilterStateKey = stateKey<PreFilterState>('PreFilter' + Name);
const preScoreStateKey = stateKey<PreScoreState>('PreScore' + Name);

/** Weight per constraint, so counts in small topologies aren't drowned by big ones. */
const topologyNormalizingWeight = (size: number) => Math.log(size + 2);
const scoreForCount = (cnt: number, maxSkew: number, tpWeight: number) => cnt * tpWeight + (maxSkew - 1);

/** math.Round: halves away from zero. */
const goRound = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

export const newPodTopologySpread = (args: PodTopologySpreadArgs = defaultArgs) => (h: FrameworkHandle) => {
  const systemDefaulted = args.defaultingType === 'System';
  const defaultConstraints = systemDefaulted ? systemDefaultConstraints : args.defaultConstraints;

  // PreFilter and PreScore of one cycle ask for the same pod's selector; the lister is read once.
  const selectors = new WeakMap<Pod, LabelSelector>();
  const buildDefaultConstraints = (pod: Pod, action: string): TopologySpreadConstraint[] => {
    const constraints = filterTopologySpreadConstraints(defaultConstraints, pod.metadata.labels ?? {}, action);
    if (constraints.length === 0) return [];
    let selector = selectors.get(pod);
    if (!selector) selectors.set(pod, (selector = defaultSelector(pod, h.lister)));
    if (isEmptySelector(selector)) return [];
    return constraints.map((c) => ({ ...c, selector }));
  };

  const getConstraints = (pod: Pod, action: string): TopologySpreadConstraint[] =>
    (pod.spec.topologySpreadConstraints ?? []).length > 0
      ? filterTopologySpreadConstraints(pod.spec.topologySpreadConstraints!, pod.metadata.labels ?? {}, action)
      : buildDefaultConstraints(pod, action);

  return {
    name: Name,

    preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]) {
      let constraints: TopologySpreadConstraint[];
      try {
        constraints = getConstraints(pod, 'DoNotSchedule');
      } catch (e) {
        return asStatus(new Error(`get constraints from pod: ${(e as Error).message}`));
      }
      if (constraints.length === 0) return newStatus(Code.Skip);
      const s = withClone({ constraints, criticalPaths: [], tpValueToMatchNum: constraints.map(() => new Map()) });
      const required = requiredNodeAffinity(pod);
      const ns = pod.metadata.namespace ?? '';
      const keys = constraints.map((c) => memoKey(c.selector, ns));
      for (const ni of nodes) {
        const node = ni.node;
        const labels = node.metadata.labels ?? {};
        if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
        constraints.forEach((c, i) => {
          if (!matchNodeInclusionPolicies(c, pod, node, required)) return;
          const v = labels[c.topologyKey];
          const m = s.tpValueToMatchNum[i];
          m.set(v, (m.get(v) ?? 0) + countOnNode(ni, c, ns, keys[i]));
        });
      }
      s.criticalPaths = constraints.map((_, i) => {
        const p = newCriticalPaths();
        for (const [v, num] of s.tpValueToMatchNum[i]) updateCriticalPaths(p, v, num);
        return p;
      });
      state.write(preFilterStateKey, s);
      return null;
    },

    addPod(state: CycleState, podToSchedule: Pod, podToAdd: Pod, nodeInfo: NodeInfo) {
      const s = state.read(preFilterStateKey);
      if (!s) return asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
      updateWithPod(s, podToAdd, podToSchedule, nodeInfo.node, 1);
      return null;
    },

    removePod(state: CycleState, podToSchedule: Pod, podToRemove: Pod, nodeInfo: NodeInfo) {
      const s = state.read(preFilterStateKey);
      if (!s) return asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
      updateWithPod(s, podToRemove, podToSchedule, nodeInfo.node, -1);
      return null;
    },

    filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo) {
      const s = state.read(preFilterStateKey);
      if (!s) return asStatus(new Error(`reading "${preFilterStateKey}" from cycleState: not found`));
      if (s.constraints.length === 0) return null;
      const labels = nodeInfo.node.metadata.labels ?? {};
      const podLabels = pod.metadata.labels ?? {};
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i];
        if (!Object.hasOwn(labels, c.topologyKey)) return newStatus(Code.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch);
        // existing matching pods + the pod itself if it matches - global minimum <= maxSkew
        const min = minMatchNum(s, i, c.minDomains);
        const selfMatchNum = labelSelectorMatches(c.selector, podLabels) ? 1 : 0;
        const matchNum = s.tpValueToMatchNum[i].get(labels[c.topologyKey]) ?? 0;
        if (matchNum + selfMatchNum - min > c.maxSkew) return newStatus(Code.Unschedulable, ErrReasonConstraintsNotMatch);
      }
      return null;
    },

    preScore(state: CycleState, pod: Pod, filteredNodes: readonly NodeInfo[]) {
      const allNodes = h.nodeInfos;
      if (allNodes.length === 0) return null;
      // Only constraints the pod asked for need every topology key on a node; with the system
      // defaults, nodes without a zone label still spread by hostname.
      const requireAllTopologies = (pod.spec.topologySpreadConstraints ?? []).length > 0 || !systemDefaulted;
      let constraints: TopologySpreadConstraint[];
      try {
        constraints = getConstraints(pod, 'ScheduleAnyway');
      } catch (e) {
        return asStatus(new Error(`calculating preScoreState: ${(e as Error).message}`));
      }
      if (constraints.length === 0) return newStatus(Code.Skip);

      const ns = pod.metadata.namespace ?? '';
      const s: PreScoreState = {
        constraints,
        countKeys: constraints.map((c) => memoKey(c.selector, ns)),
        ignoredNodes: new Set(),
        topologyValueToPodCounts: constraints.map(() => new Map()),
        topologyNormalizingWeight: [],
      };
      const topoSize = constraints.map(() => 0);
      for (const ni of filteredNodes) {
        const labels = ni.node.metadata.labels ?? {};
        if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
          s.ignoredNodes.add(ni.name);
          continue;
        }
        constraints.forEach((c, i) => {
          // Per-node counts are taken in Score.
          if (c.topologyKey === LABEL_HOSTNAME) return;
          const v = labels[c.topologyKey] ?? '';
          if (!s.topologyValueToPodCounts[i].has(v)) {
            s.topologyValueToPodCounts[i].set(v, 0);
            topoSize[i]++;
          }
        });
      }
      s.topologyNormalizingWeight = constraints.map((c, i) =>
        topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : topoSize[i]));

      const required = requiredNodeAffinity(pod);
      // Per-node (hostname) counts are taken in Score: a constraint whose domains are all
      // hostnames has nothing to count here, and the walk over every node is skipped for it.
      const counted = constraints.filter((_, i) => s.topologyValueToPodCounts[i].size > 0);
      const countedIdx = constraints.map((_, i) => i).filter((i) => s.topologyValueToPodCounts[i].size > 0);
      if (counted.length > 0) {
        for (let n = 0; n < allNodes.length; n++) {
          const ni = allNodes[n];
          const node = ni.node;
          const labels = node.metadata.labels ?? {};
          if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
          for (let k = 0; k < counted.length; k++) {
            const c = counted[k];
            if (!matchNodeInclusionPolicies(c, pod, node, required)) continue;
            // Only domains of candidate nodes are counted.
            const v = labels[c.topologyKey] ?? '';
            const counts = s.topologyValueToPodCounts[countedIdx[k]];
            const cur = counts.get(v);
            if (cur === undefined) continue;
            counts.set(v, cur + countOnNode(ni, c, ns, s.countKeys[countedIdx[k]]));
          }
        }
      }
      state.write(preScoreStateKey, s);
      return null;
    },

    /** The weighted count of matching pods in the node's domains; lower is better, normalised later. */
    score(state: CycleState, pod: Pod, nodeInfo: NodeInfo) {
      const s = state.read(preScoreStateKey);
      if (!s || s.ignoredNodes.has(nodeInfo.name)) return 0;
      const labels = nodeInfo.node.metadata.labels ?? {};
      let score = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i];
        if (!Object.hasOwn(labels, c.topologyKey)) continue;
        const cnt = c.topologyKey === LABEL_HOSTNAME
          ? countOnNode(nodeInfo, c, pod.metadata.namespace ?? '', s.countKeys[i])
          : s.topologyValueToPodCounts[i].get(labels[c.topologyKey]) ?? 0;
        score += scoreForCount(cnt, c.maxSkew, s.topologyNormalizingWeight[i]);
      }
      return goRound(score);
    },

    /** Reversed: the fewest matching pods scores MaxNodeScore; ignored nodes score 0. */
    normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]) {
      const s = state.read(preScoreStateKey);
      if (!s) return null;
      let minScore = Number.MAX_SAFE_INTEGER;
      let maxScore = 0;
      const ignored = new Set<number>();
      scores.forEach((x, i) => {
        if (s.ignoredNodes.has(x.name)) {
          ignored.add(i);
          return;
        }
        if (x.score < minScore) minScore = x.score;
        if (x.score > maxScore) maxScore = x.score;
      });
      scores.forEach((x, i) => {
        if (ignored.has(i)) x.score = 0;
        else if (maxScore === 0) x.score = MAX_NODE_SCORE;
        else x.score = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - x.score)) / maxScore);
      });
      return null;
    },
  } satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
};

export const podTopologySpread = newPodTopologySpread();
