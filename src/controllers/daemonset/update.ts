// The DaemonSet RollingUpdate (rollingUpdate in pkg/controller/daemon/update.go, release-1.32).
// Without surge, old pods are deleted just enough to stay within maxUnavailable, and the next
// sync creates their replacements; with surge, a new pod starts beside the old one, which goes
// once the new one is available.
import type { DaemonSet } from '../../api/apps/daemonset/schema.js';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { ControllerContext } from '../controller.js';
import { isPodAvailable } from '../controller-utils.js';
import { getScaledValueFromIntOrPercent } from '../deployment/util.js';
import { getNodesToDaemonPods, syncNodes, type NodeToDaemonPods } from './daemonset.js';
import { getTemplateGeneration, isPodUpdated, nodeShouldRunDaemonPod } from './util.js';

/** updatedDesiredNodeCounts: maxSurge and maxUnavailable resolved against the desired node count. */
function updatedDesiredNodeCounts(ds: DaemonSet, nodes: Node[]): { maxSurge: number; maxUnavailable: number; desired: number } {
  let desired = 0;
  for (const node of nodes) if (nodeShouldRunDaemonPod(node, ds).shouldRun) desired++;
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  const maxUnavailableValue = getScaledValueFromIntOrPercent(ru?.maxUnavailable ?? 1, desired, true);
  const maxSurge = getScaledValueFromIntOrPercent(ru?.maxSurge ?? 0, desired, true);
  // Both rounding to zero would stall the update: one at a time then.
  const maxUnavailable = maxUnavailableValue === 0 && maxSurge === 0 ? 1 : maxUnavailableValue;
  return { maxSurge, maxUnavailable, desired };
}

/** findUpdatedPodsOnNode: the node's new and old pod; not ok when it has two of either. */
function findUpdatedPodsOnNode(ds: DaemonSet, pods: Pod[], hash: string): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  const generation = getTemplateGeneration(ds);
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

const byNodeName = (m: NodeToDaemonPods) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** rollingUpdate: returns whether it deleted or created anything. */
export function rollingUpdate(ds: DaemonSet, nodes: Node[], hash: string, ctx: ControllerContext): boolean {
  const nodeToDaemonPods = getNodesToDaemonPods(ds, ctx);
  const { maxSurge, maxUnavailable, desired } = updatedDesiredNodeCounts(ds, nodes);
  const now = ctx.now();
  const minReady = ds.spec.minReadySeconds ?? 0;
  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: Pod[] = [];
    const candidatePodsToDelete: Pod[] = [];
    for (const [, pods] of byNodeName(nodeToDaemonPods)) {
      const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods, hash);
      if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
        // The manage loop sorts this node out; until then it counts as unavailable.
        numUnavailable++;
      } else if (newPod) {
        if (!isPodAvailable(newPod, minReady, now)) numUnavailable++;
      } else if (oldPod) {
        if (!isPodAvailable(oldPod, minReady, now)) allowedReplacementPods.push(oldPod);
        else if (numUnavailable < maxUnavailable) candidatePodsToDelete.push(oldPod);
      }
    }
    const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    return syncNodes(ds, [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)], [], hash, ctx);
  }

  // Surge: a new pod beside each old one, within maxSurge; the old one goes once the new is available.
  let numSurge = 0;
  let numAvailable = 0;
  const allowedNewNodes: string[] = [];
  const candidateNewNodes: string[] = [];
  const oldPodsToDelete: Pod[] = [];
  const shouldNotRunPodsToDelete: Pod[] = [];
  const byName = new Map(nodes.map((n) => [n.metadata.name, n]));
  const shouldRun = (nodeName: string) => {
    const node = byName.get(nodeName);
    return !!node && nodeShouldRunDaemonPod(node, ds).shouldRun;
  };
  for (const [nodeName, pods] of byNodeName(nodeToDaemonPods)) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    const counted = oldPod ?? newPod;
    if (counted && isPodAvailable(counted, minReady, now)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!isPodAvailable(oldPod, minReady, now)) {
        if (!shouldRun(nodeName)) oldPodsToDelete.push(oldPod);
        else allowedNewNodes.push(nodeName);
      } else if (!shouldRun(nodeName)) {
        shouldNotRunPodsToDelete.push(oldPod);
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(nodeName);
      }
      continue;
    }
    if (!isPodAvailable(newPod, minReady, now)) numSurge++;
    else oldPodsToDelete.push(oldPod);
  }
  // Pods on nodes that no longer fit go only as others elsewhere become available.
  const deletable = Math.min(numAvailable - desired, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remaining = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return syncNodes(ds, oldPodsToDelete, [...allowedNewNodes, ...candidateNewNodes.slice(0, remaining)], hash, ctx);
}
