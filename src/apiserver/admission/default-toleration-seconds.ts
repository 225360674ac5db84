// The DefaultTolerationSeconds admission plugin: every pod that does not already tolerate the
// node-lifecycle NoExecute taints gets tolerations for them with tolerationSeconds 300, so its
// pods are evicted five minutes after a node goes NotReady or unreachable.
import type { Pod, Toleration } from '../../api/core/pod/schema.js';

export const TAINT_NODE_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_NODE_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const DEFAULT_NOT_READY_TOLERATION_SECONDS = 300;
export const DEFAULT_UNREACHABLE_TOLERATION_SECONDS = 300;

export function admitDefaultTolerationSeconds(pod: Pod): void {
  const tolerations = pod.spec.tolerations ?? [];
  const tolerates = (key: string) => tolerations.some((t) =>
    (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect));
  const added: Toleration[] = [];
  if (!tolerates(TAINT_NODE_NOT_READY)) {
    added.push({ key: TAINT_NODE_NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_NOT_READY_TOLERATION_SECONDS });
  }
  if (!tolerates(TAINT_NODE_UNREACHABLE)) {
    added.push({ key: TAINT_NODE_UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_UNREACHABLE_TOLERATION_SECONDS });
  }
  if (added.length) pod.spec.tolerations = [...tolerations, ...added];
}
