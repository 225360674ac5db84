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
import { epochDns } from './process-dns.js';
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
  /** Position in the instance's whole log (stable across reads, so --timestamps stamps a line alike each time). */
  index: number;
  /** How many earlier lines share this line's millisecond: their nanoseconds come first. */
  inMs: number;
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

/** Every line the instance wrote by `now`; `index` is the line's position in the instance's log. */
export function instanceLines(inst: ContainerInstance, now: number): LogLine[] {
  if (!inst.proc || inst.startedAt === undefined) return [];
  const start = inst.startedAt;
  const end = termination(inst);
  const until = Math.min(now, end?.at ?? Infinity) - start;
  if (until < 0) return [];
  const stoppedAt = inst.stop ? inst.stop.at - start : undefined;
  return processOutput({ ...inst.proc, startedAt: start }, until, stoppedAt, inst.dns && epochDns(inst.dns))
    .map((l, index) => ({ time: start + l.at, text: l.text, stream: l.stream, index, inMs: 0 }))
    .map((l, index, all) => {
      if (index > 0 && all[index - 1].time === l.time) l.inMs = all[index - 1].inMs + 1;
      return l;
    });
}

/** The container instance a request reads (the kubelet's refusals thrown), or undefined when there is none to read. */
function requestedInstance(pod: Pod, container: string | undefined, previous: boolean,
  store: Pick<Store, 'getMeta'>): { name: string; inst: ContainerInstance | undefined } {
  const name = logContainerName(pod, container);
  // The API server gives an empty stream for a pod no node has taken yet.
  if (!pod.spec.nodeName) return { name, inst: undefined };
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const id = containerIDFor(pod.metadata.name, statuses.find((s) => s.name === name), name, previous).replace(/^containerd:\/\//, '');
  return { name, inst: instanceById(pod, name, id, store) };
}

function instanceById(pod: Pod, container: string, id: string, store: Pick<Store, 'getMeta'>): ContainerInstance | undefined {
  const rt = loadPodRuntime({ store }, pod.metadata.namespace ?? 'default', pod.metadata.name);
  const slot = rt && rt.uid === pod.metadata.uid ? rt.slots[container] : undefined;
  return slot?.cur?.id === id ? slot.cur : slot?.prev?.id === id ? slot.prev : undefined;
}

function filterLines(lines: LogLine[], opts: LogOptions, now: number): LogLine[] {
  const since = opts.sinceTime ? Date.parse(opts.sinceTime) : opts.sinceSeconds !== undefined ? now - opts.sinceSeconds * 1000 : undefined;
  if (since !== undefined && !Number.isNaN(since)) lines = lines.filter((l) => l.time >= since);
  if (opts.tail !== undefined && opts.tail >= 0) lines = opts.tail === 0 ? [] : lines.slice(-opts.tail);
  return lines;
}

/** The log lines of one container of a pod as `kubectl logs` prints them (each ends in a newline). */
export function podLogLines(pod: Pod, container: string | undefined, opts: LogOptions, now: number,
  store: Pick<Store, 'getMeta'>): LogLine[] {
  const { inst } = requestedInstance(pod, container, !!opts.previous, store);
  return inst ? filterLines(instanceLines(inst, now), opts, now) : [];
}

/** The lines as the kubelet writes them out: each with its newline, stamped with --timestamps. */
function formatLines(pod: Pod, lines: LogLine[], timestamps: boolean | undefined): LogChunk[] {
  return lines.map((l) => {
    const prefix = timestamps ? `${rfc3339Nano(l.time, lineNanos(pod.metadata.uid ?? '', l))} ` : '';
    return { time: l.time, text: `${prefix}${l.text}\n` };
  });
}

/**
 * The nanoseconds within its millisecond a line is stamped with: made up, but the same in every
 * request, and increasing with the lines written in the same millisecond, as a real log's are.
 */
function lineNanos(uid: string, l: LogLine): number {
  const base = hash32(`${uid}/${l.time}`) % 500_000;
  return Math.min(999_999, base + l.inMs * 1000 + (hash32(`${uid}/${l.index}`) % 1000));
}

/** A piece of a log stream as written: one line with its newline (the last may be cut by --limit-bytes), and when. */
export interface LogChunk {
  time: number;
  text: string;
}

/** Cuts the stream to `limit` bytes (--limit-bytes); no limit when undefined or negative. */
function limitChunks(chunks: LogChunk[], limit: number | undefined): LogChunk[] {
  if (limit === undefined || limit < 0) return chunks;
  const out: LogChunk[] = [];
  let left = limit;
  for (const c of chunks) {
    if (left <= 0) break;
    const bytes = Buffer.from(c.text);
    const text = bytes.length <= left ? c.text : bytes.subarray(0, left).toString('utf8');
    out.push({ time: c.time, text });
    left -= Math.min(bytes.length, left);
  }
  return out;
}

const bytesOf = (chunks: LogChunk[]) => chunks.reduce((n, c) => n + Buffer.byteLength(c.text), 0);

export function podLogs(pod: Pod, container: string | undefined, opts: LogOptions, now: number,
  store: Pick<Store, 'getMeta'>): string {
  return limitChunks(formatLines(pod, podLogLines(pod, container, opts, now, store), opts.timestamps), opts.limitBytes)
    .map((c) => c.text).join('');
}

/**
 * Where a followed log stream (`kubectl logs -f`) stands: the container instance it reads, how
 * many of its lines have been sent, and how many bytes --limit-bytes still allows.
 */
export interface LogCursor {
  uid: string;
  container: string;
  id: string;
  sent: number;
  bytesLeft?: number;
  /**
   * The instance as last seen: once it has exited the kubelet may drop it (a second restart
   * replaces it), and the stream still owes the lines it wrote before exiting.
   */
  last: ContainerInstance;
}

/**
 * Opens a followed stream: what a plain request returns now, and the cursor to read on from, or
 * no cursor when the stream is already over (an instance that has exited, a pod on no node, the
 * byte limit reached). Refusals are thrown as for podLogs.
 */
export function openLogStream(pod: Pod, container: string | undefined, opts: LogOptions, now: number,
  store: Pick<Store, 'getMeta'>): { chunks: LogChunk[]; cursor: LogCursor | undefined } {
  const { name, inst } = requestedInstance(pod, container, !!opts.previous, store);
  if (!inst) return { chunks: [], cursor: undefined };
  const all = instanceLines(inst, now);
  const chunks = limitChunks(formatLines(pod, filterLines(all, opts, now), opts.timestamps), opts.limitBytes);
  const bytesLeft = opts.limitBytes !== undefined && opts.limitBytes >= 0 ? opts.limitBytes - bytesOf(chunks) : undefined;
  const cursor: LogCursor = { uid: pod.metadata.uid ?? '', container: name, id: inst.id, sent: all.length, bytesLeft, last: inst };
  return { chunks, cursor: streamOver(inst, cursor, now) ? undefined : cursor };
}

/**
 * Reads a followed stream on: the lines the instance wrote since the last read, and whether the
 * stream has ended, as the kubelet ends it: the instance exited (a restart writes a new log the
 * stream does not follow), the pod is gone, or --limit-bytes is used up.
 */
export function readLogStream(pod: Pod | undefined, cursor: LogCursor, opts: Pick<LogOptions, 'timestamps'>, now: number,
  store: Pick<Store, 'getMeta'>): { chunks: LogChunk[]; done: boolean } {
  if (!pod || pod.metadata.uid !== cursor.uid) return { chunks: [], done: true };
  const inst = instanceById(pod, cursor.container, cursor.id, store)
    ?? (termination(cursor.last) !== undefined ? cursor.last : undefined);
  if (!inst) return { chunks: [], done: true };
  cursor.last = inst;
  const all = instanceLines(inst, now);
  const chunks = limitChunks(formatLines(pod, all.slice(cursor.sent), opts.timestamps), cursor.bytesLeft);
  cursor.sent = all.length;
  if (cursor.bytesLeft !== undefined) cursor.bytesLeft -= bytesOf(chunks);
  return { chunks, done: streamOver(inst, cursor, now) };
}

function streamOver(inst: ContainerInstance, cursor: LogCursor, now: number): boolean {
  if (cursor.bytesLeft !== undefined && cursor.bytesLeft <= 0) return true;
  const end = termination(inst);
  return end !== undefined && end.at <= now;
}
