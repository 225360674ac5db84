// When a Node's kubelet last reported its status, computed when the Node is read: the kubelet
// reports at once when its status changes and, with nothing changed, every
// nodeStatusReportFrequency (5 minutes); each report stamps every condition with one heartbeat
// time. Writing those unchanged reports would cost a write per node every five minutes of
// virtual time, so they are derived from the last written one instead. Loaded on the read path:
// no heavy imports.
import type { KubeObject } from '../../object.js';
import { formatTime, parseTime } from '../../../apiserver/time.js';
import type { Node, NodeCondition } from './schema.js';

/** nodeStatusReportFrequency: with an unchanged status, the kubelet still reports every 5 minutes. */
export const NODE_STATUS_REPORT_MS = 5 * 60 * 1000;

/** Every condition reported again at `t` (a status report carries one heartbeat time for all). */
export function withHeartbeat(conditions: NodeCondition[], t: number): NodeCondition[] {
  const hb = formatTime(t);
  return conditions.map((c) => ({ ...c, lastHeartbeatTime: hb }));
}

/**
 * A Node as of `now`: while its kubelet is the one reporting (a Kubelet* Ready reason), it has
 * re-reported its unchanged status every NODE_STATUS_REPORT_MS since the last write, so the
 * heartbeat times are those of the latest report. Computed here rather than written every five
 * minutes, so an idle cluster costs nothing to catch up.
 */
export function nodeAsReported(obj: KubeObject, now: number): KubeObject {
  const node = obj as unknown as Node;
  const conditions = node.status?.conditions;
  const ready = conditions?.find((c) => c.type === 'Ready');
  if (!conditions || !ready?.reason?.startsWith('Kubelet')) return obj;
  const last = parseTime(ready.lastHeartbeatTime);
  if (last === undefined || now - last < NODE_STATUS_REPORT_MS) return obj;
  const reported = last + Math.floor((now - last) / NODE_STATUS_REPORT_MS) * NODE_STATUS_REPORT_MS;
  return { ...obj, status: { ...node.status, conditions: withHeartbeat(conditions, reported) } };
}

