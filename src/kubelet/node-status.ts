// The kubelet's side of its Node: the conditions it reports and the Events it records when it
// starts, registers and turns Ready. When its unchanged status is reported again is computed on
// read (api/core/node/heartbeat.ts).
import type { NodeCondition } from '../api/core/node/schema.js';
import type { KubeObject } from '../api/object.js';
import type { EventRecorder } from '../apiserver/events.js';
import { formatTime } from '../apiserver/time.js';

/** The Ready condition of a node whose kubelet runs but whose CNI has written no config yet. */
export const NETWORK_NOT_READY_MESSAGE = 'container runtime network not ready: NetworkReady=false '
  + 'reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/**
 * The kubelet's node conditions, in the order it sets them: pressure conditions that changed at
 * `since`, Ready changed at `readySince`, all reported at `heartbeat`.
 */
export function kubeletConditions(opts: { ready: boolean; since: number; readySince: number; heartbeat: number }): NodeCondition[] {
  const hb = formatTime(opts.heartbeat);
  const c = (type: string, status: string, at: number, reason: string, message: string): NodeCondition =>
    ({ lastHeartbeatTime: hb, lastTransitionTime: formatTime(at), message, reason, status, type });
  return [
    c('MemoryPressure', 'False', opts.since, 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', opts.since, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', opts.since, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    opts.ready
      ? c('Ready', 'True', opts.readySince, 'KubeletReady', 'kubelet is posting ready status')
      : c('Ready', 'False', opts.readySince, 'KubeletNotReady', NETWORK_NOT_READY_MESSAGE),
  ];
}

/** The reference the kubelet (and kube-proxy) give their Events about the node: kind and name. */
export function nodeRef(name: string): KubeObject {
  return { apiVersion: '', kind: 'Node', metadata: { name, uid: name } };
}

const statusEvent = (node: string, event: string) => `Node ${node} status is now: ${event}`;

/** What a starting kubelet records about its node before its first registration attempt. */
export function recordKubeletStart(recorder: EventRecorder, node: string): void {
  const ref = nodeRef(node);
  const src = { component: 'kubelet', host: node };
  recorder.event(ref, 'Normal', 'Starting', 'Starting kubelet.', src);
  recorder.event(ref, 'Warning', 'InvalidDiskCapacity', 'invalid capacity 0 on image filesystem', src);
  recordRegistrationAttempt(recorder, node);
  recorder.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods', src);
}

/**
 * One attempt to register the node: the status setters run on a fresh Node, find no conditions
 * and record each pressure condition as new (folded into one Event per reason, with a count).
 */
export function recordRegistrationAttempt(recorder: EventRecorder, node: string): void {
  const src = { component: 'kubelet', host: node };
  for (const reason of ['NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID']) {
    recorder.event(nodeRef(node), 'Normal', reason, statusEvent(node, reason), src);
  }
}

/** The kubelet's Event when its node turns Ready. */
export function recordNodeReady(recorder: EventRecorder, node: string): void {
  recorder.event(nodeRef(node), 'Normal', 'NodeReady', statusEvent(node, 'NodeReady'), { component: 'kubelet', host: node });
}

/** kube-proxy's Event about its node once it runs (events.k8s.io, reason Starting, no note). */
export function recordKubeProxyStart(recorder: EventRecorder, node: string): void {
  recorder.event(nodeRef(node), 'Normal', 'Starting', '', { component: 'kube-proxy', host: node, action: 'StartKubeProxy' });
}
