// `-o yaml`: kubectl marshals with sigs.k8s.io/yaml, i.e. json.Marshal, then JSONToYAML, which
// decodes that JSON with yaml.v2 and re-encodes it with yaml.v2's emitter (a libyaml port). The
// bytes depend on that emitter's details — key order (its keyList sort, not byte order), which
// strings get quoted and how, folding at 80 columns, `|2-` block hints, \U escapes for astral
// characters — so this is a small emitter for decoded JSON that keeps those rules, rather than
// the `yaml` package (which differs on most of them, and costs ~20 ms to import).
import {
  formatFloatG, formatGoInt, isGoInt, isObject, omitManagedFields, PrintError, quoteJSON, sortedKeys, toPrintable,
  type JsonObject, type JsonValue, type Printer,
} from './json.js';
import { goSort } from './go-sort.js';

export const printYAML: Printer = (objects, opts) => {
  let v = toPrintable(objects, opts);
  if (!opts.showManagedFields) v = omitManagedFields(v);
  return toYAML(v);
};

/**
 * Several objects printed one by one (apply/create -o yaml) are separated the way YAMLPrinter
 * does it: `---` before every document after the first.
 */
export function yamlStream(docs: readonly JsonValue[]): string {
  return docs.map((d, i) => (i > 0 ? '---\n' : '') + toYAML(d)).join('');
}

/** One YAML document for a decoded JSON value, ending in a newline. */
export function toYAML(v: JsonValue): string {
  const e = new Emitter();
  e.node(v, ROOT);
  e.documentEnd();
  // Errors must come out in the JSON text's order, so they are looked for only now, and only
  // when the emitter met a character or key that could cause one.
  if (e.suspect) checkJSONText(v);
  return e.out;
}

// ---------------------------------------------------------------------------------------------
// Scalars: which style yaml.v2 asks for, and which one the emitter then allows.

const PLAIN = 0;
const SINGLE = 1;
const DOUBLE = 2;
const LITERAL = 3;
type Style = typeof PLAIN | typeof SINGLE | typeof DOUBLE | typeof LITERAL;

interface Context { mapping: boolean; simpleKey: boolean }
const ROOT: Context = { mapping: false, simpleKey: false };
const SEQ_ITEM: Context = { mapping: false, simpleKey: false };
const MAP_VALUE: Context = { mapping: true, simpleKey: false };
const SIMPLE_KEY: Context = { mapping: true, simpleKey: true };
const COMPLEX_KEY: Context = { mapping: true, simpleKey: false };

/** encoder.stringv: literal if multi-line, plain if it would read back as a string, else "quoted". */
function requestedStyle(s: string): Style {
  if (s.includes('\n')) return LITERAL;
  let style = styleCache.get(s);
  if (style === undefined) {
    style = resolvesToString(s) && !isBase60Float(s) ? PLAIN : DOUBLE;
    remember(styleCache, s, style);
  }
  return style;
}

// Objects repeat the same keys and many of the same values; these caches skip re-analysing them.
const styleCache = new Map<string, Style>();
const plainCache = new Map<string, boolean>();
const keyOrderCache = new Map<string, string[]>();

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= 20000) cache.clear();
  cache.set(key, value);
}

function plainSafe(s: string): boolean {
  let safe = plainCache.get(s);
  if (safe === undefined) {
    safe = isPlainSafeAscii(s);
    remember(plainCache, s, safe);
  }
  return safe;
}

const BOOL_OR_NULL = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const GO_UINT = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** yaml.v2 resolve(""): does a plain scalar with this text decode as a string? */
function resolvesToString(s: string): boolean {
  if (BOOL_OR_NULL.has(s)) return false;
  const c = s.charCodeAt(0);
  if (c === 0x2e /* . */) return !(/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && Number.isFinite(Number(s)));
  const isDigit = c >= 0x30 && c <= 0x39;
  if (!isDigit && c !== 0x2b && c !== 0x2d) return true;
  if (isTimestamp(s)) return false;
  const plain = s.replace(/_/g, '');
  if (GO_INT.test(plain) && fitsInt(plain, true)) return false;
  if (GO_UINT.test(plain) && fitsInt(plain, false)) return false;
  if (YAML_FLOAT.test(plain) && Number.isFinite(Number(plain))) return false;
  return true;
}

function fitsInt(s: string, signed: boolean): boolean {
  let sign = 1n;
  let body = s;
  if (body[0] === '+' || body[0] === '-') { sign = body[0] === '-' ? -1n : 1n; body = body.slice(1); }
  const lower = body.toLowerCase();
  let n: bigint;
  if (lower.startsWith('0x') || lower.startsWith('0b') || lower.startsWith('0o')) n = BigInt(lower);
  else if (body.length > 1 && body[0] === '0') n = BigInt('0o' + body.slice(1));
  else n = BigInt(body);
  n *= sign;
  return signed ? n >= -(1n << 63n) && n < 1n << 63n : n < 1n << 64n;
}

function isBase60Float(s: string): boolean {
  const c = s.charCodeAt(0);
  if (!(c === 0x2b || c === 0x2d || (c >= 0x30 && c <= 0x39)) || !s.includes(':')) return false;
  return BASE60.test(s);
}

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_TIME = /^(\d{4})-(\d{1,2})-(\d{1,2})([Tt]| )(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,](\d+))?(Z|[+-]\d{2}:\d{2})?$/;

/** yaml.v2 parseTimestamp: Go's time.Parse with its four layouts, including their range checks. */
function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  let m = DATE.exec(s);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = DATE_TIME.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, sec, , tz] = m;
  if (sep === ' ' ? tz !== undefined : tz === undefined) return false;
  if (+h >= 24 || +mi >= 60 || +sec >= 60) return false;
  if (tz && tz !== 'Z' && (+tz.slice(1, 3) > 24 || +tz.slice(4) > 60)) return false;
  return validDate(+y, +mo, +d);
}

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

// Character classes, as yaml.v2's yamlprivateh.go defines them (over code points here).
const isBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
const isBlank = (c: number) => c === 0x20 || c === 0x09;
const isPrintable = (c: number) =>
  c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml_emitter_analyze_scalar, keeping only what block (non-flow) output needs. */
function analyzeScalar(cps: readonly number[]): Analysis {
  const n = cps.length;
  if (n === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = n >= 3 && (
    (cps[0] === 0x2d && cps[1] === 0x2d && cps[2] === 0x2d) || (cps[0] === 0x2e && cps[1] === 0x2e && cps[2] === 0x2e));
  let lineBreaks = false, special = false;
  let leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
  let breakSpace = false, spaceBreak = false;
  let precededByWhitespace = true, previousSpace = false, previousBreak = false;
  for (let i = 0; i < n; i++) {
    const c = cps[i];
    const followedByWhitespace = i + 1 >= n || isBlank(cps[i + 1]);
    if (i === 0) {
      switch (c) {
        case 0x23: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x26: case 0x2a: case 0x21:
        case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60: // # , [ ] { } & * ! | > ' " % @ `
          blockIndicators = true;
          break;
        case 0x3f: case 0x3a: case 0x2d: // ? : -
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if (c === 0x3a /* : */) {
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === 0x23 /* # */) {
      if (precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (i === n - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === n - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(c) || isBreak(c) || c === 0;
  }
  const a = { multiline: lineBreaks, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) { a.blockPlainAllowed = false; a.singleQuotedAllowed = false; }
  if (spaceBreak || special) { a.blockPlainAllowed = false; a.singleQuotedAllowed = false; a.blockAllowed = false; }
  if (lineBreaks || blockIndicators) a.blockPlainAllowed = false;
  return a;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The round trip through JSON text that kubectl's output takes.

// Raw characters yaml.v2's reader refuses that json.Marshal leaves unescaped.
const NOT_ALLOWED = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;
const UNUSUAL = /[\x7f-\x9f\ud800-\udfff\ufffe\uffff]/;

/**
 * A string as yaml.v2 reads it back from the JSON json.Marshal wrote: invalid UTF-16 became
 * U+FFFD on the way out, and U+0085, a YAML line break, folds inside the double-quoted scalar.
 */
function throughJSON(s: string): string {
  if (!UNUSUAL.test(s)) return s;
  s = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return s.includes('\u0085') ? foldNextLines(s) : s;
}

/**
 * What yaml.v2 cannot parse back out of the compact JSON, in text order: a refused character, a
 * line starting with `--- ` or `... ` inside a string (after a raw U+0085), and a key that is
 * not a valid implicit key in a flow mapping (spanning lines, or over 1024 characters quoted).
 * The line numbers are those of the JSON text, where only U+0085 breaks lines.
 */
function checkJSONText(v: JsonValue): void {
  let lines = 0;
  const scan = (s: string) => {
    if (NOT_ALLOWED.test(s)) throw new PrintError('yaml: control characters are not allowed');
    if (!s.includes('\u0085')) return;
    const m = /\u0085(?:---|\.\.\.)[ \u0085]/.exec(s);
    if (m) {
      const before = s.slice(0, m.index + 1).split('\u0085').length - 1;
      throw new PrintError(`yaml: line ${lines + before + 1}: found unexpected document indicator`);
    }
    lines += s.split('\u0085').length - 1;
  };
  const walk = (x: JsonValue): void => {
    if (typeof x === 'string') scan(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (isObject(x)) {
      for (const k of sortedKeys(x)) {
        if (x[k] === undefined) continue;
        scan(k);
        if (k.includes('\u0085') || [...quoteJSON(k)].length > 1024) {
          throw new PrintError(`yaml: ${lines > 0 ? `line ${lines}: ` : ''}did not find expected ',' or '}'`);
        }
        walk(x[k]);
      }
    }
  };
  walk(v);
}

function foldNextLines(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    while (i < s.length && s[i] !== ' ' && s[i] !== '\u0085') out += s[i++];
    if (i >= s.length) break;
    let spaces = '';
    let leadingBreak = false;
    let trailingBreaks = 0;
    for (; i < s.length && (s[i] === ' ' || s[i] === '\u0085'); i++) {
      if (s[i] === ' ') { if (!leadingBreak) spaces += ' '; }
      else if (!leadingBreak) { spaces = ''; leadingBreak = true; }
      else trailingBreaks++;
    }
    out += leadingBreak ? (trailingBreaks === 0 ? ' ' : '\n'.repeat(trailingBreaks)) : spaces;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Map key order: yaml.v2's keyList.Less for string keys.

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const isLetter = (c: number) => (c < 0x80 ? (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a : LETTER.test(String.fromCodePoint(c)));
const isDigit = (c: number) => (c < 0x80 ? c >= 0x30 && c <= 0x39 : DIGIT.test(String.fromCodePoint(c)));

/** A key as keyList.Less walks it: its runes (the string itself when it is all ASCII). */
type Runes = string | readonly number[];

const runesOf = (s: string): Runes => (/^[\x00-\x7f]*$/.test(s) ? s : codePoints(s));
const runeAt = (r: Runes, i: number): number => (typeof r === 'string' ? r.charCodeAt(i) : r[i]);

/** keyList.Less: letters by code point, a letter after a non-letter, runs of digits as numbers. */
export function yamlKeyLess(a: string, b: string): boolean {
  return runesLess(runesOf(a), runesOf(b));
}

function runesLess(ar: Runes, br: Runes): boolean {
  const an = ar.length;
  const bn = br.length;
  for (let i = 0; i < an && i < bn; i++) {
    const ca = runeAt(ar, i);
    const cb = runeAt(br, i);
    if (ca === cb) continue;
    const al = isLetter(ca);
    const bl = isLetter(cb);
    if (al && bl) return ca < cb;
    if (al || bl) return bl;
    // Runs of digits compare as int64 numbers, wrapping as Go's would.
    let av: number | bigint = 0;
    let bv: number | bigint = 0;
    if (ca === 0x30 || cb === 0x30) {
      for (let j = i - 1; j >= 0 && isDigit(runeAt(ar, j)); j--) {
        if (runeAt(ar, j) !== 0x30) { av = 1; bv = 1; break; }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < an && isDigit(runeAt(ar, ai)); ai++) av = accumulate(av, runeAt(ar, ai));
    for (; bi < bn && isDigit(runeAt(br, bi)); bi++) bv = accumulate(bv, runeAt(br, bi));
    if (typeof av === 'number' && typeof bv === 'number') {
      if (av !== bv) return av < bv;
    } else if (BigInt(av) !== BigInt(bv)) {
      return BigInt(av) < BigInt(bv);
    }
    if (ai !== bi) return ai < bi;
    return ca < cb;
  }
  return an < bn;
}

function accumulate(n: number | bigint, digit: number): number | bigint {
  if (typeof n === 'number' && n < 1e14) return n * 10 + (digit - 0x30);
  return BigInt.asIntN(64, BigInt(n) * 10n + BigInt(digit - 0x30));
}

function sortedYamlKeys(o: JsonObject): string[] {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  if (keys.length < 2) return keys;
  // The key set is the cache key; a key holding the separator itself is never cached.
  const id = keys.some((k) => k.includes('\0')) ? undefined : keys.join('\0');
  const cached = id === undefined ? undefined : keyOrderCache.get(id);
  if (cached) return cached;
  const entries = keys.map((k) => ({ k, r: runesOf(k) }));
  goSort(entries, (x, y) => runesLess(x.r, y.r));
  const sorted = entries.map((e) => e.k);
  if (id !== undefined) remember(keyOrderCache, id, sorted);
  return sorted;
}

// ---------------------------------------------------------------------------------------------
// The emitter: the effects of yaml.v2's state machine for block mappings and sequences.

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const SPACES = ' '.repeat(256);
const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

class Emitter {
  private readonly chunks: string[] = [];
  /** A string or key that may not survive yaml.v2's reading of the JSON was seen. */
  suspect = false;
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;

  node(v: JsonValue | undefined, ctx: Context): void {
    if (v === null || v === undefined) this.scalar('null', PLAIN, ctx);
    else if (typeof v === 'string') {
      if (UNUSUAL.test(v)) this.suspect = true;
      const s = throughJSON(v);
      this.scalar(s, requestedStyle(s), ctx);
    } else if (typeof v === 'number') this.scalar(isGoInt(v) ? formatGoInt(v) : yamlFloat(v), PLAIN, ctx);
    else if (typeof v === 'boolean') this.scalar(v ? 'true' : 'false', PLAIN, ctx);
    else if (Array.isArray(v)) this.sequence(v, ctx);
    else if (isObject(v)) this.mapping(v);
  }

  documentEnd(): void {
    this.writeIndent();
  }

  get out(): string {
    return this.chunks.join('');
  }

  private mapping(o: JsonObject): void {
    const keys = sortedYamlKeys(o);
    if (keys.length === 0) return this.emptyFlow('{', '}');
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      if (k.length > 170 || UNUSUAL.test(k)) this.suspect = true;
      const key = throughJSON(k);
      if (isSimpleKey(key)) {
        this.scalar(key, requestedStyle(key), SIMPLE_KEY);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.scalar(key, requestedStyle(key), COMPLEX_KEY);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(o[k], MAP_VALUE);
    }
    this.indent = this.indents.pop() as number;
  }

  private sequence(items: readonly JsonValue[], ctx: Context): void {
    if (items.length === 0) return this.emptyFlow('[', ']');
    // A sequence that is a mapping value sits at its key's indentation ("indentless").
    this.increaseIndent(false, ctx.mapping && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, SEQ_ITEM);
    }
    this.indent = this.indents.pop() as number;
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private scalar(text: string, requested: Style, ctx: Context): void {
    const fast = requested === PLAIN && plainSafe(text);
    const cps = fast ? [] : codePoints(text);
    let style = requested;
    if (!fast) {
      const a = analyzeScalar(cps);
      if (ctx.simpleKey && a.multiline) style = DOUBLE;
      if (style === PLAIN) {
        if (!a.blockPlainAllowed) style = SINGLE;
        if (text.length === 0 && ctx.simpleKey) style = SINGLE;
      }
      if (style === SINGLE && !a.singleQuotedAllowed) style = DOUBLE;
      if (style === LITERAL && (!a.blockAllowed || ctx.simpleKey)) style = DOUBLE;
    }
    this.increaseIndent(true, false);
    const allowBreaks = !ctx.simpleKey;
    if (fast) this.writePlainFast(text, allowBreaks);
    else if (style === PLAIN) this.writePlain(cps, allowBreaks);
    else if (style === SINGLE) this.writeSingleQuoted(cps, allowBreaks);
    else if (style === DOUBLE) this.writeDoubleQuoted(cps, allowBreaks);
    else this.writeLiteral(cps);
    this.indent = this.indents.pop() as number;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  // Low-level writes. `column` counts characters, as the Go emitter does.

  private put(s: string): void {
    this.chunks.push(s);
    this.column += s.length;
  }

  private write(c: number): void {
    this.chunks.push(c < 0x80 ? ASCII[c] : String.fromCodePoint(c));
    this.column++;
  }

  private putBreak(): void {
    this.chunks.push('\n');
    this.column = 0;
  }

  private writeBreak(c: number): void {
    if (c === 0x0a) this.putBreak();
    else {
      this.chunks.push(String.fromCodePoint(c));
      this.column = 0;
    }
  }

  private writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) {
      const n = indent - this.column;
      this.put(n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n));
    }
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(indicator: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private writePlainFast(text: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    if (allowBreaks && this.column + text.length > BEST_WIDTH && text.includes(' ')) {
      this.writePlainBody(codePoints(text), allowBreaks);
    } else {
      this.put(text);
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writePlain(cps: readonly number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    this.writePlainBody(cps, allowBreaks);
    this.whitespace = false;
    this.indention = false;
  }

  private writePlainBody(cps: readonly number[], allowBreaks: boolean): void {
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.write(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
  }

  private writeSingleQuoted(cps: readonly number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    const n = cps.length;
    for (let i = 0; i < n; i++) {
      const c = cps[i];
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1 && cps[i + 1] !== 0x20) {
          this.writeIndent();
        } else {
          this.write(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.write(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(cps: readonly number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // yaml.v2's is_bom looks at the start of the value, not at i: after a leading BOM every
    // character comes out escaped.
    const bom = cps[0] === 0xfeff;
    let spaces = false;
    const n = cps.length;
    for (let i = 0; i < n; i++) {
      const c = cps[i];
      if (bom || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
        this.put('\\' + escapeChar(c));
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < n - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else {
          this.write(c);
        }
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeLiteral(cps: readonly number[]): void {
    this.writeIndicator('|', true, false, false);
    const n = cps.length;
    if (n > 0 && (cps[0] === 0x20 || isBreak(cps[0]))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (n === 0 || !isBreak(cps[n - 1])) chomp = '-';
    else if (n === 1 || isBreak(cps[n - 2])) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < n; i++) {
      const c = cps[i];
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.write(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

const ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

function escapeChar(c: number): string {
  const named = ESCAPES[c];
  if (named !== undefined) return named;
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return 'x' + hex.padStart(2, '0');
  if (c <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

/** check_simple_key: single-line and at most 128 bytes of UTF-8. */
function isSimpleKey(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029) return false;
  }
  return key.length <= 42 || Buffer.byteLength(key, 'utf8') <= 128;
}

/** ASCII text that analyzeScalar would leave plain: no spaces at the ends, no indicators. */
function isPlainSafeAscii(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  let prev = 0x20;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) {
      if (c === 0x20 && i > 0 && i < n - 1) { prev = c; continue; }
      return false;
    }
    const next = i + 1 < n ? s.charCodeAt(i + 1) : 0x20;
    if (i === 0 && '#,[]{}&*!|>\'"%@`'.includes(s[0])) return false;
    if ((c === 0x3a || (i === 0 && (c === 0x3f || c === 0x2d))) && next === 0x20) return false;
    if (c === 0x23 && prev === 0x20) return false;
    prev = c;
  }
  if (n >= 3 && (s.startsWith('---') || s.startsWith('...'))) return false;
  return true;
}

function yamlFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  return formatFloatG(f);
}
