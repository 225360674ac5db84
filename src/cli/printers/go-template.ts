// kubectl's `-o go-template` printer (cli-runtime printers/template.go) over a TypeScript port of
// the parts of Go's text/template a template over decoded JSON can reach: actions, pipelines,
// variables, if/else/with/range (maps in key order), trim markers, comments, the builtin
// functions, and kubectl's `exists` and `base64decode`. Error messages keep Go's words and
// positions (`template: output:1:4: executing "output" at <.x.y>: ...`).
//
// Values are JSON values; `undefined` is Go's invalid reflect.Value (a missing key), which prints
// as `<no value>`. kubectl decodes integral numbers to int64 and others to float64.
import { Buffer } from 'node:buffer';
import {
  compareCodePoints, formatFloatG, formatGoInt, isGoInt, marshalJSON, PrintError, sortedKeys, toPrintable,
  type JsonValue, type Printer,
} from './json.js';
import { goQuote } from './jsonpath.js';

type Value = JsonValue | undefined;
const NAME = 'output';

// ---------------------------------------------------------------------------------------------
// Lexer (text/template/parse/lex.go)

type ItemType =
  | 'text' | 'leftDelim' | 'rightDelim' | 'identifier' | 'field' | 'variable' | 'string'
  | 'rawString' | 'char' | 'number' | 'bool' | 'nil' | 'dot' | 'pipe' | 'declare' | 'assign'
  | 'leftParen' | 'rightParen' | 'comma' | 'space' | 'keyword' | 'asciiChar' | 'eof' | 'error';
interface Item { typ: ItemType; pos: number; val: string; line: number }

const KEYWORDS = new Set(['if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'nil']);

class ParseError extends Error {}

/** A lexing error: Go's lexer hands it to the parser as an item, which fails only on reaching it. */
class LexStop { constructor(readonly msg: string) {} }

function lex(input: string): Item[] {
  const items: Item[] = [];
  const line = { n: 1 };
  try {
    lexInto(input, items, line);
  } catch (e) {
    if (!(e instanceof LexStop)) throw e;
    items.push({ typ: 'error', pos: input.length, val: e.msg, line: line.n }, { typ: 'eof', pos: input.length, val: '', line: line.n });
  }
  return items;
}

function lexInto(input: string, items: Item[], lineRef: { n: number }): void {
  let pos = 0;
  let line = 1;
  const emit = (typ: ItemType, start: number, end: number): void => {
    items.push({ typ, pos: start, val: input.slice(start, end), line });
    for (let i = start; i < end; i++) if (input[i] === '\n') line++;
  };
  const fail = (msg: string): never => { lineRef.n = line; throw new LexStop(msg); };
  const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  const isAlnum = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);
  // atTerminator: what may follow a word, field or variable.
  const terminated = (): void => {
    const r = input[pos];
    if (r === undefined || /[\s.,|:)(]/.test(r) || input.startsWith('}}', pos)) return;
    fail(`bad character ${goRune(input.codePointAt(pos) as number)}`);
  };
  while (pos < input.length) {
    let next = input.indexOf('{{', pos);
    if (next < 0) { emit('text', pos, input.length); pos = input.length; break; }
    let textEnd = next;
    const trimLeft = input.startsWith('{{- ', next) || input.startsWith('{{-\t', next) || input.startsWith('{{-\n', next) || input.startsWith('{{-\r', next);
    if (trimLeft) while (textEnd > pos && isSpace(input[textEnd - 1])) textEnd--;
    if (textEnd > pos) emit('text', pos, textEnd);
    // Lines inside trimmed whitespace still count.
    for (let i = textEnd; i < next; i++) if (input[i] === '\n') line++;
    pos = next;
    // Comment.
    const afterDelim = pos + 2 + (trimLeft ? 2 : 0);
    if (input.startsWith('/*', afterDelim)) {
      const end = input.indexOf('*/', afterDelim + 2);
      if (end < 0) fail('unclosed comment');
      let p = end + 2;
      let trimRight = false;
      if (/^[ \t\r\n]-}}/.test(input.slice(p, p + 4))) { trimRight = true; p += 4; }
      else if (input.startsWith('}}', p)) p += 2;
      else fail('comment ends before closing delimiter');
      for (let i = pos; i < p; i++) if (input[i] === '\n') line++;
      pos = p;
      if (trimRight) while (pos < input.length && isSpace(input[pos])) { if (input[pos] === '\n') line++; pos++; }
      continue;
    }
    emit('leftDelim', pos, pos + 2);
    pos = afterDelim;
    let parenDepth = 0;
    // Inside the action.
    for (;;) {
      const rest = input.slice(pos);
      if (/^[ \t\r\n]-}}/.test(rest) || (rest.startsWith('}}') && parenDepth >= 0)) {
        const trimRight = !rest.startsWith('}}');
        if (trimRight) { for (let i = pos; i < pos + 2; i++) if (input[i] === '\n') line++; pos += 2; }
        if (parenDepth > 0) fail('unclosed left paren');
        emit('rightDelim', pos, pos + 2);
        pos += 2;
        if (trimRight) while (pos < input.length && isSpace(input[pos])) { if (input[pos] === '\n') line++; pos++; }
        break;
      }
      const c = input[pos];
      if (c === undefined) fail('unclosed action');
      if (c === '\r' || c === '\n' || c === ' ' || c === '\t') {
        const start = pos;
        while (pos < input.length && isSpace(input[pos]) && !/^[ \t\r\n]-}}/.test(input.slice(pos))) pos++;
        if (pos === start) pos++;
        emit('space', start, pos);
        continue;
      }
      if (c === '=') { emit('assign', pos, pos + 1); pos++; continue; }
      if (c === ':') {
        if (input[pos + 1] !== '=') fail('expected :=');
        emit('declare', pos, pos + 2); pos += 2; continue;
      }
      if (c === '|') { emit('pipe', pos, pos + 1); pos++; continue; }
      if (c === '"' || c === "'") {
        // Both end at the unescaped closing quote on the same line.
        const start = pos++;
        for (;;) {
          const ch = input[pos];
          if (ch === '\\') { pos += 2; continue; }
          if (ch === undefined || ch === '\n') fail(c === '"' ? 'unterminated quoted string' : 'unterminated character constant');
          pos++;
          if (ch === c) break;
        }
        emit(c === '"' ? 'string' : 'char', start, pos); continue;
      }
      if (c === '`') {
        const end = input.indexOf('`', pos + 1);
        if (end < 0) fail('unterminated raw quoted string');
        emit('rawString', pos, end + 1); pos = end + 1; continue;
      }
      if (c === '$') {
        const start = pos++;
        while (isAlnum(input[pos])) pos++;
        terminated();
        emit('variable', start, pos); continue;
      }
      if (c === '.') {
        if (pos + 1 < input.length && /[0-9]/.test(input[pos + 1])) { pos = lexNumber(input, pos, fail, emit); continue; }
        const start = pos++;
        if (!isAlnum(input[pos])) { emit('dot', start, pos); continue; }
        while (isAlnum(input[pos])) pos++;
        terminated();
        emit('field', start, pos); continue;
      }
      if (c === '+' || c === '-' || /[0-9]/.test(c)) { pos = lexNumber(input, pos, fail, emit); continue; }
      if (isAlnum(c)) {
        const start = pos;
        while (isAlnum(input[pos])) pos++;
        const word = input.slice(start, pos);
        terminated();
        if (KEYWORDS.has(word)) emit(word === 'nil' ? 'nil' : 'keyword', start, pos);
        else if (word === 'true' || word === 'false') emit('bool', start, pos);
        else emit('identifier', start, pos);
        continue;
      }
      if (c === '(') { parenDepth++; emit('leftParen', pos, pos + 1); pos++; continue; }
      if (c === ')') {
        parenDepth--;
        if (parenDepth < 0) fail('unexpected right paren');
        emit('rightParen', pos, pos + 1); pos++; continue;
      }
      if (c === ',') { emit('comma', pos, pos + 1); pos++; continue; }
      // Other printable ASCII becomes an item the parser then finds out of place.
      if (c >= ' ' && c <= '~') { emit('asciiChar', pos, pos + 1); pos++; continue; }
      fail(`unrecognized character in action: ${goRune(input.codePointAt(pos) as number)}`);
    }
  }
  items.push({ typ: 'eof', pos, val: '', line });
}

/** fmt's %#U: `U+0025 '%'`, without the quoted form for a rune that does not print. */
function goRune(r: number): string {
  const u = `U+${r.toString(16).toUpperCase().padStart(4, '0')}`;
  const ch = String.fromCodePoint(r);
  return goQuote(ch) === `"${ch}"` || ch === '"' ? `${u} '${ch}'` : u;
}

function lexNumber(input: string, pos: number, fail: (m: string) => never, emit: (t: ItemType, s: number, e: number) => void): number {
  const m = /^[+-]?(0[xX][0-9a-fA-F_]+(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|([0-9_]+\.?[0-9_]*|\.[0-9_]+)([eE][+-]?[0-9_]+)?)i?/.exec(input.slice(pos));
  if (!m || /[\p{L}\p{Nd}_.]/u.test(input[pos + m[0].length] ?? '')) {
    const bad = /^[+\-.\w]*/u.exec(input.slice(pos))?.[0] ?? '';
    fail(`bad number syntax: ${goQuote(bad)}`);
  }
  emit('number', pos, pos + m![0].length);
  return pos + m![0].length;
}

// ---------------------------------------------------------------------------------------------
// Parse tree (parse/node.go, parse.go)

type Arg =
  | { type: 'field'; pos: number; ident: string[] }
  | { type: 'variable'; pos: number; ident: string[] }
  | { type: 'dot'; pos: number }
  | { type: 'nil'; pos: number }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'string'; pos: number; quoted: string; text: string }
  | { type: 'number'; pos: number; text: string; value: number }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'chain'; pos: number; node: Arg; field: string[] }
  | { type: 'pipe'; pos: number; pipe: Pipe };
interface Command { pos: number; args: Arg[] }
interface Pipe { pos: number; decl: string[]; isAssign: boolean; cmds: Command[] }
type TNode =
  | { type: 'text'; text: string }
  | { type: 'action'; pos: number; pipe: Pipe }
  | { type: 'if' | 'with' | 'range'; pos: number; pipe: Pipe; list: TNode[]; elseList?: TNode[] }
  | { type: 'break' | 'continue'; pos: number }
  | { type: 'template'; pos: number; name: string; quoted: string; pipe?: Pipe };

/** The parsed template: its body and the templates it defines with define/block. */
interface Tree { root: TNode[]; defs: Map<string, TNode[]> }

const FUNCS = new Set(['and', 'or', 'not', 'len', 'index', 'slice', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'js', 'urlquery', 'call', 'exists', 'base64decode']);

class Parser {
  private i = 0;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private depth = 0;
  readonly defs = new Map<string, TNode[]>();
  constructor(private readonly items: Item[]) {}

  private next(): Item { return this.items[this.i++]; }
  private peek(): Item { return this.items[this.i]; }
  private backup(): void { this.i--; }
  private nextNonSpace(): Item { let t = this.next(); while (t.typ === 'space') t = this.next(); return t; }
  private peekNonSpace(): Item { const t = this.nextNonSpace(); this.backup(); return t; }
  private errorf(msg: string, line = this.items[Math.max(0, this.i - 1)].line): never {
    throw new ParseError(`template: ${NAME}:${line}: ${msg}`);
  }
  private unexpected(t: Item, context: string): never {
    if (t.typ === 'error') this.errorf(t.val, t.line);
    this.errorf(`unexpected ${describe(t)} in ${context}`, t.line);
  }

  parse(): TNode[] {
    const list: TNode[] = [];
    while (this.peek().typ !== 'eof') {
      const n = this.textOrAction();
      if ('end' in n || 'else' in n) this.errorf(`unexpected ${'end' in n ? '{{end}}' : '{{else}}'}`);
      list.push(n as TNode);
    }
    return list;
  }

  private textOrAction(): TNode | { end: true; pos: number } | { else: true; pos: number; elseIf: boolean } {
    const t = this.nextNonSpace();
    if (t.typ === 'text') return { type: 'text', text: t.val };
    if (t.typ === 'leftDelim') return this.action();
    this.unexpected(t, 'input');
  }

  private itemList(): { list: TNode[]; stop: { end: true; pos: number } | { else: true; pos: number; elseIf: boolean } } {
    const list: TNode[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if (t.typ === 'eof') this.errorf('unexpected EOF', t.line);
      const n = this.textOrAction();
      if ('end' in n || 'else' in n) return { list, stop: n };
      list.push(n);
    }
  }

  private action(): TNode | { end: true; pos: number } | { else: true; pos: number; elseIf: boolean } {
    const t = this.nextNonSpace();
    if (t.typ === 'keyword') {
      switch (t.val) {
        case 'end': this.expect('rightDelim', 'end'); return { end: true, pos: t.pos };
        case 'else': {
          const p = this.peekNonSpace();
          if (p.typ === 'keyword' && (p.val === 'if' || p.val === 'with')) return { else: true, pos: t.pos, elseIf: true };
          this.expect('rightDelim', 'else');
          return { else: true, pos: t.pos, elseIf: false };
        }
        case 'if': case 'with': case 'range': return this.control(t.val, t.pos);
        case 'break': case 'continue':
          if (this.rangeDepth === 0) this.errorf(`{{${t.val}}} outside {{range}}`);
          this.expect('rightDelim', `{{${t.val}}}`);
          return { type: t.val, pos: t.pos };
        case 'define': {
          if (this.depth > 0) this.unexpected(t, 'command');
          const name = this.templateName('define clause');
          this.expect('rightDelim', 'define clause');
          this.defineBody(name);
          return { type: 'text', text: '' };
        }
        case 'template': case 'block': {
          const context = `${t.val} clause`;
          const nameTok = this.nextNonSpace();
          if (nameTok.typ !== 'string' && nameTok.typ !== 'rawString') this.unexpected(nameTok, context);
          const name = nameTok.typ === 'string' ? unquoteString(nameTok.val, (m) => this.errorf(m)) : nameTok.val.slice(1, -1);
          let pipe: Pipe | undefined;
          if (this.peekNonSpace().typ !== 'rightDelim') pipe = this.pipeline(context, 'rightDelim');
          else this.nextNonSpace();
          if (t.val === 'block') this.defineBody(name);
          return { type: 'template', pos: nameTok.pos, name, quoted: nameTok.val, pipe };
        }
      }
    }
    this.backup();
    const pos = this.peek().pos;
    return { type: 'action', pos, pipe: this.pipeline('command', 'rightDelim') };
  }

  private templateName(context: string): string {
    const t = this.nextNonSpace();
    if (t.typ === 'string') return unquoteString(t.val, (m) => this.errorf(m));
    if (t.typ === 'rawString') return t.val.slice(1, -1);
    return this.unexpected(t, context);
  }

  /** The body of a define or block up to its {{end}}; its variables are its own. */
  private defineBody(name: string): void {
    const savedVars = this.vars;
    const savedRange = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const { list, stop } = this.itemList();
    if (!('end' in stop)) this.errorf('unexpected {{else}}');
    this.vars = savedVars;
    this.rangeDepth = savedRange;
    // A later definition of the same name replaces an earlier, unless the new one is empty.
    if (!this.defs.has(name) || list.some((n) => n.type !== 'text' || n.text.trim() !== '')) this.defs.set(name, list);
  }

  private control(kind: 'if' | 'with' | 'range', pos: number): TNode {
    const saved = this.vars.length;
    const pipe = this.pipeline(kind, 'rightDelim');
    if (kind === 'range') this.rangeDepth++;
    this.depth++;
    const { list, stop } = this.itemList();
    this.depth--;
    if (kind === 'range') this.rangeDepth--;
    let elseList: TNode[] | undefined;
    if ('else' in stop) {
      if (stop.elseIf) {
        // {{else if x}} is {{else}}{{if x}}...{{end}}{{end}} sharing one {{end}}.
        const kw = this.nextNonSpace();
        if (kind !== kw.val) this.errorf(`unexpected {{else ${kw.val}}}`);
        elseList = [this.control(kind, stop.pos)];
      } else {
        this.depth++;
        const r = this.itemList();
        this.depth--;
        if (!('end' in r.stop)) this.errorf(`expected end; found {{else}}`);
        elseList = r.list;
      }
    }
    this.vars.length = saved;
    return { type: kind, pos, pipe, list, elseList };
  }

  private expect(typ: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== typ) this.unexpected(t, context);
    return t;
  }

  private pipeline(context: string, end: ItemType): Pipe {
    const token = this.peekNonSpace();
    const pipe: Pipe = { pos: token.pos, decl: [], isAssign: false, cmds: [] };
    // Declarations: $x := or $x, $y := (range only) or $x =.
    const v = this.peekNonSpace();
    if (v.typ === 'variable') {
      const save = this.i;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.typ === 'declare' || next.typ === 'assign') {
        this.nextNonSpace();
        pipe.isAssign = next.typ === 'assign';
        pipe.decl.push(v.val);
        if (!pipe.isAssign) this.vars.push(v.val);
        else if (!this.vars.includes(v.val)) this.errorf(`undefined variable "${v.val}"`);
      } else if (next.typ === 'comma' && context === 'range') {
        this.nextNonSpace();
        const v2 = this.nextNonSpace();
        if (v2.typ !== 'variable') this.errorf(`range can only initialize variables`);
        const d = this.nextNonSpace();
        if (d.typ !== 'declare' && d.typ !== 'assign') this.errorf('range can only initialize variables');
        pipe.isAssign = d.typ === 'assign';
        pipe.decl.push(v.val, v2.val);
        if (!pipe.isAssign) this.vars.push(v.val, v2.val);
      } else {
        this.i = save;
      }
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
        return pipe;
      }
      if (['bool', 'char', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'].includes(t.typ)) {
        this.backup();
        pipe.cmds.push(this.command());
        continue;
      }
      this.unexpected(t, context);
    }
  }

  private command(): Command {
    const cmd: Command = { pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      switch (t.typ) {
        case 'space': continue;
        case 'rightDelim': case 'rightParen': this.backup(); break;
        case 'pipe': break;
        default: this.unexpected(t, 'operand');
      }
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node) return undefined;
    if (this.peek().typ === 'field') {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === 'field') fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field': return { type: 'field', pos, ident: [...node.ident, ...fields] };
        case 'variable': return { type: 'variable', pos, ident: [...node.ident, ...fields] };
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          this.errorf(`unexpected . after term ${goQuote(argString(node))}`);
        default: return { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.typ) {
      case 'identifier':
        if (!FUNCS.has(t.val)) this.errorf(`function ${goQuote(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot': return { type: 'dot', pos: t.pos };
      case 'nil': return { type: 'nil', pos: t.pos };
      case 'variable':
        if (!this.vars.includes(t.val)) this.errorf(`undefined variable ${goQuote(t.val)}`);
        return { type: 'variable', pos: t.pos, ident: [t.val] };
      case 'field': return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case 'bool': return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case 'char': return { type: 'number', pos: t.pos, text: t.val, value: unquoteChar(t.val) };
      case 'number': return { type: 'number', pos: t.pos, text: t.val, value: parseGoNumber(t.val, (m) => this.errorf(m)) };
      case 'leftParen': {
        const pipe = this.pipeline('parenthesized pipeline', 'rightParen');
        return { type: 'pipe', pos: t.pos, pipe };
      }
      case 'string': return { type: 'string', pos: t.pos, quoted: t.val, text: unquoteString(t.val, (m) => this.errorf(m)) };
      case 'rawString': return { type: 'string', pos: t.pos, quoted: t.val, text: t.val.slice(1, -1).replace(/\r/g, '') };
    }
    this.backup();
    return undefined;
  }
}

function describe(t: Item): string {
  switch (t.typ) {
    case 'eof': return 'EOF';
    case 'rightDelim': return '"}}"';
    case 'leftDelim': return '"{{"';
    case 'keyword': return `<${t.val}>`;
    case 'space': return 'space';
    default: return t.val.length > 10 ? `${goQuote(t.val.slice(0, 10))}...` : goQuote(t.val);
  }
}

function unquoteString(q: string, fail: (m: string) => never): string {
  try {
    return JSON.parse(q.replace(/\\([abfv'])/g, (_, c: string) => ({ a: '\\u0007', b: '\\b', f: '\\f', v: '\\u000b', "'": "'" })[c] as string)
      .replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')) as string;
  } catch {
    return fail(`invalid syntax`);
  }
}

function unquoteChar(q: string): number {
  const body = q.slice(1, -1);
  if (body.startsWith('\\')) return (unquoteString(`"${body}"`, () => { throw new ParseError('invalid syntax'); }).codePointAt(0)) as number;
  return body.codePointAt(0) as number;
}

function parseGoNumber(text: string, fail: (m: string) => never): number {
  const s = text.replace(/_/g, '');
  let n: number;
  if (/^[+-]?0[xX]/.test(s) && !/[pP.]/.test(s)) n = Number(s.replace(/^([+-]?)0[xX]/, '$10x').replace(/^-0x(.*)$/, (_, h: string) => `-${parseInt(h, 16)}`));
  else if (/^[+-]?0[bB]/.test(s)) n = (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[+-]?0[bB]/, ''), 2);
  else if (/^[+-]?0[oO]/.test(s)) n = (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[+-]?0[oO]/, ''), 8);
  else if (/^[+-]?0[0-7]+$/.test(s)) n = (s.startsWith('-') ? -1 : 1) * parseInt(s.replace(/^[+-]?0/, ''), 8);
  else n = Number(s);
  if (Number.isNaN(n)) fail(`illegal number syntax: ${goQuote(text)}`);
  return n;
}

function argString(a: Arg): string {
  switch (a.type) {
    case 'field': return a.ident.map((f) => '.' + f).join('');
    case 'variable': return a.ident.join('.');
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'identifier': return a.name;
    case 'string': return a.quoted;
    case 'number': return a.text;
    case 'bool': return String(a.value);
    case 'chain': return `${argString(a.node)}.${a.field.join('.')}`;
    case 'pipe': return `(${pipeString(a.pipe)})`;
  }
}

function pipeString(p: Pipe): string {
  const decl = p.decl.length ? `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return decl + p.cmds.map((c) => c.args.map(argString).join(' ')).join(' | ');
}

// ---------------------------------------------------------------------------------------------
// Execution (text/template/exec.go, funcs.go)

class ExecError extends Error {}
class Break { constructor(readonly cont: boolean) {} }

interface Scope { vars: { name: string; value: Value }[] }

class State {
  out = '';
  private node: { pos: number; text: string } | undefined;
  private calls = 0;
  constructor(private readonly text: string, private readonly missingKeyError: boolean, private readonly defs: Map<string, TNode[]>) {}

  private at(pos: number, text: string): void { this.node = { pos, text }; }

  errorf(msg: string): never {
    if (!this.node) throw new ExecError(`template: ${NAME}: ${msg}`);
    const before = this.text.slice(0, this.node.pos);
    const nl = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    // Go reports the first line's column as the byte offset, later ones relative to the newline.
    const col = nl < 0 ? Buffer.byteLength(before) : Buffer.byteLength(before.slice(nl + 1));
    throw new ExecError(`template: ${NAME}:${line}:${col}: executing "${NAME}" at <${this.node.text}>: ${msg}`);
  }

  walk(dot: Value, list: TNode[], scope: Scope): void {
    for (const n of list) {
      switch (n.type) {
        case 'text': this.out += n.text; break;
        case 'action': {
          const v = this.evalPipeline(dot, n.pipe, scope);
          if (n.pipe.decl.length === 0) this.out += v === undefined ? '<no value>' : fmtValue(v);
          break;
        }
        case 'if': case 'with': {
          const mark = scope.vars.length;
          const v = this.evalPipeline(dot, n.pipe, scope);
          if (this.isTrue(v)) this.walk(n.type === 'with' ? v : dot, n.list, scope);
          else if (n.elseList) this.walk(dot, n.elseList, scope);
          scope.vars.length = mark;
          break;
        }
        case 'range': this.walkRange(dot, n, scope); break;
        case 'template': {
          this.at(n.pos, `{{template ${n.quoted}${n.pipe ? ' ' + pipeString(n.pipe) : ''}}}`);
          const body = this.defs.get(n.name);
          if (!body) this.errorf(`template ${goQuote(n.name)} not defined`);
          if (this.calls >= 100000) this.errorf('exceeded maximum template depth (100000)');
          const v = n.pipe ? this.evalPipeline(dot, n.pipe, scope) : undefined;
          this.calls++;
          this.walk(v, body, { vars: [{ name: '$', value: v }] });
          this.calls--;
          break;
        }
        case 'break': throw new Break(false);
        case 'continue': throw new Break(true);
      }
    }
  }

  private walkRange(dot: Value, n: Extract<TNode, { pipe: Pipe; list: TNode[] }>, scope: Scope): void {
    const mark = scope.vars.length;
    const v = this.evalPipeline(dot, { ...n.pipe, decl: [] }, scope);
    const entries: [Value, Value][] = [];
    if (Array.isArray(v)) v.forEach((e, i) => entries.push([i, e]));
    else if (v !== null && typeof v === 'object') for (const k of sortedKeys(v)) entries.push([k, v[k]]);
    else if (typeof v === 'number' && isGoInt(v)) for (let i = 0; i < v; i++) entries.push([i, i]);
    else if (v !== undefined) {
      this.at(n.pipe.pos, pipeString(n.pipe));
      this.errorf(`range can't iterate over ${fmtValue(v)}`);
    }
    for (const [k, e] of entries) {
      const iterMark = scope.vars.length;
      if (n.pipe.decl.length === 1) this.setVar(scope, n.pipe.decl[0], e, n.pipe.isAssign);
      if (n.pipe.decl.length === 2) { this.setVar(scope, n.pipe.decl[0], k, n.pipe.isAssign); this.setVar(scope, n.pipe.decl[1], e, n.pipe.isAssign); }
      try {
        this.walk(e, n.list, scope);
      } catch (x) {
        if (!(x instanceof Break)) throw x;
        scope.vars.length = iterMark;
        if (!x.cont) break;
      }
      scope.vars.length = iterMark;
    }
    if (entries.length === 0 && n.elseList) this.walk(dot, n.elseList, scope);
    scope.vars.length = mark;
  }

  private setVar(scope: Scope, name: string, value: Value, assign: boolean): void {
    if (assign) {
      for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i].name === name) { scope.vars[i].value = value; return; }
    }
    scope.vars.push({ name, value });
  }

  private varValue(scope: Scope, name: string): Value {
    for (let i = scope.vars.length - 1; i >= 0; i--) if (scope.vars[i].name === name) return scope.vars[i].value;
    return this.errorf(`undefined variable: ${name}`);
  }

  private evalPipeline(dot: Value, pipe: Pipe, scope: Scope): Value {
    let value: Value = undefined;
    let hasFinal = false;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, hasFinal ? { value } : undefined, scope);
      hasFinal = true;
      // An interface{} holding nil is no value (reflect.ValueOf(nil)).
      if (value === null) value = undefined;
    }
    if (pipe.decl.length === 1) this.setVar(scope, pipe.decl[0], value, pipe.isAssign);
    return value;
  }

  private evalCommand(dot: Value, cmd: Command, final: { value: Value } | undefined, scope: Scope): Value {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field': return this.evalFieldChain(dot, first, first.ident, cmd.args, final);
      case 'chain': return this.evalFieldChain(this.evalArg(dot, first.node, scope), first, first.field, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, final, scope);
      case 'variable': {
        const v = this.varValue(scope, first.ident[0]);
        if (first.ident.length === 1) { this.notAFunction(cmd.args, final); return v; }
        return this.evalFieldChain(v, first, first.ident.slice(1), cmd.args, final);
      }
      case 'pipe': this.notAFunction(cmd.args, final); return this.evalPipeline(dot, first.pipe, { vars: scope.vars });
    }
    this.notAFunction(cmd.args, final);
    this.at(first.pos, argString(first));
    switch (first.type) {
      case 'bool': return first.value;
      case 'dot': return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return first.value;
      case 'string': return first.text;
    }
  }

  private notAFunction(args: Arg[], final: { value: Value } | undefined): void {
    if (args.length > 1 || final) {
      this.at(args[0].pos, argString(args[0]));
      this.errorf(`can't give argument to non-function ${argString(args[0])}`);
    }
  }

  private evalFieldChain(receiver: Value, node: Arg, ident: string[], args: Arg[], final: { value: Value } | undefined): Value {
    this.at(node.pos, argString(node));
    let v = receiver;
    for (let i = 0; i < ident.length; i++) {
      if (i === ident.length - 1 && (args.length > 1 || final)) this.errorf(`${ident[i]} is not a method but has arguments`);
      v = this.evalField(v, ident[i]);
    }
    return v;
  }

  private evalField(receiver: Value, name: string): Value {
    if (receiver === undefined) {
      if (this.missingKeyError) this.errorf(`nil data; no entry for key ${goQuote(name)}`);
      return undefined;
    }
    if (receiver === null) this.errorf(`nil pointer evaluating interface {}.${name}`);
    if (typeof receiver === 'object' && !Array.isArray(receiver)) {
      if (Object.prototype.hasOwnProperty.call(receiver, name) && receiver[name] !== undefined) return receiver[name];
      if (this.missingKeyError) this.errorf(`map has no entry for key ${goQuote(name)}`);
      return undefined;
    }
    // Every value below the root is an interface{} holding what JSON decoded to.
    return this.errorf(`can't evaluate field ${name} in type interface {}`);
  }

  private evalArg(dot: Value, a: Arg, scope: Scope): Value {
    this.at(a.pos, argString(a));
    switch (a.type) {
      case 'dot': return dot;
      case 'nil': return null;
      case 'field': return this.evalFieldChain(dot, a, a.ident, [a], undefined);
      case 'variable': {
        const v = this.varValue(scope, a.ident[0]);
        return a.ident.length === 1 ? v : this.evalFieldChain(v, a, a.ident.slice(1), [a], undefined);
      }
      case 'pipe': return this.evalPipeline(dot, a.pipe, { vars: scope.vars });
      case 'identifier': return this.evalFunction(dot, a, { pos: a.pos, args: [a] }, undefined, scope);
      case 'chain': return this.evalFieldChain(this.evalArg(dot, a.node, scope), a, a.field, [a], undefined);
      case 'bool': return a.value;
      case 'number': return a.value;
      case 'string': return a.text;
    }
  }

  private evalFunction(dot: Value, fn: Extract<Arg, { type: 'identifier' }>, cmd: Command, final: { value: Value } | undefined, scope: Scope): Value {
    const name = fn.name;
    const argNodes = cmd.args.slice(1);
    const where = { pos: fn.pos, text: cmd.args.map(argString).join(' ') };
    const setWhere = (): void => this.at(where.pos, where.text);
    // and/or evaluate lazily and stop at the first deciding argument.
    if (name === 'and' || name === 'or') {
      const total = argNodes.length + (final ? 1 : 0);
      if (total < 1) { setWhere(); this.errorf(`wrong number of args for ${name}: want at least 1 got 0`); }
      let v: Value = undefined;
      for (let i = 0; i < total; i++) {
        v = i < argNodes.length ? this.evalArg(dot, argNodes[i], scope) : (final as { value: Value }).value;
        if (this.isTrue(v) === (name === 'or')) return v;
      }
      return v;
    }
    const args = argNodes.map((a) => this.evalArg(dot, a, scope));
    // Integer constants in a template are Go ints; numbers from the object are int64.
    const literalInts = new Set(argNodes.flatMap((a, i) => (a.type === 'number' && isGoInt(a.value) && !/[.eEpP]/.test(a.text.replace(/^0[xX].*/, '')) ? [i] : [])));
    if (final) args.push(final.value);
    setWhere();
    try {
      typeNames = (v, i) => (literalInts.has(i) ? 'int' : dynType(v));
      return callBuiltin(name, args);
    } catch (e) {
      if (e instanceof ArgCountError) this.errorf(e.message);
      if (e instanceof FuncError) this.errorf(`error calling ${name}: ${e.message}`);
      throw e;
    }
  }

  isTrue(v: Value): boolean {
    if (v === undefined || v === null) return false;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string') return v.length > 0;
    if (typeof v === 'number') return v !== 0;
    if (Array.isArray(v)) return v.length > 0;
    return Object.keys(v).length > 0;
  }
}

class FuncError extends Error {}

/** The Go type of the i-th argument of the builtin being called (its constants are ints). */
let typeNames: (v: Value, i: number) => string = (v) => dynType(v);
class ArgCountError extends Error {}

function want(name: string, args: Value[], n: number): void {
  if (args.length !== n) throw new ArgCountError(`wrong number of args for ${name}: want ${n} got ${args.length}`);
}

/** The Go type name fmt prints in %!verb(type=value). */
function dynType(v: Value): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return isGoInt(v) ? 'int64' : 'float64';
  if (Array.isArray(v)) return '[]interface {}';
  return 'map[string]interface {}';
}

function callBuiltin(name: string, args: Value[]): Value {
  switch (name) {
    case 'not': want(name, args, 1); return !truth(args[0]);
    case 'len': {
      want(name, args, 1);
      const v = args[0];
      if (typeof v === 'string') return Buffer.byteLength(v);
      if (Array.isArray(v)) return v.length;
      if (v !== null && typeof v === 'object') return Object.keys(v).length;
      if (v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
      if (v === null) throw new FuncError('len of nil pointer');
      throw new FuncError(`len of type ${typeNames(v, 0)}`);
    }
    case 'index': {
      if (args.length < 1) throw new ArgCountError('wrong number of args for index: want at least 1 got 0');
      let v = args[0];
      if (v === undefined || v === null) throw new FuncError('index of untyped nil');
      for (const k of args.slice(1)) {
        if (v === undefined || v === null) throw new FuncError('index of nil pointer');
        if (Array.isArray(v) || typeof v === 'string') {
          if (typeof k !== 'number' || !isGoInt(k)) throw new FuncError(`cannot index slice/array with type ${typeNames(k, args.indexOf(k))}`);
          const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
          if (k < 0 || k >= len) throw new FuncError(`index out of range: ${k}`);
          v = typeof v === 'string' ? Buffer.from(v)[k] : v[k];
        } else if (typeof v === 'object') {
          if (typeof k !== 'string') throw new FuncError(`value has type ${typeNames(k, args.indexOf(k))}; should be string`);
          v = Object.prototype.hasOwnProperty.call(v, k) ? v[k] : null;
        } else {
          throw new FuncError(`can't index item of type ${dynType(v)}`);
        }
      }
      return v;
    }
    case 'slice': {
      if (args.length < 1) throw new ArgCountError('wrong number of args for slice: want at least 1 got 0');
      const v = args[0];
      if (v === undefined || v === null) throw new FuncError('slice of untyped nil');
      if (args.length > 4) throw new FuncError(`too many slice indexes: ${args.length - 1}`);
      if (typeof v !== 'string' && !Array.isArray(v)) throw new FuncError(`can't slice item of type ${dynType(v)}`);
      if (typeof v === 'string' && args.length > 3) throw new FuncError('cannot 3-index slice a string');
      const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
      const idx = [0, len, len];
      args.slice(1).forEach((k, i) => {
        if (typeof k !== 'number' || !isGoInt(k)) throw new FuncError(`cannot index slice/array with type ${dynType(k)}`);
        if (k < 0 || k > len) throw new FuncError(`index out of range: ${k}`);
        idx[i] = k;
      });
      if (idx[0] > idx[1]) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
      return typeof v === 'string' ? Buffer.from(v).subarray(idx[0], idx[1]).toString() : v.slice(idx[0], idx[1]);
    }
    case 'print': return sprint(args);
    case 'println': return args.map((a) => fmtValue(a)).join(' ') + '\n';
    case 'printf': {
      if (args.length < 1) throw new ArgCountError('wrong number of args for printf: want at least 1 got 0');
      if (typeof args[0] !== 'string') throw new FuncError(`wrong type for value; expected string; got ${dynType(args[0])}`);
      return sprintf(args[0], args.slice(1), (v, i) => typeNames(v, i + 1));
    }
    case 'eq': {
      if (args.length < 2) throw new FuncError('missing argument for comparison');
      return args.slice(1).some((b) => equal(args[0], b));
    }
    case 'ne': want(name, args, 2); return !equal(args[0], args[1]);
    case 'lt': want(name, args, 2); return compare(args[0], args[1], false) < 0;
    case 'le': want(name, args, 2); return compare(args[0], args[1], false) <= 0;
    case 'gt': want(name, args, 2); return compare(args[0], args[1], false) > 0;
    case 'ge': want(name, args, 2); return compare(args[0], args[1], false) >= 0;
    case 'html': return htmlEscape(evalArgs(args));
    case 'js': return jsEscape(evalArgs(args));
    case 'urlquery': return encodeURIComponent(evalArgs(args)).replace(/%20/g, '+').replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
    case 'exists': return exists(args[0], args.slice(1));
    case 'base64decode': {
      want(name, args, 1);
      if (typeof args[0] !== 'string') throw new FuncError(`wrong type for value; expected string; got ${dynType(args[0])}`);
      return base64decode(args[0]);
    }
    case 'call': throw new FuncError('call of nil');
  }
  throw new FuncError(`function ${goQuote(name)} not defined`);
}

function truth(v: Value): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'object') return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
  return Boolean(v);
}

/** evalArgs: a lone string is used as is, anything else goes through fmt.Sprint. */
function evalArgs(args: Value[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // printableValue: nothing there prints as <no value> here, unlike in print's own formatting.
  return sprint(args.map((a) => (a === undefined || a === null ? '<no value>' : a)));
}

function basicKind(v: Value): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'number') return isGoInt(v) ? 'int' : 'float';
  if (typeof v === 'object') return 'complex-type';
  return typeof v;
}

/** eq: a nil or missing value equals only another, without complaint. */
function equal(a: Value, b: Value): boolean {
  const na = a === undefined || a === null;
  const nb = b === undefined || b === null;
  if (na || nb) return na && nb;
  return compare(a, b, true) === 0;
}

function compare(a: Value, b: Value, equality: boolean): number {
  const ka = basicKind(a);
  const kb = basicKind(b);
  if (ka === 'complex-type' || kb === 'complex-type') {
    if (equality) throw new FuncError(`non-comparable type ${fmtValue(ka === 'complex-type' ? a : b)}: ${dynType(ka === 'complex-type' ? a : b)}`);
    throw new FuncError('invalid type for comparison');
  }
  if (ka === 'nil' || kb === 'nil') {
    if (!equality) throw new FuncError('invalid type for comparison');
    if (ka === kb) return 0;
    throw new FuncError('incompatible types for comparison');
  }
  if (ka !== kb) throw new FuncError('incompatible types for comparison');
  if (ka === 'bool') {
    if (!equality) throw new FuncError('invalid type for comparison');
    return a === b ? 0 : 1;
  }
  if (ka === 'string') return compareCodePoints(a as string, b as string);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function exists(item: Value, indices: Value[]): boolean {
  let v = item;
  for (const i of indices) {
    if (v === undefined || v === null) return false;
    if (Array.isArray(v) || typeof v === 'string') {
      if (typeof i !== 'number' || !isGoInt(i)) return false;
      const len = typeof v === 'string' ? Buffer.byteLength(v) : v.length;
      if (i < 0 || i >= len) return false;
      v = typeof v === 'string' ? Buffer.from(v)[i] : v[i];
    } else if (typeof v === 'object') {
      if (typeof i !== 'string') return false;
      v = Object.prototype.hasOwnProperty.call(v, i) ? v[i] : null;
    } else {
      return false;
    }
  }
  return v !== undefined && v !== null;
}

function base64decode(s: string): string {
  // Go's StdEncoding is strict: report the first bad byte as it does.
  for (let i = 0; i < s.length; i++) {
    if (!/[A-Za-z0-9+/=\r\n]/.test(s[i])) throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${i}`);
  }
  const clean = s.replace(/[\r\n]/g, '');
  const firstPad = clean.indexOf('=');
  if (clean.length % 4 !== 0 || (firstPad >= 0 && (firstPad < clean.length - 2 || /[^=]/.test(clean.slice(firstPad))))) {
    const at = firstPad >= 0 ? firstPad : clean.length - (clean.length % 4);
    throw new FuncError(`base64 decode failed: illegal base64 data at input byte ${at}`);
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] as string);
}

function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\': out += '\\\\'; continue;
      case "'": out += "\\'"; continue;
      case '"': out += '\\"'; continue;
      case '<': out += '\\u003C'; continue;
      case '>': out += '\\u003E'; continue;
      case '&': out += '\\u0026'; continue;
      case '=': out += '\\u003D'; continue;
    }
    if (r < 0x20) out += '\\u' + r.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// fmt

/** fmt.Sprint: a space between operands when neither is a string. */
function sprint(args: Value[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += fmtValue(a);
  });
  return out;
}

/** %v of a decoded JSON value, as fmt prints interface{} maps and slices. */
function fmtValue(v: Value): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return isGoInt(v) ? formatGoInt(v) : formatFloatG(v);
  if (Array.isArray(v)) return '[' + v.map((e) => fmtValue(e)).join(' ') + ']';
  return 'map[' + sortedKeys(v).map((k) => `${k}:${fmtValue(v[k])}`).join(' ') + ']';
}

function sprintf(format: string, args: Value[], typeOf: (v: Value, i: number) => string): string {
  let out = '';
  let argi = 0;
  const re = /%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d*))?(.)?/gsy;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) { out += format.slice(i); break; }
    out += format.slice(i, pct);
    re.lastIndex = pct;
    const m = re.exec(format) as RegExpExecArray;
    i = re.lastIndex;
    const flags = m[1];
    let width = m[2] === '*' ? Number(args[argi++]) : m[2] !== undefined ? Number(m[2]) : undefined;
    const prec = m[3] === '*' ? Number(args[argi++]) : m[3] !== undefined ? Number(m[3] || '0') : undefined;
    const verb = m[4];
    if (verb === undefined) { out += '%!(NOVERB)'; break; }
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const arg = args[argi++];
    let s = formatVerb(verb, flags, prec, arg, typeOf(arg, argi - 1));
    if (width !== undefined && Buffer.byteLength(s) < width) {
      width -= [...s].length;
      if (flags.includes('-')) s += ' '.repeat(width);
      else if (flags.includes('0') && typeof arg === 'number' && /[dfFeEgGxXob]/.test(verb)) {
        const sign = /^[+-]/.test(s) ? s[0] : '';
        s = sign + '0'.repeat(width) + s.slice(sign.length);
      } else s = ' '.repeat(width) + s;
    }
    out += s;
  }
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a, j) => `${typeOf(a, argi + j)}=${fmtValue(a)}`).join(', ') + ')';
  }
  return out;
}

function formatVerb(verb: string, flags: string, prec: number | undefined, arg: Value, type: string): string {
  const bad = (): string => (arg === undefined || arg === null ? `%!${verb}(<nil>)` : `%!${verb}(${type}=${fmtValue(arg)})`);
  const sign = (n: number, s: string): string => (n >= 0 && flags.includes('+') ? '+' + s : n >= 0 && flags.includes(' ') ? ' ' + s : s);
  switch (verb) {
    case 'v': {
      if (typeof arg === 'number') return sign(arg, fmtValue(arg));
      if (arg === undefined || arg === null) return '<nil>';
      return fmtValue(arg);
    }
    case 's':
      if (typeof arg === 'string') return prec !== undefined ? [...arg].slice(0, prec).join('') : arg;
      if (typeof arg === 'object' && arg !== null) return fmtValue(arg);
      return bad();
    case 'q':
      if (typeof arg === 'string') return goQuote(arg);
      if (typeof arg === 'number' && isGoInt(arg)) return `'${String.fromCodePoint(arg)}'`;
      return bad();
    case 't': return typeof arg === 'boolean' ? String(arg) : bad();
    case 'd':
      if (typeof arg === 'number' && isGoInt(arg)) return sign(arg, formatGoInt(arg));
      return bad();
    case 'x': case 'X': case 'o': case 'b': {
      const base = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
      let s: string;
      if (typeof arg === 'number' && isGoInt(arg)) s = (arg < 0 ? '-' : '') + Math.abs(arg).toString(base);
      else if (typeof arg === 'string' && base === 16) s = Buffer.from(arg).toString('hex');
      else return bad();
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
      if (typeof arg !== 'number' || isGoInt(arg)) return bad();
      let s: string;
      if (verb === 'f' || verb === 'F') s = arg.toFixed(prec ?? 6);
      else if (verb === 'e' || verb === 'E') s = arg.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      else s = prec === undefined ? formatFloatG(arg) : formatFloatG(Number(arg.toPrecision(prec || 1)));
      if (verb === 'E' || verb === 'G') s = s.toUpperCase();
      return sign(arg, s);
    }
  }
  return bad();
}

// ---------------------------------------------------------------------------------------------
// The printer (cli-runtime printers/template.go)

/** Parses a template; a bad one throws with text/template's message. */
export function parseGoTemplate(text: string): Tree {
  const p = new Parser(lex(text));
  const root = p.parse();
  return { root, defs: p.defs };
}

/** Runs a template over a value; throws ExecError with text/template's message and the partial output. */
export function executeGoTemplate(text: string, data: JsonValue, opts: { allowMissingKeys?: boolean } = {}): string {
  const tree = parseGoTemplate(text);
  const state = new State(text, !(opts.allowMissingKeys ?? true), tree.defs);
  state.walk(data, tree.root, { vars: [{ name: '$', value: data }] });
  return state.out;
}

/**
 * NewGoTemplatePrinter: parse errors surface as `error parsing template TEMPLATE, ERR`; execution
 * errors print what was written so far and kubectl's debugging dump to stdout, then fail.
 */
export function goTemplatePrinter(template: string, allowMissingKeys: boolean): Printer {
  let tree: Tree;
  try {
    tree = parseGoTemplate(template);
  } catch (e) {
    if (e instanceof ParseError) throw new Error(`error parsing template ${template}, ${e.message}\n`);
    throw e;
  }
  return (objects, printOpts) => {
    const data = toPrintable(objects, printOpts);
    const state = new State(template, !allowMissingKeys, tree.defs);
    try {
      state.walk(data, tree.root, { vars: [{ name: '$', value: data }] });
      return state.out;
    } catch (e) {
      if (!(e instanceof ExecError)) throw e;
      const debug =
        `Error executing template: ${e.message}. Printing more information for debugging the template:\n` +
        `\ttemplate was:\n\t\t${template}\n` +
        `\traw data was:\n\t\t${marshalJSON(data)}\n` +
        `\tobject given to template engine was:\n\t\t${fmtValue(data)}\n\n`;
      throw new PrintError(`error executing template ${goQuote(template)}: ${e.message}`, state.out + debug);
    }
  };
}
