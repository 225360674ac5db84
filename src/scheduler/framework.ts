// The scheduling framework (pkg/scheduler/framework/interface.go and runtime/framework.go, 1.32):
// plugin interfaces, one method per extension point, and the runner that calls the plugins of a
// profile in order. A plugin implements only the points it needs; `satisfies` checks it at
// compile time the way `var _ framework.FilterPlugin = &X{}` does upstream.
import type { Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import type { CycleState } from './cycle-state.js';
import type { NodeInfo } from './node-info.js';
import { Code, NodeToStatus, Status, asStatus, isSuccess, newStatus } from './status.js';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
}

/** Narrows the nodes worth filtering (e.g. node affinity to named nodes). Absent = all nodes. */
export class PreFilterResult {
  constructor(readonly nodeNames: ReadonlySet<string>) {}

  /** Intersection; a null side means "all nodes". */
  static merge(a: PreFilterResult | null, b: PreFilterResult | null): PreFilterResult | null {
    if (!a) return b;
    if (!b) return a;
    return new PreFilterResult(new Set([...a.nodeNames].filter((n) => b.nodeNames.has(n))));
  }
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): PreFilterResult | Status | null;
  /**
   * PreFilterExtensions: keep what PreFilter computed true when a pod is added to or removed from
   * a node for a what-if (nominated pods, preemption victims), instead of computing it again.
   */
  addPod?(state: CycleState, podToSchedule: Pod, podToAdd: Pod, nodeInfo: NodeInfo): Status | null;
  removePod?(state: CycleState, podToSchedule: Pod, podToRemove: Pod, nodeInfo: NodeInfo): Status | null;
}

export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
}

/** What PostFilter (preemption) decided; the scheduler carries out the deletions, not the plugin. */
export interface PostFilterOutcome {
  status: Status | null;
  /** Where the pod should go once the victims are gone; "" clears an earlier nomination. */
  nominatedNodeName?: string;
  /** Pods to evict to make room. */
  victims?: Pod[];
  /** Lower-priority pods nominated to the same node, whose nomination no longer holds. */
  clearNominations?: Pod[];
}

export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, nodeToStatus: NodeToStatus, handle: FrameworkHandle): PostFilterOutcome;
}

export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null;
}

export interface NodeScore {
  name: string;
  score: number;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number;
  /** Rescales the raw scores of all nodes into [0, MAX_NODE_SCORE]. */
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScore[]): Status | null;
}

export interface PluginScore {
  name: string;
  /** Already multiplied by the plugin's weight. */
  score: number;
  /** What Score returned, before NormalizeScore; kept so a decision can be explained. */
  raw: number;
  normalized: number;
  weight: number;
}

export interface NodePluginScores {
  name: string;
  scores: PluginScore[];
  totalScore: number;
}

/**
 * A plugin enabled in a profile, with its score weight (ignored for non-score plugins). A plugin
 * that needs the cycle's snapshot is given as a factory, like upstream's New(args, handle).
 */
export interface ProfilePlugin {
  plugin: Plugin | ((handle: FrameworkHandle) => Plugin);
  weight?: number;
}

export interface Profile {
  schedulerName: string;
  plugins: readonly ProfilePlugin[];
  /** KubeSchedulerProfile.percentageOfNodesToScore; unset: the global value (0, adaptive). */
  percentageOfNodesToScore?: number;
}

/**
 * The other objects plugins read (upstream's informer listers): Services, ReplicaSets and
 * StatefulSets for default spreading, Namespaces for namespaceSelector. The API satisfies it.
 */
export interface ObjectLister {
  list<T extends KubeObject = KubeObject>(resource: string, filter?: { namespace?: string }): T[];
  tryGet<T extends KubeObject = KubeObject>(resource: string, namespace: string | undefined, name: string): T | undefined;
}

/** A cluster with none of those objects (plugin tests that only give nodes and pods). */
export const emptyLister: ObjectLister = { list: () => [], tryGet: () => undefined };

/** What plugins may use: the cycle's nodes, other objects, and the framework's filter run. */
export interface FrameworkHandle {
  readonly nodeInfos: readonly NodeInfo[];
  readonly lister: ObjectLister;
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podToAdd: Pod, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podToRemove: Pod, nodeInfo: NodeInfo): Status | null;
  /** Pending pods that preemption nominated to this node. */
  nominatedPodsForNode(nodeName: string): readonly Pod[];
}

function checkScore(plugin: string, score: number): void {
  if (score > MAX_NODE_SCORE || score < MIN_NODE_SCORE) {
    throw new Error(`plugin "${plugin}" returns an invalid score ${score}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`);
  }
}

const has = <K extends string>(p: Plugin, method: K): p is Plugin & Record<K, unknown> =>
  typeof (p as unknown as Record<string, unknown>)[method] === 'function';

export const podPriority = (p: Pod): number => p.spec.priority ?? 0;

export class Framework implements FrameworkHandle {
  readonly preFilterPlugins: PreFilterPlugin[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: ScorePlugin[] = [];
  private readonly weights = new Map<string, number>();
  private readonly nominated = new Map<string, Pod[]>();

  constructor(
    readonly profile: Profile,
    readonly nodeInfos: readonly NodeInfo[],
    nominatedPods: readonly Pod[] = [],
    readonly lister: ObjectLister = emptyLister,
  ) {
    for (const entry of profile.plugins) {
      const plugin = typeof entry.plugin === 'function' ? entry.plugin(this) : entry.plugin;
      const weight = entry.weight;
      if (has(plugin, 'preFilter')) this.preFilterPlugins.push(plugin as PreFilterPlugin);
      if (has(plugin, 'filter')) this.filterPlugins.push(plugin as FilterPlugin);
      if (has(plugin, 'postFilter')) this.postFilterPlugins.push(plugin as PostFilterPlugin);
      if (has(plugin, 'preScore')) this.preScorePlugins.push(plugin as PreScorePlugin);
      if (has(plugin, 'score')) {
        this.scorePlugins.push(plugin as ScorePlugin);
        this.weights.set(plugin.name, weight ?? 1);
      }
    }
    for (const p of nominatedPods) {
      const n = p.status?.nominatedNodeName;
      if (!n) continue;
      const list = this.nominated.get(n);
      if (list) list.push(p);
      else this.nominated.set(n, [p]);
    }
  }

  nominatedPodsForNode(nodeName: string): readonly Pod[] {
    return this.nominated.get(nodeName) ?? [];
  }

  /**
   * RunPreFilterPlugins. Stops at the first UnschedulableAndUnresolvable; keeps going after
   * Unschedulable so that every plugin has written the state preemption needs.
   */
  runPreFilterPlugins(state: CycleState, pod: Pod): { result: PreFilterResult | null; status: Status | null; pluginsWithNodes: Set<string> } {
    let result: PreFilterResult | null = null;
    let returnStatus: Status | null = null;
    const pluginsWithNodes = new Set<string>();
    const skip = new Set<string>();
    for (const pl of this.preFilterPlugins) {
      const r = pl.preFilter(state, pod, this.nodeInfos);
      const s = r instanceof Status ? r : null;
      if (s?.isSkip()) {
        skip.add(pl.name);
        continue;
      }
      if (!isSuccess(s)) {
        s!.withPlugin(pl.name);
        if (s!.code === Code.UnschedulableAndUnresolvable) return { result: null, status: s, pluginsWithNodes: new Set() };
        if (s!.code === Code.Unschedulable) {
          returnStatus = s;
          continue;
        }
        return {
          result: null,
          status: asStatus(new Error(`running PreFilter plugin "${pl.name}": ${s!.message()}`)).withPlugin(pl.name),
          pluginsWithNodes: new Set(),
        };
      }
      if (r instanceof PreFilterResult) {
        pluginsWithNodes.add(pl.name);
        result = PreFilterResult.merge(result, r);
        if (result && result.nodeNames.size === 0) {
          const names = [...pluginsWithNodes].sort();
          const msg = names.length === 1
            ? `node(s) didn't satisfy plugin ${names[0]}`
            : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          return { result, status: newStatus(Code.UnschedulableAndUnresolvable, msg), pluginsWithNodes };
        }
      }
    }
    state.skipFilterPlugins = skip;
    return { result, status: returnStatus, pluginsWithNodes };
  }

  /** RunFilterPlugins: the first plugin that rejects the node decides its status. */
  runFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    const plugins = this.filterPluginsToRun(state.skipFilterPlugins);
    for (let i = 0; i < plugins.length; i++) {
      const s = this.runFilterPlugin(plugins[i], state, pod, nodeInfo);
      if (s) return s;
    }
    return null;
  }

  private lastSkip: ReadonlySet<string> | undefined;
  private lastToRun: FilterPlugin[] = [];

  /** The filter plugins whose PreFilter did not skip; worked out once per cycle, not per node. */
  private filterPluginsToRun(skip: ReadonlySet<string>): FilterPlugin[] {
    if (skip !== this.lastSkip) {
      this.lastToRun = this.filterPlugins.filter((pl) => !skip.has(pl.name));
      this.lastSkip = skip;
    }
    return this.lastToRun;
  }

  /** Every filter's verdict for one node (what `mk` explains); the normal path stops at the first. */
  runAllFilterPlugins(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Array<{ plugin: string; status: Status | null; skipped: boolean }> {
    return this.filterPlugins.map((pl) => state.skipFilterPlugins.has(pl.name)
      ? { plugin: pl.name, status: null, skipped: true }
      : { plugin: pl.name, status: this.runFilterPlugin(pl, state, pod, nodeInfo), skipped: false });
  }

  private runFilterPlugin(pl: FilterPlugin, state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    let s = pl.filter(state, pod, nodeInfo);
    if (isSuccess(s)) return null;
    if (!s!.isRejected()) s = asStatus(new Error(`running "${pl.name}" filter plugin: ${s!.message()}`));
    return s!.withPlugin(pl.name);
  }

  /**
   * RunFilterPluginsWithNominatedPods: first as if pods of equal or higher priority nominated to
   * this node were already running there (the pod must not take the room preemption freed for
   * them), then, if any were added and that passed, once more without them.
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status | null {
    if (this.nominated.size === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const prio = podPriority(pod);
    const nominated = this.nominatedPodsForNode(nodeInfo.name)
      .filter((p) => podPriority(p) >= prio && !samePod(p, pod));
    if (nominated.length === 0) return this.runFilterPlugins(state, pod, nodeInfo);
    const withNominated = nodeInfo.snapshot();
    const stateWithNominated = state.clone();
    for (const p of nominated) {
      withNominated.addPod(p);
      const s = this.runPreFilterExtensionAddPod(stateWithNominated, pod, p, withNominated);
      if (!isSuccess(s)) return s;
    }
    const first = this.runFilterPlugins(stateWithNominated, pod, withNominated);
    if (!isSuccess(first)) return first;
    return this.runFilterPlugins(state, pod, nodeInfo);
  }

  /** RunPreFilterExtensionAddPod; plugins whose PreFilter skipped have no state to update. */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podToAdd: Pod, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterPlugins) {
      if (!pl.addPod || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.addPod(state, podToSchedule, podToAdd, nodeInfo);
      if (!isSuccess(s)) return asStatus(new Error(`running AddPod on PreFilter plugin "${pl.name}": ${s!.message()}`)).withPlugin(pl.name);
    }
    return null;
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podToRemove: Pod, nodeInfo: NodeInfo): Status | null {
    for (const pl of this.preFilterPlugins) {
      if (!pl.removePod || state.skipFilterPlugins.has(pl.name)) continue;
      const s = pl.removePod(state, podToSchedule, podToRemove, nodeInfo);
      if (!isSuccess(s)) return asStatus(new Error(`running RemovePod on PreFilter plugin "${pl.name}": ${s!.message()}`)).withPlugin(pl.name);
    }
    return null;
  }

  runPostFilterPlugins(state: CycleState, pod: Pod, m: NodeToStatus): PostFilterOutcome {
    const reasons: string[] = [];
    let rejectorPlugin = '';
    // The last nomination a rejecting plugin asked for (e.g. preemption clearing a stale one).
    let nominatedNodeName: string | undefined;
    for (const pl of this.postFilterPlugins) {
      const out = pl.postFilter(state, pod, m, this);
      const s = out.status;
      if (isSuccess(s)) return out;
      if (s!.code === Code.UnschedulableAndUnresolvable) return { ...out, status: s!.withPlugin(pl.name) };
      if (!s!.isRejected()) return { status: asStatus(new Error(s!.message())).withPlugin(pl.name) };
      if (out.nominatedNodeName !== undefined) nominatedNodeName = out.nominatedNodeName;
      reasons.push(...s!.reasons);
      if (!rejectorPlugin) rejectorPlugin = pl.name;
    }
    return { status: new Status(Code.Unschedulable, reasons).withPlugin(rejectorPlugin), nominatedNodeName };
  }

  runPreScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null {
    const skip = new Set<string>();
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes);
      if (s?.isSkip()) {
        skip.add(pl.name);
        continue;
      }
      if (!isSuccess(s)) return asStatus(new Error(`running PreScore plugin "${pl.name}": ${s!.message()}`)).withPlugin(pl.name);
    }
    state.skipScorePlugins = skip;
    return null;
  }

  /** Score and NormalizeScore of every plugin not skipped, per plugin: raw and normalized scores in node order. */
  private scoreAndNormalize(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]) {
    const plugins = this.scorePlugins.filter((pl) => !state.skipScorePlugins.has(pl.name));
    const n = nodes.length;
    const raws: number[][] = new Array(plugins.length);
    const normalized: number[][] = new Array(plugins.length);
    for (let j = 0; j < plugins.length; j++) {
      const pl = plugins[j];
      const raw = new Array<number>(n);
      for (let i = 0; i < n; i++) raw[i] = pl.score(state, pod, nodes[i]);
      raws[j] = raw;
      if (!pl.normalizeScore) {
        normalized[j] = raw;
        continue;
      }
      // NormalizeScore rewrites the list in place.
      const scores: NodeScore[] = new Array(n);
      for (let i = 0; i < n; i++) scores[i] = { name: nodes[i].name, score: raw[i] };
      const s = pl.normalizeScore(state, pod, scores);
      if (!isSuccess(s)) throw new Error(`running Normalize on Score plugins: plugin "${pl.name}" failed with: ${s!.message()}`);
      const norm = new Array<number>(n);
      for (let i = 0; i < n; i++) norm[i] = scores[i].score;
      normalized[j] = norm;
    }
    const weights = plugins.map((pl) => this.weights.get(pl.name) ?? 1);
    return { plugins, raws, normalized, weights };
  }

  /** RunScorePlugins: raw scores, normalized per plugin, then multiplied by the plugin's weight. */
  runScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): NodePluginScores[] {
    const { plugins, raws, normalized, weights } = this.scoreAndNormalize(state, pod, nodes);
    const out: NodePluginScores[] = new Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const scores: PluginScore[] = new Array(plugins.length);
      let totalScore = 0;
      for (let j = 0; j < plugins.length; j++) {
        const score = normalized[j][i];
        checkScore(plugins[j].name, score);
        const weighted = score * weights[j];
        scores[j] = { name: plugins[j].name, score: weighted, raw: raws[j][i], normalized: score, weight: weights[j] };
        totalScore += weighted;
      }
      out[i] = { name: nodes[i].name, scores, totalScore };
    }
    return out;
  }

  /** runScorePlugins' total per node, in node order, without the breakdown: what a cycle not being explained needs. */
  runScorePluginTotals(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Float64Array {
    const { plugins, normalized, weights } = this.scoreAndNormalize(state, pod, nodes);
    const totals = new Float64Array(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      let totalScore = 0;
      for (let j = 0; j < plugins.length; j++) {
        const score = normalized[j][i];
        checkScore(plugins[j].name, score);
        totalScore += score * weights[j];
      }
      totals[i] = totalScore;
    }
    return totals;
  }

  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }

  hasPostFilterPlugins(): boolean {
    return this.postFilterPlugins.length > 0;
  }
}

export const samePod = (a: Pod, b: Pod): boolean =>
  a.metadata.uid && b.metadata.uid
    ? a.metadata.uid === b.metadata.uid
    : a.metadata.name === b.metadata.name && (a.metadata.namespace ?? '') === (b.metadata.namespace ?? '');
