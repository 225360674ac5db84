// redis-cli as it runs in a container (redis-cli.c): -h/-p/-n, one command from its arguments,
// or a REPL reading lines — prompting `host:port> ` (`not connected> ` when the server cannot be
// reached) on a terminal. Replies print in redis-cli's standard form on a TTY (`(integer) 3`,
// `"v"`, `(nil)`, `1) "a"`) and raw otherwise, as redis-cli picks by isatty(stdout).
import type { Connection } from './connect.js';
import type { ClientNet, ClientRun } from './http-client.js';
import { FAILURE_MS, Output } from './http-client.js';
import { RedisConnection, type RedisInstance, type Resp } from './redis-server.js';

export interface RedisNet extends ClientNet {
  /** The Redis server that accepted a connection, or undefined when what listens there is no Redis. */
  redisAt(conn: Extract<Connection, { kind: 'open' }>): RedisInstance | undefined;
}

export interface RedisCliOptions {
  net: RedisNet;
  /** Whether stdout is a terminal (`kubectl exec -t`). */
  stdoutTTY: boolean;
  /** The redis-cli release (the image's). */
  version: string;
}

interface Config { host: string; port: number; db: number; raw: boolean | undefined; command: string[] }

/** Options that take a value, and flags that do not (redis-cli's parseOptions). */
const WITH_VALUE = new Set(['-h', '-p', '-n', '-a', '--pass', '--user', '-t', '-s', '-r', '-i', '-u', '-d', '-D']);
const FLAGS = new Set(['--raw', '--no-raw', '-c', '-e', '-x', '--no-auth-warning', '--tls', '--verbose']);

function parseArgs(args: string[]): Config | { error: string } {
  const c: Config = { host: '127.0.0.1', port: 6379, db: 0, raw: undefined, command: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    const last = i === args.length - 1;
    if (WITH_VALUE.has(a) && !last) {
      const v = args[++i];
      if (a === '-h') c.host = v;
      else if (a === '-p') {
        c.port = Number.parseInt(v, 10) || 0;
        if (c.port < 0 || c.port > 65535) return { error: 'Invalid server port.\n' };
      } else if (a === '-n') c.db = Number.parseInt(v, 10) || 0;
      else if (a === '-u') {
        const m = /^redis:\/\/(?:[^@]*@)?([^:/]+)(?::(\d+))?(?:\/(\d+))?/.exec(v);
        if (m) {
          c.host = m[1];
          if (m[2]) c.port = Number(m[2]);
          if (m[3]) c.db = Number(m[3]);
        }
      }
    } else if (FLAGS.has(a)) {
      if (a === '--raw') c.raw = true;
      if (a === '--no-raw') c.raw = false;
    } else if (a.startsWith('-')) {
      return { error: `Unrecognized option or bad number of args for: '${a}'\n` };
    } else break;
  }
  c.command = args.slice(i);
  return c;
}

/** sdscatrepr: a bulk string quoted, with C escapes. */
function repr(s: string): string {
  let out = '"';
  for (const ch of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(ch);
    if (c === '\\' || c === '"') out += `\\${c}`;
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '\x07') out += '\\a';
    else if (c === '\b') out += '\\b';
    else if (ch >= 0x20 && ch < 0x7f) out += c;
    else out += `\\x${ch.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

/** Before 6.0 an empty reply array was `(empty list or set)`. */
const before6 = (version: string) => (Number.parseInt(version, 10) || 0) < 6;

/** cliFormatReplyTTY. */
export function formatTTY(r: Resp, version: string, prefix = ''): string {
  switch (r.t) {
    case 'error': return `(error) ${r.s}\n`;
    case 'status': return `${r.s}\n`;
    case 'int': return `(integer) ${r.n}\n`;
    case 'bulk': return `${repr(r.s)}\n`;
    case 'nil': return '(nil)\n';
    case 'array': {
      if (!r.items.length) return before6(version) ? '(empty list or set)\n' : '(empty array)\n';
      const width = String(r.items.length).length;
      const inner = `${prefix}${' '.repeat(width + 2)}`;
      return r.items.map((item, i) => `${i ? prefix : ''}${String(i + 1).padStart(width)}) ${formatTTY(item, version, inner)}`).join('');
    }
  }
}

/** cliFormatReplyRaw: nil prints nothing, array elements one a line. */
export function formatRaw(r: Resp): string {
  switch (r.t) {
    case 'error': return `${r.s}\n`;
    case 'status': case 'bulk': return r.s;
    case 'int': return String(r.n);
    case 'nil': return '';
    case 'array': return r.items.map(formatRaw).join('\n');
  }
}

/** hiredis's errstr for a connection that did not open. */
const CONNECT_ERRORS: Record<Exclude<Connection['kind'], 'open'>, string> = {
  refused: 'Connection refused',
  timeout: 'Connection timed out',
  unreachable: 'No route to host',
};

/** One redis-cli process: its connection (if any), the database it selected, and what it printed. */
class Client {
  readonly out = new Output();
  ms = 0;
  private conn: RedisConnection | undefined;
  /** The database the prompt shows (config.dbnum). */
  dbnum = 0;

  constructor(private readonly o: RedisCliOptions, readonly cfg: Config) {}

  get connected(): boolean { return !!this.conn; }

  get standard(): boolean { return this.cfg.raw === undefined ? this.o.stdoutTTY : !this.cfg.raw; }

  /** cliConnect: resolve and connect, then SELECT the asked database; false (and why, unless quiet) when it fails. */
  connect(quiet: boolean): boolean {
    this.conn = undefined;
    this.dbnum = 0;
    const { host, port } = this.cfg;
    const fail = (why: string) => {
      if (!quiet) this.out.err(`Could not connect to Redis at ${host}:${port}: ${why}\n`);
      return false;
    };
    const r = this.o.net.resolve(host);
    if ('error' in r) {
      if (r.error === 'timeout') this.ms += 10_000;
      return fail(r.error === 'NXDOMAIN' ? 'Name or service not known' : 'Temporary failure in name resolution');
    }
    const c = this.o.net.connect(r.addresses[0], port);
    if (c.kind !== 'open') {
      this.ms += FAILURE_MS[c.kind];
      return fail(CONNECT_ERRORS[c.kind]);
    }
    const inst = this.o.net.redisAt(c);
    // Something else listens there: it answers redis-cli's first command with what hiredis cannot parse.
    if (!inst) return fail('Connection reset by peer');
    this.conn = new RedisConnection(inst);
    if (this.cfg.db) {
      const sel = this.conn.command(['SELECT', String(this.cfg.db)]);
      if (sel.t === 'error') this.out.err(`${sel.s}\n`);
      else this.dbnum = this.cfg.db;
    }
    return true;
  }

  /** issueCommandRepeat: connects again when not connected, then prints the reply; false when it could not. */
  issue(argv: string[]): boolean {
    if (!this.conn && !this.connect(false)) return false;
    const reply = this.conn!.command(argv);
    const name = argv[0].toLowerCase();
    if (name === 'select' && reply.t === 'status') this.dbnum = Number(argv[1]);
    // INFO (and a few others) print verbatim, without the delimiter, in either mode.
    if (name === 'info') this.out.out(formatRaw(reply));
    else this.out.out(this.standard ? formatTTY(reply, this.o.version) : `${formatRaw(reply)}\n`);
    if (name === 'quit' && reply.t === 'status') this.conn = undefined;
    return true;
  }

  prompt(): string {
    if (!this.conn) return 'not connected> ';
    return `${this.cfg.host}:${this.cfg.port}${this.dbnum ? `[${this.dbnum}]` : ''}> `;
  }
}

/** cliSplitArgs: words, "double" (with escapes) and 'single' quoted; undefined for unbalanced quotes. */
export function splitArgs(line: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (true) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) return out;
    let cur = '';
    let q: '"' | "'" | undefined;
    for (; ; i++) {
      const c = line[i];
      if (q) {
        if (c === undefined) return undefined;
        if (q === '"' && c === '\\' && i + 1 < line.length) {
          const n = line[++i];
          const hex = /^x([0-9a-fA-F]{2})/.exec(line.slice(i));
          if (hex) { cur += String.fromCharCode(parseInt(hex[1], 16)); i += 2; } else cur += ({ n: '\n', r: '\r', t: '\t', b: '\b', a: '\x07' } as Record<string, string>)[n] ?? n;
        } else if (q === "'" && c === '\\' && line[i + 1] === "'") { cur += "'"; i++; } else if (c === q) {
          // A closing quote must be followed by a space or the end.
          if (i + 1 < line.length && !/\s/.test(line[i + 1])) return undefined;
          i++;
          break;
        } else cur += c;
      } else if (c === undefined || /\s/.test(c)) break;
      else if (c === '"' || c === "'") q = c;
      else cur += c;
    }
    out.push(cur);
  }
}

const run = (c: Client, code: number): ClientRun => ({ chunks: c.out.chunks, code, files: {}, ms: c.ms });

/**
 * redis-cli run to its end: the command in its arguments; or, with none, the lines of stdin as
 * its REPL reads them from a pipe (no prompt, `quit` or `exit` ends it).
 */
export function runRedisCli(args: string[], o: RedisCliOptions, stdin = ''): ClientRun {
  const cfg = parseArgs(args);
  if ('error' in cfg) {
    const out = new Output();
    out.err(cfg.error);
    return { chunks: out.chunks, code: 1, files: {}, ms: 0 };
  }
  const c = new Client(o, cfg);
  if (cfg.command.length) {
    c.connect(true);
    return run(c, c.issue(cfg.command) ? 0 : 1);
  }
  const repl = new RedisRepl(o, cfg, c);
  const lines = stdin.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const line of lines) {
    repl.line(line);
    if (repl.done) break;
  }
  return run(c, 0);
}

/** Whether redis-cli with these arguments starts its REPL (no command given). */
export function redisCliInteractive(args: string[]): boolean {
  const cfg = parseArgs(args);
  return !('error' in cfg) && cfg.command.length === 0;
}

/** redis-cli's REPL (repl()): one line at a time, its output as text lines, the prompt between them. */
export class RedisRepl {
  private readonly c: Client;
  done = false;
  readonly code = 0;

  constructor(o: RedisCliOptions, cfg: Config, client?: Client) {
    this.c = client ?? new Client(o, cfg);
    this.c.connect(false);
  }

  static start(args: string[], o: RedisCliOptions): RedisRepl | undefined {
    const cfg = parseArgs(args);
    return 'error' in cfg || cfg.command.length ? undefined : new RedisRepl(o, cfg);
  }

  prompt(): string { return this.c.prompt(); }

  /** What it printed since last asked, and the virtual time that took. */
  take(): ClientRun {
    const r = { ...run(this.c, 0), chunks: [...this.c.out.chunks] };
    this.c.out.chunks.length = 0;
    this.c.ms = 0;
    return r;
  }

  line(text: string): void {
    const argv = splitArgs(text);
    if (argv === undefined) {
      this.c.out.out('Invalid argument(s)\n');
      return;
    }
    if (!argv.length) return;
    const cmd = argv[0].toLowerCase();
    if (cmd === 'quit' || cmd === 'exit') {
      this.done = true;
      return;
    }
    if (argv.length === 3 && cmd === 'connect') {
      this.c.cfg.host = argv[1];
      this.c.cfg.port = Number.parseInt(argv[2], 10) || 0;
      this.c.connect(false);
      return;
    }
    this.c.issue(argv);
  }
}
