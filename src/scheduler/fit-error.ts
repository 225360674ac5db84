// "0/3 nodes are available: ..." — the one place a scheduling failure is put into words
// (FitError.Error in pkg/scheduler/framework/types.go, 1.32).
import type { Pod } from '../api/core/pod/schema.js';
import { Code, NodeToStatus, type Status } from './status.js';

export const NO_NODE_AVAILABLE_MSG = (numAllNodes: number) => `0/${numAllNodes} nodes are available`;

/** Returned instead of a FitError when the cluster has no nodes at all. */
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** Why a pod fits nowhere: per-node statuses plus the PreFilter and PostFilter messages. */
export interface Diagnosis {
  /** Rejected nodes; nodes that passed every filter are not in it. */
  nodeToStatus: NodeToStatus;
  /** Plugins that returned Unschedulable or UnschedulableAndUnresolvable. */
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  preFilterMsg: string;
  /** What PostFilter (preemption) said, e.g. `preemption: 0/3 nodes are available: ...`. */
  postFilterMsg: string;
}

export const newDiagnosis = (): Diagnosis => ({
  nodeToStatus: new NodeToStatus(),
  unschedulablePlugins: new Set(),
  pendingPlugins: new Set(),
  preFilterMsg: '',
  postFilterMsg: '',
});

export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (!s.plugin) return;
  if (s.isRejected()) d.unschedulablePlugins.add(s.plugin);
  if (s.code === Code.Pending) d.pendingPlugins.add(s.plugin);
}

export class FitError {
  constructor(readonly pod: Pod, readonly numAllNodes: number, readonly diagnosis: Diagnosis) {}

  /**
   * `0/N nodes are available: <PreFilterMsg>.` or a histogram of per-node reasons, each `<count>
   * <reason>`, sorted as whole strings and joined with ", ", then `.`; then the PostFilter message,
   * which brings its own full stop.
   */
  error(): string {
    const d = this.diagnosis;
    let msg = `${NO_NODE_AVAILABLE_MSG(this.numAllNodes)}:`;
    if (d.preFilterMsg !== '') {
      // The framework gave every node the PreFilter status; listing them again would repeat it.
      msg += ` ${d.preFilterMsg}.`;
    } else {
      const reasons = new Map<string, number>();
      const count = (reason: string, n: number) => reasons.set(reason, (reasons.get(reason) ?? 0) + n);
      d.nodeToStatus.forEachExplicitNode((_, s) => s.reasons.forEach((r) => count(r, 1)));
      const absent = this.numAllNodes - d.nodeToStatus.size;
      if (absent > 0) d.nodeToStatus.absentNodesStatus().reasons.forEach((r) => count(r, absent));
      // sort.Strings: byte order, which for these ASCII messages is code-unit order.
      const histogram = [...reasons].map(([r, n]) => `${n} ${r}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
    }
    if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
    return msg;
  }
}
