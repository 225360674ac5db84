// Pod-level status as the kubelet generates it (generateAPIPodStatus, getPhase,
// pkg/kubelet/status/generate.go and the status manager's lastTransitionTime handling).
import type { ContainerStatus, Pod, PodCondition, PodStatus } from '../api/core/pod/schema.js';
import { formatTime } from '../apiserver/time.js';

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** getPhase (kubelet_pods.go), for pods without restartable (sidecar) init containers. */
export function getPhase(pod: Pod, init: ContainerStatus[], regular: ContainerStatus[], podIsTerminal: boolean): Phase {
  const policy = pod.spec.restartPolicy ?? 'Always';
  let pendingInitialization = 0;
  let failedInitialization = 0;
  for (const c of pod.spec.initContainers ?? []) {
    if (c.restartPolicy === 'Always') continue;
    const s = init.find((x) => x.name === c.name);
    if (!s) { pendingInitialization++; continue; }
    if (s.state?.running) pendingInitialization++;
    else if (s.state?.terminated) { if (s.state.terminated.exitCode !== 0) failedInitialization++; }
    else if (s.state?.waiting) {
      if (s.lastState?.terminated) { if (s.lastState.terminated.exitCode !== 0) failedInitialization++; }
      else pendingInitialization++;
    } else pendingInitialization++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const c of pod.spec.containers) {
    const s = regular.find((x) => x.name === c.name);
    if (!s) { unknown++; continue; }
    if (s.state?.running) running++;
    else if (s.state?.terminated) { stopped++; if (s.state.terminated.exitCode === 0) succeeded++; }
    else if (s.state?.waiting) { if (s.lastState?.terminated) stopped++; else waiting++; }
    else unknown++;
  }
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';
  if (pendingInitialization > 0 || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}

const list = (names: string[]) => `[${names.join(' ')}]`;

function containersReady(pod: Pod, regular: ContainerStatus[], phase: Phase): PodCondition {
  const unknown: string[] = [];
  const unready: string[] = [];
  for (const c of pod.spec.containers) {
    const s = regular.find((x) => x.name === c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if (phase === 'Succeeded' && !unknown.length) return { type: 'ContainersReady', status: 'False', reason: 'PodCompleted' };
  if (phase === 'Failed') return { type: 'ContainersReady', status: 'False', reason: 'PodFailed' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${list(unknown)}`);
  if (unready.length) msgs.push(`containers with unready status: ${list(unready)}`);
  if (msgs.length) return { type: 'ContainersReady', status: 'False', reason: 'ContainersNotReady', message: msgs.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

function podReady(pod: Pod, cr: PodCondition, conditions: PodCondition[]): PodCondition {
  if (cr.status !== 'True') {
    return { type: 'Ready', status: cr.status, ...(cr.reason ? { reason: cr.reason } : {}), ...(cr.message ? { message: cr.message } : {}) };
  }
  const msgs: string[] = [];
  for (const g of pod.spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === g.conditionType);
    if (!c) msgs.push(`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`);
    else if (c.status !== 'True') msgs.push(`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`);
  }
  if (msgs.length) return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: msgs.join(', ') };
  return { type: 'Ready', status: 'True' };
}

function initialized(pod: Pod, init: ContainerStatus[], regular: ContainerStatus[], phase: Phase): PodCondition {
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (const c of pod.spec.initContainers ?? []) {
    const s = init.find((x) => x.name === c.name);
    if (!s) { unknown.push(c.name); continue; }
    // A sidecar counts once it has started; a regular init container once it completed.
    if (c.restartPolicy === 'Always' ? !s.started : !s.ready) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && !unknown.length) return { type: 'Initialized', status: 'True', reason: 'PodCompleted' };
  // Once a regular container has started, the pod has been initialized before.
  if (regular.some((s) => s.state?.running || s.state?.terminated || s.lastState?.terminated)) return { type: 'Initialized', status: 'True' };
  const msgs: string[] = [];
  if (unknown.length) msgs.push(`containers with unknown status: ${list(unknown)}`);
  if (incomplete.length) msgs.push(`containers with incomplete status: ${list(incomplete)}`);
  if (msgs.length) return { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: msgs.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

export interface PodStatusInputs {
  pod: Pod;
  t: number;
  init: ContainerStatus[];
  regular: ContainerStatus[];
  podIsTerminal: boolean;
  sandboxReady: boolean;
  hostIP?: string;
  podIP?: string;
  startTime: number;
}

/** The status the kubelet writes; conditions keep their lastTransitionTime while unchanged. */
export function generatePodStatus(i: PodStatusInputs): PodStatus {
  const { pod } = i;
  const old = pod.status ?? {};
  const sortedRegular = [...i.regular].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let phase = getPhase(pod, i.init, i.regular, i.podIsTerminal);
  if (phase !== 'Failed' && phase !== 'Succeeded' && (old.phase === 'Failed' || old.phase === 'Succeeded')) phase = old.phase;

  const conditions: PodCondition[] = (old.conditions ?? []).filter((c) => !KUBELET_CONDITIONS.has(c.type));
  conditions.push({ type: 'PodReadyToStartContainers', status: i.sandboxReady ? 'True' : 'False' });
  conditions.push(initialized(pod, i.init, i.regular, phase));
  const cr = containersReady(pod, i.regular, phase);
  conditions.push(podReady(pod, cr, conditions));
  conditions.push(cr);
  conditions.push({ type: 'PodScheduled', status: 'True' });
  const stamped = conditions.map((c) => {
    if (!KUBELET_CONDITIONS.has(c.type)) return c;
    const prev = old.conditions?.find((o) => o.type === c.type);
    const ltt = prev && prev.status === c.status && prev.lastTransitionTime ? prev.lastTransitionTime : formatTime(i.t);
    const { type, status, reason, message } = c;
    return { type, status, lastProbeTime: null, lastTransitionTime: ltt, ...(reason !== undefined ? { reason } : {}), ...(message !== undefined ? { message } : {}) };
  });

  const status: PodStatus = { phase, conditions: stamped };
  if (phase === old.phase) {
    if (old.message) status.message = old.message;
    if (old.reason) status.reason = old.reason;
  }
  if (old.nominatedNodeName) status.nominatedNodeName = old.nominatedNodeName;
  if (i.hostIP) {
    status.hostIP = i.hostIP;
    status.hostIPs = [{ ip: i.hostIP }];
  }
  const podIP = i.podIP ?? (old.podIP || undefined);
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = formatTime(i.startTime);
  if (pod.spec.initContainers?.length) status.initContainerStatuses = i.init;
  status.containerStatuses = sortedRegular;
  status.qosClass = old.qosClass ?? qosClass(pod);
  return status;
}

/** v1qos.GetPodQOS: Guaranteed when every container has equal cpu+memory requests and limits. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  let any = false;
  let guaranteed = true;
  for (const c of all) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      const q = req[r] ?? lim[r];
      if (q !== undefined && String(q) !== '0') any = true;
      const l = lim[r];
      if (l === undefined || String(req[r] ?? l) !== String(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
