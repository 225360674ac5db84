// A small POSIX-shell interpreter for the scripts Kubernetes tutorials put in `sh -c "..."`:
// lists, && / ||, pipes, while/until/for/if, $VAR / ${VAR:-x} / $(cmd) / $((expr)), redirects and
// the usual busybox/coreutils commands. Time is virtual: `sleep` moves the script's clock, and a
// run stops once the clock passes the limit asked for, so the same script yields the same output
// for the same start time.
import type { QType } from '../dns/query.js';
import type { DnsReply } from '../dns/resolver.js';
import { runDnsTool } from '../dns/tools/run.js';

export interface ShellLine {
  /** ms since the process started. */
  at: number;
  text: string;
  stream: 'stdout' | 'stderr';
}

export interface ShellEnv {
  env: Record<string, string>;
  /** Absolute virtual time the process started, for `date`. */
  startedAt: number;
  hostname: string;
  /** The working directory the process starts in (`/` when unset). */
  cwd?: string;
  /** Files the container can read (mounted ConfigMaps, /etc/hosts, ...). */
  files: Record<string, string>;
  /** 'busybox' shells print `sh: x: not found`, dash `sh: 1: x: not found`, bash `bash: line 1: x: command not found`. */
  flavor: 'busybox' | 'dash' | 'bash';
  kernel: string;
  /** Executables present besides the shell builtins (for `command not found`). */
  hasCommand(name: string): boolean;
  /** The container's processes besides this one (`ps` lists them): its PID 1, and the exec that started this shell. */
  processes?: { pid: number; args: string }[];
  /** Told of every write or removal of a file, with the script's clock then (exec probes read the files as they were). */
  onFileChange?(at: number, files: Record<string, string>): void;
  /** The cluster's DNS as the container reaches it: one question to a server (default: resolv.conf's first), asked at `at` (absolute virtual ms). */
  dns?: (qname: string, qtype: QType, server?: string, at?: number) => DnsReply;
  /** The busybox release the image's applets come from (nslookup's output changed between releases). */
  busyboxVersion?: string;
  /** The pod's network for the HTTP clients (curl, wget) an exec runs; unset, they have none to use. */
  http?: ShellHttp;
}

/** An HTTP client's run in the container: what it printed, its exit code, the files it wrote, how long it took. */
export interface ShellHttpRun { chunks: { stream: 'stdout' | 'stderr'; text: string }[]; code: number; files: Record<string, string>; ms: number }

export interface ShellHttp {
  run(client: NetClient, args: string[], exists: (path: string) => boolean, stdin?: string): ShellHttpRun;
  /** The client's interactive session on a terminal (redis-cli given no command), when its arguments start one. */
  repl?(client: 'redis-cli', args: string[]): ShellRepl | undefined;
}

/** The network clients an image may ship. */
export type NetClient = 'curl' | 'wget' | 'redis-cli';

/** A client reading commands line by line (its REPL): what it printed is taken after each line. */
export interface ShellRepl {
  prompt(): string;
  line(text: string): void;
  take(): ShellHttpRun;
  done: boolean;
}

export interface ShellResult {
  lines: ShellLine[];
  /** Set when the script ended before the limit. */
  exit?: { at: number; code: number };
  /** The script set a trap for SIGTERM: what `exit N` it runs then (0 when none). */
  termTrap?: { exitCode: number };
  /** Gave up (step budget) before the limit: an endless loop that takes no time. */
  spinning?: boolean;
  /** The script ran `exit` (or `exec`): an interactive shell ends there. */
  exited?: boolean;
}

type Part =
  | { k: 'lit'; s: string; q: boolean }
  | { k: 'var'; name: string; q: boolean; op?: string; arg?: Word }
  | { k: 'cmd'; src: string; q: boolean }
  | { k: 'arith'; expr: string; q: boolean };
type Word = Part[];

type Tok = { t: 'word'; w: Word; raw: string } | { t: 'op'; v: string };

interface Redirect { fd: number; op: '>' | '>>' | '<' | '>&'; target: Word }

type Node =
  | { n: 'simple'; assigns: [string, Word][]; words: Word[]; redirs: Redirect[] }
  | { n: 'pipe'; cmds: Node[]; negate: boolean }
  | { n: 'andor'; first: Node; rest: ['&&' | '||', Node][] }
  | { n: 'list'; items: Node[] }
  | { n: 'while'; until: boolean; cond: Node; body: Node; redirs: Redirect[] }
  | { n: 'for'; name: string; items: Word[] | undefined; body: Node; redirs: Redirect[] }
  | { n: 'if'; branches: [Node, Node][]; els?: Node; redirs: Redirect[] }
  | { n: 'group'; body: Node; subshell: boolean; redirs: Redirect[] }
  | { n: 'case'; word: Word; arms: [Word[], Node][]; redirs: Redirect[] };

export class ShellSyntaxError extends Error {}

// ---------------------------------------------------------------------------------------------
// Lexer

const OPS = ['&&', '||', ';;', '>>', '>&', ';', '|', '&', '(', ')', '>', '<', '\n'];

function lex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; continue; }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    // fd-prefixed redirects: 2>, 2>>, 2>&1, 1>&2
    const fdm = /^(\d)(>>|>&|>|<)/.exec(src.slice(i));
    if (fdm) {
      toks.push({ t: 'op', v: fdm[0] });
      i += fdm[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      toks.push({ t: 'op', v: op });
      i += op.length;
      continue;
    }
    const start = i;
    const w: Word = [];
    let lit = '';
    const flush = (q: boolean) => {
      if (lit) w.push({ k: 'lit', s: lit, q });
      lit = '';
    };
    const readDollar = (q: boolean): void => {
      // src[i] === '$'
      if (src.startsWith('$((', i)) {
        const end = matchParens(src, i + 1);
        w.push({ k: 'arith', expr: src.slice(i + 3, end - 1), q });
        i = end + 1;
      } else if (src[i + 1] === '(') {
        const end = matchParens(src, i + 1);
        w.push({ k: 'cmd', src: src.slice(i + 2, end), q });
        i = end + 1;
      } else if (src[i + 1] === '{') {
        const end = src.indexOf('}', i);
        if (end < 0) throw new ShellSyntaxError('bad substitution');
        const inner = src.slice(i + 2, end);
        i = end + 1;
        const m = /^(#?)([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!])(?:(:?[-=+?])(.*))?$/s.exec(inner);
        if (!m) throw new ShellSyntaxError('bad substitution');
        if (m[1]) w.push({ k: 'var', name: m[2], q, op: '#' });
        else w.push({ k: 'var', name: m[2], q, op: m[3], arg: m[3] ? lexWord(m[4] ?? '') : undefined });
      } else {
        const m = /^\$([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!])/.exec(src.slice(i));
        if (m) {
          w.push({ k: 'var', name: m[1], q });
          i += m[0].length;
        } else {
          lit += '$';
          i++;
        }
      }
    };
    while (i < src.length) {
      const ch = src[i];
      if (' \t\r\n;&|()<>'.includes(ch)) break;
      if (ch === "'") {
        flush(false);
        const end = src.indexOf("'", i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated quoted string');
        w.push({ k: 'lit', s: src.slice(i + 1, end), q: true });
        i = end + 1;
      } else if (ch === '"') {
        flush(false);
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === '\\' && '"\\$`\n'.includes(src[i + 1] ?? '')) {
            if (src[i + 1] !== '\n') lit += src[i + 1];
            i += 2;
          } else if (src[i] === '$') {
            flush(true);
            readDollar(true);
          } else if (src[i] === '`') {
            flush(true);
            const end = src.indexOf('`', i + 1);
            w.push({ k: 'cmd', src: src.slice(i + 1, end), q: true });
            i = end + 1;
          } else {
            lit += src[i++];
          }
        }
        if (src[i] !== '"') throw new ShellSyntaxError('unterminated quoted string');
        // An empty "" still makes a (quoted, empty) word.
        w.push({ k: 'lit', s: lit, q: true });
        lit = '';
        i++;
      } else if (ch === '\\') {
        flush(false);
        if (i + 1 < src.length) w.push({ k: 'lit', s: src[i + 1], q: true });
        i += 2;
      } else if (ch === '$') {
        flush(false);
        readDollar(false);
      } else if (ch === '`') {
        flush(false);
        const end = src.indexOf('`', i + 1);
        if (end < 0) throw new ShellSyntaxError('unterminated `');
        w.push({ k: 'cmd', src: src.slice(i + 1, end), q: false });
        i = end + 1;
      } else {
        lit += ch;
        i++;
      }
    }
    flush(false);
    toks.push({ t: 'word', w, raw: src.slice(start, i) });
  }
  return toks;
}

/** Index of the ')' matching the '(' at `open`, skipping quotes. */
function matchParens(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "'") { i = src.indexOf("'", i + 1); if (i < 0) break; continue; }
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new ShellSyntaxError("unexpected end of file (expecting \")\")");
}

function lexWord(s: string): Word {
  const toks = lex(`"${s.replace(/"/g, '\\"')}"`);
  return toks.length && toks[0].t === 'word' ? toks[0].w : [];
}

// ---------------------------------------------------------------------------------------------
// Parser

const KEYWORDS = new Set(['while', 'until', 'for', 'if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'in', '{', '}', '!', 'case', 'esac']);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  parseProgram(): Node {
    const n = this.list(new Set());
    this.skipNewlines();
    if (this.i < this.toks.length) throw new ShellSyntaxError(`syntax error: unexpected "${this.show(this.toks[this.i])}"`);
    return n;
  }

  private show(t: Tok): string {
    return t.t === 'op' ? (t.v === '\n' ? 'newline' : t.v) : t.raw;
  }

  private peekWord(): string | undefined {
    const t = this.toks[this.i];
    return t?.t === 'word' && t.w.length === 1 && t.w[0].k === 'lit' && !t.w[0].q ? t.w[0].s : undefined;
  }

  private peekOp(): string | undefined {
    const t = this.toks[this.i];
    return t?.t === 'op' ? t.v : undefined;
  }

  private skipNewlines(): void {
    while (this.peekOp() === '\n') this.i++;
  }

  private expectWord(kw: string): void {
    this.skipNewlines();
    if (this.peekWord() !== kw) {
      const t = this.toks[this.i];
      throw new ShellSyntaxError(t ? `syntax error: unexpected "${this.show(t)}" (expecting "${kw}")` : `syntax error: unexpected end of file (expecting "${kw}")`);
    }
    this.i++;
  }

  /** Commands up to one of the `stop` keywords (not consumed). */
  private list(stop: Set<string>): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.i >= this.toks.length) break;
      const w = this.peekWord();
      if (w !== undefined && stop.has(w)) break;
      const op = this.peekOp();
      if (op === ')' || op === ';;') break;
      items.push(this.andOr());
      const sep = this.peekOp();
      if (sep === ';' || sep === '&' || sep === '\n') this.i++;
      else break;
    }
    return { n: 'list', items };
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: ['&&' | '||', Node][] = [];
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') break;
      this.i++;
      this.skipNewlines();
      rest.push([op, this.pipeline()]);
    }
    return rest.length ? { n: 'andor', first, rest } : first;
  }

  private pipeline(): Node {
    let negate = false;
    if (this.peekWord() === '!') { negate = true; this.i++; }
    const cmds = [this.command()];
    while (this.peekOp() === '|') {
      this.i++;
      this.skipNewlines();
      cmds.push(this.command());
    }
    return cmds.length === 1 && !negate ? cmds[0] : { n: 'pipe', cmds, negate };
  }

  private command(): Node {
    const w = this.peekWord();
    const op = this.peekOp();
    let node: Node;
    if (w === 'while' || w === 'until') {
      this.i++;
      const cond = this.list(new Set(['do']));
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      node = { n: 'while', until: w === 'until', cond, body, redirs: [] };
    } else if (w === 'for') {
      this.i++;
      const nameTok = this.toks[this.i++];
      if (nameTok?.t !== 'word') throw new ShellSyntaxError('syntax error: bad for loop variable');
      const name = nameTok.raw;
      let items: Word[] | undefined;
      this.skipNewlines();
      if (this.peekWord() === 'in') {
        this.i++;
        items = [];
        while (this.toks[this.i]?.t === 'word') items.push((this.toks[this.i++] as { w: Word }).w);
      }
      if (this.peekOp() === ';' || this.peekOp() === '\n') this.i++;
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      node = { n: 'for', name, items, body, redirs: [] };
    } else if (w === 'if') {
      this.i++;
      const branches: [Node, Node][] = [];
      let els: Node | undefined;
      for (;;) {
        const cond = this.list(new Set(['then']));
        this.expectWord('then');
        const body = this.list(new Set(['elif', 'else', 'fi']));
        branches.push([cond, body]);
        const kw = this.peekWord();
        this.i++;
        if (kw === 'elif') continue;
        if (kw === 'else') {
          els = this.list(new Set(['fi']));
          this.expectWord('fi');
        } else if (kw !== 'fi') {
          throw new ShellSyntaxError('syntax error: unexpected end of file (expecting "fi")');
        }
        break;
      }
      node = { n: 'if', branches, els, redirs: [] };
    } else if (w === '{') {
      this.i++;
      const body = this.list(new Set(['}']));
      this.expectWord('}');
      node = { n: 'group', body, subshell: false, redirs: [] };
    } else if (op === '(') {
      this.i++;
      const body = this.list(new Set());
      if (this.peekOp() !== ')') throw new ShellSyntaxError('syntax error: unexpected end of file (expecting ")")');
      this.i++;
      node = { n: 'group', body, subshell: true, redirs: [] };
    } else if (w === 'case') {
      this.i++;
      const wt = this.toks[this.i++];
      if (wt?.t !== 'word') throw new ShellSyntaxError('syntax error: bad case');
      this.expectWord('in');
      const arms: [Word[], Node][] = [];
      for (;;) {
        this.skipNewlines();
        if (this.peekWord() === 'esac') { this.i++; break; }
        if (this.peekOp() === '(') this.i++;
        const pats: Word[] = [];
        for (;;) {
          const t = this.toks[this.i++];
          if (t?.t !== 'word') throw new ShellSyntaxError('syntax error: bad case pattern');
          pats.push(t.w);
          if (this.peekOp() === '|') { this.i++; continue; }
          break;
        }
        if (this.peekOp() !== ')') throw new ShellSyntaxError('syntax error: expecting ")"');
        this.i++;
        const body = this.list(new Set(['esac']));
        arms.push([pats, body]);
        if (this.peekOp() === ';;') this.i++;
      }
      node = { n: 'case', word: wt.w, arms, redirs: [] };
    } else {
      return this.simple();
    }
    const redirs = this.redirects();
    (node as { redirs: Redirect[] }).redirs = redirs;
    return node;
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      const r = this.redirect();
      if (!r) break;
      out.push(r);
    }
    return out;
  }

  private redirect(): Redirect | undefined {
    const op = this.peekOp();
    if (!op) return undefined;
    const m = /^(\d?)(>>|>&|>|<)$/.exec(op);
    if (!m) return undefined;
    this.i++;
    const target = this.toks[this.i++];
    if (target?.t !== 'word') throw new ShellSyntaxError('syntax error: unexpected redirection');
    const kind = m[2] as Redirect['op'];
    return { fd: m[1] ? Number(m[1]) : kind === '<' ? 0 : 1, op: kind, target: target.w };
  }

  private simple(): Node {
    const assigns: [string, Word][] = [];
    const words: Word[] = [];
    const redirs: Redirect[] = [];
    for (;;) {
      const r = this.redirect();
      if (r) { redirs.push(r); continue; }
      const t = this.toks[this.i];
      if (t?.t !== 'word') break;
      if (!words.length && t.w[0]?.k === 'lit' && !t.w[0].q) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(t.w[0].s);
        if (m) {
          const first = { ...t.w[0], s: t.w[0].s.slice(m[0].length) };
          assigns.push([m[1], [first, ...t.w.slice(1)]]);
          this.i++;
          continue;
        }
      }
      if (!words.length && this.peekWord() !== undefined && KEYWORDS.has(this.peekWord()!) && !['{', '}', '!', 'in'].includes(this.peekWord()!)) {
        throw new ShellSyntaxError(`syntax error: unexpected "${this.peekWord()}"`);
      }
      words.push(t.w);
      this.i++;
    }
    if (!words.length && !assigns.length && !redirs.length) {
      const t = this.toks[this.i];
      throw new ShellSyntaxError(t ? `syntax error: unexpected "${this.show(t)}"` : 'syntax error: unexpected end of file');
    }
    return { n: 'simple', assigns, words, redirs };
  }
}

export function parseScript(src: string): Node {
  return new Parser(lex(src)).parseProgram();
}

// ---------------------------------------------------------------------------------------------
// Interpreter

class Exit { constructor(readonly code: number) {} }
class Stop {}
class Budget {}
class LoopCtl { constructor(readonly kind: 'break' | 'continue', readonly n: number) {} }

const MAX_STEPS = 400_000;
const MAX_LINES = 20_000;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2, c = '0') => String(n).padStart(w, c);

/** `date` output for a UTC instant, default format or `+FORMAT`. */
export function formatDate(ms: number, fmt = '%a %b %e %H:%M:%S %Z %Y'): string {
  const d = new Date(ms);
  return fmt.replace(/%([a-zA-Z%])/g, (_, f: string) => {
    switch (f) {
      case 'a': return WEEKDAYS[d.getUTCDay()];
      case 'A': return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()];
      case 'b': case 'h': return MONTHS[d.getUTCMonth()];
      case 'e': return pad(d.getUTCDate(), 2, ' ');
      case 'd': return pad(d.getUTCDate());
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 'N': return pad((ms % 1000) * 1_000_000, 9);
      case 's': return String(Math.floor(ms / 1000));
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'D': return `${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}/${pad(d.getUTCFullYear() % 100)}`;
      case 'R': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'j': return pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return `%${f}`;
    }
  });
}

/** `sleep` arguments: 5, 0.5, 10s, 2m, 1h, 1d, infinity. Undefined when invalid. */
export function parseSleep(arg: string): number | undefined {
  if (arg === 'inf' || arg === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]] ?? 1000;
  return Math.round(Number(m[1]) * mult);
}

interface Frame {
  /** Captured stdout (command substitution, pipes, file redirects); undefined = the container log. */
  out?: string[];
  err?: string[];
  /** `>&2`: stdout goes where stderr goes. */
  outToErr?: boolean;
}

export class Shell {
  private clock = 0;
  private steps = 0;
  private readonly lines: ShellLine[] = [];
  private readonly partial = { stdout: '', stderr: '' };
  private readonly vars: Record<string, string>;
  private positional: string[];
  private status = 0;
  private frames: Frame[] = [{}];
  private termTrap?: { exitCode: number };
  private readonly files: Record<string, string>;
  private lineNo = 1;

  constructor(private readonly sys: ShellEnv, private readonly limit: number, args: string[] = [], private readonly name = 'sh',
    private readonly budget = MAX_STEPS) {
    this.vars = { ...sys.env };
    this.positional = args;
    if (sys.cwd) this.cwd = sys.cwd;
    const files = { ...sys.files };
    const hook = sys.onFileChange;
    this.files = hook ? new Proxy(files, {
      set: (o, k, v) => { (o as Record<string | symbol, unknown>)[k] = v; hook(this.clock, { ...o }); return true; },
      deleteProperty: (o, k) => { delete (o as Record<string | symbol, unknown>)[k]; hook(this.clock, { ...o }); return true; },
    }) : files;
  }

  /** Runs a script; output before `limit` ms, and the exit if it came first. */
  runScript(src: string): ShellResult {
    return this.guard(() => {
      let tree: Node;
      try {
        tree = parseScript(src);
      } catch (e) {
        if (e instanceof ShellSyntaxError) {
          this.errLine(this.sys.flavor === 'bash' ? `${this.name}: -c: line 1: ${e.message}` : `${this.name}: ${this.sys.flavor === 'dash' ? '1: ' : ''}${e.message}`);
          throw new Exit(2);
        }
        throw e;
      }
      return this.exec(tree);
    });
  }

  /** Runs one command given as argv (no shell parsing), as `exec` of a binary would, reading `stdin` if given. */
  runArgv(argv: string[], stdin?: string): ShellResult {
    return this.guard(() => this.runCommand(argv, stdin));
  }

  private guard(fn: () => number): ShellResult {
    let exit: ShellResult['exit'];
    let spinning = false;
    let exited = false;
    try {
      const code = fn();
      exit = { at: this.clock, code };
    } catch (e) {
      if (e instanceof Exit) {
        exit = { at: this.clock, code: e.code };
        exited = true;
      } else if (e instanceof Budget) spinning = true;
      else if (!(e instanceof Stop)) throw e;
    }
    if (exit) this.flushPartial();
    return { lines: this.lines, exit, termTrap: this.termTrap, spinning, ...(exited ? { exited } : {}) };
  }

  // -- output ------------------------------------------------------------------------------------

  private write(text: string, streamIn: 'stdout' | 'stderr' = 'stdout'): void {
    const f = this.frames[this.frames.length - 1];
    const stream = f.outToErr ? 'stderr' : streamIn;
    const cap = stream === 'stdout' ? f.out : f.err;
    if (cap) { cap.push(text); return; }
    const buf = this.partial[stream] + text;
    const parts = buf.split('\n');
    this.partial[stream] = parts.pop() ?? '';
    for (const p of parts) {
      // Keep the newest lines only, as log rotation would.
      if (this.lines.length >= 2 * MAX_LINES) this.lines.splice(0, MAX_LINES);
      this.lines.push({ at: this.clock, text: p, stream });
    }
  }

  private flushPartial(): void {
    for (const s of ['stdout', 'stderr'] as const) {
      if (this.partial[s]) {
        this.lines.push({ at: this.clock, text: this.partial[s], stream: s });
        this.partial[s] = '';
      }
    }
  }

  private errLine(msg: string): void {
    this.write(`${msg}\n`, 'stderr');
  }

  private notFound(cmd: string): number {
    if (this.sys.flavor === 'bash') this.errLine(`${this.name}: line ${this.lineNo}: ${cmd}: command not found`);
    else if (this.sys.flavor === 'dash') this.errLine(`${this.name}: ${this.lineNo}: ${cmd}: not found`);
    else this.errLine(`${this.name}: ${cmd}: not found`);
    return 127;
  }

  private tick(): void {
    if (++this.steps > this.budget) throw new Budget();
  }

  private advance(ms: number): void {
    if (this.clock + ms > this.limit) {
      this.clock = this.limit;
      throw new Stop();
    }
    this.clock += ms;
  }

  // -- execution ---------------------------------------------------------------------------------

  private exec(node: Node): number {
    this.tick();
    switch (node.n) {
      case 'list': {
        let st = this.status;
        for (const item of node.items) st = this.exec(item);
        return st;
      }
      case 'andor': {
        let st = this.exec(node.first);
        for (const [op, next] of node.rest) {
          if ((op === '&&' && st === 0) || (op === '||' && st !== 0)) st = this.exec(next);
        }
        return st;
      }
      case 'pipe': {
        let input: string | undefined;
        let st = 0;
        node.cmds.forEach((cmd, idx) => {
          const last = idx === node.cmds.length - 1;
          if (last) {
            st = this.withStdin(input, () => this.exec(cmd));
          } else {
            const out: string[] = [];
            this.frames.push({ out });
            try {
              st = this.withStdin(input, () => this.exec(cmd));
            } finally {
              this.frames.pop();
            }
            input = out.join('');
          }
        });
        this.status = node.negate ? (st === 0 ? 1 : 0) : st;
        return this.status;
      }
      case 'simple':
        return this.simple(node);
      case 'while':
        return this.withRedirects(node.redirs, () => {
          let st = 0;
          for (;;) {
            this.tick();
            const c = this.exec(node.cond);
            if (node.until ? c === 0 : c !== 0) break;
            try {
              st = this.exec(node.body);
            } catch (e) {
              if (e instanceof LoopCtl) {
                if (e.n > 1) throw new LoopCtl(e.kind, e.n - 1);
                if (e.kind === 'break') break;
                continue;
              }
              throw e;
            }
          }
          return (this.status = st);
        });
      case 'for':
        return this.withRedirects(node.redirs, () => {
          const items = node.items ? node.items.flatMap((w) => this.expandWord(w, true)) : [...this.positional];
          let st = 0;
          for (const item of items) {
            this.vars[node.name] = item;
            try {
              st = this.exec(node.body);
            } catch (e) {
              if (e instanceof LoopCtl) {
                if (e.n > 1) throw new LoopCtl(e.kind, e.n - 1);
                if (e.kind === 'break') break;
                continue;
              }
              throw e;
            }
          }
          return (this.status = st);
        });
      case 'if':
        return this.withRedirects(node.redirs, () => {
          for (const [cond, body] of node.branches) {
            if (this.exec(cond) === 0) return this.exec(body);
          }
          return node.els ? this.exec(node.els) : (this.status = 0);
        });
      case 'group':
        return this.withRedirects(node.redirs, () => {
          if (!node.subshell) return this.exec(node.body);
          const saved = { ...this.vars };
          try {
            return this.exec(node.body);
          } catch (e) {
            if (e instanceof Exit) return (this.status = e.code);
            throw e;
          } finally {
            for (const k of Object.keys(this.vars)) delete this.vars[k];
            Object.assign(this.vars, saved);
          }
        });
      case 'case':
        return this.withRedirects(node.redirs, () => {
          const subject = this.expandWord(node.word, false).join(' ');
          for (const [pats, body] of node.arms) {
            for (const p of pats) {
              const pat = this.expandWord(p, false).join(' ');
              if (globMatch(pat, subject)) return this.exec(body);
            }
          }
          return (this.status = 0);
        });
    }
  }

  private stdin: string | undefined;
  private withStdin<T>(input: string | undefined, fn: () => T): T {
    const saved = this.stdin;
    this.stdin = input;
    try {
      return fn();
    } finally {
      this.stdin = saved;
    }
  }

  private withRedirects(redirs: Redirect[], fn: () => number): number {
    if (!redirs.length) return fn();
    let outFile: { path: string; append: boolean } | undefined;
    let discardOut = false;
    let discardErr = false;
    let errToOut = false;
    let outToErr = false;
    let input: string | undefined = this.stdin;
    for (const r of redirs) {
      const target = this.expandWord(r.target, false).join(' ');
      if (r.op === '<') {
        if (this.fileContent(target) === undefined) {
          this.errLine(`${this.name}: can't open ${target}: no such file`);
          return (this.status = 1);
        }
        input = this.fileContent(target);
      } else if (r.op === '>&') {
        if (r.fd === 2 && target === '1') errToOut = true;
        else if (r.fd !== 2 && target === '2') outToErr = true;
      } else if (target === '/dev/null') {
        if (r.fd === 2) discardErr = true;
        else discardOut = true;
      } else if (target === '/dev/stdout' || target === '/proc/1/fd/1') {
        // already the log
      } else if (target === '/dev/stderr' || target === '/proc/1/fd/2') {
        // the log too
      } else if (r.fd === 1) {
        outFile = { path: this.resolve(target), append: r.op === '>>' };
      }
    }
    const frame: Frame = {};
    const outBuf: string[] = [];
    const parent = this.frames[this.frames.length - 1];
    if (outFile || discardOut) frame.out = outBuf;
    else {
      frame.out = parent.out;
      if (parent.outToErr) frame.outToErr = true;
    }
    if (discardErr) frame.err = [];
    else if (errToOut) frame.err = frame.out;
    else frame.err = parent.err;
    if (outToErr && !outFile && !discardOut) {
      frame.out = frame.err;
      frame.outToErr = !frame.err;
    }
    this.frames.push(frame);
    try {
      return this.withStdin(input, fn);
    } finally {
      this.frames.pop();
      if (outFile) {
        const prev = outFile.append ? this.files[outFile.path] ?? '' : '';
        this.files[outFile.path] = prev + outBuf.join('');
      }
    }
  }

  private simple(node: Extract<Node, { n: 'simple' }>): number {
    const argv = node.words.flatMap((w) => this.expandWord(w, true));
    const assigned = node.assigns.map(([k, w]) => [k, this.expandWord(w, false).join(' ')] as const);
    if (!argv.length) {
      for (const [k, v] of assigned) this.vars[k] = v;
      return this.withRedirects(node.redirs, () => (this.status = 0));
    }
    const saved: [string, string | undefined][] = assigned.map(([k]) => [k, this.vars[k]]);
    for (const [k, v] of assigned) this.vars[k] = v;
    try {
      return (this.status = this.withRedirects(node.redirs, () => this.runCommand(argv, this.stdin)));
    } finally {
      if (argv.length) {
        for (const [k, v] of saved) {
          if (v === undefined) delete this.vars[k];
          else this.vars[k] = v;
        }
      }
    }
  }

  // -- expansion ---------------------------------------------------------------------------------

  private getVar(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status);
      case '$': return '1';
      case '#': return String(this.positional.length);
      case '@': case '*': return this.positional.join(' ');
      case '!': return '';
      case '0': return this.name;
      case 'RANDOM': return String((this.steps * 7919 + this.clock) % 32768);
      case 'SECONDS': return String(Math.floor(this.clock / 1000));
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars[name];
  }

  /** Expands a word; with `split`, unquoted expansions are split on whitespace (IFS). */
  expandWord(w: Word, split: boolean): string[] {
    const fields: string[] = [];
    let cur = '';
    let hasCur = false;
    const pushSplit = (s: string) => {
      const parts = s.split(/[ \t\n]+/);
      parts.forEach((p, idx) => {
        if (idx > 0) {
          if (hasCur) fields.push(cur);
          cur = '';
          hasCur = false;
        }
        if (p) { cur += p; hasCur = true; }
      });
    };
    for (const p of w) {
      let val: string;
      let quoted = p.q;
      switch (p.k) {
        case 'lit':
          val = p.s;
          quoted = true;
          if (p.q || !split) { cur += val; hasCur = true; continue; }
          // Unquoted literals keep their text but brace ranges {1..5} expand (bash).
          cur += val;
          hasCur = true;
          continue;
        case 'var': {
          const v = this.getVar(p.name);
          switch (p.op) {
            case '#': val = String((v ?? '').length); break;
            case ':-': val = v ? v : this.expandWord(p.arg ?? [], false).join(' '); break;
            case '-': val = v !== undefined ? v : this.expandWord(p.arg ?? [], false).join(' '); break;
            case ':=': case '=':
              if (p.op === ':=' ? !v : v === undefined) this.vars[p.name] = this.expandWord(p.arg ?? [], false).join(' ');
              val = this.vars[p.name] ?? '';
              break;
            case ':+': val = v ? this.expandWord(p.arg ?? [], false).join(' ') : ''; break;
            case '+': val = v !== undefined ? this.expandWord(p.arg ?? [], false).join(' ') : ''; break;
            default: val = v ?? '';
          }
          if (p.name === '@' && p.q && split) {
            // "$@": one field per positional parameter.
            this.positional.forEach((a, idx) => {
              if (idx === 0) { cur += a; hasCur = true; } else { fields.push(cur); cur = a; hasCur = true; }
            });
            continue;
          }
          break;
        }
        case 'cmd':
          val = this.substitute(p.src);
          break;
        case 'arith':
          val = String(this.arith(p.expr));
          break;
      }
      if (quoted || !split) { cur += val; hasCur = true; } else pushSplit(val);
    }
    if (hasCur || (!split && !fields.length)) fields.push(cur);
    if (split) return fields.flatMap((f) => braceExpand(f, w));
    return fields;
  }

  private substitute(src: string): string {
    const out: string[] = [];
    this.frames.push({ out, err: this.frames[this.frames.length - 1].err });
    const savedStatus = this.status;
    try {
      this.exec(parseScript(src));
    } catch (e) {
      if (!(e instanceof Exit)) throw e;
    } finally {
      this.frames.pop();
    }
    void savedStatus;
    return out.join('').replace(/\n+$/, '');
  }

  arith(expr: string): number {
    const src = expr.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, n: string) => this.getVar(n) ?? '0');
    const toks = src.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|\+\+|--|==|!=|<=|>=|&&|\|\||\*\*|[-+*/%()<>!=]/g) ?? [];
    let i = 0;
    const val = (t: string): number => (/^\d+$/.test(t) ? Number(t) : Number(this.vars[t] ?? 0) || 0);
    const primary = (): number => {
      const t = toks[i++];
      if (t === '(') { const v = assign(); i++; return v; }
      if (t === '-') return -primary();
      if (t === '+') return primary();
      if (t === '!') return primary() ? 0 : 1;
      if (t === '++' || t === '--') {
        const name = toks[i++];
        const v = val(name) + (t === '++' ? 1 : -1);
        this.vars[name] = String(v);
        return v;
      }
      if (t !== undefined && /^[A-Za-z_]/.test(t) && (toks[i] === '++' || toks[i] === '--')) {
        const v = val(t);
        this.vars[t] = String(v + (toks[i] === '++' ? 1 : -1));
        i++;
        return v;
      }
      return t === undefined ? 0 : val(t);
    };
    const bin = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => (): number => {
      let v = next();
      while (toks[i] !== undefined && ops[toks[i]]) {
        const op = toks[i++];
        v = ops[op](v, next());
      }
      return v;
    };
    const pow = bin(primary, { '**': (a, b) => a ** b });
    const mul = bin(pow, { '*': (a, b) => a * b, '/': (a, b) => (b ? Math.trunc(a / b) : 0), '%': (a, b) => (b ? a % b : 0) });
    const add = bin(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
    const cmp = bin(add, { '<': (a, b) => +(a < b), '>': (a, b) => +(a > b), '<=': (a, b) => +(a <= b), '>=': (a, b) => +(a >= b) });
    const eq = bin(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
    const and = bin(eq, { '&&': (a, b) => +(a && b) });
    const or = bin(and, { '||': (a, b) => +(a || b) });
    const assign = (): number => {
      if (/^[A-Za-z_]/.test(toks[i] ?? '') && toks[i + 1] === '=') {
        const name = toks[i];
        i += 2;
        const v = assign();
        this.vars[name] = String(v);
        return v;
      }
      return or();
    };
    return assign();
  }

  // -- commands ----------------------------------------------------------------------------------

  runCommand(argv: string[], stdin: string | undefined): number {
    this.tick();
    const [cmd0, ...args] = argv;
    const cmd = cmd0.includes('/') ? cmd0.slice(cmd0.lastIndexOf('/') + 1) : cmd0;
    const builtin = BUILTINS[cmd];
    if (builtin && (SHELL_BUILTINS.has(cmd) || this.sys.hasCommand(cmd))) {
      return builtin.call(this, args, stdin ?? this.stdin);
    }
    if (cmd === 'sh' || cmd === 'bash' || cmd === 'ash' || cmd === 'dash') {
      if (!this.sys.hasCommand(cmd)) return this.notFound(cmd0);
      const ci = args.indexOf('-c');
      if (ci >= 0 && args[ci + 1] !== undefined) {
        const child = this.child(args.slice(ci + 2), args[ci + 2] ?? cmd);
        return this.runChild(() => child.exec(parseScript(args[ci + 1])), child);
      }
      const script = args[0] ? this.fileContent(args[0]) : undefined;
      if (script !== undefined) {
        const child = this.child(args.slice(1), args[0]);
        return this.runChild(() => child.exec(parseScript(script)), child);
      }
      return 0;
    }
    return this.notFound(cmd0);
  }

  private child(args: string[], name: string): Shell {
    const c = new Shell({ ...this.sys, env: this.exportedEnv(), files: this.files }, this.limit, args, name, this.budget);
    c.clock = this.clock;
    c.steps = this.steps;
    c.frames = this.frames;
    c.stdin = this.stdin;
    c.cwd = this.cwd;
    return c;
  }

  private runChild(fn: () => number, child: Shell): number {
    let code: number;
    try {
      code = fn();
    } catch (e) {
      if (e instanceof Exit) code = e.code;
      else {
        this.adopt(child);
        throw e;
      }
    }
    this.adopt(child);
    return code;
  }

  private adopt(child: Shell): void {
    this.clock = child.clock;
    this.steps = child.steps;
    for (const l of child.lines) this.lines.push(l);
    child.lines.length = 0;
    for (const s of ['stdout', 'stderr'] as const) {
      this.partial[s] += child.partial[s];
    }
    if (child.termTrap) this.termTrap = child.termTrap;
  }

  private exportedEnv(): Record<string, string> {
    return { ...this.vars };
  }

  // Called by builtins.
  out(text: string): void { this.write(text); }
  err(text: string): void { this.write(text, 'stderr'); }
  sleepFor(ms: number): void {
    if (ms === Infinity) {
      this.clock = this.limit;
      throw new Stop();
    }
    this.advance(ms);
  }
  now(): number { return this.sys.startedAt + this.clock; }
  get sysEnv(): ShellEnv { return this.sys; }
  get shellName(): string { return this.name; }
  /** The working directory (`cd` changes it; relative paths start there). */
  cwd = '/';
  /** An absolute, normalized path for `path` as the shell's commands see it. */
  resolve(path: string): string {
    const parts: string[] = [];
    for (const p of (path.startsWith('/') ? path : `${this.cwd}/${path}`).split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') parts.pop();
      else parts.push(p);
    }
    return `/${parts.join('/')}`;
  }
  fileContent(path: string): string | undefined { return this.files[this.resolve(path)]; }
  fileNames(): string[] { return Object.keys(this.files); }
  setFile(path: string, content: string): void { this.files[this.resolve(path)] = content; }
  deleteFile(path: string): void { delete this.files[this.resolve(path)]; }
  variables(): Record<string, string> { return this.vars; }
  setTermTrap(code: number): void { this.termTrap = { exitCode: code }; }
  exitWith(code: number): never { throw new Exit(code); }
  loopCtl(kind: 'break' | 'continue', n: number): never { throw new LoopCtl(kind, n); }
  setPositional(args: string[]): void { this.positional = args; }
  evalScript(src: string): number { return this.exec(parseScript(src)); }
}

/** nslookup, dig and host over the container's resolv.conf; with no DNS to ask (a probe's command, a file timeline), they succeed silently. */
function dnsTool(sh: Shell, cmd: 'nslookup' | 'dig' | 'host', args: string[]): number {
  const sys = sh.sysEnv;
  const dns = sys.dns;
  if (!dns) return 0;
  return runDnsTool(cmd, args, {
    resolvConf: sh.fileContent('/etc/resolv.conf'), hosts: sh.fileContent('/etc/hosts'),
    ask: (server, qname, qtype) => dns(qname, qtype, server, sh.now()),
    out: (t) => sh.out(t), err: (t) => sh.err(t), wait: (ms) => sh.sleepFor(ms), now: () => sh.now(),
  }, sys.busyboxVersion);
}

/** The top-level directories of the images' root filesystems (what `ls /` shows). */
const BASE_DIRS = {
  busybox: ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'],
  debian: ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'],
};

function isDir(sh: Shell, path: string): boolean {
  return dirExists(sh.fileNames(), sh.resolve(path));
}

/** A directory exists when the image has it, or when a file lies under it. */
export function dirExists(files: readonly string[], path: string): boolean {
  const p = path.replace(/\/+$/, '');
  if (p === '' || ['/usr/local', '/usr/bin', '/usr/lib', '/usr/share', '/var/log', '/var/lib', '/var/run', '/usr/local/bin'].includes(p)) return true;
  if (/^\/[^/]+$/.test(p) && [...BASE_DIRS.busybox, ...BASE_DIRS.debian].includes(p.slice(1))) return true;
  return files.some((f) => f.startsWith(`${p}/`));
}

function globMatch(pattern: string, s: string): boolean {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
  return re.test(s);
}

function braceExpand(field: string, w: Word): string[] {
  if (!w.some((p) => p.k === 'lit' && !p.q && /\{\d+\.\.\d+\}/.test(p.s))) return [field];
  const m = /^(.*)\{(\d+)\.\.(\d+)\}(.*)$/.exec(field);
  if (!m) return [field];
  const a = Number(m[2]);
  const b = Number(m[3]);
  const out: string[] = [];
  for (let i = a; a <= b ? i <= b : i >= b; i += a <= b ? 1 : -1) out.push(`${m[1]}${i}${m[4]}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commands

type Builtin = (this: Shell, args: string[], stdin: string | undefined) => number;

/** Handled by the shell itself, whatever the image ships. */
const SHELL_BUILTINS = new Set(['echo', 'printf', 'exit', 'true', 'false', ':', 'export', 'set', 'unset', 'cd', 'pwd',
  'test', '[', 'break', 'continue', 'trap', 'exec', 'shift', 'read', 'wait', 'local', 'return', 'eval', 'source', '.', 'type', 'sleep', 'kill']);

function echo(this: Shell, args: string[]): number {
  let newline = true;
  let escapes = this.sysEnv.flavor !== 'bash';
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
    if (args[i].includes('E')) escapes = false;
  }
  let text = args.slice(i).join(' ');
  if (escapes) text = unescape(text);
  this.out(text + (newline ? '\n' : ''));
  return 0;
}

function unescape(s: string): string {
  return s.replace(/\\(n|t|\\|r|a|b|e|0\d{0,3})/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === '\\' ? '\\' : c === 'r' ? '\r' : c === 'e' ? '\x1b' : c[0] === '0' ? String.fromCharCode(parseInt(c.slice(1) || '0', 8)) : '');
}

function printf(this: Shell, args: string[]): number {
  const [fmt = '', ...rest] = args;
  let ai = 0;
  const once = (): string =>
    fmt.replace(/%([-0 ]?\d*)(?:\.(\d+))?([sdifcxX%])|\\(.)/g, (m, flags: string | undefined, prec: string | undefined, conv: string | undefined, esc: string | undefined) => {
      if (esc !== undefined) return unescape(`\\${esc}`);
      if (conv === '%') return '%';
      const a = rest[ai++] ?? '';
      let v: string;
      if (conv === 'd' || conv === 'i') v = String(Math.trunc(Number(a) || 0));
      else if (conv === 'f') v = (Number(a) || 0).toFixed(prec ? Number(prec) : 6);
      else if (conv === 'x') v = (Number(a) || 0).toString(16);
      else if (conv === 'X') v = (Number(a) || 0).toString(16).toUpperCase();
      else if (conv === 'c') v = a.slice(0, 1);
      else v = prec ? a.slice(0, Number(prec)) : a;
      const width = Number((flags ?? '').replace(/[-0 ]/g, '')) || 0;
      if (width > v.length) {
        v = flags?.startsWith('-') ? v.padEnd(width) : v.padStart(width, flags?.startsWith('0') ? '0' : ' ');
      }
      return v;
    });
  let out = once();
  while (ai < rest.length && ai > 0) out += once();
  this.out(out);
  return 0;
}

function test(this: Shell, argsIn: string[]): number {
  const args = [...argsIn];
  const evalExpr = (a: string[]): boolean => {
    const or = a.indexOf('-o');
    if (or > 0) return evalExpr(a.slice(0, or)) || evalExpr(a.slice(or + 1));
    const and = a.indexOf('-a');
    if (and > 0) return evalExpr(a.slice(0, and)) && evalExpr(a.slice(and + 1));
    if (a[0] === '!') return !evalExpr(a.slice(1));
    if (a.length === 0) return false;
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const [op, v] = a;
      switch (op) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-e': return this.fileContent(v) !== undefined || isDir(this, v);
        case '-f': case '-r': case '-s': return this.fileContent(v) !== undefined && (op !== '-s' || this.fileContent(v) !== '');
        case '-d': return isDir(this, v);
        case '-x': return this.sysEnv.hasCommand(v.slice(v.lastIndexOf('/') + 1));
        default: return false;
      }
    }
    const [l, op, r] = a;
    const ln = Number(l);
    const rn = Number(r);
    switch (op) {
      case '=': case '==': return l === r;
      case '!=': return l !== r;
      case '-eq': return ln === rn;
      case '-ne': return ln !== rn;
      case '-lt': return ln < rn;
      case '-le': return ln <= rn;
      case '-gt': return ln > rn;
      case '-ge': return ln >= rn;
      default: return false;
    }
  };
  return evalExpr(args) ? 0 : 1;
}

const OS_RELEASE: Record<string, string> = {
  busybox: '',
  debian: 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
};

/** head's and tail's line count: `-n N`, `-nN`, or the traditional `-N`; 10 without one. */
function lineCountArg(args: string[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' && i + 1 < args.length) return Math.abs(Number(args[i + 1])) || 0;
    const m = /^-n?(\d+)$/.exec(a);
    if (m) return Number(m[1]);
  }
  return 10;
}

/** Input split into lines that keep their newline (the last may have none). */
function inputLines(stdin: string | undefined): string[] {
  return (stdin ?? '').match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A network client (curl, wget, redis-cli) over the pod's network: it waits as long as the connection took, then prints and saves. */
function httpClient(sh: Shell, client: NetClient, args: string[], stdin?: string): number {
  const http = sh.sysEnv.http;
  if (!http) return 0;
  const r = http.run(client, args, (p) => sh.fileContent(p) !== undefined, stdin);
  if (r.ms) sh.sleepFor(r.ms);
  for (const [file, content] of Object.entries(r.files)) sh.setFile(file, content);
  for (const c of r.chunks) {
    if (c.stream === 'stdout') sh.out(c.text);
    else sh.err(c.text);
  }
  return r.code;
}

const BUILTINS: Record<string, Builtin> = {
  echo,
  printf,
  test,
  '[': function (args) {
    if (args[args.length - 1] !== ']') {
      this.err(`${this.shellName}: missing ]\n`);
      return 2;
    }
    return test.call(this, args.slice(0, -1));
  },
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  exit: function (args) { this.exitWith(args[0] !== undefined ? Number(args[0]) & 255 : Number(this.variables()['?'] ?? 0)); },
  export: function (args) {
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) this.variables()[a.slice(0, eq)] = a.slice(eq + 1);
    }
    return 0;
  },
  unset: function (args) { for (const a of args) delete this.variables()[a]; return 0; },
  set: function (args) {
    const dash = args.indexOf('--');
    if (dash >= 0) this.setPositional(args.slice(dash + 1));
    return 0;
  },
  shift: function () { return 0; },
  local: function (args) { return BUILTINS.export.call(this, args, undefined); },
  return: function (args) { this.exitWith(Number(args[0] ?? 0)); },
  cd: function (args) {
    const target = args[0] ?? this.variables().HOME ?? '/';
    const abs = this.resolve(target);
    if (!isDir(this, abs)) {
      const f = this.sysEnv.flavor;
      this.err(f === 'bash' ? `${this.shellName}: line 1: cd: ${target}: No such file or directory\n`
        : f === 'dash' ? `${this.shellName}: 1: cd: can't cd to ${target}\n` : `${this.shellName}: cd: can't cd to ${target}: No such file or directory\n`);
      return f === 'dash' ? 2 : 1;
    }
    this.cwd = abs;
    return 0;
  },
  pwd: function () { this.out(`${this.cwd}\n`); return 0; },
  break: function (args) { this.loopCtl('break', Number(args[0] ?? 1)); },
  continue: function (args) { this.loopCtl('continue', Number(args[0] ?? 1)); },
  trap: function (args) {
    const [action, ...sigs] = args;
    if (sigs.some((s) => /^(TERM|SIGTERM|15|INT|SIGINT|EXIT|0)$/.test(s)) && action !== undefined && action !== '-') {
      const m = /exit\s+(\d+)/.exec(action);
      this.setTermTrap(m ? Number(m[1]) : 0);
    }
    return 0;
  },
  exec: function (args) {
    if (!args.length) return 0;
    // exec replaces the shell: whatever the command returns is the process's exit.
    this.exitWith(this.runCommand(args, undefined));
  },
  eval: function (args) { return this.evalScript(args.join(' ')); },
  source: function (args) {
    const src = this.fileContent(args[0] ?? '');
    if (src === undefined) { this.err(`${this.shellName}: can't open '${args[0]}'\n`); return 1; }
    return this.evalScript(src);
  },
  '.': function (args) { return BUILTINS.source.call(this, args, undefined); },
  type: function (args) { for (const a of args) this.out(`${a} is ${a}\n`); return 0; },
  read: function (args, stdin) {
    if (stdin === undefined) return 1;
    const [line] = stdin.split('\n');
    if (args[0]) this.variables()[args[args.length - 1]] = line;
    return line === '' && !stdin.length ? 1 : 0;
  },
  wait: () => 0,
  kill: () => 0,
  sleep: function (args) {
    if (!args.length) { this.err('sleep: missing operand\n'); return 1; }
    let total = 0;
    for (const a of args) {
      const ms = parseSleep(a);
      if (ms === undefined) {
        this.err(`sleep: invalid time interval '${a}'\n`);
        return 1;
      }
      total += ms;
    }
    this.sleepFor(total);
    return 0;
  },
  date: function (args) {
    const fmt = args.find((a) => a.startsWith('+'));
    const iso = args.includes('-Iseconds') || args.includes('--iso-8601=seconds');
    const t = this.now();
    if (iso) this.out(`${formatDate(t, '%Y-%m-%dT%H:%M:%S')}+00:00\n`);
    else if (args.includes('-R')) this.out(`${formatDate(t, '%a, %d %b %Y %H:%M:%S')} +0000\n`);
    else this.out(`${formatDate(t, fmt ? fmt.slice(1) : undefined)}\n`);
    return 0;
  },
  cat: function (args, stdin) {
    const files = args.filter((a) => a !== '-' && !a.startsWith('-'));
    if (!files.length) { if (stdin) this.out(stdin); return 0; }
    let st = 0;
    for (const f of files) {
      let c = this.fileContent(f);
      if (c === undefined && f === '/etc/os-release') c = OS_RELEASE[this.sysEnv.flavor === 'busybox' ? 'busybox' : 'debian'] || undefined;
      if (c === undefined) {
        this.err(`cat: ${this.sysEnv.flavor === 'busybox' ? `can't open '${f}': No such file or directory` : `${f}: No such file or directory`}\n`);
        st = 1;
      } else {
        this.out(c);
      }
    }
    return st;
  },
  hostname: function () { this.out(`${this.sysEnv.hostname}\n`); return 0; },
  whoami: function () { this.out('root\n'); return 0; },
  id: function () { this.out('uid=0(root) gid=0(root) groups=0(root)\n'); return 0; },
  uname: function (args) {
    const k = this.sysEnv.kernel;
    if (args.includes('-a')) this.out(`Linux ${this.sysEnv.hostname} ${k} #1 SMP x86_64 GNU/Linux\n`);
    else if (args.includes('-r')) this.out(`${k}\n`);
    else if (args.includes('-m')) this.out('x86_64\n');
    else this.out('Linux\n');
    return 0;
  },
  env: function (args) {
    if (args.length && !args[0].startsWith('-')) {
      return this.runCommand(args, undefined);
    }
    for (const [k, v] of Object.entries(this.variables())) this.out(`${k}=${v}\n`);
    return 0;
  },
  printenv: function (args) {
    const vars = this.variables();
    if (!args.length) {
      for (const [k, v] of Object.entries(vars)) this.out(`${k}=${v}\n`);
      return 0;
    }
    let st = 0;
    for (const a of args) {
      if (vars[a] === undefined) st = 1;
      else this.out(`${vars[a]}\n`);
    }
    return st;
  },
  seq: function (args) {
    const nums = args.map(Number);
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : [nums[0], nums[1], nums[2]];
    for (let i = first; step > 0 ? i <= last : i >= last; i += step) this.out(`${i}\n`);
    return 0;
  },
  expr: function (args) {
    const src = args.join(' ').replace(/\\\*/g, '*');
    const v = this.arith(src);
    this.out(`${v}\n`);
    return v === 0 ? 1 : 0;
  },
  touch: function (args) { for (const f of args) if (this.fileContent(f) === undefined) this.setFile(f, ''); return 0; },
  mkdir: () => 0,
  rm: function (args) {
    const recursive = args.some((a) => /^-[a-zA-Z]*[rR]/.test(a));
    for (const p of args.filter((a) => !a.startsWith('-')).map((a) => this.resolve(a))) {
      if (this.fileContent(p) !== undefined) this.deleteFile(p);
      if (recursive) for (const f of this.fileNames()) if (f.startsWith(`${p.replace(/\/$/, '')}/`)) this.deleteFile(f);
    }
    return 0;
  },
  chmod: () => 0,
  ls: function (args) {
    const paths = args.filter((a) => !a.startsWith('-'));
    let st = 0;
    for (const p of paths.length ? paths : ['.']) {
      const abs = this.resolve(p);
      const dir = abs === '/' ? '' : abs;
      if (!isDir(this, abs)) {
        if (this.fileContent(dir) !== undefined) { this.out(`${p}\n`); continue; }
        const busybox = this.sysEnv.flavor === 'busybox';
        this.err(busybox ? `ls: ${p}: No such file or directory\n` : `ls: cannot access '${p}': No such file or directory\n`);
        st = busybox ? 1 : 2;
        continue;
      }
      const names = new Set<string>(dir === '' ? BASE_DIRS[this.sysEnv.flavor === 'busybox' ? 'busybox' : 'debian'] : []);
      for (const f of this.fileNames()) {
        if (f.startsWith(`${dir}/`)) names.add(f.slice(dir.length + 1).split('/')[0]);
      }
      if (paths.length > 1) this.out(`${p}:\n`);
      for (const n of [...names].sort()) this.out(`${n}\n`);
    }
    return st;
  },
  wc: function (args, stdin) {
    const text = stdin ?? '';
    const lines = (text.match(/\n/g) ?? []).length;
    if (args.includes('-l')) this.out(`${lines}\n`);
    else if (args.includes('-c')) this.out(`${text.length}\n`);
    else this.out(`${lines} ${text.split(/\s+/).filter(Boolean).length} ${text.length}\n`);
    return 0;
  },
  head: function (args, stdin) {
    this.out(inputLines(stdin).slice(0, lineCountArg(args)).join(''));
    return 0;
  },
  tail: function (args, stdin) {
    const n = lineCountArg(args);
    this.out(n ? inputLines(stdin).slice(-n).join('') : '');
    return 0;
  },
  grep: function (args, stdin) {
    const pat = args.find((a) => !a.startsWith('-')) ?? '';
    const invert = args.includes('-v');
    const quiet = args.includes('-q');
    let found = false;
    for (const line of (stdin ?? '').split('\n')) {
      if (!line) continue;
      if (line.includes(pat) !== invert) {
        found = true;
        if (!quiet) this.out(`${line}\n`);
      }
    }
    return found ? 0 : 1;
  },
  tr: function (args, stdin) {
    const [a = '', b = ''] = args;
    let s = stdin ?? '';
    if (a === 'a-z' && b === 'A-Z') s = s.toUpperCase();
    else if (a === 'A-Z' && b === 'a-z') s = s.toLowerCase();
    this.out(s);
    return 0;
  },
  yes: function (args) {
    const text = `${args.join(' ') || 'y'}\n`;
    for (;;) this.out(text);
  },
  ps: function (args) {
    // busybox ps: `%5u %-8.8s %2u:%02u %s` under its header, itself last.
    const procs = this.sysEnv.processes ?? [{ pid: 1, args: this.shellName }];
    const self = { pid: procs[procs.length - 1].pid + 6, args: ['ps', ...args].join(' ') };
    this.out('PID   USER     TIME  COMMAND\n');
    for (const p of [...procs, self]) this.out(`${String(p.pid).padStart(5)} ${'root'.padEnd(8)}  0:00 ${p.args}\n`);
    return 0;
  },
  nslookup: function (args) { return dnsTool(this, 'nslookup', args); },
  dig: function (args) { return dnsTool(this, 'dig', args); },
  host: function (args) { return dnsTool(this, 'host', args); },
  wget: function (args) { return httpClient(this, 'wget', args); },
  curl: function (args) { return httpClient(this, 'curl', args); },
  'redis-cli': function (args, stdin) { return httpClient(this, 'redis-cli', args, stdin); },
  ping: () => 0,
  nc: () => 0,
};
