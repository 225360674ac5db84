// What a simulated container runs: the image's entrypoint and cmd, or the pod's command and args,
// interpreted. A process either exits on its own (with a code, after some virtual time) or runs
// until stopped; it answers the stop signal by exiting, or ignores it as a PID 1 without a handler
// does. Its output is a pure function of what it runs, when it started and what the cluster's DNS
// answered it (process-dns.ts), so `mk logs` can recompute it at any time.
import { bundledNginx } from '../ingress/nginx-version.js';
import { parseResolvConf } from '../dns/resolv-conf.js';
import { busyboxVersionOf, type CatalogEntry } from './images.js';
import type { ProcessDns } from './process-dns.js';
import { Shell, formatDate, parseSleep, type ShellEnv, type ShellLine } from './shell.js';

export type { ShellLine as LogLine };

export interface ProcessSpec {
  /** command+args as the runtime receives them (kubelet already expanded $(VAR) references). */
  argv: string[];
  image: { entry: CatalogEntry; version: string; variant?: string };
  /** The container's environment, in the order the runtime sets it. */
  env: Record<string, string>;
  /** Files readable in the container: mounted ConfigMaps/Secrets, /etc/hosts, /etc/resolv.conf. */
  files: Record<string, string>;
  hostname: string;
  /** Where the process starts: the container's workingDir, else the image's WORKDIR. */
  workingDir?: string;
  /** Absolute virtual ms. */
  startedAt: number;
  stdin: boolean;
  tty: boolean;
  kernel: string;
  cpus: number;
  memoryLimitBytes?: number;
}

export interface ProcessPlan {
  /** ms after start when the process ends by itself; undefined when it runs until stopped. */
  exitAfterMs?: number;
  exitCode: number;
  /** The terminated reason when it is not the usual Completed/Error. */
  reason?: 'OOMKilled';
  /** The runtime could not start the process at all (containerd's error text). */
  startError?: string;
  /** How it answers the stop signal; undefined when it ignores it (killed at the grace deadline). */
  onStop?: { afterMs: number; exitCode: number };
  /** It asked the cluster's DNS: what it does depends on the Services there (see process-dns.ts). */
  network?: true;
}

/**
 * What a running process demands of the machine, for its resource usage (usage.ts): a named
 * server (an image's personality or a control-plane binary), stress workers, a loop that never
 * waits, or a tool that mostly sleeps.
 */
export type Load =
  | { kind: 'server'; name: string }
  | { kind: 'stress'; cpu: number; vm: number; vmBytes: number; io: number; hdd: number; vmHangSeconds?: number }
  | { kind: 'busy' }
  | { kind: 'tool' };

interface Program {
  /** Output up to `limit` ms after start, and the exit if it comes first. */
  run(limit: number, budget: number): { lines: ShellLine[]; exit?: { at: number; code: number }; spinning?: boolean };
  /** What it demands while running; unset: worked out from how its script runs (processLoad). */
  load?: Load;
  reason?: 'OOMKilled';
  startError?: string;
  onStop?: { afterMs: number; exitCode: number; lines?(stopAt: number, spec: ProcessSpec): string[] };
}

/** How far ahead a plan looks for a script to end; anything longer counts as running forever. */
const PLAN_HORIZON_MS = 400 * 24 * 3600 * 1000;
const PLAN_BUDGET = 20_000;
const LOG_BUDGET = 2_000_000;

/**
 * How the process runs: when it exits by itself and with what. `dns` answers its DNS questions;
 * without it, nslookup and friends succeed silently. A plan made again after the process has run
 * for `ranMs` is given that much more room to get past it.
 */
export function planProcess(spec: ProcessSpec, dns?: ProcessDns, ranMs = 0): ProcessPlan {
  return withDns(dns, (asked) => {
    const p = program(spec);
    if (p.startError) return { exitAfterMs: 0, exitCode: 128, startError: p.startError };
    const r = p.run(PLAN_HORIZON_MS, ranMs > 0 ? LOG_BUDGET : PLAN_BUDGET);
    const onStop = p.onStop ? { afterMs: p.onStop.afterMs, exitCode: p.onStop.exitCode } : undefined;
    const network = asked() ? { network: true as const } : {};
    if (r.exit && !r.spinning) return { exitAfterMs: r.exit.at, exitCode: r.exit.code, reason: p.reason, onStop, ...network };
    return { exitCode: 0, onStop, ...network };
  });
}

// Set only while a plan or the output is worked out (synchronously), as fileHook below.
let dnsHook: ProcessDns | undefined;
let dnsAsked = false;

function withDns<T>(dns: ProcessDns | undefined, fn: (asked: () => boolean) => T): T {
  const [hook, asked] = [dnsHook, dnsAsked];
  dnsHook = dns;
  dnsAsked = false;
  try {
    return fn(() => dnsAsked);
  } finally {
    [dnsHook, dnsAsked] = [hook, asked];
  }
}

/** How long a script is run ahead to tell a loop that never waits from one that sleeps. */
const LOAD_HORIZON_MS = 10_000;

/** What the process demands while it runs (see Load). */
export function processLoad(spec: ProcessSpec): Load {
  const p = program(spec);
  if (p.load) return p.load;
  if (p.startError) return { kind: 'tool' };
  return p.run(LOAD_HORIZON_MS, PLAN_BUDGET).spinning ? { kind: 'busy' } : { kind: 'tool' };
}

/**
 * What the process wrote, up to `untilMs` after its start. `stoppedAtMs`: when it was sent the stop
 * signal (its shutdown output follows).
 */
export function processOutput(spec: ProcessSpec, untilMs: number, stoppedAtMs?: number, dns?: ProcessDns): ShellLine[] {
  return withDns(dns, () => output(spec, untilMs, stoppedAtMs));
}

function output(spec: ProcessSpec, untilMs: number, stoppedAtMs?: number): ShellLine[] {
  const p = program(spec);
  if (p.startError) return [];
  const limit = stoppedAtMs !== undefined ? Math.min(untilMs, stoppedAtMs) : untilMs;
  const r = p.run(limit, LOG_BUDGET);
  const lines = r.lines.filter((l) => l.at <= limit);
  if (stoppedAtMs !== undefined && !r.exit && p.onStop?.lines && stoppedAtMs <= untilMs) {
    const end = Math.min(untilMs, stoppedAtMs + p.onStop.afterMs);
    for (const text of p.onStop.lines(stoppedAtMs, spec)) lines.push({ at: end, text, stream: 'stdout' });
  }
  return lines;
}

const basename = (s: string) => s.slice(s.lastIndexOf('/') + 1);

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const ENTRYPOINT_WRAPPERS = new Set(['docker-entrypoint.sh', 'entrypoint.sh', 'tini', 'dumb-init']);
const COMMON_TOOLS = new Set(['sleep', 'echo', 'printf', 'cat', 'date', 'env', 'printenv', 'true', 'false', 'hostname', 'ls',
  'sh', 'uname', 'whoami', 'id', 'seq', 'expr', 'test', '[', 'touch', 'mkdir', 'rm', 'chmod', 'wc', 'head', 'tail', 'grep',
  'tr', 'yes', 'pwd', 'kill']);
const BUSYBOX_EXTRA = new Set(['wget', 'nslookup', 'ping', 'nc', 'ash', 'vi', 'top', 'ps', 'netstat', 'ifconfig', 'ip', 'watch']);
const DEBIAN_EXTRA = new Set(['bash', 'dash', 'perl', 'apt-get', 'apt']);

/** Whether the image ships an executable of this name (on PATH, or at the path given). */
export function hasCommand(entry: CatalogEntry, name: string): boolean {
  const b = basename(name);
  if (entry.bins?.some((x) => x === name || basename(x) === b)) return true;
  if (entry.toolbox === 'none') return false;
  if (COMMON_TOOLS.has(b)) return true;
  return entry.toolbox === 'busybox' ? BUSYBOX_EXTRA.has(b) : DEBIAN_EXTRA.has(b);
}

function startError(argv0: string): string {
  const why = argv0.includes('/') ? `stat ${argv0}: no such file or directory` : `exec: "${argv0}": executable file not found in $PATH`;
  return `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${why}: unknown`;
}

// Set only while fileTimeline runs the program (synchronously), so plans and logs stay untouched.
let fileHook: ShellEnv['onFileChange'];

function shellEnv(spec: ProcessSpec, flavor: ShellEnv['flavor']): ShellEnv {
  const ask = dnsHook;
  const busybox = busyboxVersionOf(spec.image);
  return {
    env: spec.env, startedAt: spec.startedAt, hostname: spec.hostname, files: spec.files, flavor,
    ...(spec.workingDir ? { cwd: spec.workingDir } : {}),
    kernel: spec.kernel, hasCommand: (n) => hasCommand(spec.image.entry, n),
    ...(fileHook ? { onFileChange: fileHook } : {}),
    ...(ask ? {
      dns: (qname, qtype, server, at) => {
        dnsAsked = true;
        const to = server ?? parseResolvConf(spec.files['/etc/resolv.conf'] ?? '').nameservers[0] ?? '127.0.0.1';
        return ask(to, qname, qtype, at ?? spec.startedAt);
      },
      ...(busybox ? { busyboxVersion: busybox } : {}),
    } satisfies Partial<ShellEnv> : {}),
  };
}

/** The container's files from its start, and at every later moment (ms after start) they change, up to `untilMs`. */
export function fileTimeline(spec: ProcessSpec, untilMs: number, dns?: ProcessDns): { at: number; files: Record<string, string> }[] {
  return withDns(dns, () => fileSnapshots(spec, untilMs));
}

function fileSnapshots(spec: ProcessSpec, untilMs: number): { at: number; files: Record<string, string> }[] {
  const out = [{ at: 0, files: { ...spec.files } }];
  fileHook = (at, files) => {
    if (out[out.length - 1].at === at) out[out.length - 1] = { at, files };
    else out.push({ at, files });
  };
  try {
    const p = program(spec);
    if (!p.startError) p.run(untilMs, PLAN_BUDGET);
  } finally {
    fileHook = undefined;
  }
  return out;
}

/**
 * Runs a probe's or hook's command in the container (a new process seeing `files`): its exit code,
 * its output, and how long it ran (`timeoutMs` when it had not ended by then).
 */
export function execIn(spec: ProcessSpec, files: Record<string, string>, argv: string[], timeoutMs: number): { code: number; output: string; ms: number } {
  const entry = spec.image.entry;
  const sys = { ...shellEnv(spec, entry.toolbox === 'busybox' ? 'busybox' : 'dash'), files };
  const cmd = basename(argv[0] ?? '');
  if (!argv.length || (!hasCommand(entry, argv[0]) && !SHELLS.has(cmd))) {
    return { code: 128, output: startError(argv[0] ?? ''), ms: 0 };
  }
  const r = SHELLS.has(cmd) && argv[1] === '-c'
    ? new Shell(sys, timeoutMs, argv.slice(4), argv[3] ?? cmd, PLAN_BUDGET).runScript(argv[2] ?? '')
    : new Shell(sys, timeoutMs, [], cmd, PLAN_BUDGET).runArgv(argv);
  const output = r.lines.map((l) => `${l.text}\n`).join('');
  return { code: r.exit ? r.exit.code : -1, output, ms: r.exit ? r.exit.at : timeoutMs };
}

function flavorOf(entry: CatalogEntry, shell: string): ShellEnv['flavor'] {
  if (shell === 'bash') return 'bash';
  return entry.toolbox === 'busybox' ? 'busybox' : 'dash';
}

const fixed = (lines: { at: number; text: string; stream?: 'stdout' | 'stderr' }[], exit?: { at: number; code: number }): Program['run'] =>
  (limit) => ({
    lines: lines.filter((l) => l.at <= limit).map((l) => ({ at: l.at, text: l.text, stream: l.stream ?? 'stdout' })),
    exit: exit && exit.at <= limit ? exit : undefined,
  });

const forever = (lines: { at: number; text: string; stream?: 'stdout' | 'stderr' }[] = []): Program['run'] => fixed(lines);

/** A PID 1 that ignores SIGTERM: no handler, so only the SIGKILL at the deadline ends it. */
const ignoresStop = undefined;

function program(spec: ProcessSpec): Program {
  const { entry } = spec.image;
  const argv = spec.argv;
  if (!argv.length) {
    return { run: fixed([], { at: 0, code: 128 }), startError: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: no command specified: unknown' };
  }
  const cmd = basename(argv[0]);
  if (ENTRYPOINT_WRAPPERS.has(cmd)) {
    // The official images' entrypoints set things up, then exec "$@" (or their server by default).
    let rest = argv.slice(1);
    if (cmd === 'tini' || cmd === 'dumb-init') rest = rest[0] === '--' ? rest.slice(1) : rest;
    if (!rest.length) return personalityProgram(spec, entry.cmd);
    if (rest[0].startsWith('-')) return personalityProgram(spec, [...entry.cmd, ...rest]);
    return program({ ...spec, argv: rest });
  }
  if (!hasCommand(entry, argv[0]) && !SHELLS.has(cmd) && !isServerBinary(entry, cmd) && !isLanguage(cmd)) {
    // Unknown programs are assumed to be the user's own server, except where the image plainly
    // cannot have them: a shell missing from a minimal image, or a binary on an image without tools.
    if (entry.toolbox === 'none') return { run: fixed([], { at: 0, code: 128 }), startError: startError(argv[0]) };
    return { run: forever(), onStop: ignoresStop, load: { kind: 'server', name: 'app' } };
  }
  if (SHELLS.has(cmd)) {
    if (!hasCommand(entry, cmd) && !(cmd === 'sh' && entry.toolbox !== 'none')) {
      return { run: fixed([], { at: 0, code: 128 }), startError: startError(argv[0]) };
    }
    return shellProgram(spec, cmd, argv.slice(1));
  }
  if (isServerBinary(entry, cmd)) return personalityProgram(spec, argv);
  if (isLanguage(cmd)) return languageProgram(spec, cmd, argv.slice(1));
  if (cmd === 'stress') return stressProgram(spec, argv.slice(1));
  if (cmd === 'hello' && entry.personality === 'hello-world') return personalityProgram(spec, argv);
  // A single tool run as PID 1 (sleep, echo, printenv, cat ...): exec'd directly, no shell.
  const sys = shellEnv(spec, entry.toolbox === 'busybox' ? 'busybox' : 'dash');
  return {
    run: (limit, budget) => new Shell(sys, limit, [], cmd, budget).runArgv(argv),
    onStop: ignoresStop,
  };
}

/** How a shell refuses a script file that is not there: its message and exit code. */
export function cannotOpenScript(flavor: ShellEnv['flavor'], shell: string, file: string): { text: string; code: number } {
  const text = flavor === 'bash' ? `${shell}: ${file}: No such file or directory`
    : flavor === 'dash' ? `${shell}: 0: cannot open ${file}: No such file` : `${shell}: can't open '${file}': No such file or directory`;
  return { text, code: flavor === 'bash' ? 127 : 2 };
}

function shellProgram(spec: ProcessSpec, shell: string, args: string[]): Program {
  const { entry } = spec.image;
  const sys = shellEnv(spec, flavorOf(entry, shell));
  const ci = args.indexOf('-c');
  if (ci >= 0) {
    const script = args[ci + 1];
    if (script === undefined) {
      const msg = sys.flavor === 'bash' ? `${shell}: -c: option requires an argument` : `${shell}: -c requires an argument`;
      return { run: fixed([{ at: 0, text: msg, stream: 'stderr' }], { at: 0, code: 2 }) };
    }
    const name = args[ci + 2] ?? shell;
    const positional = args.slice(ci + 3);
    const trap = /\btrap\b[^\n;]*\b(TERM|SIGTERM|15)\b/.test(script);
    const code = /\btrap\s+['"]?[^'"\n]*exit\s+(\d+)/.exec(script);
    return {
      run: (limit, budget) => new Shell(sys, limit, positional, name, budget).runScript(script),
      onStop: trap ? { afterMs: 50, exitCode: code ? Number(code[1]) : 0 } : ignoresStop,
    };
  }
  const file = args.find((a) => !a.startsWith('-'));
  if (file !== undefined) {
    const src = spec.files[file];
    if (src === undefined) {
      const err = cannotOpenScript(sys.flavor, shell, file);
      return { run: fixed([{ at: 0, text: err.text, stream: 'stderr' }], { at: 0, code: err.code }) };
    }
    return { run: (limit, budget) => new Shell(sys, limit, args.slice(args.indexOf(file) + 1), file, budget).runScript(src), onStop: ignoresStop };
  }
  // An interactive shell reads its input: without stdin it sees end-of-file and exits at once.
  if (spec.stdin) return { run: forever(), onStop: ignoresStop };
  return { run: fixed([], { at: 0, code: 0 }) };
}

// ---------------------------------------------------------------------------------------------
// Language runtimes

function isLanguage(cmd: string): boolean {
  return /^(perl[\d.]*|python[\d.]*|node|nodejs)$/.test(cmd);
}

let piCache: string | undefined;

/** pi to `n` significant digits, rounded, as Math::BigFloat's bpi(n) prints it. */
export function piDigits(n: number): string {
  if (n === 2000 && piCache) return piCache;
  const D = BigInt(n + 20);
  const scale = 10n ** D;
  const atan = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 0n; term !== 0n; k++) {
      const t = term / (2n * k + 1n);
      sum += k % 2n === 0n ? t : -t;
      term /= x2;
    }
    return sum;
  };
  const s = (16n * atan(5n) - 4n * atan(239n)).toString();
  let head = BigInt(s.slice(0, n));
  if (Number(s[n]) >= 5) head += 1n;
  const h = head.toString();
  const out = `${h[0]}.${h.slice(1)}`;
  if (n === 2000) piCache = out;
  return out;
}

/** Extracts what simple `print "..."` / `print('...')` / `console.log("...")` one-liners print. */
function printedStrings(code: string, re: RegExp): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(re)) out.push((m[2] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t'));
  return out;
}

function languageProgram(spec: ProcessSpec, cmd: string, args: string[]): Program {
  const runtime = cmd.startsWith('perl') ? 'perl' : cmd.startsWith('python') ? 'python' : 'node';
  return { load: { kind: 'server', name: runtime }, ...languageProgramRun(spec, cmd, args) };
}

function languageProgramRun(spec: ProcessSpec, cmd: string, args: string[]): Program {
  const eIdx = args.findIndex((a) => /^-[a-zA-Z]*[ec]$/.test(a));
  const code = eIdx >= 0 ? args[eIdx + 1] ?? '' : undefined;
  if (cmd.startsWith('perl')) {
    if (code !== undefined) {
      const bpi = /bpi\((\d+)\)/.exec(code);
      if (bpi) {
        // Math::BigFloat takes its time over 2000 digits; the Job finishes some seconds later.
        const n = Number(bpi[1]);
        const at = Math.max(500, Math.round(n * 5));
        return { run: fixed([{ at, text: piDigits(n) }], { at, code: 0 }) };
      }
      const sleep = /sleep\s*\(?\s*(\d+)/.exec(code);
      const lflag = args.some((a) => /^-[a-zA-Z]*l/.test(a));
      const strs = printedStrings(code, /print\s*\(?\s*(["'])((?:\\.|(?!\1).)*)\1/g);
      const at = sleep ? Number(sleep[1]) * 1000 : 20;
      const text = strs.map((s) => s + (lflag ? '\n' : '')).join('');
      const lines = text.replace(/\n$/, '').split('\n').filter((_, i, a) => text !== '' || a.length > 1);
      return { run: fixed(lines.map((t) => ({ at, text: t })), { at, code: 0 }) };
    }
    return args.length ? { run: forever(), onStop: { afterMs: 10, exitCode: 143 } } : { run: fixed([], { at: 0, code: 0 }) };
  }
  if (cmd.startsWith('python')) {
    if (code !== undefined) {
      const strs = printedStrings(code, /print\s*\(\s*(["'])((?:\\.|(?!\1).)*)\1\s*\)/g);
      const sleep = /sleep\s*\(\s*(\d+(?:\.\d+)?)\s*\)/.exec(code);
      const at = sleep ? Math.round(Number(sleep[1]) * 1000) : 30;
      return { run: fixed(strs.map((t) => ({ at, text: t })), { at, code: 0 }) };
    }
    const m = args.indexOf('-m');
    if (m >= 0 && args[m + 1] === 'http.server') return { run: forever(), onStop: ignoresStop };
    if (!args.length) return spec.stdin ? { run: forever() } : { run: fixed([], { at: 0, code: 0 }) };
    return { run: forever(), onStop: ignoresStop };
  }
  // node
  if (code !== undefined) {
    const strs = printedStrings(code, /console\.log\s*\(\s*(["'`])((?:\\.|(?!\1).)*)\1\s*\)/g);
    return { run: fixed(strs.map((t) => ({ at: 40, text: t })), { at: 40, code: 0 }) };
  }
  if (!args.length) return spec.stdin ? { run: forever() } : { run: fixed([], { at: 0, code: 0 }) };
  return { run: forever(), onStop: ignoresStop };
}

function parseBytes(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(s);
  if (!m) return undefined;
  const mult = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase()] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

/** polinux/stress: allocates --vm-bytes per worker; past the memory limit the kernel OOM-kills it. */
function stressProgram(spec: ProcessSpec, args: string[]): Program {
  const get = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const vm = Number(get('--vm') ?? get('-m') ?? 0);
  const cpu = Number(get('--cpu') ?? get('-c') ?? 0);
  const io = Number(get('--io') ?? get('-i') ?? 0);
  const hdd = Number(get('--hdd') ?? get('-d') ?? 0);
  const bytes = parseBytes(get('--vm-bytes') ?? '256M') ?? 256 * 1024 * 1024;
  const timeout = get('--timeout') ?? get('-t');
  const hang = get('--vm-hang');
  const load: Load = { kind: 'stress', cpu, vm, vmBytes: bytes, io, hdd, ...(hang !== undefined ? { vmHangSeconds: Number(hang) || 0 } : {}) };
  const lines = [{ at: 5, text: `stress: info: [1] dispatching hogs: ${cpu} cpu, ${io} io, ${vm} vm, ${hdd} hdd` }];
  if (vm > 0 && spec.memoryLimitBytes !== undefined && vm * bytes > spec.memoryLimitBytes) {
    return { run: fixed(lines, { at: 900, code: 137 }), reason: 'OOMKilled', load };
  }
  if (timeout) {
    const ms = parseSleep(timeout) ?? 0;
    return {
      run: fixed([...lines, { at: ms, text: `stress: info: [1] successful run completed in ${Math.round(ms / 1000)}s` }], { at: ms, code: 0 }),
      load,
    };
  }
  return { run: forever(lines), onStop: ignoresStop, load };
}

// ---------------------------------------------------------------------------------------------
// Server images

const SERVER_BINARIES: Record<string, string[]> = {
  redis: ['redis-server', 'run.sh'],
  nginx: ['nginx'],
  mysql: ['mysqld'],
  mariadb: ['mariadbd', 'mysqld'],
  postgres: ['postgres'],
  mongo: ['mongod'],
  memcached: ['memcached'],
  httpd: ['httpd-foreground', 'httpd'],
  rabbitmq: ['rabbitmq-server'],
  coredns: ['coredns'],
  agnhost: ['agnhost'],
  pause: ['pause'],
  'hello-world': ['hello'],
  'echo-server': ['echo-server'],
  'hello-app': ['hello-app'],
  'hpa-example': ['apache2-foreground'],
  server: [],
  bootcamp: [],
  'ingress-nginx': ['nginx-ingress-controller'],
};

function isServerBinary(entry: CatalogEntry, cmd: string): boolean {
  if ((SERVER_BINARIES[entry.personality] ?? []).includes(cmd)) return true;
  if (entry.personality === 'server' || entry.personality === 'bootcamp') {
    return [...entry.cmd, ...entry.entrypoint].some((c) => basename(c) === cmd);
  }
  return false;
}

const ms3 = (t: number) => String(t % 1000).padStart(3, '0');
const redisTime = (t: number) => `${formatDate(t, '%d %b %Y %H:%M:%S')}.${ms3(t)}`;
const nginxTime = (t: number) => formatDate(t, '%Y/%m/%d %H:%M:%S');
const mysqlEntry = (t: number) => `${formatDate(t, '%Y-%m-%d %H:%M:%S')}+00:00`;
const mysqlServer = (t: number) => `${formatDate(t, '%Y-%m-%dT%H:%M:%S')}.${ms3(t)}${String((t * 7) % 1000).padStart(3, '0')}Z`;
const pgTime = (t: number) => `${formatDate(t, '%Y-%m-%d %H:%M:%S')}.${ms3(t)} UTC`;

const major = (v: string) => Number(v.split('.')[0]) || 0;
const minor = (v: string) => Number(v.split('.')[1]) || 0;

function personalityProgram(spec: ProcessSpec, argv: string[]): Program {
  const { personality } = spec.image.entry;
  const p = personalityProgramRun(spec, argv);
  if (p.load) return p;
  // Images without a personality of their own are told apart by the binary they run
  // (kube-apiserver, etcd, kindnetd, catalina.sh, /app ...).
  const name = personality === 'server' || personality === 'bootcamp' ? basename(argv[0] ?? 'app') : personality;
  return { ...p, load: { kind: 'server', name } };
}

/** vish/stress (the docs' cpu-demo): `-cpus N` spinning goroutines, `-mem-total` allocated in steps. */
function vishStressLoad(args: string[]): Load {
  const get = (flag: string) => {
    const i = args.findIndex((a) => a === flag || a === `-${flag}`);
    if (i >= 0) return args[i + 1];
    return args.find((a) => a.startsWith(`${flag}=`) || a.startsWith(`-${flag}=`))?.split('=')[1];
  };
  const mem = get('-mem-total');
  const bytes = mem ? parseQuantityBytes(mem) : 0;
  return { kind: 'stress', cpu: Number(get('-cpus') ?? 0) || 0, vm: bytes ? 1 : 0, vmBytes: bytes, io: 0, hdd: 0 };
}

/** Kubernetes quantities as vish/stress takes them (150Mi, 1G, 100000). */
function parseQuantityBytes(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|M|G)?$/.exec(s);
  if (!m) return 0;
  const mult = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, k: 1e3, M: 1e6, G: 1e9 }[m[2] ?? ''] ?? 1;
  return Math.round(Number(m[1]) * mult);
}

function personalityProgramRun(spec: ProcessSpec, argv: string[]): Program {
  const { entry, version, variant } = spec.image;
  const t0 = spec.startedAt;
  const L = (at: number, text: string) => ({ at, text });
  switch (entry.personality) {
    case 'redis': {
      const args = argv.slice(1);
      const conf = args.find((a) => !a.startsWith('-') && a.endsWith('.conf'));
      const portArg = args.indexOf('--port');
      const port = portArg >= 0 ? args[portArg + 1] : '6379';
      const v7 = major(version) >= 7;
      const lines = v7
        ? [
          L(1, `1:C ${redisTime(t0 + 1)} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.`),
          L(1, `1:C ${redisTime(t0 + 1)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
          L(1, `1:C ${redisTime(t0 + 1)} * Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
          conf ? L(1, `1:C ${redisTime(t0 + 1)} * Configuration loaded`)
            : L(1, `1:C ${redisTime(t0 + 1)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`),
          L(2, `1:M ${redisTime(t0 + 2)} * monotonic clock: POSIX clock_gettime`),
          L(3, `1:M ${redisTime(t0 + 3)} * Running mode=standalone, port=${port}.`),
          L(3, `1:M ${redisTime(t0 + 3)} * Server initialized`),
          L(3, `1:M ${redisTime(t0 + 3)} * Ready to accept connections tcp`),
        ]
        : [
          L(1, `1:C ${redisTime(t0 + 1)} # oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`),
          L(1, `1:C ${redisTime(t0 + 1)} # Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
          conf ? L(1, `1:C ${redisTime(t0 + 1)} # Configuration loaded`)
            : L(1, `1:C ${redisTime(t0 + 1)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`),
          L(2, `1:M ${redisTime(t0 + 2)} * Running mode=standalone, port=${port}.`),
          L(2, `1:M ${redisTime(t0 + 2)} # Server initialized`),
          L(3, `1:M ${redisTime(t0 + 3)} * Ready to accept connections`),
        ];
      return {
        run: forever(lines),
        onStop: {
          afterMs: 110, exitCode: 0,
          lines: (stopAt) => {
            const t = t0 + stopAt;
            return [
              `1:signal-handler (${Math.floor(t / 1000)}) Received SIGTERM scheduling shutdown...`,
              `1:M ${redisTime(t + 100)} ${v7 ? '*' : '#'} User requested shutdown...`,
              `1:M ${redisTime(t + 100)} * Saving the final RDB snapshot before exiting.`,
              `1:M ${redisTime(t + 102)} * DB saved on disk`,
              `1:M ${redisTime(t + 102)} # Redis is now ready to exit, bye bye...`,
            ];
          },
        },
      };
    }
    case 'nginx': {
      const v = version;
      const modern = major(v) > 1 || minor(v) >= 19;
      const alpine = variant?.includes('alpine');
      const gcc = alpine ? 'gcc 14.2.0 (Alpine 14.2.0)' : minor(v) >= 25 ? 'gcc 12.2.0 (Debian 12.2.0-14)' : 'gcc 10.2.1 20210110 (Debian 10.2.1-6)';
      const workers = Array.from({ length: Math.max(1, spec.cpus) }, (_, i) => 29 + i);
      const ts = nginxTime(t0 + 20);
      const lines = modern
        ? [
          L(5, '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
          L(5, '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
          L(6, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
          L(8, '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
          L(10, '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
          ...(minor(v) >= 25 || major(v) > 1 ? [L(11, '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh')] : []),
          L(12, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'),
          L(14, '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'),
          L(16, '/docker-entrypoint.sh: Configuration complete; ready for start up'),
          L(20, `${ts} [notice] 1#1: using the "epoll" event method`),
          L(20, `${ts} [notice] 1#1: nginx/${v}`),
          L(20, `${ts} [notice] 1#1: built by ${gcc} `),
          L(20, `${ts} [notice] 1#1: OS: Linux ${spec.kernel}`),
          L(20, `${ts} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`),
          L(20, `${ts} [notice] 1#1: start worker processes`),
          ...workers.map((pid) => L(20, `${ts} [notice] 1#1: start worker process ${pid}`)),
        ]
        : [];
      return {
        run: forever(lines),
        onStop: {
          afterMs: 60, exitCode: 0,
          lines: (stopAt) => {
            if (!modern) return [];
            const t = nginxTime(t0 + stopAt);
            return [
              `${t} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`,
              ...workers.flatMap((pid) => [`${t} [notice] ${pid}#${pid}: gracefully shutting down`, `${t} [notice] ${pid}#${pid}: exiting`, `${t} [notice] ${pid}#${pid}: exit`]),
              ...workers.flatMap((pid) => [`${t} [notice] 1#1: signal 17 (SIGCHLD) received from ${pid}`, `${t} [notice] 1#1: worker process ${pid} exited with code 0`]),
              `${t} [notice] 1#1: exit`,
            ];
          },
        },
      };
    }
    case 'mysql':
    case 'mariadb': {
      const env = spec.env;
      const product = entry.personality === 'mysql' ? 'MySQL' : 'MariaDB';
      const build = entry.personality === 'mysql' ? `${version}-1.el9` : `1:${version}+maria~ubu2404`;
      const head = [
        L(30, `${mysqlEntry(t0 + 30)} [Note] [Entrypoint]: Entrypoint script for ${product} Server ${build} started.`),
        L(60, `${mysqlEntry(t0 + 60)} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`),
        L(90, `${mysqlEntry(t0 + 90)} [Note] [Entrypoint]: Entrypoint script for ${product} Server ${build} started.`),
      ];
      const pw = entry.personality === 'mysql'
        ? env.MYSQL_ROOT_PASSWORD || env.MYSQL_ALLOW_EMPTY_PASSWORD || env.MYSQL_RANDOM_ROOT_PASSWORD || env.MYSQL_ROOT_PASSWORD_FILE
        : env.MARIADB_ROOT_PASSWORD || env.MYSQL_ROOT_PASSWORD || env.MARIADB_ALLOW_EMPTY_ROOT_PASSWORD || env.MARIADB_RANDOM_ROOT_PASSWORD || env.MYSQL_ALLOW_EMPTY_PASSWORD;
      if (!pw) {
        const pre = entry.personality === 'mysql' ? 'MYSQL' : 'MARIADB';
        const lines = [...head,
          L(120, `${mysqlEntry(t0 + 120)} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified`),
          L(120, '    You need to specify one of the following as an environment variable:'),
          L(120, `    - ${pre}_ROOT_PASSWORD`),
          L(120, `    - ${pre === 'MYSQL' ? 'MYSQL_ALLOW_EMPTY_PASSWORD' : 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD'}`),
          L(120, `    - ${pre}_RANDOM_ROOT_PASSWORD`),
        ];
        return { run: fixed(lines.map((l) => ({ ...l, stream: 'stderr' as const })), { at: 130, code: 1 }) };
      }
      const ready = 14_000;
      return {
        run: forever([...head,
          L(200, `${mysqlEntry(t0 + 200)} [Note] [Entrypoint]: Initializing database files`),
          L(6_000, `${mysqlEntry(t0 + 6_000)} [Note] [Entrypoint]: Database files initialized`),
          L(6_100, `${mysqlEntry(t0 + 6_100)} [Note] [Entrypoint]: Starting temporary server`),
          L(8_500, `${mysqlEntry(t0 + 8_500)} [Note] [Entrypoint]: Temporary server started.`),
          L(11_000, `${mysqlEntry(t0 + 11_000)} [Note] [Entrypoint]: Stopping temporary server`),
          L(12_500, `${mysqlEntry(t0 + 12_500)} [Note] [Entrypoint]: Temporary server stopped`),
          L(12_600, ''),
          L(12_600, `${mysqlEntry(t0 + 12_600)} [Note] [Entrypoint]: ${product} init process done. Ready for start up.`),
          L(12_600, ''),
          entry.personality === 'mysql'
            ? L(ready, `${mysqlServer(t0 + ready)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`)
            : L(ready, `${formatDate(t0 + ready, '%Y-%m-%d %H:%M:%S')} 0 [Note] mariadbd: ready for connections.`),
        ]),
        onStop: { afterMs: 1_500, exitCode: 0 },
      };
    }
    case 'postgres': {
      const env = spec.env;
      if (!env.POSTGRES_PASSWORD && env.POSTGRES_HOST_AUTH_METHOD !== 'trust' && !env.POSTGRES_PASSWORD_FILE) {
        const msg = [
          'Error: Database is uninitialized and superuser password is not specified.',
          '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
          '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
          '',
          '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
          '       connections without a password. This is *not* recommended.',
          '',
          '       See PostgreSQL documentation about "trust":',
          '       https://www.postgresql.org/docs/current/auth-trust.html',
        ];
        return { run: fixed(msg.map((text) => ({ at: 40, text, stream: 'stderr' as const })), { at: 45, code: 1 }) };
      }
      const ready = 3_200;
      return {
        run: forever([
          L(50, 'The files belonging to this database system will be owned by user "postgres".'),
          L(50, 'This user must also own the server process.'),
          L(50, ''),
          L(60, 'The database cluster will be initialized with locale "en_US.utf8".'),
          L(60, 'The default database encoding has accordingly been set to "UTF8".'),
          L(60, 'The default text search configuration will be set to "english".'),
          L(60, ''),
          L(1_900, 'Success. You can now start the database server using:'),
          L(1_900, ''),
          L(1_900, "    pg_ctl -D /var/lib/postgresql/data -l logfile start"),
          L(1_900, ''),
          L(2_900, 'PostgreSQL init process complete; ready for start up.'),
          L(2_900, ''),
          L(3_000, `${pgTime(t0 + 3_000)} [1] LOG:  starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
          L(3_000, `${pgTime(t0 + 3_000)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
          L(3_000, `${pgTime(t0 + 3_000)} [1] LOG:  listening on IPv6 address "::", port 5432`),
          L(3_100, `${pgTime(t0 + 3_100)} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
          L(ready, `${pgTime(t0 + ready)} [1] LOG:  database system is ready to accept connections`),
        ]),
        onStop: { afterMs: 300, exitCode: 0 },
      };
    }
    case 'hello-world': {
      const text = ['', 'Hello from Docker!', 'This message shows that your installation appears to be working correctly.', '',
        'To generate this message, Docker took the following steps:', ' 1. The Docker client contacted the Docker daemon.',
        ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.', '    (amd64)',
        ' 3. The Docker daemon created a new container from that image which runs the',
        '    executable that produces the output you are currently reading.',
        ' 4. The Docker daemon streamed that output to the Docker client, which sent it', '    to your terminal.', '',
        'To try something more ambitious, you can run an Ubuntu container with:', ' $ docker run -it ubuntu bash', '',
        'Share images, automate workflows, and more with a free Docker ID:', ' https://hub.docker.com/', '',
        'For more examples and ideas, visit:', ' https://docs.docker.com/get-started/', ''];
      return { run: fixed(text.map((t) => L(3, t)), { at: 3, code: 0 }) };
    }
    case 'coredns':
      return {
        run: forever([
          L(40, '.:53'),
          L(40, '[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b'),
          L(40, `CoreDNS-${version.replace(/^v/, '')}`),
          L(40, 'linux/amd64, go1.21.11, a6338e9'),
        ]),
        onStop: { afterMs: 5_000, exitCode: 0, lines: () => ['[INFO] SIGTERM: Shutting down servers then terminating', '[INFO] plugin/health: Going into lameduck mode for 5s'] },
      };
    case 'ingress-nginx': {
      // klog's header: severity, MMDD, time to the microsecond, the thread id, file:line.
      const klog = (at: number, sev: 'I' | 'W', where: string, msg: string) =>
        L(at, `${sev}${formatDate(t0 + at, '%m%d %H:%M:%S')}.${ms3(t0 + at)}${String((t0 + at) % 997).padStart(3, '0')}       7 ${where}] ${msg}`);
      const pod = spec.hostname;
      return {
        run: forever([
          L(20, '-------------------------------------------------------------------------------'),
          L(20, 'NGINX Ingress controller'),
          L(20, `  Release:       ${version.startsWith('0.') ? version : `v${version.replace(/^v/, '')}`}`),
          L(20, '  Repository:    https://github.com/kubernetes/ingress-nginx'),
          L(20, `  nginx version: nginx/${bundledNginx(version)}`),
          L(20, ''),
          L(20, '-------------------------------------------------------------------------------'),
          L(20, ''),
          klog(25, 'W', 'client_config.go:667', 'Neither --kubeconfig nor --master was specified.  Using the inClusterConfig.  This might not work.'),
          klog(25, 'I', 'main.go:205', '"Creating API client" host="https://10.96.0.1:443"'),
          klog(40, 'I', 'main.go:248', '"Running in Kubernetes cluster" major="1" minor="32" git="v1.32.2" state="clean" platform="linux/amd64"'),
          klog(380, 'I', 'main.go:101', '"SSL fake certificate created" file="/etc/ingress-controller/ssl/default-fake-certificate.pem"'),
          klog(420, 'I', 'nginx.go:273', '"Starting NGINX Ingress controller"'),
          klog(1_520, 'I', 'leaderelection.go:257', 'attempting to acquire leader lease ingress-nginx/ingress-nginx-leader...'),
          klog(1_530, 'I', 'leaderelection.go:271', 'successfully acquired lease ingress-nginx/ingress-nginx-leader'),
          klog(1_530, 'I', 'status.go:85', `"New leader elected" identity="${pod}"`),
          klog(1_600, 'I', 'controller.go:193', '"Configuration changes detected, backend reload required"'),
          klog(1_700, 'I', 'controller.go:213', '"Backend successfully reloaded"'),
        ]),
        // /wait-shutdown (the preStop hook) lets nginx finish; the controller then exits 0.
        onStop: { afterMs: 1_000, exitCode: 0 },
      };
    }
    case 'echo-server':
      return { run: forever([L(5, 'Echo server listening on port 8080.')]), onStop: { afterMs: 5, exitCode: 0 } };
    case 'hello-app':
      return { run: forever([L(5, `${formatDate(t0 + 5, '%Y/%m/%d %H:%M:%S')} Server listening on port 8080`)]), onStop: ignoresStop };
    case 'bootcamp':
      return {
        run: forever([L(150, `Kubernetes Bootcamp App Started At: ${new Date(t0 + 150).toISOString()} | Running On:  ${spec.hostname} `), L(150, '')]),
        onStop: ignoresStop,
      };
    case 'httpd':
      return {
        run: forever([
          L(30, `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${spec.env.MK_POD_IP || '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`),
          L(35, `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${spec.env.MK_POD_IP || '127.0.0.1'}. Set the 'ServerName' directive globally to suppress this message`),
          L(40, `[${formatDate(t0 + 40, '%a %b %d %H:%M:%S')}.${ms3(t0 + 40)}123 ${formatDate(t0, '%Y')}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations`),
          L(40, `[${formatDate(t0 + 40, '%a %b %d %H:%M:%S')}.${ms3(t0 + 40)}456 ${formatDate(t0, '%Y')}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`),
        ]),
        onStop: { afterMs: 50, exitCode: 0 },
      };
    case 'mongo':
      return {
        run: forever([
          L(200, `{"t":{"$date":"${new Date(t0 + 200).toISOString().replace('Z', '+00:00')}"},"s":"I",  "c":"CONTROL",  "id":23285,   "ctx":"main","msg":"Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'"}`),
          L(1_500, `{"t":{"$date":"${new Date(t0 + 1_500).toISOString().replace('Z', '+00:00')}"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}`),
        ]),
        onStop: { afterMs: 800, exitCode: 0 },
      };
    case 'rabbitmq':
      return {
        run: forever([L(9_000, `${formatDate(t0 + 9_000, '%Y-%m-%d %H:%M:%S')}.${ms3(t0 + 9_000)}000+00:00 [info] <0.9.0> Server startup complete; 5 plugins started.`)]),
        onStop: { afterMs: 2_000, exitCode: 0 },
      };
    case 'memcached':
      return { run: forever(), onStop: { afterMs: 10, exitCode: 0 } };
    case 'agnhost': {
      const sub = argv[1] ?? 'pause';
      if (sub === 'pause') return { run: forever([L(5, 'Paused')]), onStop: { afterMs: 5, exitCode: 0, lines: () => ['Shutting down after receiving signal: terminated.', 'Exiting'] } };
      if (sub === 'netexec' || sub === 'serve-hostname' || sub === 'liveness') return { run: forever(), onStop: { afterMs: 5, exitCode: 0 } };
      return { run: forever(), onStop: ignoresStop };
    }
    case 'pause':
      return { run: forever(), onStop: { afterMs: 2, exitCode: 0 } };
    case 'stress':
      return stressProgram(spec, argv.slice(1));
    default:
      // Tomcat, Apache/PHP images, control-plane binaries: long-running and well-behaved on SIGTERM.
      return {
        run: forever(), onStop: { afterMs: 200, exitCode: 0 },
        ...(entry.repo === 'docker.io/vish/stress' ? { load: vishStressLoad(argv.slice(1)) } : {}),
      };
  }
}

/** The image's default command line, adjusted by the pod's command and args as the runtime does. */
export function effectiveArgv(entry: CatalogEntry, command: string[] | undefined, args: string[] | undefined): string[] {
  if (command && command.length) return [...command, ...(args ?? [])];
  if (args && args.length) return [...entry.entrypoint, ...args];
  return [...entry.entrypoint, ...entry.cmd];
}

/**
 * The kubelet's $(VAR) expansion of command and args (ExpandContainerCommandAndArgs): defined
 * variables are replaced, $$ escapes, undefined references stay as written.
 */
export function expandVars(s: string, env: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '$' && s[i + 1] === '$') {
      out += '$';
      i++;
    } else if (s[i] === '$' && s[i + 1] === '(') {
      const end = s.indexOf(')', i + 2);
      if (end < 0) {
        out += s.slice(i);
        break;
      }
      const name = s.slice(i + 2, end);
      out += Object.prototype.hasOwnProperty.call(env, name) ? env[name] : `$(${name})`;
      i = end;
    } else {
      out += s[i];
    }
  }
  return out;
}
