// NodeAffinity (plugins/nodeaffinity, 1.32): spec.nodeSelector and required node affinity as a
// filter, preferred node affinity as a score. Required terms that name nodes through
// `matchFields: metadata.name In [...]` narrow the nodes in PreFilter.
import type { Pod } from '../../api/core/pod/schema.js';
import { stateKey } from '../cycle-state.js';
import {
  MAX_NODE_SCORE, PreFilterResult, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin,
} from '../framework.js';
import { preferredSchedulingTerms, requiredNodeAffinity, type NodeMatcher, type PreferredSchedulingTerms } from '../node-affinity.js';
import { Code, newStatus } from '../status.js';
import { defaultNormalizeScore } from './helper.js';

export const Name = 'NodeAffinity';
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** Set through plugin args (addedAffinity), which mk's default profile doesn't use. */
export const errReasonEnforced = "node(s) didn't match scheduler-enforced node affinity";
export const errReasonConflict = 'pod affinity terms conflict';

interface PreFilterState { requiredNodeSelectorAndAffinity: NodeMatcher }
interface PreScoreState { preferredNodeAffinity: PreferredSchedulingTerms }
const preFilterStateKey = stateKey<PreFilterState>('PreFilter' + Name);
const preScoreStateKey = stateKey<PreScoreState>('PreScore' + Name);

const requiredTerms = (pod: Pod) => pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
const preferredTerms = (pod: Pod) => pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;

export const nodeAffinity = {
  name: Name,
  preFilter(state, pod) {
    const required = requiredTerms(pod);
    if (!required && pod.spec.nodeSelector === undefined) return newStatus(Code.Skip);
    state.write(preFilterStateKey, { requiredNodeSelectorAndAffinity: requiredNodeAffinity(pod) });
    if (!required || required.nodeSelectorTerms.length === 0) return null;

    // Terms are ORed and requirements within a term ANDed: the pod can only land on the union
    // over terms of each term's intersection of named nodes — unless some term names none.
    let nodeNames: Set<string> | undefined;
    for (const t of required.nodeSelectorTerms) {
      let termNodeNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNodeNames = termNodeNames ? new Set([...termNodeNames].filter((n) => s.has(n))) : s;
      }
      if (!termNodeNames) return null;
      nodeNames = new Set([...(nodeNames ?? []), ...termNodeNames]);
    }
    if (nodeNames && nodeNames.size === 0) return newStatus(Code.UnschedulableAndUnresolvable, errReasonConflict);
    return nodeNames ? new PreFilterResult(nodeNames) : null;
  },
  filter(state, pod, nodeInfo) {
    const s = state.read(preFilterStateKey) ?? { requiredNodeSelectorAndAffinity: requiredNodeAffinity(pod) };
    return s.requiredNodeSelectorAndAffinity(nodeInfo.node) ? null : newStatus(Code.UnschedulableAndUnresolvable, ErrReasonPod);
  },
  preScore(state, pod) {
    const preferred = preferredTerms(pod);
    if (!preferred) return newStatus(Code.Skip);
    state.write(preScoreStateKey, { preferredNodeAffinity: preferredSchedulingTerms(preferred) });
    return null;
  },
  score(state, pod, nodeInfo) {
    const s = state.read(preScoreStateKey) ?? { preferredNodeAffinity: preferredSchedulingTerms(preferredTerms(pod) ?? []) };
    return s.preferredNodeAffinity.score(nodeInfo.node);
  },
  normalizeScore: (_state, _pod, scores) => defaultNormalizeScore(MAX_NODE_SCORE, false, scores),
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin;
