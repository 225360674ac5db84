// `kubectl exec` as the kubelet and containerd serve it: a new process in a running container,
// seeing the container's files as they are now — what the image and volumes provide, what the
// container's own process wrote by now, and what earlier execs (and `kubectl cp`) wrote. Those
// writes are kept per container instance in the store's meta (a restarted container starts from
// its image again); writes under an emptyDir mount belong to the pod and are seen by every
// container that mounts the volume, until the pod goes away; writes under a mounted
// PersistentVolumeClaim belong to its PersistentVolume and outlive the pod.
import type { Node } from '../api/core/node/schema.js';
import type { Container, Pod } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';
import type { Store } from '../store/store.js';
import { clusterDnsInputs } from '../dns/inputs.js';
import type { DnsInputs } from '../dns/query.js';
import { exchange } from '../dns/resolver.js';
import { parseResolvConf } from '../dns/resolv-conf.js';
import { stateAt, termination, type ContainerInstance } from './containers.js';
import { busyboxVersionOf } from './images.js';
import { containerContext } from './env.js';
import { cannotOpenScript, fileTimeline, hasCommand, type ProcessSpec } from './process.js';
import { epochDns } from './process-dns.js';
import { Shell, ShellSyntaxError, dirExists, parseScript, type ShellEnv, type ShellHttp, type ShellHttpRun, type ShellLine, type ShellRepl } from './shell.js';
import { loadPodRuntime, type PodRuntime } from './state.js';
import { sha256Hex } from './util.js';
import { persistentVolumeDataKey } from './volume-data.js';

/** A file's last write by an exec: its content, or null once removed. */
interface Write { at: number; content: string | null }
type Overlay = Record<string, Write>;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash']);
/** How long an exec'd command may run in virtual time before it counts as never ending. */
const EXEC_LIMIT_MS = 24 * 3600 * 1000;
const EXEC_BUDGET = 400_000;

export const execKeys = {
  /** Writes by execs into one container instance, outside shared volumes. */
  container: (node: string, ns: string, pod: string, containerID: string) => `kubelet/${node}/exec/${ns}/${pod}/${containerID}`,
  /** Writes into one of the pod's emptyDir volumes (paths relative to the volume). */
  emptyDir: (node: string, ns: string, pod: string, uid: string, volume: string) => `kubelet/${node}/emptydir/${ns}/${pod}/${uid}/${volume}`,
  /** Every key above written for a pod, to forget them with it. */
  index: (node: string, ns: string, pod: string) => `kubelet/${node}/exec-index/${ns}/${pod}`,
};

/** Drops what execs wrote into a pod's containers and volumes: the pod is gone. */
export function forgetExecWrites(store: Pick<Store, 'getMeta' | 'setMeta'>, node: string, ns: string, pod: string): void {
  const index = execKeys.index(node, ns, pod);
  const raw = store.getMeta(index);
  if (raw === undefined) return;
  for (const key of JSON.parse(raw) as string[]) store.setMeta(key, undefined);
  store.setMeta(index, undefined);
}

/** The runtime refused the exec (the words kubectl prints after `error: `). */
export class ExecError extends Error {}

/** A running container an exec can enter. */
export interface ExecTarget {
  pod: Pod;
  container: Container;
  inst: ContainerInstance & { proc: Omit<ProcessSpec, 'startedAt'>; startedAt: number };
  node: string;
  /** The pod's runtime state: every container instance, for shared volumes. */
  instances: { spec: Container; inst: ContainerInstance }[];
  /** ConfigMap, Secret and downward API volume files as their sources are now (the kubelet keeps them in step). */
  projected?: Record<string, string>;
  /** The Services, EndpointSlices, Pods and Nodes the cluster's DNS answers from, read when first asked. */
  dnsInputs?: () => DnsInputs;
  /** The pod's network, for the curl and wget an exec runs. */
  http?: ShellHttp;
  /** The PersistentVolume behind each of the pod's claim volumes, by volume name. */
  claimVolumes?: Record<string, string>;
}

/**
 * The kubelet's GetExec: the named container must be running (the runtime lists running
 * containers only), else `container not found`, which the upgrade reports.
 */
export function execTarget(store: Pick<Store, 'getMeta'>, pod: Pod, containerName: string, now: number, api?: Api): ExecTarget {
  const ns = pod.metadata.namespace ?? 'default';
  const notFound = () => new ExecError(`Internal error occurred: unable to upgrade connection: container not found ("${containerName}")`);
  const rt = loadPodRuntime({ store }, ns, pod.metadata.name);
  if (!rt || rt.uid !== pod.metadata.uid) throw notFound();
  const specs = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  const container = specs.find((c) => c.name === containerName);
  const inst = rt.slots[containerName]?.cur;
  if (!container || !inst?.proc || inst.startedAt === undefined || stateAt(inst, now) !== 'running') throw notFound();
  const target: ExecTarget = { pod, container, inst: inst as ExecTarget['inst'], node: rt.node, instances: podInstances(pod, rt) };
  if (api) target.claimVolumes = claimVolumes(api, pod);
  const node = api?.tryGet<KubeObject>('nodes', undefined, rt.node) as unknown as Node | undefined;
  if (api && node) {
    const cc = containerContext(api, pod, container, node, { hostIP: pod.status?.hostIP, podIP: pod.status?.podIP });
    // A source that is gone (or a key missing) leaves the files as they were.
    if (!cc.error) target.projected = cc.files;
  }
  if (api) {
    let inputs: DnsInputs | undefined;
    target.dnsInputs = () => (inputs ??= clusterDnsInputs(api));
  }
  return target;
}

/** Every container instance of the pod the runtime knows (current and previous of each). */
function podInstances(pod: Pod, rt: Pick<PodRuntime, 'slots'>): ExecTarget['instances'] {
  const instances: ExecTarget['instances'] = [];
  for (const spec of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    const slot = rt.slots[spec.name];
    for (const i of [slot?.prev, slot?.cur]) if (i) instances.push({ spec, inst: i });
  }
  return instances;
}

/** The PersistentVolume bound to each of the pod's claim volumes. */
function claimVolumes(api: Pick<Api, 'tryGet'>, pod: Pod): Record<string, string> | undefined {
  let out: Record<string, string> | undefined;
  for (const v of pod.spec.volumes ?? []) {
    if (!v.persistentVolumeClaim) continue;
    const claim = api.tryGet<KubeObject>('persistentvolumeclaims', pod.metadata.namespace, v.persistentVolumeClaim.claimName) as unknown as { spec?: { volumeName?: string } } | undefined;
    if (claim?.spec?.volumeName) (out ??= {})[v.name] = claim.spec.volumeName;
  }
  return out;
}

/** Mount paths whose files follow their ConfigMap, Secret or downward API source (subPath mounts do not). */
function projectedMounts(pod: Pod, c: Container): string[] {
  return (c.volumeMounts ?? []).filter((m) => {
    const v = pod.spec.volumes?.find((x) => x.name === m.name);
    return !m.subPath && !!(v?.configMap || v?.secret || v?.downwardAPI || v?.projected);
  }).map((m) => m.mountPath.replace(/\/+$/, ''));
}

function readOverlay(store: Pick<Store, 'getMeta'>, key: string): Overlay {
  const raw = store.getMeta(key);
  return raw ? (JSON.parse(raw) as Overlay) : {};
}

/** The container's own files over its life: the timeline, and when each path last changed by `untilMs`. */
function ownFiles(inst: ExecTarget['inst'], untilMs: number): { files: Record<string, string>; changedAt: Map<string, number>; timeline: { at: number; files: Record<string, string> }[] } {
  const timeline = fileTimeline({ ...inst.proc, startedAt: inst.startedAt }, untilMs, inst.dns && epochDns(inst.dns)).filter((s) => s.at <= untilMs);
  const changedAt = new Map<string, number>();
  for (let i = 0; i < timeline.length; i++) {
    const before = i ? timeline[i - 1].files : inst.proc.files;
    const after = timeline[i].files;
    for (const p of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (before[p] !== after[p]) changedAt.set(p, inst.startedAt + timeline[i].at);
    }
  }
  return { files: timeline[timeline.length - 1].files, changedAt, timeline };
}

/** A mount of a volume whose files are shared: an emptyDir (the pod's) or a claim's PersistentVolume. */
interface SharedMount { volume: string; mountPath: string; subPath?: string; key: string; pvBacked: boolean }

function sharedMounts(t: Pick<ExecTarget, 'pod' | 'node' | 'claimVolumes'>, c: Container): SharedMount[] {
  const out: SharedMount[] = [];
  const ns = t.pod.metadata.namespace ?? 'default';
  for (const m of c.volumeMounts ?? []) {
    const vol = t.pod.spec.volumes?.find((v) => v.name === m.name);
    const pv = vol?.persistentVolumeClaim ? t.claimVolumes?.[m.name] : undefined;
    const key = vol?.emptyDir ? execKeys.emptyDir(t.node, ns, t.pod.metadata.name, t.pod.metadata.uid ?? '', m.name)
      : pv ? persistentVolumeDataKey(pv) : undefined;
    if (key) out.push({ volume: m.name, mountPath: m.mountPath.replace(/\/+$/, ''), ...(m.subPath ? { subPath: m.subPath } : {}), key, pvBacked: !!pv });
  }
  return out;
}

/** A path inside the container to the volume's own path, when it lies under the mount. */
function toVolume(m: SharedMount, path: string): string | undefined {
  if (!path.startsWith(`${m.mountPath}/`)) return undefined;
  const rel = path.slice(m.mountPath.length + 1);
  return m.subPath ? `${m.subPath.replace(/\/+$/, '')}/${rel}` : rel;
}

function fromVolume(m: SharedMount, rel: string): string | undefined {
  if (!m.subPath) return `${m.mountPath}/${rel}`;
  const sub = `${m.subPath.replace(/\/+$/, '')}/`;
  return rel.startsWith(sub) ? `${m.mountPath}/${rel.slice(sub.length)}` : undefined;
}

type VolumeWriter = Pick<ExecTarget, 'pod' | 'node' | 'claimVolumes' | 'instances'>;
type VolumeWrite = { at: number; path: string; content: string | null };

/** What the processes of the pod's containers wrote under their mounts of a volume by `now`. */
function processWrites(t: VolumeWriter, volume: string, now: number): VolumeWrite[] {
  const writes: VolumeWrite[] = [];
  for (const { spec, inst } of t.instances) {
    if (!inst.proc || inst.startedAt === undefined) continue;
    const mounts = sharedMounts(t, spec).filter((m) => m.volume === volume);
    if (!mounts.length) continue;
    const end = Math.min(now, termination(inst)?.at ?? Infinity);
    if (end < inst.startedAt) continue;
    const timeline = fileTimeline({ ...inst.proc, startedAt: inst.startedAt }, end - inst.startedAt, inst.dns && epochDns(inst.dns));
    // What the process wrote at its very start is already in the first snapshot: compare it with the files it was given.
    for (let i = 0; i < timeline.length; i++) {
      if (inst.startedAt + timeline[i].at > end) break;
      const before = i ? timeline[i - 1].files : inst.proc.files;
      const after = timeline[i].files;
      for (const p of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (before[p] === after[p]) continue;
        for (const m of mounts) {
          const rel = toVolume(m, p);
          if (rel !== undefined) writes.push({ at: inst.startedAt + timeline[i].at, path: rel, content: after[p] ?? null });
        }
      }
    }
  }
  return writes;
}

/**
 * A shared volume's content at `now`, and when each file was last written: every write by the
 * processes of the pod's containers (current and previous instances of each) under their mounts
 * of it, and by execs (of this pod, or of any earlier pod for a PersistentVolume), in time order.
 */
function volumeContent(store: Pick<Store, 'getMeta'>, t: ExecTarget, volume: string, key: string, now: number): FileView {
  const writes = processWrites(t, volume, now);
  const overlay = readOverlay(store, key);
  for (const [path, w] of Object.entries(overlay)) writes.push({ at: w.at, path, content: w.content });
  // Stable sort: at equal times, execs (added last) come after the processes' own writes.
  writes.sort((a, b) => a.at - b.at);
  const view: FileView = { files: {}, mtimes: {} };
  for (const w of writes) put(view, w.path, w.content, w.at);
  return view;
}

function put(view: FileView, path: string, content: string | null, at: number): void {
  if (content === null) {
    delete view.files[path];
    delete view.mtimes[path];
  } else {
    view.files[path] = content;
    view.mtimes[path] = at;
  }
}

/**
 * The pod's containers are gone: what their processes wrote into claims' PersistentVolumes stays
 * with the volumes (an exec's later write of a path wins), for the next pod to see.
 */
export function keepPersistentVolumeWrites(store: Pick<Store, 'getMeta' | 'setMeta'>, api: Pick<Api, 'tryGet'>, pod: Pod,
  rt: Pick<PodRuntime, 'slots' | 'node'>, now: number): void {
  const t: VolumeWriter = { pod, node: rt.node, instances: podInstances(pod, rt), claimVolumes: claimVolumes(api, pod) };
  const seen = new Set<string>();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const m of sharedMounts(t, c)) {
      if (!m.pvBacked || seen.has(m.volume)) continue;
      seen.add(m.volume);
      const writes = processWrites(t, m.volume, now);
      if (!writes.length) continue;
      const overlay = readOverlay(store, m.key);
      for (const w of writes.sort((a, b) => a.at - b.at)) if (!overlay[w.path] || overlay[w.path].at <= w.at) overlay[w.path] = { at: w.at, content: w.content };
      store.setMeta(m.key, JSON.stringify(overlay));
    }
  }
}

/** A container's files by path, and when each was last written (virtual ms). */
export interface FileView { files: Record<string, string>; mtimes: Record<string, number> }

/** The files a new process in the container sees at `now`. */
export function containerFiles(store: Pick<Store, 'getMeta'>, t: ExecTarget, now: number): Record<string, string> {
  return containerFileView(store, t, now).files;
}

/**
 * The container's files at `now` with their write times: what it was given at its start (the
 * kubelet's files, projected volumes) dates from then.
 */
export function containerFileView(store: Pick<Store, 'getMeta'>, t: ExecTarget, now: number): FileView {
  const ns = t.pod.metadata.namespace ?? 'default';
  const own = ownFiles(t.inst, now - t.inst.startedAt);
  const view: FileView = { files: { ...own.files }, mtimes: {} };
  for (const p of Object.keys(view.files)) view.mtimes[p] = own.changedAt.get(p) ?? t.inst.startedAt;
  // An exec's write stands until the container's process writes that path again.
  for (const [path, w] of Object.entries(readOverlay(store, execKeys.container(t.node, ns, t.pod.metadata.name, t.inst.id)))) {
    if ((own.changedAt.get(path) ?? -Infinity) > w.at) continue;
    put(view, path, w.content, w.at);
  }
  if (t.projected) {
    for (const mount of projectedMounts(t.pod, t.container)) {
      const under = (p: string) => p.startsWith(`${mount}/`);
      for (const p of Object.keys(view.files)) if (under(p)) put(view, p, null, 0);
      for (const [p, content] of Object.entries(t.projected)) if (under(p)) put(view, p, content, t.inst.startedAt);
    }
  }
  for (const m of sharedMounts(t, t.container)) {
    for (const p of Object.keys(view.files)) if (toVolume(m, p) !== undefined) put(view, p, null, 0);
    const vol = volumeContent(store, t, m.volume, m.key, now);
    for (const [rel, content] of Object.entries(vol.files)) {
      const p = fromVolume(m, rel);
      if (p !== undefined) put(view, p, content, vol.mtimes[rel]);
    }
  }
  return view;
}

/**
 * What a container instance the kubelet holds in memory sees of its files at `at` (its probes'
 * view as it starts): its own and its shared volumes' files, before any exec could write.
 */
export function instanceFiles(store: Pick<Store, 'getMeta'>, api: Pick<Api, 'tryGet'>, pod: Pod, rt: Pick<PodRuntime, 'slots' | 'node'>,
  container: Container, at: number): FileView | undefined {
  const inst = rt.slots[container.name]?.cur;
  if (!inst?.proc || inst.startedAt === undefined) return undefined;
  const t: ExecTarget = { pod, container, inst: inst as ExecTarget['inst'], node: rt.node, instances: podInstances(pod, rt), claimVolumes: claimVolumes(api, pod) };
  return containerFileView(store, t, at);
}

/** What the container's own process (its server) sees of its files at `now`; undefined unless it runs. */
export function runningContainerFiles(store: Pick<Store, 'getMeta'>, api: Api, pod: Pod, container: string, now: number): FileView | undefined {
  try {
    return containerFileView(store, execTarget(store, pod, container, now, api), now);
  } catch (e) {
    if (e instanceof ExecError) return undefined;
    throw e;
  }
}

/**
 * Keeps what an exec changed: in the pod's emptyDir volumes or claims' PersistentVolumes when
 * under their mounts, else in the container. What a PersistentVolume holds is not the pod's to forget.
 */
export function recordWrites(store: Pick<Store, 'getMeta' | 'setMeta'>, t: ExecTarget, before: Record<string, string>,
  after: Record<string, string>, at: number): void {
  const ns = t.pod.metadata.namespace ?? 'default';
  const mounts = sharedMounts(t, t.container);
  const changes = new Map<string, Overlay>();
  const kept = new Set<string>();
  const put = (key: string, path: string, content: string | null) => {
    let o = changes.get(key);
    if (!o) changes.set(key, (o = readOverlay(store, key)));
    o[path] = { at, content };
  };
  for (const p of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[p] === after[p]) continue;
    const content = after[p] ?? null;
    const m = mounts.find((x) => toVolume(x, p) !== undefined);
    if (m) {
      put(m.key, toVolume(m, p)!, content);
      if (m.pvBacked) kept.add(m.key);
    } else put(execKeys.container(t.node, ns, t.pod.metadata.name, t.inst.id), p, content);
  }
  if (!changes.size) return;
  const index = execKeys.index(t.node, ns, t.pod.metadata.name);
  const keys = new Set(JSON.parse(store.getMeta(index) ?? '[]') as string[]);
  for (const [key, o] of changes) {
    store.setMeta(key, JSON.stringify(o));
    if (!kept.has(key)) keys.add(key);
  }
  store.setMeta(index, JSON.stringify([...keys]));
}

/** containerd's OCI exec failure for a command the image does not have, as kubectl shows it. */
function execStartError(t: ExecTarget, argv: string[], now: number): ExecError {
  const argv0 = argv[0] ?? '';
  const why = argv0.includes('/') ? `stat ${argv0}: no such file or directory` : 'executable file not found in $PATH';
  const execID = sha256Hex(`${t.inst.id}/${now}/${argv.join('\u0000')}`);
  return new ExecError('Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: '
    + `failed to start exec "${execID}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0}": ${why}: unknown`);
}

const basename = (s: string) => s.slice(s.lastIndexOf('/') + 1);

/** Whether the image can run `argv[0]` (its shells included). */
export function canRun(t: ExecTarget, argv0: string): boolean {
  const entry = t.inst.proc.image.entry;
  const cmd = basename(argv0);
  if (hasCommand(entry, argv0)) return true;
  return cmd === 'sh' && entry.toolbox !== 'none';
}

function flavorOf(t: ExecTarget, argv0: string): ShellEnv['flavor'] {
  if (basename(argv0) === 'bash') return 'bash';
  const { entry, variant } = t.inst.proc.image;
  return entry.toolbox === 'busybox' || variant?.includes('alpine') ? 'busybox' : 'dash';
}

/** A process started in the container: each run of it reads and writes the container's files. */
export interface ExecSession {
  /** Runs the command to its end (or EXEC_LIMIT_MS): its output lines and exit code (undefined: still running). */
  lines: ShellLine[];
  code: number | undefined;
  /** When it exited, ms after it started (virtual time it took). */
  exitAt?: number;
}

function shellFor(t: ExecTarget, files: Record<string, string>, argv0: string, now: number, args: string[], name: string,
  onWrite: (files: Record<string, string>) => void, commandLine = argv0): Shell {
  const proc = t.inst.proc;
  // PID 1 is the container's process; an exec's process comes after the runtime's own (runc init and friends).
  const main = { pid: 1, args: proc.argv.join(' ') };
  const sys: ShellEnv = {
    env: proc.env, startedAt: now, hostname: proc.hostname, files, flavor: flavorOf(t, argv0), kernel: proc.kernel,
    ...(proc.workingDir ? { cwd: proc.workingDir } : {}),
    hasCommand: (n) => hasCommand(proc.image.entry, n),
    processes: basename(argv0) === 'ps' ? [main] : [main, { pid: 7, args: commandLine }],
    onFileChange: (_at, f) => onWrite(f),
    ...(t.dnsInputs ? { dns: dnsHook(t.dnsInputs, files) } : {}),
    ...(busyboxVersionOf(proc.image) ? { busyboxVersion: busyboxVersionOf(proc.image) } : {}),
    ...(t.http ? { http: t.http } : {}),
  };
  return new Shell(sys, EXEC_LIMIT_MS, args, name, EXEC_BUDGET);
}

/** Questions from the container go to the server asked, else to its resolv.conf's first nameserver. */
function dnsHook(inputs: () => DnsInputs, files: Record<string, string>): NonNullable<ShellEnv['dns']> {
  return (qname, qtype, server) => {
    const to = server ?? parseResolvConf(files['/etc/resolv.conf'] ?? '').nameservers[0] ?? '127.0.0.1';
    return exchange(inputs(), to, qname, qtype);
  };
}

/**
 * Runs `argv` in the container at `now`, with `stdin` when attached: its output and exit code,
 * its file writes kept for later execs. A shell given no script reads its commands from stdin.
 */
export function execCommand(store: Pick<Store, 'getMeta' | 'setMeta'>, t: ExecTarget, argvIn: string[], now: number,
  stdin?: string): ExecSession {
  const before = containerFiles(store, t, now);
  // A script put in the container (`kubectl cp`, an earlier exec) runs under the shell its `#!` names.
  const script = argvIn[0]?.includes('/') ? before[argvIn[0].startsWith('/') ? argvIn[0] : `/${argvIn[0]}`] : undefined;
  const shebang = script !== undefined ? /^#!\s*(\S+)/.exec(script)?.[1] : undefined;
  const argv = shebang && SHELLS.has(basename(shebang)) ? [shebang, ...argvIn] : argvIn;
  if (!argv.length || !canRun(t, argv[0])) throw execStartError(t, argv, now);
  let after = before;
  const cmd = basename(argv[0]);
  const onWrite = (f: Record<string, string>) => { after = f; };
  let r;
  if (SHELLS.has(cmd)) {
    const ci = argv.indexOf('-c');
    const fileAt = argv.findIndex((a, i) => i > 0 && !a.startsWith('-'));
    if (ci >= 0) {
      r = shellFor(t, before, argv[0], now, argv.slice(ci + 3), argv[ci + 2] ?? cmd, onWrite, argv.join(' ')).runScript(argv[ci + 1] ?? '');
    } else if (fileAt > 0) {
      const file = argv[fileAt];
      const src = before[file.startsWith('/') ? file : `/${file}`];
      if (src === undefined) {
        const err = cannotOpenScript(flavorOf(t, argv[0]), cmd, file);
        return { lines: [{ at: 0, text: err.text, stream: 'stderr' }], code: err.code, exitAt: 0 };
      }
      r = shellFor(t, before, argv[0], now, argv.slice(fileAt + 1), file, onWrite, argv.join(' ')).runScript(src);
    } else {
      r = shellFor(t, before, argv[0], now, [], cmd, onWrite, argv.join(' ')).runScript(stdin ?? '');
    }
  } else {
    r = shellFor(t, before, argv[0], now, [], cmd, onWrite, argv.join(' ')).runArgv(argv, stdin);
  }
  recordWrites(store, t, before, after, now);
  return { lines: r.lines, code: r.exit?.code, ...(r.exit ? { exitAt: r.exit.at } : {}) };
}

/**
 * An interactive shell (`kubectl exec -it POD -- sh`): each line typed runs in the same shell, so
 * variables carry over; `exit` (or end of input) ends it.
 */
export class InteractiveShell {
  private readonly shell: Shell;
  private files: Record<string, string>;
  private seen = 0;
  /** Set once the shell has exited. */
  code: number | undefined;

  private readonly argv0: string;
  private last = 0;
  /** A client's REPL running in the foreground (redis-cli), reading the lines typed until it exits. */
  private nested: ShellRepl | undefined;
  /** The exec's command is that client itself: the session ends with it. */
  private readonly standalone: boolean;

  constructor(private readonly store: Pick<Store, 'getMeta' | 'setMeta'>, private readonly t: ExecTarget, argv: string[],
    private readonly now: number) {
    if (!argv.length || !canRun(t, argv[0])) throw execStartError(t, argv, now);
    this.argv0 = argv[0];
    this.files = containerFiles(store, t, now);
    this.shell = shellFor(t, this.files, argv[0], now, [], basename(argv[0]), (f) => { this.files = f; }, argv.join(' '));
    this.nested = this.startRepl(argv);
    this.standalone = !!this.nested;
  }

  /** The REPL `argv` starts (redis-cli with no command), when the image has that client. */
  private startRepl(argv: string[]): ShellRepl | undefined {
    const cmd = basename(argv[0] ?? '');
    if (cmd !== 'redis-cli' || !hasCommand(this.t.inst.proc.image.entry, cmd)) return undefined;
    return this.t.http?.repl?.(cmd, argv.slice(1));
  }

  /** What the session printed before its first prompt (redis-cli's failure to connect). */
  opening(): ShellLine[] {
    return this.nested ? replLines(this.nested.take()) : [];
  }

  /** The prompt an interactive shell prints as root: busybox ash `/ # `, dash `# `, bash `root@host:/# ` (`~` for HOME). */
  prompt(): string {
    if (this.nested) return this.nested.prompt();
    const flavor = flavorOf(this.t, this.argv0);
    const home = this.shell.variables().HOME;
    const cwd = this.shell.cwd;
    const where = home && home !== '/' && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
    if (flavor === 'busybox') return `${where} # `;
    if (flavor === 'bash') return `root@${this.t.inst.proc.hostname}:${where}# `;
    return '# ';
  }

  /** Lines of an unfinished command (`while true; do` ...) waiting for the rest. */
  private pending: string[] = [];

  /** Interactive bash says `exit` as it leaves (by `exit` or end of input); ash and dash say nothing. */
  get saysExit(): boolean {
    return !this.standalone && flavorOf(this.t, this.argv0) === 'bash';
  }

  /** Ctrl-C: an unfinished command is dropped. */
  cancel(): void {
    this.pending = [];
    // redis-cli leaves on Ctrl-C.
    if (this.nested) this.endRepl();
  }

  private endRepl(): void {
    this.nested = undefined;
    if (this.standalone) this.code = 0;
  }

  /** Whether the shell waits for more lines to finish a command (it prompts `> ` then). */
  get continuing(): boolean {
    return this.pending.length > 0;
  }

  /** Runs one input line (or keeps it until its command is complete): what it printed. */
  line(text: string): ShellLine[] {
    if (this.nested) {
      this.nested.line(text);
      const out = replLines(this.nested.take());
      if (this.nested.done) this.endRepl();
      return out;
    }
    if (!this.pending.length) {
      const repl = this.startRepl(text.trim().split(/\s+/));
      if (repl) {
        this.nested = repl;
        return replLines(repl.take());
      }
    }
    const src = [...this.pending, text].join('\n');
    try {
      parseScript(src);
    } catch (e) {
      if (e instanceof ShellSyntaxError && /end of file|unterminated/.test(e.message)) {
        this.pending.push(text);
        return [];
      }
    }
    this.pending = [];
    const before = { ...this.files };
    const r = this.shell.runScript(src);
    const out = r.lines.slice(this.seen);
    this.seen = r.lines.length;
    recordWrites(this.store, this.t, before, this.files, this.now);
    if (r.exit) this.last = r.exit.code;
    if (r.exited) this.code = r.exit?.code ?? 0;
    return out;
  }

  /** End of input: the shell exits with the status of its last command. */
  eof(): number {
    this.code ??= this.last;
    return this.code;
  }
}

/** A client's output as the lines a terminal shows. */
function replLines(r: ShellHttpRun): ShellLine[] {
  const out: ShellLine[] = [];
  for (const c of r.chunks) {
    const parts = c.text.split('\n');
    if (parts[parts.length - 1] === '') parts.pop();
    for (const text of parts) out.push({ at: 0, text, stream: c.stream });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// tar, as `kubectl cp` runs it in the container: `tar cf - PATH` to download, `tar -xmf - -C DIR`
// to upload. Members travel as names and contents; directories have content null.

export interface TarMember { name: string; content: string | null }

/** GNU tar on Debian-based images, busybox tar on busybox and Alpine ones; none on distroless ones. */
function tarFlavor(t: ExecTarget): 'gnu' | 'busybox' | undefined {
  const entry = t.inst.proc.image.entry;
  if (entry.toolbox === 'none' && !hasCommand(entry, 'tar')) return undefined;
  return flavorOf(t, 'sh') === 'busybox' ? 'busybox' : 'gnu';
}

const line = (text: string, stream: 'stdout' | 'stderr' = 'stderr'): ShellLine => ({ at: 0, text, stream });

/** `tar cf - PATH`: the members under PATH (named without the leading `/`), tar's messages, its exit code. */
export function tarCreate(store: Pick<Store, 'getMeta'>, t: ExecTarget, path: string, now: number): { members: TarMember[]; lines: ShellLine[]; code: number } {
  const flavor = tarFlavor(t);
  if (!flavor) throw execStartError(t, ['tar', 'cf', '-', path], now);
  const files = containerFiles(store, t, now);
  const lines: ShellLine[] = [];
  if (path.startsWith('/')) lines.push(line(flavor === 'gnu' ? "tar: Removing leading `/' from member names" : "tar: removing leading '/' from member names"));
  const abs = path.startsWith('/') ? path.replace(/\/+$/, '') || '/' : `/${path.replace(/\/+$/, '')}`;
  const name = (p: string) => p.replace(/^\/+/, '');
  if (files[abs] !== undefined) return { members: [{ name: name(path), content: files[abs] }], lines, code: 0 };
  const names = Object.keys(files);
  if (!dirExists(names, abs)) {
    if (flavor === 'gnu') {
      lines.push(line(`tar: ${path}: Cannot stat: No such file or directory`), line('tar: Exiting with failure status due to previous errors'));
      return { members: [], lines, code: 2 };
    }
    // busybox warns about the leading `/` only when it writes the member.
    return { members: [], lines: [line(`tar: ${path}: No such file or directory`)], code: 1 };
  }
  const base = name(path).replace(/\/+$/, '');
  const prefix = abs === '/' ? '/' : `${abs}/`;
  const members: TarMember[] = [{ name: base ? `${base}/` : '', content: null }];
  const dirs = new Set<string>();
  for (const f of names.filter((x) => x.startsWith(prefix)).sort()) {
    const rel = f.slice(prefix.length);
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const d = parts.slice(0, i).join('/');
      if (!dirs.has(d)) {
        dirs.add(d);
        members.push({ name: `${base ? `${base}/` : ''}${d}/`, content: null });
      }
    }
    members.push({ name: `${base ? `${base}/` : ''}${rel}`, content: files[f] });
  }
  return { members, lines, code: 0 };
}

/** `tar -xmf - -C DIR`: writes the members under DIR in the container (kept as an exec's writes). */
export function tarExtract(store: Pick<Store, 'getMeta' | 'setMeta'>, t: ExecTarget, dir: string, members: TarMember[], now: number): { lines: ShellLine[]; code: number } {
  const flavor = tarFlavor(t);
  if (!flavor) throw execStartError(t, ['tar', '-xmf', '-', ...(dir ? ['-C', dir] : [])], now);
  const before = containerFiles(store, t, now);
  const abs = !dir || dir === '.' ? '' : (dir.startsWith('/') ? dir : `/${dir}`).replace(/\/+$/, '');
  if (abs && before[abs] === undefined && !dirExists(Object.keys(before), abs)) {
    if (flavor === 'gnu') return { lines: [line(`tar: ${dir}: Cannot open: No such file or directory`), line('tar: Error is not recoverable: exiting now')], code: 2 };
    return { lines: [line(`tar: can't change directory to '${dir}': No such file or directory`)], code: 1 };
  }
  const after = { ...before };
  for (const m of members) {
    if (m.content === null) continue;
    after[`${abs}/${m.name.replace(/^\/+/, '')}`] = m.content;
  }
  recordWrites(store, t, before, after, now);
  return { lines: [], code: 0 };
}
