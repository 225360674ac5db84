// `kubectl logs` as the kubelet serves it: which container instance (current or previous), the
// kubelet's refusals ("is waiting to start: ..."), and the log lines, recomputed from what the
// container runs and when it ran, filtered by --since/--tail/--limit-bytes and stamped with
// --timestamps.
import type { ContainerStatus, Pod } from '../api/core/pod/schema.js';
import { badRequest } from '../apiserver/errors.js';
import type { Store } from '../store/store.js';
import { termination, type ContainerInstance } from './containers.js';
import { loadPodRuntime } from './state.js';
import { processOutput } from './process.js';
import { hash32, rfc3339Nano } from './util.js';

export interface LogOptions {
  previous?: boolean;
  tail?: number;
  timestamps?: boolean;
  sinceSeconds?: number;
  /** RFC 3339. */
  sinceTime?: string;
  limitBytes?: number;
}

export interface LogLine {
  /** Absolute virtual ms. */
  time: number;
  text: string;
  stream: 'stdout' | 'stderr';
}

/** The container the request is for: the named one, or the only one (the apiserver's validateContainer). */
export function logContainerName(pod: Pod, container: string | undefined): string {
  const names = pod.spec.containers.map((c) => c.name);
  const initNames = (pod.spec.initContainers ?? []).map((c) => c.name);
  if (container) {
    if (!names.includes(container) && !initNames.includes(container)) {
      throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    }
    return container;
  }
  if (names.length === 0) throw badRequest(`pod ${pod.metadata.name} does not have a container`);
  if (names.length === 1) return names[0];
  let msg = `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`;
  if (initNames.length) msg += ` or one of the init containers: [${initNames.join(' ')}]`;
  throw badRequest(msg);
}

/** validateContainerLogStatus: the container ID whose log is wanted, or the kubelet's refusal. */
function containerIDFor(podName: string, cs: ContainerStatus | undefined, name: string, previous: boolean): string {
  if (!cs) throw badRequest(`container "${name}" in pod "${podName}" is not available`);
  const last = cs.lastState?.terminated;
  const { waiting, running, terminated } = cs.state ?? {};
  if (previous) {
    if (!last?.containerID) throw badRequest(`previous terminated container "${name}" in pod "${podName}" not found`);
    return last.containerID;
  }
  if (running) return cs.containerID ?? '';
  if (terminated) {
    if (terminated.containerID) return terminated.containerID;
    if (last?.containerID) return last.containerID;
    throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
  }
  if (last) {
    if (!last.containerID) throw badRequest(`container "${name}" in pod "${podName}" is terminated`);
    return last.containerID;
  }
  if (waiting) {
    switch (waiting.reason) {
      case 'ErrImagePull':
        throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: image can't be pulled`);
      case 'ImagePullBackOff':
        throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: trying and failing to pull image`);
      default:
        throw badRequest(`container "${name}" in pod "${podName}" is waiting to start: ${waiting.reason ?? ''}`);
    }
  }
  throw badRequest(`container "${name}" in pod "${podName}" is waiting to start - no logs yet`);
}

/** Every line the instance wrote by `now`. */
export function instanceLines(inst: ContainerInstance, now: number): LogLine[] {
  if (!inst.proc || inst.startedAt === undefined) return [];
  const start = inst.startedAt;
  const end = termination(inst);
  const until = Math.min(now, end?.at ?? Infinity) - start;
  if (until < 0) return [];
  const stoppedAt = inst.stop ? inst.stop.at - start : undefined;
  return processOutput({ ...inst.proc, startedAt: start }, until, stoppedAt)
    .map((l) => ({ time: start + l.at, text: l.text, stream: l.stream }));
}

/** The log lines of one container of a pod as `kubectl logs` prints them (each ends in a newline). */
export function podLogLines(pod: Pod, container: string | undefined, opts: LogOptions, now: number,
  store: Pick<Store, 'getMeta'>): LogLine[] {
  const name = logContainerName(pod, container);
  if (!pod.spec.nodeName) return [];
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const id = containerIDFor(pod.metadata.name, statuses.find((s) => s.name === name), name, !!opts.previous).replace(/^containerd:\/\//, '');
  const rt = loadPodRuntime({ store }, pod.metadata.namespace ?? 'default', pod.metadata.name);
  const slot = rt && rt.uid === pod.metadata.uid ? rt.slots[name] : undefined;
  const inst = slot?.cur?.id === id ? slot.cur : slot?.prev?.id === id ? slot.prev : undefined;
  if (!inst) return [];
  let lines = instanceLines(inst, now);
  const since = opts.sinceTime ? Date.parse(opts.sinceTime) : opts.sinceSeconds !== undefined ? now - opts.sinceSeconds * 1000 : undefined;
  if (since !== undefined && !Number.isNaN(since)) lines = lines.filter((l) => l.time >= since);
  if (opts.tail !== undefined && opts.tail >= 0) lines = opts.tail === 0 ? [] : lines.slice(-opts.tail);
  return lines;
}

export function podLogs(pod: Pod, container: string | undefined, opts: LogOptions, now: number,
  store: Pick<Store, 'getMeta'>): string {
  const lines = podLogLines(pod, container, opts, now, store);
  let out = '';
  lines.forEach((l, i) => {
    const prefix = opts.timestamps ? `${rfc3339Nano(l.time, hash32(`${pod.metadata.uid}/${i}/${l.time}`) % 1_000_000)} ` : '';
    out += `${prefix}${l.text}\n`;
  });
  if (opts.limitBytes !== undefined && opts.limitBytes >= 0) out = Buffer.from(out).subarray(0, opts.limitBytes).toString('utf8');
  return out;
}
