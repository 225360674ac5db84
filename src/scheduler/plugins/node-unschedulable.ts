// NodeUnschedulable (plugins/nodeunschedulable): keeps pods off cordoned nodes unless they
// tolerate the node.kubernetes.io/unschedulable:NoSchedule taint.
import type { FilterPlugin } from '../framework.js';
import { Code, newStatus } from '../status.js';
import { tolerationsTolerateTaint } from '../taints.js';

export const Name = 'NodeUnschedulable';
export const ErrReasonUnknownCondition = 'node(s) had unknown conditions';
export const ErrReasonUnschedulable = 'node(s) were unschedulable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

export const nodeUnschedulable = {
  name: Name,
  filter(_state, pod, nodeInfo) {
    if (!nodeInfo.node.spec?.unschedulable) return null;
    const tolerates = tolerationsTolerateTaint(pod.spec.tolerations, { key: TaintNodeUnschedulable, effect: 'NoSchedule' });
    return tolerates ? null : newStatus(Code.UnschedulableAndUnresolvable, ErrReasonUnschedulable);
  },
} satisfies FilterPlugin;
