// pods/exec and pods/attach over a remote command stream: what the API server checks before it
// upgrades the connection (the pod, its container, its node: plain Status replies), then what the
// kubelet does on the stream — mk exec's and mk run -i's sessions, their output on stdout/stderr
// and the exit status on the error channel.
import type { Pod } from '../../api/core/pod/schema.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { ExecTarget } from '../../kubelet/exec.js';
import type { ShellLine } from '../../kubelet/shell.js';
import type { TarInvocation } from '../../kubelet/tar-archive.js';
import type { SessionInput } from '../../cli/commands/exec.js';
import type { ApiServer } from '../server.js';
import { streamContainer } from '../stream-location.js';
import { exitCodeStatus, internalErrorStatus, SUCCESS } from './stream/ws-channels.js';
import { AsyncQueue, LineDiscipline, onlcr } from './stream/tty.js';
import type { LogFollower } from './pod-log.js';

/** PodExecOptions / PodAttachOptions from the query. */
export interface RemoteCommandRequest {
  command: string[];
  container: string | undefined;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

const bool = (q: URLSearchParams, name: string) => q.get(name) === 'true' || q.get(name) === '1';

export function remoteCommandRequest(q: URLSearchParams): RemoteCommandRequest {
  return {
    command: q.getAll('command'), container: q.get('container') || undefined,
    stdin: bool(q, 'stdin'), stdout: bool(q, 'stdout'), stderr: bool(q, 'stderr'), tty: bool(q, 'tty'),
  };
}

/** The streams of one session, whatever carries them. */
export interface RemoteStreams {
  stdout(data: string | Buffer): void;
  stderr(data: string): void;
  /** What the client types or pipes, until it closes its stdin (or goes). */
  stdin: AsyncQueue<Buffer>;
  /** Resolves when the client has gone. */
  gone: Promise<void>;
  /** Writes the Status on the error channel and ends the session. */
  finish(status: object): void;
}

/** What carries a session's channels: writes to stdout or stderr, and the end with a Status. */
export interface StreamTransport {
  write(channel: 'stdout' | 'stderr', data: string | Buffer): void;
  end(status: object): void;
  stdin: AsyncQueue<Buffer>;
  gone: Promise<void>;
}

/** A transport's channels as a session's streams: nothing more is written once it has finished. */
export function sessionStreams(t: StreamTransport): RemoteStreams {
  let finished = false;
  return {
    stdout: (d) => { if (!finished && d.length) t.write('stdout', d); },
    stderr: (d) => { if (!finished && d.length) t.write('stderr', d); },
    stdin: t.stdin,
    gone: t.gone,
    finish: (status) => {
      if (finished) return;
      finished = true;
      t.stdin.end();
      t.end(status);
    },
  };
}

/** ExecLocation / AttachLocation: the pod and its container, or the API server's refusal. */
export function remoteCommandTarget(api: ApiServer, namespace: string, name: string, req: RemoteCommandRequest): { pod: Pod; container: string } {
  const pod = api.get<Pod>('pods', namespace, name);
  return { pod, container: streamContainer(pod, req.container) };
}

/** The kubelet's GetExec/GetAttach: the running container, else the error the translator reports. */
async function kubeletTarget(cluster: ClusterHandle, pod: Pod, container: string, streams: RemoteStreams): Promise<ExecTarget | undefined> {
  const exec = await import('../../kubelet/exec.js');
  try {
    return exec.execTarget(cluster.store, pod, container, cluster.now(), cluster.api);
  } catch (e) {
    if (!(e instanceof exec.ExecError)) throw e;
    streams.finish(internalErrorStatus(e.message));
    return undefined;
  }
}

/** What the client sends on stdin as a session's input: lines (and, with a TTY, keystrokes). */
function sessionInput(streams: RemoteStreams, tty: boolean, echo: (s: string) => void): SessionInput {
  const lines = new AsyncQueue<string>();
  const interrupts = new Set<() => void>();
  const discipline = tty ? new LineDiscipline(echo) : undefined;
  let partial = '';
  void (async () => {
    for await (const data of streams.stdin) {
      if (discipline) {
        for (const ev of discipline.push(data)) {
          if (ev.type === 'line') lines.push(ev.text);
          else if (ev.type === 'interrupt') for (const fn of interrupts) fn();
          else lines.end();
        }
        continue;
      }
      partial += data.toString('utf8');
      const parts = partial.split('\n');
      partial = parts.pop() ?? '';
      for (const p of parts) lines.push(p);
    }
    if (partial) lines.push(partial);
    lines.end();
  })();
  return {
    lines,
    onInterrupt: (fn) => {
      interrupts.add(fn);
      return () => interrupts.delete(fn);
    },
    close: () => lines.end(),
  };
}

async function readAll(q: AsyncQueue<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of q) chunks.push(c);
  return Buffer.concat(chunks);
}

/** The session's output writers: with a TTY, one stream whose newlines the pty turns into CR LF. */
function writers(streams: RemoteStreams, tty: boolean) {
  const out = tty ? (s: string) => streams.stdout(onlcr(s)) : (s: string) => streams.stdout(s);
  return { out, err: tty ? out : (s: string) => streams.stderr(s) };
}

/** kubectl exec: the command run in the container as mk exec runs it. */
export async function serveExec(cluster: ClusterHandle, pod: Pod, container: string, req: RemoteCommandRequest,
  streams: RemoteStreams): Promise<void> {
  const t = await kubeletTarget(cluster, pod, container, streams);
  if (!t) return;
  const cli = await import('../../cli/commands/exec.js');
  const exec = await import('../../kubelet/exec.js');
  const tty = req.tty && req.stdin;
  const { out, err } = writers(streams, tty);
  await cli.connectPodNetwork(cluster, pod, t, tty);
  const command = req.command;
  const now = cluster.now();
  const repl = /(^|\/)redis-cli$/.test(command[0] ?? '') && (await import('../../net/redis-cli.js')).redisCliInteractive(command.slice(1));
  try {
    if (tty && (cli.readsShellInput(command) || repl)) {
      const session = new exec.InteractiveShell(cluster.store, t, command, now);
      const code = await cli.interactive(session, true, out, err, sessionInput(streams, true, out));
      streams.finish(code ? exitCodeStatus(command, code) : SUCCESS);
      return;
    }
    const tar = (await import('../../kubelet/tar-archive.js')).tarInvocation(command);
    if (tar && !tty) {
      await serveTar(cluster, t, tar, req.stdin ? await readAll(streams.stdin) : Buffer.alloc(0), streams, command);
      return;
    }
    // Without a TTY, stdin is the command's whole input; with one, a command that is no shell does not read it.
    const input = req.stdin && !tty ? (await readAll(streams.stdin)).toString('utf8') : undefined;
    const r = cluster.store.transaction(() => exec.execCommand(cluster.store, t, command, now, input));
    await cli.writeLines(r.lines, cluster.clock.mode === 'realtime', out, err, r.exitAt);
    if (r.code === undefined) {
      // The command runs on until the client goes.
      await streams.gone;
      return;
    }
    streams.finish(r.code ? exitCodeStatus(command, r.code) : SUCCESS);
  } catch (e) {
    if (!(e instanceof exec.ExecError)) throw e;
    streams.finish(internalErrorStatus(e.message));
  }
}

/** `tar cf - PATH` writes the archive to stdout; `tar -xf - -C DIR` reads one from stdin (kubectl cp). */
async function serveTar(cluster: ClusterHandle, t: ExecTarget, tar: TarInvocation, stdin: Buffer, streams: RemoteStreams,
  command: string[]): Promise<void> {
  const exec = await import('../../kubelet/exec.js');
  const archive = await import('../../kubelet/tar-archive.js');
  const now = cluster.now();
  let r: { lines: ShellLine[]; code: number };
  if (tar.op === 'create') {
    const created = exec.tarCreate(cluster.store, t, tar.path, now);
    r = created;
    for (const l of r.lines) streams.stderr(`${l.text}\n`);
    // A tar that archived nothing because it failed writes no archive: the client sees the failure first.
    if (created.members.length || !created.code) streams.stdout(archive.writeTar(created.members, () => Math.floor(now / 1000)));
  } else {
    let members;
    try {
      members = archive.readTar(stdin);
    } catch {
      r = { lines: [{ at: 0, stream: 'stderr', text: 'tar: Unexpected EOF in archive' }], code: 2 };
      members = undefined;
    }
    if (members) r = cluster.store.transaction(() => exec.tarExtract(cluster.store, t, tar.dir, members, now));
    for (const l of r!.lines) (l.stream === 'stderr' ? streams.stderr : streams.stdout)(`${l.text}\n`);
  }
  streams.finish(r!.code ? exitCodeStatus(command, r!.code) : SUCCESS);
}

/**
 * kubectl attach (and run -i): a container whose shell reads stdin takes what is typed, as mk
 * run -i's session does, and ends with it when the container's stdin closes once (stdinOnce);
 * any other container's output is followed as its log.
 */
export async function serveAttach(cluster: ClusterHandle, pod: Pod, container: string, req: RemoteCommandRequest,
  streams: RemoteStreams, follow: LogFollower | undefined, settle: () => Promise<void>): Promise<void> {
  const tty = req.tty && req.stdin;
  const { out, err } = writers(streams, tty);
  const t = req.stdin ? await kubeletTarget(cluster, pod, container, streams) : undefined;
  if (req.stdin && !t) return;
  const cli = await import('../../cli/commands/exec.js');
  if (t && cli.readsShellInput(t.inst.proc.argv)) {
    await cli.connectPodNetwork(cluster, pod, t, tty);
    const exec = await import('../../kubelet/exec.js');
    const session = new exec.InteractiveShell(cluster.store, t, t.inst.proc.argv, cluster.now());
    const code = await cli.interactive(session, tty, out, err, sessionInput(streams, tty, out));
    if (t.container.stdinOnce) {
      await settle();
      const { mainProcessExited } = await import('../../kubelet/attach.js');
      const { namespace = 'default', name } = pod.metadata;
      cluster.store.transaction(() => mainProcessExited(cluster.store, namespace, name, container, cluster.now(), code));
      await settle();
    }
  } else if (follow) {
    let gone = false;
    void streams.gone.then(() => { gone = true; });
    await follow(pod, container, {}, (s) => out(s), () => gone);
  }
  streams.finish(SUCCESS);
}
