// The container runtime's view of one container: created → running → exited, each instance with
// the times and exit code containerd would report, and its conversion to the API's
// ContainerStatus as the kubelet's convertToAPIContainerStatuses does it.
import type { Container, ContainerState, ContainerStatus } from '../api/core/pod/schema.js';
import { formatTime } from '../apiserver/time.js';
import type { DnsEpoch } from './process-dns.js';
import type { ProcessSpec } from './process.js';
import type { ProbePlan } from './probes.js';

/** One run of a container (containerd keeps the last exited one besides the current). */
export interface ContainerInstance {
  /** 64 hex characters; `containerd://<id>` in the API. */
  id: string;
  /** This instance's restart count (attempt number). */
  attempt: number;
  /** As containerd reports it: docker.io/library/redis:latest. */
  image: string;
  /** docker.io/library/redis@sha256:... */
  imageID: string;
  createdAt: number;
  /** Unset while only created, and for a container whose start failed. */
  startedAt?: number;
  /** When the process ends by itself, planned at start; unset when it runs until stopped. */
  exitAt?: number;
  exitCode?: number;
  exitReason?: string;
  /** How it answers the stop signal; unset when it ignores it. */
  onStop?: { afterMs: number; exitCode: number };
  /** The stop request, once sent: when, the deadline, and how it ended. */
  stop?: { at: number; exitAt: number; exitCode: number };
  /** The runtime could not start it: exits 128 with reason StartError. */
  startError?: string;
  /** What it runs, for logs. */
  proc?: Omit<ProcessSpec, 'startedAt'>;
  /** The image as the pod spec named it when the container was created (a change restarts it). */
  specImage?: string;
  /** What its probes do over its life, planned at start. */
  probes?: ProbePlan;
  /** What the cluster's DNS answered its process, when it asks (its plan follows the Services). */
  dns?: DnsEpoch[];
}

export interface ContainerSlot {
  cur?: ContainerInstance;
  prev?: ContainerInstance;
}

/** A cached start failure (the kubelet's reasonCache): shown as the Waiting reason. */
export interface WaitingReason {
  reason: string;
  message: string;
}

export interface Termination {
  at: number;
  code: number;
  reason: string;
  message?: string;
}

/** How and when the instance ended (or will end, as planned so far); undefined if it never does. */
export function termination(c: ContainerInstance): Termination | undefined {
  if (c.startError) return { at: c.createdAt, code: 128, reason: 'StartError', message: c.startError };
  if (c.startedAt === undefined) return undefined;
  const natural = c.exitAt !== undefined ? { at: c.exitAt, code: c.exitCode ?? 0 } : undefined;
  let end = natural;
  let reason = c.exitReason;
  if (c.stop && (!natural || c.stop.exitAt < natural.at)) {
    end = { at: c.stop.exitAt, code: c.stop.exitCode };
    reason = undefined;
  }
  if (!end) return undefined;
  return { at: end.at, code: end.code, reason: reason ?? (end.code === 0 ? 'Completed' : 'Error') };
}

export type RuntimeState = 'created' | 'running' | 'exited';

export function stateAt(c: ContainerInstance, t: number): RuntimeState {
  const end = termination(c);
  if (end && end.at <= t) return 'exited';
  if (c.startedAt !== undefined && c.startedAt <= t) return 'running';
  return 'created';
}

/**
 * Sends the stop signal at `at` with `graceMs` to comply: the process exits as it answers
 * SIGTERM, or is killed (137) at the deadline.
 */
export function stopContainer(c: ContainerInstance, at: number, graceMs: number): void {
  if (c.stop || stateAt(c, at) !== 'running') return;
  const deadline = at + graceMs;
  if (c.onStop && c.onStop.afterMs < graceMs) c.stop = { at, exitAt: at + c.onStop.afterMs, exitCode: c.onStop.exitCode };
  else c.stop = { at, exitAt: deadline, exitCode: 137 };
}

export function containerIDOf(c: ContainerInstance): string {
  return `containerd://${c.id}`;
}

function terminatedState(c: ContainerInstance, end: Termination): ContainerState {
  return {
    terminated: {
      exitCode: end.code,
      reason: end.reason,
      ...(end.message ? { message: end.message } : {}),
      startedAt: formatTime(c.startedAt ?? end.at),
      finishedAt: formatTime(end.at),
      containerID: containerIDOf(c),
    },
  };
}

export interface StatusInputs {
  spec: Container;
  slot: ContainerSlot | undefined;
  t: number;
  isInit: boolean;
  /** The pod has init containers: not-yet-created containers wait in PodInitializing. */
  hasInit: boolean;
  /** The kubelet would start this container again on its next sync. */
  willRestart: boolean;
  reason: WaitingReason | undefined;
  /** Readiness as the prober reports it for a running container. */
  ready: boolean;
  /** Startup probe passed (or none). */
  started: boolean;
}

/** One ContainerStatus, with the fields in the order the API serializes them. */
export function containerStatus(i: StatusInputs): ContainerStatus {
  const cur = i.slot?.cur;
  const prev = i.slot?.prev;
  const volumeMounts = mountStatuses(i.spec);
  if (!cur) {
    const waiting = i.reason ? { reason: i.reason.reason, message: i.reason.message } : { reason: i.hasInit ? 'PodInitializing' : 'ContainerCreating' };
    return {
      name: i.spec.name,
      state: { waiting },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: i.spec.image ?? '',
      imageID: '',
      started: false,
      ...(volumeMounts ? { volumeMounts } : {}),
    };
  }
  const st = stateAt(cur, i.t);
  const end = termination(cur);
  let state: ContainerState;
  let lastState: ContainerState = {};
  if (prev) {
    const pe = termination(prev);
    if (pe) lastState = terminatedState(prev, pe);
  }
  let running = false;
  if (st === 'running') {
    state = { running: { startedAt: formatTime(cur.startedAt!) } };
    running = true;
  } else if (st === 'exited' && end) {
    state = terminatedState(cur, end);
  } else {
    // Created but not yet started: containerd's CONTAINER_CREATED shows as an empty Waiting.
    state = { waiting: {} };
  }
  // A container the kubelet is about to start again shows Waiting with the reason its last
  // start attempt failed (CrashLoopBackOff, ImagePullBackOff, ...); the exit moves to lastState.
  const initDone = i.isInit && st === 'exited' && end?.code === 0;
  if (st === 'exited' && i.willRestart && i.reason && !initDone) {
    lastState = state;
    state = { waiting: { reason: i.reason.reason, message: i.reason.message } };
  }
  // A regular init container is ready once it completed; a sidecar (restartPolicy Always) like an app container.
  const sidecar = i.isInit && i.spec.restartPolicy === 'Always';
  const ready = i.isInit && !sidecar ? st === 'exited' && end?.code === 0 && !state.waiting : running && i.ready;
  return {
    name: i.spec.name,
    state,
    lastState,
    ready,
    restartCount: cur.attempt,
    image: cur.image,
    imageID: cur.imageID,
    containerID: containerIDOf(cur),
    started: running && i.started,
    ...(volumeMounts ? { volumeMounts } : {}),
  };
}

function mountStatuses(spec: Container): ContainerStatus['volumeMounts'] {
  if (!spec.volumeMounts?.length) return undefined;
  return spec.volumeMounts.map((m) => ({
    name: m.name,
    mountPath: m.mountPath,
    ...(m.readOnly ? { readOnly: true, recursiveReadOnly: 'Disabled' } : {}),
  }));
}
