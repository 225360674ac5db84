// kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath as of 1.32) and the `-o jsonpath`
// printer. It is a template language, not RFC 9535: text outside `{}` is copied, `{range}`/`{end}`
// loop, results of one action are joined by spaces, maps and lists print as compact JSON, and a
// missing key prints nothing. Parser and evaluator keep upstream's structure and names
// (parseInsideAction, evalArray, FindResults...) so they can be diffed against the Go code,
// including its quirks (a `{range}` without `{end}` re-runs the rest of the template on the root).
import {
  compareCodePoints, formatFloatG, formatGoInt, isGoInt, marshalJSON, PrintError, sortedKeys,
  toPrintable, type JsonValue, type Printer,
} from './json.js';

// ---------------------------------------------------------------------------------------------
// Parse tree (node.go)

export interface ListNode { type: 'list'; nodes: Node[] }
interface ParamsEntry { value: number; known: boolean; derived: boolean }
export type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; value: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
  | { type: 'filter'; left: ListNode; right: ListNode; operator: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

const newList = (): ListNode => ({ type: 'list', nodes: [] });

// ---------------------------------------------------------------------------------------------
// Parser (parser.go). Positions are UTF-16 offsets; `next` steps over whole code points.

const EOF = -1;
const SLICE_OPERATOR = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/s;

/** Parses a template; throws an Error carrying upstream's message (e.g. `unclosed action`). */
export function parseJSONPath(text: string): ListNode {
  return new Parser(text).parse();
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  private root: ListNode = newList();

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.root = newList();
    this.pos = 0;
    this.parseText(this.root);
    return this.root;
  }

  private consumeText(): string {
    const value = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return value;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith('{', this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        return this.parseLeftDelim(cur);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
  }

  private parseLeftDelim(cur: ListNode): void {
    this.pos += 1;
    this.consumeText();
    const node = newList();
    cur.nodes.push(node);
    return this.parseInsideAction(node);
  }

  // Upstream recurses once per token; a loop keeps long templates off the call stack.
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos, this.pos + 3);
      if (rest.startsWith('}')) return this.parseRightDelim();
      if (rest === '[?(') { this.parseFilter(cur); continue; }
      if (rest.startsWith('..')) { this.parseRecursive(cur); continue; }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new Error('unclosed action');
      if (r === 0x20 || r === 0x40 /* @ */ || r === 0x24 /* $ */) this.consumeText();
      else if (r === 0x5b /* [ */) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e /* . */) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigit(r)) { this.backup(); this.parseNumber(cur); }
      else if (isAlphaNumeric(r)) { this.backup(); this.parseIdentifier(cur); }
      else throw new Error(`unrecognized character in action: ${formatRune(r)}`);
    }
  }

  private parseRightDelim(): void {
    this.pos += 1;
    this.consumeText();
    return this.parseText(this.root);
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      if (isTerminator(this.next())) { this.backup(); break; }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new Error('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      const c = this.next();
      if (c !== 0x2e && !isDigit(c)) { this.backup(); break; }
    }
    const value = this.consumeText();
    if (/^[+-]?[0-9]+$/.test(value) && Math.abs(Number(value)) < 2 ** 63) {
      cur.nodes.push({ type: 'int', value: Number(value) });
    } else if (/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(value)) {
      cur.nodes.push({ type: 'float', value: Number(value) });
    } else {
      throw new Error(`cannot parse number ${value}`);
    }
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || c === 0x0a) throw new Error('unterminated array');
      if (c === 0x5d /* ] */) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const strs = text.split(',');
    if (strs.length > 1) {
      const union = strs.map((s) => parseAction(`[${trimSpaces(s)}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }

    const key = DICT_KEY.exec(text);
    if (key) {
      for (const node of parseAction(`.${key[1]}`).nodes) cur.nodes.push(node);
      return;
    }

    const m = SLICE_OPERATOR.exec(text);
    if (!m) throw new Error(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') {
          params[i].known = false;
        } else {
          if (!/^[+-]?[0-9]+$/.test(value[i])) throw new Error(`array index ${value[i]} is not a number`);
          params[i].known = true;
          params[i].value = Number(value[i]);
        }
      } else if (i === 1) {
        params[i] = { known: true, value: params[0].value + 1, derived: true };
      }
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new Error('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29 /* ) */ && begin === end) {
        break;
      }
    }
    if (this.next() !== 0x5d) throw new Error('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = FILTER.exec(text);
    if (!m) {
      cur.nodes.push({ type: 'filter', left: parseAction(text), right: newList(), operator: 'exists' });
    } else {
      cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, quote: number): void {
    for (;;) {
      const c = this.next();
      if (c === EOF || c === 0x0a) throw new Error('unterminated quoted string');
      if (c === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (e) {
      throw new Error(`unquote string ${value} error ${(e as Error).message}`);
    }
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance());
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.replace(/\\/g, '') });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c /* \ */) this.next();
    else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

/** parseAction: parse `{text}` and return the action's list node. */
function parseAction(text: string): ListNode {
  const root = new Parser(`{${text}}`).parse();
  return root.nodes[0] as ListNode;
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}

function isTerminator(r: number): boolean {
  if (r === 0x20 || r === 0x09 || isEndOfLine(r)) return true;
  // eof . , [ ] $ @ { }
  return r === EOF || r === 0x2e || r === 0x2c || r === 0x5b || r === 0x5d || r === 0x24 || r === 0x40 || r === 0x7b || r === 0x7d;
}

const isEndOfLine = (r: number) => r === 0x0d || r === 0x0a;
const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const isDigit = (r: number) => r >= 0 && (r < 0x80 ? r >= 0x30 && r <= 0x39 : DIGIT.test(String.fromCodePoint(r)));
const isLetter = (r: number) => r >= 0 && (r < 0x80 ? (r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a : LETTER.test(String.fromCodePoint(r)));
const isAlphaNumeric = (r: number) => r === 0x5f || isLetter(r) || isDigit(r);

/** Go's %#U: `U+0023 '#'`. */
function formatRune(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}

/** UnquoteExtend: strconv.Unquote that also accepts single-quoted strings of any length. */
function unquoteExtend(s: string): string {
  const n = s.length;
  if (n < 2) throw new Error('invalid syntax');
  const quote = s[0];
  if (quote !== s[n - 1] || (quote !== '"' && quote !== "'")) throw new Error('invalid syntax');
  const body = s.slice(1, -1);
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === quote) throw new Error('invalid syntax');
    if (c !== '\\') {
      const cp = body.codePointAt(i) as number;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case "'": case '"':
        if (e !== quote) throw new Error('invalid syntax');
        out += e;
        break;
      case 'x': case 'u': case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) throw new Error('invalid syntax');
        const v = parseInt(hex, 16);
        if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) throw new Error('invalid syntax');
        out += String.fromCodePoint(v);
        i += len;
        break;
      }
      default: {
        if (e !== undefined && e >= '0' && e <= '7') {
          const oct = body.slice(i - 1, i + 2);
          if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw new Error('invalid syntax');
          out += String.fromCharCode(parseInt(oct, 8));
          i += 2;
          break;
        }
        throw new Error('invalid syntax');
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Values. Go walks reflect.Values; what matters here is whether a value is a slot of the decoded
// object (an interface{} that may hold nil), a literal from the template (int, float64, string,
// bool), a byte of a string (uint8), or no value at all.

type Val =
  | { kind: 'data'; v: JsonValue }
  | { kind: 'string'; v: string }
  | { kind: 'int'; v: number }
  | { kind: 'float'; v: number }
  | { kind: 'bool'; v: boolean }
  | { kind: 'uint8'; v: number }
  | { kind: 'invalid' };

const INVALID: Val = { kind: 'invalid' };
const data = (v: JsonValue): Val => ({ kind: 'data', v });

/** reflect.ValueOf(x) for a value handed over by Interface(): a nil interface becomes no value. */
function valueOf(x: JsonValue | undefined): Val {
  return x === null || x === undefined ? INVALID : data(x);
}

type GoKind = 'map' | 'slice' | 'string' | 'int64' | 'int' | 'float64' | 'bool' | 'uint8' | 'nil' | 'invalid';

function goKind(x: Val): GoKind {
  switch (x.kind) {
    case 'invalid': return 'invalid';
    case 'string': return 'string';
    case 'int': return 'int';
    case 'float': return 'float64';
    case 'bool': return 'bool';
    case 'uint8': return 'uint8';
    case 'data': {
      const v = x.v;
      if (v === null) return 'nil';
      if (typeof v === 'string') return 'string';
      if (typeof v === 'boolean') return 'bool';
      if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
      return Array.isArray(v) ? 'slice' : 'map';
    }
  }
}

const TYPE_NAMES: Record<GoKind, string> = {
  map: 'map[string]interface {}', slice: '[]interface {}', string: 'string', int64: 'int64', int: 'int',
  float64: 'float64', bool: 'bool', uint8: 'uint8', nil: '<nil>', invalid: '<invalid>',
};

/** The Go value behind a Val, for comparisons and printing. */
function iface(x: Val): JsonValue | undefined {
  return x.kind === 'invalid' ? undefined : x.v;
}

// ---------------------------------------------------------------------------------------------
// Evaluator (jsonpath.go)

export interface JSONPathOptions {
  /** kubectl's --allow-missing-template-keys, true by default for jsonpath output. */
  allowMissingKeys?: boolean;
  /** jsonpath-as-json: each result group is printed as an indented JSON array. */
  jsonOutput?: boolean;
}

export class JSONPath {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;
  private readonly allowMissingKeys: boolean;
  private readonly outputJSON: boolean;

  constructor(private readonly root: ListNode, opts: JSONPathOptions = {}) {
    this.allowMissingKeys = opts.allowMissingKeys ?? false;
    this.outputJSON = opts.jsonOutput ?? false;
  }

  /** Execute: every result group printed in turn. */
  execute(input: JsonValue): string {
    return this.findResults(input).map((r) => this.printResults(r)).join('');
  }

  /** FindResults, as the sorter and custom-columns use it: groups of values. */
  findValues(input: JsonValue): (JsonValue | undefined)[][] {
    return this.findResults(input).map((group) => group.map(iface));
  }

  findResults(input: JsonValue): Val[][] {
    this.beginRange = this.inRange = this.endRange = 0;
    this.lastEndNode = undefined;
    return this.find(this.root.nodes, valueOf(input));
  }

  private find(nodes: readonly Node[], root: Val): Val[][] {
    const cur = [root];
    const fullResult: Val[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);

      // encounter an end node, break the current block
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = node;
        break;
      }
      // encounter a range node, start a range loop
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        const rest = nodes.slice(i + 1);
        if (results.length > 0) {
          for (const value of results) fullResult.push(...this.find(rest, valueOf(iface(value))));
        } else {
          // The body still runs once, on nothing, so that parsing position reaches its {end}.
          this.find(rest, INVALID);
        }
        this.inRange--;
        // resume after the most recent end node that was encountered
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      fullResult.push(results);
    }
    return fullResult;
  }

  private walk(value: Val[], node: Node): Val[] {
    switch (node.type) {
      case 'list': return this.evalList(value, node);
      case 'text': return [{ kind: 'string', v: node.text }];
      case 'field': return this.evalField(value, node.value);
      case 'array': return this.evalArray(value, node.params);
      case 'filter': return this.evalFilter(value, node);
      case 'int': return value.map(() => ({ kind: 'int', v: node.value }));
      case 'bool': return value.map(() => ({ kind: 'bool', v: node.value }));
      case 'float': return value.map(() => ({ kind: 'float', v: node.value }));
      case 'wildcard': return this.evalWildcard(value);
      case 'recursive': return this.evalRecursive(value);
      case 'union': return node.nodes.flatMap((list) => this.evalList(value, list));
      case 'identifier': return this.evalIdentifier(value, node.name);
    }
  }

  private evalList(value: Val[], node: ListNode): Val[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: Val[], name: string): Val[] {
    switch (name) {
      case 'range':
        this.beginRange++;
        return input;
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new Error('not in range, nothing to end');
      default:
        throw new Error(`unrecognized identifier ${name}`);
    }
  }

  private evalArray(input: Val[], params: readonly ParamsEntry[]): Val[] {
    const result: Val[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      const kind = goKind(value);
      if (kind === 'invalid') throw new Error('reflect: call of reflect.Value.Type on zero Value');
      if (kind !== 'slice') throw new Error(`${TYPE_NAMES[kind]} is not array or slice`);
      const arr = (value as { v: JsonValue[] }).v;
      const len = arr.length;
      const [p0, p1, p2] = params.map((p) => ({ ...p }));
      if (!p0.known) p0.value = 0;
      if (p0.value < 0) p0.value += len;
      if (!p1.known) p1.value = len;
      if (p1.value < 0 || (p1.value === 0 && p1.derived)) p1.value += len;

      if (p1.value !== p0.value) {
        if (p0.value >= len || p0.value < 0) throw new Error(`array index out of bounds: index ${p0.value}, length ${len}`);
        if (p1.value > len || p1.value < 0) throw new Error(`array index out of bounds: index ${p1.value - 1}, length ${len}`);
        if (p0.value > p1.value) throw new Error(`starting index ${p0.value} is greater than ending index ${p1.value}`);
      } else {
        // upstream returns here, dropping any remaining inputs
        return result;
      }
      let step = 1;
      if (p2.known) {
        if (p2.value <= 0) throw new Error('step must be > 0');
        step = p2.value;
      }
      for (let i = p0.value; i < p1.value; i += step) result.push(data(arr[i]));
    }
    return result;
  }

  private evalField(input: Val[], name: string): Val[] {
    const results: Val[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (isNil(value)) continue;
      if (goKind(value) !== 'map') continue;
      const o = (value as { v: { [k: string]: JsonValue } }).v;
      if (Object.prototype.hasOwnProperty.call(o, name) && o[name] !== undefined) results.push(data(o[name]));
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new Error(`${name} is not found`);
    return results;
  }

  private evalWildcard(input: Val[]): Val[] {
    return input.flatMap((value) => (isNil(value) ? [] : children(value)));
  }

  private evalRecursive(input: Val[]): Val[] {
    const result: Val[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      const results = children(value);
      if (results.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(results));
      }
    }
    return result;
  }

  private evalFilter(input: Val[], node: Extract<Node, { type: 'filter' }>): Val[] {
    const results: Val[] = [];
    for (const value of input) {
      if (goKind(value) !== 'slice') throw new Error(`${sprintValue(value)} is not array or slice and cannot be filtered`);
      for (const item of (value as { v: JsonValue[] }).v) {
        const temp = [data(item)];
        if (node.operator === 'exists') {
          let lefts: Val[] = [];
          try { lefts = this.evalList(temp, node.left); } catch { /* upstream ignores the error here */ }
          if (lefts.length > 0) results.push(data(item));
          continue;
        }
        const lefts = this.evalList(temp, node.left);
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new Error('can only compare one element at a time');
        const rights = this.evalList(temp, node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new Error('can only compare one element at a time');
        if (compare(node.operator, lefts[0], rights[0])) results.push(data(item));
      }
    }
    return results;
  }

  /** PrintResults: one group's values, space-separated, or one JSON array for jsonpath-as-json. */
  printResults(results: Val[]): string {
    if (this.outputJSON) return marshalJSON(results.map((r) => iface(r) ?? null), '    ') + '\n';
    return results.map((r) => {
      const kind = goKind(r);
      if (kind === 'map' || kind === 'slice') return marshalJSON(iface(r) ?? null);
      return evalToText(r);
    }).join(' ');
  }
}

/** template.Indirect's nil check: an interface slot holding nil. */
function isNil(x: Val): boolean {
  return x.kind === 'data' && x.v === null;
}

/** The elements a wildcard or `..` visits: map values (sorted by key), list items, string bytes. */
function children(x: Val): Val[] {
  const kind = goKind(x);
  if (kind === 'map') {
    const o = (x as { v: { [k: string]: JsonValue } }).v;
    return sortedKeys(o).filter((k) => o[k] !== undefined).map((k) => data(o[k]));
  }
  if (kind === 'slice') return (x as { v: JsonValue[] }).v.map(data);
  if (kind === 'string') {
    return [...Buffer.from((x as { v: string }).v, 'utf8')].map((b): Val => ({ kind: 'uint8', v: b }));
  }
  return [];
}

/** evalToText: fmt.Fprint of the value; 1.32 prints a nil as `null`. */
function evalToText(x: Val): string {
  if (x.kind === 'invalid') return '<no value>';
  const v = x.v;
  if (v === null) return 'null';
  if (x.kind === 'float') return formatFloatG(v as number);
  return goSprint(v);
}

// Comparisons: text/template's eq/lt/... as forked into client-go.

const BAD_COMPARISON_TYPE = 'invalid type for comparison';
const BAD_COMPARISON = 'incompatible types for comparison';

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(x: Val): BasicKind {
  switch (goKind(x)) {
    case 'bool': return 'bool';
    case 'int': case 'int64': return 'int';
    case 'uint8': return 'uint';
    case 'float64': return 'float';
    case 'string': return 'string';
    default: throw new Error(BAD_COMPARISON_TYPE);
  }
}

function equal(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  const v1 = iface(a) as number | string | boolean;
  const v2 = iface(b) as number | string | boolean;
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return v1 === v2;
    throw new Error(BAD_COMPARISON);
  }
  return v1 === v2;
}

function less(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  const v1 = iface(a) as number | string | boolean;
  const v2 = iface(b) as number | string | boolean;
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return (v1 as number) < (v2 as number);
    throw new Error(BAD_COMPARISON);
  }
  if (k1 === 'bool') throw new Error(BAD_COMPARISON_TYPE);
  if (k1 === 'string') return compareCodePoints(v1 as string, v2 as string) < 0;
  return (v1 as number) < (v2 as number);
}

function compare(op: string, a: Val, b: Val): boolean {
  switch (op) {
    case '<': return less(a, b);
    case '>': return !(less(a, b) || equal(a, b));
    case '==': return equal(a, b);
    case '!=': return !equal(a, b);
    case '<=': return less(a, b) || equal(a, b);
    case '>=': return !less(a, b);
    default: throw new Error(`unrecognized filter operator ${op}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Go's fmt verbs on decoded values: %v (Sprint), %#v (GoSyntax) and %q (Quote).

/** fmt.Sprint: `map[a:1 b:[x y]]`, `<nil>` for nil, floats as %g. */
export function goSprint(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return isGoInt(v) ? formatGoInt(v) : formatFloatG(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map(goSprint).join(' ') + ']';
  return 'map[' + sortedKeys(v).filter((k) => v[k] !== undefined).map((k) => `${k}:${goSprint(v[k])}`).join(' ') + ']';
}

/** %v of a reflect.Value (as in error messages). */
function sprintValue(x: Val): string {
  if (x.kind === 'invalid') return '<invalid reflect.Value>';
  if (x.kind === 'float') return formatFloatG(x.v);
  return goSprint(x.v);
}

/** fmt's %#v of a decoded object: `map[string]interface {}{"k":"v", "n":1}`. */
export function goSyntax(v: JsonValue | undefined, top = true): string {
  if (v === null || v === undefined) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return isGoInt(v) ? formatGoInt(v) : formatFloatG(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[]interface {}{' + v.map((x) => goSyntax(x, false)).join(', ') + '}';
  const keys = sortedKeys(v).filter((k) => v[k] !== undefined);
  return 'map[string]interface {}{' + keys.map((k) => `${goQuote(k)}:${goSyntax(v[k], false)}`).join(', ') + '}';
}

const GO_PRINT = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

function isGoPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  return GO_PRINT.test(String.fromCodePoint(r));
}

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    if (r === 0x22 || r === 0x5c) { out += '\\' + ch; continue; }
    if (r >= 0xd800 && r <= 0xdfff) { out += '\\ufffd'; continue; }
    if (isGoPrint(r)) { out += ch; continue; }
    switch (r) {
      case 0x07: out += '\\a'; continue;
      case 0x08: out += '\\b'; continue;
      case 0x0c: out += '\\f'; continue;
      case 0x0a: out += '\\n'; continue;
      case 0x0d: out += '\\r'; continue;
      case 0x09: out += '\\t'; continue;
      case 0x0b: out += '\\v'; continue;
    }
    const hex = r.toString(16);
    if (r < 0x20 || r === 0x7f) out += '\\x' + hex.padStart(2, '0');
    else if (r < 0x10000) out += '\\u' + hex.padStart(4, '0');
    else out += '\\U' + hex.padStart(8, '0');
  }
  return out + '"';
}

// ---------------------------------------------------------------------------------------------
// The printer (cli-runtime printers/jsonpath.go)

/**
 * NewJSONPathPrinter: parses now (throwing the parser's message, which the flags layer prefixes
 * with `error parsing jsonpath ...`) and prints against the object or the List.
 */
export function jsonPathPrinter(template: string, opts: JSONPathOptions = {}): Printer {
  const root = parseJSONPath(template);
  return (objects, printOpts) => {
    const queryObj = toPrintable(objects, printOpts);
    const j = new JSONPath(root, { allowMissingKeys: opts.allowMissingKeys ?? true, jsonOutput: opts.jsonOutput });
    try {
      return j.execute(queryObj);
    } catch (e) {
      const err = e as Error;
      const buf =
        `Error executing template: ${err.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\tobject given to jsonpath engine was:\n\t\t${goSyntax(queryObj)}\n\n`;
      throw new PrintError(`error executing jsonpath ${goQuote(template)}: ${buf}\n`);
    }
  };
}

/** Exposed for tests and for callers that want the raw evaluator. */
export function evaluateJSONPath(template: string, input: JsonValue, opts: JSONPathOptions = {}): string {
  return new JSONPath(parseJSONPath(template), opts).execute(input);
}
