// TaintToleration (plugins/tainttoleration, 1.32): Filter rejects nodes with an untolerated
// NoSchedule/NoExecute taint; Score prefers nodes with fewer untolerated PreferNoSchedule taints.
import type { Taint } from '../../api/core/node/schema.js';
import type { Toleration } from '../../api/core/pod/schema.js';
import { stateKey } from '../cycle-state.js';
import { MAX_NODE_SCORE, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../framework.js';
import { Code, newStatus } from '../status.js';
import { doNotScheduleTaints, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from '../taints.js';
import { defaultNormalizeScore } from './helper.js';

export const Name = 'TaintToleration';

/** The 1.32 wording; later releases say `node(s) had untolerated taint(s)`. */
export const errReasonUntoleratedTaint = (t: Taint) => `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;

interface PreScoreState { tolerationsPreferNoSchedule: Toleration[] }
const preScoreStateKey = stateKey<PreScoreState>('PreScore' + Name);

/** Tolerations that can tolerate PreferNoSchedule taints (an empty effect means every effect). */
const getAllTolerationPreferNoSchedule = (tolerations: readonly Toleration[] = []) =>
  tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule');

function countIntolerableTaintsPreferNoSchedule(taints: readonly Taint[] | undefined, tolerations: Toleration[]): number {
  if (!taints) return 0;
  let n = 0;
  for (const t of taints) if (t.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, t)) n++;
  return n;
}

export const taintToleration = {
  name: Name,
  filter(_state, pod, nodeInfo) {
    const taints = nodeInfo.node.spec?.taints;
    if (!taints || taints.length === 0) return null;
    const taint = findMatchingUntoleratedTaint(taints, pod.spec.tolerations, doNotScheduleTaints);
    return taint ? newStatus(Code.UnschedulableAndUnresolvable, errReasonUntoleratedTaint(taint)) : null;
  },
  preScore(state, pod, nodes) {
    if (nodes.length === 0) return null;
    state.write(preScoreStateKey, { tolerationsPreferNoSchedule: getAllTolerationPreferNoSchedule(pod.spec.tolerations) });
    return null;
  },
  score(state, pod, nodeInfo) {
    const s = state.read(preScoreStateKey) ?? { tolerationsPreferNoSchedule: getAllTolerationPreferNoSchedule(pod.spec.tolerations) };
    return countIntolerableTaintsPreferNoSchedule(nodeInfo.node.spec?.taints, s.tolerationsPreferNoSchedule);
  },
  normalizeScore: (_state, _pod, scores) => defaultNormalizeScore(MAX_NODE_SCORE, true, scores),
} satisfies FilterPlugin & PreScorePlugin & ScorePlugin;
