// Runs single plugins the way the framework would, for table-driven plugin tests.
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import { CycleState } from '../cycle-state.js';
import { Framework, type NodeScore, type Plugin, type Profile } from '../framework.js';
import { buildNodeInfos } from '../node-info.js';
import { codeName, type Status } from '../status.js';

/** PreFilter (when the plugin has one, honouring Skip) then Filter, for one node. */
export function runFilter(plugin: Plugin, pod: Pod, node: Node, existingPods: readonly Pod[] = []): Status | null {
  const fw = new Framework({ schedulerName: 'test', plugins: [{ plugin }] }, buildNodeInfos([node], existingPods));
  const state = new CycleState();
  const pre = fw.runPreFilterPlugins(state, pod);
  if (pre.status && !pre.status.isSuccess()) return pre.status;
  return fw.runFilterPlugins(state, pod, fw.nodeInfos[0]);
}

/** PreScore, Score and NormalizeScore of one plugin with weight 1. */
export function runScore(plugin: Plugin, pod: Pod, nodes: readonly Node[], existingPods: readonly Pod[] = []): NodeScore[] {
  const fw = new Framework({ schedulerName: 'test', plugins: [{ plugin, weight: 1 }] }, buildNodeInfos(nodes, existingPods));
  const state = new CycleState();
  const s = fw.runPreScorePlugins(state, pod, fw.nodeInfos);
  if (s && !s.isSuccess()) throw new Error(s.message());
  return fw.runScorePlugins(state, pod, fw.nodeInfos).map((n) => ({ name: n.name, score: n.scores[0]?.score ?? 0 }));
}

/** Code name and message only, as the upstream tests compare. */
export const summarize = (s: Status | null): { code: string; message: string } | null =>
  s === null ? null : { code: codeName(s.code), message: s.message() };

/** A copy of the profile with some plugins taken out. */
export const profileWithout = (p: Profile, ...names: string[]): Profile => ({
  ...p,
  plugins: p.plugins.filter((e) => typeof e.plugin === 'function' || !names.includes(e.plugin.name)),
});
