// `mk exec`: runs a command in a container, as kubectl exec does — the pod (or the first pod of a
// workload), kubectl's container defaulting, the API server's and kubelet's refusals, the
// command's output and exit code (`command terminated with exit code N`), and an interactive
// shell with -i/-t.
import { Command } from 'commander';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { ExecTarget } from '../../kubelet/exec.js';
import type { ShellLine } from '../../kubelet/shell.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { attachablePodForObject } from '../attachable-pod.js';
import { findOrDefaultContainerByName } from '../podcmd.js';
import { ExitError, RawError, UsageError } from '../errors.js';

interface ExecFlags {
  container?: string;
  stdin?: boolean;
  tty?: boolean;
  quiet?: boolean;
  podRunningTimeout: string;
}

/**
 * What ExecOptions.Run checks before it streams: a completed pod, the container (defaulted),
 * then the API server's exec location (a valid container, a node) and the kubelet's (running).
 */
export async function execTargetFor(cluster: ClusterHandle, pod: Pod, container: string | undefined, quiet: boolean,
  warn: (s: string) => void): Promise<ExecTarget> {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    throw new RawError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  }
  let name = container;
  // Only an unnamed container is chosen here; a named one is the API server's to refuse.
  if (!name) {
    try {
      name = findOrDefaultContainerByName(pod, undefined, quiet, warn);
    } catch (e) {
      throw new RawError(`error: ${(e as Error).message}`);
    }
  }
  const { streamContainer } = await import('../../apiserver/stream-location.js');
  streamContainer(pod, name);
  const { execTarget } = await import('../../kubelet/exec.js');
  return runtimeErrors(() => execTarget(cluster.store, pod, name, cluster.now(), cluster.api));
}

/** A shell given no script or command to run: it reads its commands from stdin. */
export function readsShellInput(argv: string[]): boolean {
  return /(^|\/)(sh|bash|ash|dash)$/.test(argv[0] ?? '') && !argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'));
}

/** Gives the container's commands the pod's network (curl, wget, redis-cli), as the cluster is now. */
export async function connectPodNetwork(cluster: ClusterHandle, pod: Pod, t: ExecTarget, tty: boolean): Promise<void> {
  const net = await import('../../net/cluster-net.js');
  t.http = net.podHttp(net.clusterNet({ store: cluster.store, api: cluster.api, now: cluster.now(), rand: cluster.rand }), pod, tty,
    { store: cluster.store, version: t.inst.proc.image.version });
}

/** Turns the runtime's refusal into kubectl's `error: ...` line. */
export async function runtimeErrors<T>(fn: () => T): Promise<T> {
  const { ExecError } = await import('../../kubelet/exec.js');
  try {
    return fn();
  } catch (e) {
    throw e instanceof ExecError ? new RawError(`error: ${e.message}`) : e;
  }
}

/** cobra's ArgsLenAtDash: how many arguments came before `--`, or -1 without one. */
function argsLenAtDash(self: Command, count: number): number {
  let root: Command = self;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const dash = raw.indexOf('--');
  if (dash < 0) return -1;
  return Math.max(0, count - (raw.length - dash - 1));
}

/** Writes a command's output; on a realtime cluster each line when the command printed it. */
export async function writeLines(lines: ShellLine[], realtime: boolean, out: (s: string) => void, err: (s: string) => void,
  endAt?: number): Promise<void> {
  const start = Date.now();
  const wait = async (at: number) => {
    const ms = start + at - Date.now();
    if (realtime && ms > 0) await new Promise((r) => setTimeout(r, ms));
  };
  for (const l of lines) {
    await wait(l.at);
    (l.stream === 'stderr' ? err : out)(`${l.text}\n`);
  }
  if (endAt !== undefined) await wait(endAt);
}

function exitWith(code: number, err: (s: string) => void): void {
  if (code === 0) return;
  // remotecommand's CodeExitError, which CheckErr prints as is and exits with.
  err(`command terminated with exit code ${code}\n`);
  throw new ExitError(code);
}

export function execCommand(ctx: CliContext): Command {
  return new Command('exec')
    .description('Execute a command in a container')
    .usage('(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]')
    .argument('[args...]')
    .option('-c, --container <name>', 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen')
    .option('-i, --stdin', 'Pass stdin to the container')
    .option('-t, --tty', 'Stdin is a TTY')
    .option('-q, --quiet', 'Only print output from the remote session')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '1m0s')
    .action(async (args: string[], flags: ExecFlags, self: Command) => {
      const atDash = argsLenAtDash(self, args.length);
      const resource = args.length > 0 && atDash !== 0 ? args[0] : undefined;
      let command: string[] = [];
      if (atDash > -1) command = args.slice(atDash);
      else if (args.length > 1) {
        throw new UsageError('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead', "See 'mk exec -h' for help and examples");
      }
      const { parseGoDuration } = await import('../../api/go-duration.js');
      const timeout = parseGoDuration(flags.podRunningTimeout);
      if (timeout === undefined) {
        throw new RawError(`error: invalid argument "${flags.podRunningTimeout}" for "--pod-running-timeout" flag: time: invalid duration "${flags.podRunningTimeout}"\nSee 'mk exec --help' for usage.`);
      }
      if (timeout <= 0) throw new UsageError('--pod-running-timeout must be higher than zero', "See 'mk exec -h' for help and examples");
      if (!resource) throw new RawError('error: pod, type/name or --filename must be specified');
      if (!command.length) throw new RawError('error: you must specify at least one command for the container');
      const { target, cluster } = await connect(ctx.flags);
      try {
        const { pod } = await attachablePodForObject(cluster, target.namespace, resource, { order: 'attach', timeoutMs: timeout });
        const t = await execTargetFor(cluster, pod, flags.container, !!flags.quiet, (s) => ctx.io.err(s));
        // SetupTTY: a TTY needs stdin, and a terminal on this end.
        const stdin = !!flags.stdin;
        let tty = stdin && !!flags.tty;
        if (tty && !process.stdin.isTTY) {
          tty = false;
          if (!flags.quiet) ctx.io.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
        }
        // With a TTY, the remote side has one stream: stderr comes through stdout.
        const out = (s: string) => ctx.io.out(s);
        const err = tty ? out : (s: string) => ctx.io.err(s);
        const realtime = cluster.clock.mode === 'realtime';
        const now = cluster.now();
        await connectPodNetwork(cluster, pod, t, tty);
        const exec = await import('../../kubelet/exec.js');
        const shell = readsShellInput(command);
        const terminal = !!process.stdin.isTTY;
        // redis-cli given no command is a REPL too.
        const repl = /(^|\/)redis-cli$/.test(command[0]) && (await import('../../net/redis-cli.js')).redisCliInteractive(command.slice(1));
        if (stdin && (shell || repl) && (tty || terminal)) {
          // A shell reading a terminal: line by line, prompting when it has a TTY.
          const session = await runtimeErrors(() => new exec.InteractiveShell(cluster.store, t, command, now));
          const code = await interactive(session, tty, out, err);
          exitWith(code, (s) => ctx.io.err(s));
          return;
        }
        // Piped input is read to its end; a terminal's is left alone by commands that do not read it.
        const input = stdin && !terminal ? await ctx.io.readStdin() : undefined;
        const r = await runtimeErrors(() => cluster.store.transaction(() => exec.execCommand(cluster.store, t, command, now, input)));
        await writeLines(r.lines, realtime, out, err, r.exitAt);
        if (r.code === undefined) {
          // The command runs on; kubectl waits with it until interrupted.
          await new Promise(() => {});
        }
        exitWith(r.code ?? 0, (s) => ctx.io.err(s));
      } finally {
        cluster.store.close();
      }
    });
}

/** Lines typed into a session, and the interrupts (Ctrl-C) that come between them. */
export interface SessionInput {
  lines: AsyncIterable<string>;
  /** Calls `fn` on each interrupt until the returned function is called. */
  onInterrupt(fn: () => void): () => void;
  close(): void;
}

/** This process's terminal: lines from stdin, Ctrl-C as SIGINT. */
async function terminalInput(): Promise<SessionInput> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, terminal: false });
  return {
    lines: rl,
    onInterrupt: (fn) => {
      process.on('SIGINT', fn);
      return () => process.off('SIGINT', fn);
    },
    close: () => rl.close(),
  };
}

/** Reads lines from the terminal, runs each in the shell, and prompts again until `exit` or end of input. */
export async function interactive(session: import('../../kubelet/exec.js').InteractiveShell, prompt: boolean, out: (s: string) => void,
  err: (s: string) => void, input?: SessionInput): Promise<number> {
  const source = input ?? await terminalInput();
  // With a TTY, Ctrl-C goes to the shell, which drops the line and prompts again.
  const interrupt = () => {
    session.cancel();
    out(`\n${session.prompt()}`);
  };
  for (const l of session.opening()) (l.stream === 'stderr' ? err : out)(`${l.text}\n`);
  let stopInterrupts = () => {};
  if (prompt) {
    stopInterrupts = source.onInterrupt(interrupt);
    out(session.prompt());
  }
  try {
    for await (const line of source.lines) {
      for (const l of session.line(line)) (l.stream === 'stderr' ? err : out)(`${l.text}\n`);
      if (session.code !== undefined) break;
      if (prompt) out(session.continuing ? '> ' : session.prompt());
    }
  } finally {
    stopInterrupts();
    source.close();
  }
  if (prompt && session.saysExit) err('exit\n');
  return session.code ?? session.eof();
}
