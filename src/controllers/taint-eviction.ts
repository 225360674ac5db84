// The taint eviction controller (pkg/controller/tainteviction, 1.32): a pod on a node with
// NoExecute taints is deleted at once if it does not tolerate one of them, or when the shortest
// tolerationSeconds among the tolerations it uses runs out (counted from when the controller first
// saw it tainted). A pod that tolerates them all without a limit stays. When the taints go, the
// pending evictions are cancelled. Each pending eviction is one timer, not a periodic check.
import type { Node, Taint } from '../api/core/node/schema.js';
import type { Pod, PodCondition, Toleration } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import { formatTime } from '../apiserver/time.js';
import { toleratesTaint } from '../scheduler/taints.js';
import type { WatchEvent } from '../store/store.js';
import type { Controller, ControllerContext } from './controller.js';

export const NAME = 'taint-eviction-controller';

/** When each pod's eviction was scheduled (upstream's TimedWorker.CreatedAt), by node. */
type Scheduled = Record<string, number>;
const scheduledKey = (node: string) => `taint-eviction/${node}`;

export const taintEvictionController: Controller = {
  name: NAME,
  watches: ['nodes', 'pods'],
  keysFor(ev: WatchEvent): string[] {
    if (ev.resource === 'nodes') return [ev.object.metadata.name];
    const node = (ev.object as unknown as Pod).spec?.nodeName;
    return node ? [node] : [];
  },
  reconcile(nodeName: string, ctx: ControllerContext): void {
    const node = ctx.api.tryGet<KubeObject>('nodes', undefined, nodeName) as unknown as Node | undefined;
    const taints = (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    const raw = ctx.store.getMeta(scheduledKey(nodeName));
    const before: Scheduled = raw ? JSON.parse(raw) as Scheduled : {};
    if (!taints.length && !raw) return;
    const now = ctx.now();
    const after: Scheduled = {};
    let next: number | undefined;
    for (const obj of ctx.api.list<KubeObject>('pods')) {
      const pod = obj as unknown as Pod;
      if (pod.spec.nodeName !== nodeName || pod.metadata.deletionTimestamp) continue;
      if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
      const key = `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
      if (!taints.length) continue;
      const { allTolerated, used } = getMatchingTolerations(taints, pod.spec.tolerations ?? []);
      if (!allTolerated) {
        evict(ctx, pod, key);
        continue;
      }
      const min = getMinTolerationTime(used);
      if (min < 0) continue;
      const createdAt = before[key] ?? now;
      const trigger = createdAt + min * 1000;
      if (trigger <= now) {
        evict(ctx, pod, key);
        continue;
      }
      after[key] = createdAt;
      next = next === undefined ? trigger : Math.min(next, trigger);
    }
    for (const key of Object.keys(before)) {
      if (key in after) continue;
      const [ns, name] = key.split('/');
      const pod = ctx.api.tryGet<KubeObject>('pods', ns, name);
      // Pods deleted or evicted meanwhile leave quietly; those still there were spared.
      if (pod && !pod.metadata.deletionTimestamp && !taints.length) cancelWorkWithEvent(ctx, pod, key);
    }
    ctx.store.setMeta(scheduledKey(nodeName), Object.keys(after).length ? JSON.stringify(after) : undefined);
    if (next !== undefined) ctx.requeueAt(next, nodeName);
  },
};

/** Whether every taint is tolerated, and the first toleration that tolerates each. */
export function getMatchingTolerations(taints: Taint[], tolerations: Toleration[]): { allTolerated: boolean; used: Toleration[] } {
  const used: Toleration[] = [];
  for (const taint of taints) {
    const t = tolerations.find((tol) => toleratesTaint(tol, taint));
    if (!t) return { allTolerated: false, used: [] };
    used.push(t);
  }
  return { allTolerated: true, used };
}

/** The shortest tolerationSeconds, in seconds; -1 when none is limited (tolerated forever). */
export function getMinTolerationTime(tolerations: Toleration[]): number {
  if (!tolerations.length) return 0;
  let min = -1;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    const s = Math.max(0, t.tolerationSeconds);
    if (min < 0 || s < min) min = s;
  }
  return min;
}

/** The eviction: the event, the DisruptionTarget condition, then a plain delete (grace as the pod's). */
function evict(ctx: ControllerContext, pod: Pod, key: string): void {
  const obj = pod as unknown as KubeObject;
  ctx.recorder.event(obj, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`, { component: NAME });
  const condition: PodCondition = {
    type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(ctx.now()),
    reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint',
  };
  const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), condition];
  const updated = ctx.api.updateStatus('pods', { ...obj, status: { ...pod.status, conditions } } as KubeObject);
  ctx.api.delete('pods', updated.metadata.namespace, updated.metadata.name);
}

function cancelWorkWithEvent(ctx: ControllerContext, pod: KubeObject, key: string): void {
  ctx.recorder.event(pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`, { component: NAME });
}
