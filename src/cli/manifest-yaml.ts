// YAML manifests as kubectl reads them: split into documents at `---` lines (apimachinery's
// YAMLReader), each document converted to JSON by sigs.k8s.io/yaml over go-yaml v2. Scalars
// resolve as go-yaml v2 resolves them (YAML 1.1 booleans such as `yes`/`on`/`y`, octal `0755`,
// `1_000`, timestamps left as strings, no base-60 numbers). Syntax errors carry go-yaml's
// words and line numbers where the `yaml` package's diagnosis allows telling which one
// go-yaml would give; see yamlSyntaxError.
//
// Where this still differs from kubectl, because the `yaml` package is not go-yaml's parser:
//   - A syntax error outside the recorded cases in test/cli-errors/syntax.test.ts (mistakes in
//     flow collections spanning lines, block-scalar indentation indicators, directives, stray
//     document markers, several mistakes in one document) can get another of go-yaml's
//     messages or line numbers than kubectl prints; the message keeps kubectl's form
//     (`error converting YAML to JSON: yaml: line N: ...`), and which document failed and
//     what was applied before it stay exact.
//   - go-yaml's alias-expansion limit (`document contains excessive aliasing`) is not applied.
//   - Numbers beyond 2^53 lose precision, and `.nan`/`.inf` values are kept where go-yaml's JSON
//     conversion would fail on them.
import { isMap, isPair, isSeq, parseAllDocuments, Scalar, visit, type Document, type DocumentOptions, type ParseOptions,
  type ScalarTag, type SchemaOptions } from 'yaml';
import type { JsonValue } from './printers/json.js';

/** The documents of a YAML stream; `error` is the YAMLReader's, after the last whole document. */
export function splitYAMLDocuments(text: string): { chunks: string[]; error?: string } {
  const chunks: string[] = [];
  let buffer = '';
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const line = nl < 0 ? text.slice(start) : text.slice(start, nl + 1);
    start += line.length;
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed && !trimmed.startsWith('#')) return { chunks, error: `invalid Yaml document separator: ${trimmed}` };
      if (buffer) chunks.push(buffer);
      buffer = '';
      continue;
    }
    buffer += line;
  }
  if (buffer) chunks.push(buffer);
  return { chunks };
}

/** go-yaml v2's resolve() for a plain scalar: the value, or undefined to keep the string. */
function goResolve(s: string): unknown {
  switch (s) {
    case 'y': case 'Y': case 'yes': case 'Yes': case 'YES':
    case 'true': case 'True': case 'TRUE':
    case 'on': case 'On': case 'ON':
      return true;
    case 'n': case 'N': case 'no': case 'No': case 'NO':
    case 'false': case 'False': case 'FALSE':
    case 'off': case 'Off': case 'OFF':
      return false;
    case '': case '~': case 'null': case 'Null': case 'NULL':
      return null;
    case '.nan': case '.NaN': case '.NAN':
      return NaN;
    case '.inf': case '.Inf': case '.INF': case '+.inf': case '+.Inf': case '+.INF':
      return Infinity;
    case '-.inf': case '-.Inf': case '-.INF':
      return -Infinity;
  }
  const c = s.charAt(0);
  if (c === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) ? Number(s) : undefined;
  if (!(c === '+' || c === '-' || (c >= '0' && c <= '9'))) return undefined;
  const plain = s.replace(/_/g, '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number(plain);
  return undefined;
}

/** strconv.ParseInt(s, 0, 64), then ParseUint: prefixes 0x, 0o, 0b and a leading 0 for octal. */
function parseGoInt(s: string): number | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let big: bigint;
  if (/^0[0-7]+$/.test(body)) big = BigInt(`0o${body.slice(1)}`);
  else big = BigInt(body.toLowerCase());
  if (m[1] === '-') big = -big;
  const unsignedOk = m[1] === '' && big <= 18446744073709551615n;
  if ((big < -9223372036854775808n || big > 9223372036854775807n) && !unsignedOk) return undefined;
  return Number(big);
}

/** One tag for every plain scalar go-yaml would not keep as a string. */
const goScalars: ScalarTag = {
  tag: 'tag:yaml.org,2002:go-resolved',
  default: true,
  // The package only calls test(); this one asks go-yaml's resolver instead of matching a pattern.
  test: { test: (s: string) => goResolve(s) !== undefined } as unknown as RegExp,
  resolve: (s: string) => new Scalar(goResolve(s)),
};

const TAG_PREFIX = 'tag:yaml.org,2002:';

/** Explicit `!!int`, `!!bool`, ... tags resolve like plain scalars; `!!str` keeps the text. */
const explicitTags: ScalarTag[] = ['int', 'float', 'bool', 'null'].map((name) => ({
  tag: TAG_PREFIX + name,
  resolve: (s: string) => {
    const v = goResolve(s);
    return new Scalar(v === undefined ? s : v);
  },
}));

const PARSE_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  schema: 'failsafe',
  customTags: [goScalars, ...explicitTags],
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
  strict: false,
};

/** sigs.k8s.io/yaml.YAMLToJSON on one document: its JSON value, or go-yaml's error text. */
export function decodeYAMLDocument(chunk: string): { value: JsonValue } | { error: string } {
  const docs = parseAllDocuments(rootBlock(chunk), PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [docs];
  // go-yaml reads the first document of what it is given and ignores the rest.
  const doc = list[0];
  if (!doc) return { value: null };
  if (doc.errors.length) return { error: yamlSyntaxError(chunk, doc.errors[0]) };
  const badKey = collectionKey(doc);
  if (badKey !== undefined) return { error: `yaml: invalid map key: ${goSyntax(badKey)}` };
  try {
    return { value: toJSONValue(doc.toJS({ maxAliasCount: -1 })) };
  } catch (e) {
    const m = /Unresolved alias[^:]*: (.*)$/.exec((e as Error).message);
    if (m) return { error: `yaml: unknown anchor '${m[1]}' referenced` };
    throw e;
  }
}

/**
 * go-yaml ends an indented root block at the first line indented less than it, and reads no
 * further: what follows would start a second document, which Unmarshal never looks at.
 */
function rootBlock(chunk: string): string {
  const lines = chunk.split('\n');
  const content = (l: string) => l.trim() !== '' && !l.trim().startsWith('#');
  const first = lines.findIndex(content);
  if (first < 0) return chunk;
  const indent = lines[first].length - lines[first].trimStart().length;
  if (indent === 0 || /^[[{]/.test(lines[first].trim())) return chunk;
  const end = lines.findIndex((l, i) => i > first && content(l) && l.length - l.trimStart().length < indent);
  return end < 0 ? chunk : `${lines.slice(0, end).join('\n')}\n`;
}

/**
 * The first mapping key that is itself a map or a list (an unrendered Helm template such as
 * `name: {{ .Values.name }}` is one): go-yaml cannot use it as a Go map key.
 */
function collectionKey(doc: Document): unknown {
  let found: unknown;
  visit(doc, {
    Pair(_, pair) {
      if (isPair(pair) && (isMap(pair.key) || isSeq(pair.key))) {
        found = (pair.key as { toJSON(): unknown }).toJSON();
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** fmt's %#v of what go-yaml decodes into an interface{}. */
function goSyntax(v: unknown, inInterface = false): string {
  if (v === null || v === undefined) return inInterface ? 'interface {}(nil)' : '<nil>';
  if (Array.isArray(v)) return `[]interface {}{${v.map((x) => goSyntax(x, true)).join(', ')}}`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const body = Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${goSyntax(o[k], true)}`).join(', ');
    return `map[interface {}]interface {}{${body}}`;
  }
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

/** What sigs.k8s.io/yaml hands to encoding/json: keys as strings, no undefined. */
function toJSONValue(v: unknown): JsonValue {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(toJSONValue);
  if (typeof v === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = toJSONValue(x);
    return out;
  }
  return v as JsonValue;
}

interface YamlError {
  code: string;
  message: string;
  pos: [number, number];
}

/** 1-based line and 0-based column of an offset. */
function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: offset - lineStart };
}

/** The leading spaces of the line holding `offset`, and the text of the lines before it. */
function lineIndent(text: string, offset: number): { indent: number; before: string[] } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return { indent: line.length - line.trimStart().length, before: text.slice(0, lineStart).split('\n') };
}

/**
 * go-yaml's message for a document the `yaml` package rejects. The two parsers diagnose the
 * same mistakes differently, so each of the package's error codes is mapped to what go-yaml says
 * for the inputs that produce it. go-yaml reports a scanner error at the 1-based line of the
 * offending character and a parser error at the 0-based line of the offending token (one less);
 * on the first line neither has a number.
 */
/** Lines as [indent, trimmed text], without blank lines and comments, up to `offset`'s line. */
function linesBefore(text: string, offset: number): [number, string][] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(0, lineStart).split('\n')
    .map((l): [number, string] => [l.length - l.trimStart().length, l.trim()])
    .filter(([, t]) => t !== '' && !t.startsWith('#'));
}

/**
 * Whether the key at `offset` continues a block mapping go-yaml has already opened at its
 * column: go-yaml then requires it to be a key (`could not find expected ':'`), where a first
 * key or a value only cannot take a `:` (`mapping values are not allowed`).
 */
function continuesMapping(text: string, offset: number): boolean {
  const col = lineCol(text, offset).col;
  for (const [indent, t] of linesBefore(text, offset).reverse()) {
    if (indent < col) return false;
    // `- ` entries at the key's column belong to an indentless sequence inside the mapping.
    if (indent === col && !/^-( |$)/.test(t)) return /^[^#][^:]*:(\s|$)/.test(t);
  }
  return false;
}

/** The 1-based line of the first token after `offset` (the end of the input if none). */
function nextTokenLine(text: string, offset: number): number {
  const m = /[^\s]/g;
  m.lastIndex = offset;
  for (let hit = m.exec(text); hit; hit = m.exec(text)) {
    if (text[hit.index] !== '#') return lineCol(text, hit.index).line;
    const nl = text.indexOf('\n', hit.index);
    if (nl < 0) break;
    m.lastIndex = nl;
  }
  return lineCol(text, text.length).line;
}

/**
 * For a misplaced `- ` entry: whether its sequence is indented under its key (a block sequence,
 * which expects `-`) or not (an indentless sequence, which simply ends, leaving the mapping to
 * expect a key).
 */
function inIndentedSequence(text: string, offset: number): boolean {
  const col = lineCol(text, offset).col;
  let seqCol: number | undefined;
  for (const [indent, t] of linesBefore(text, offset).reverse()) {
    if (seqCol === undefined) {
      if (indent < col && /^-( |$)/.test(t)) seqCol = indent;
      else if (indent < col) return false;
      continue;
    }
    if (indent < seqCol) return true;
    if (indent === seqCol && !/^-( |$)/.test(t)) return false;
  }
  return false;
}

function yamlSyntaxError(chunk: string, e: YamlError): string {
  const at = lineCol(chunk, e.pos[0]);
  const numbered = (line0: number, msg: string) => (line0 > 0 ? `yaml: line ${line0}: ${msg}` : `yaml: ${msg}`);
  const scanner = (line: number, msg: string) => (line > 1 ? `yaml: line ${line}: ${msg}` : `yaml: ${msg}`);
  const parser = (line: number, msg: string) => numbered(line - 1, msg);
  switch (e.code) {
    case 'TAB_AS_INDENT': {
      // A tab-indented line right after a plain value reads as that value's next line.
      const prev = linesBefore(chunk, e.pos[0]).pop()?.[1] ?? '';
      if (/:\s+[^\s"'|>[{&*!#]/.test(prev) && !/["'\]}]$/.test(prev)) {
        return scanner(at.line, 'found a tab character that violates indentation');
      }
      return scanner(at.line, 'found character that cannot start any token');
    }
    case 'BAD_SCALAR_START':
      return scanner(at.line, 'found character that cannot start any token');
    case 'BAD_DQ_ESCAPE':
      return scanner(at.line, 'found unknown escape character');
    case 'MISSING_CHAR': {
      const quote = /Missing closing (["'])/.exec(e.message)?.[1];
      if (quote) {
        // go-yaml lets a quoted scalar run over lines to the next quote, then trips on what follows it.
        const close = chunk.indexOf(quote, e.pos[0] + 1);
        if (close < 0) return scanner(lineCol(chunk, chunk.length).line, 'found unexpected end of stream');
        return parser(lineCol(chunk, close).line, 'did not find expected key');
      }
      if (/Implicit map keys/.test(e.message) && continuesMapping(chunk, e.pos[0])) {
        return scanner(nextTokenLine(chunk, e.pos[1]), "could not find expected ':'");
      }
      return parser(at.line, 'did not find expected key');
    }
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/block sequence/.test(e.message)) return parser(at.line, 'did not find expected key');
    // falls through: a key running over lines ends at a `:` go-yaml refuses there
    case 'MULTILINE_IMPLICIT_KEY': {
      const colon = /:(?=[ \t\r\n]|$)/g;
      colon.lastIndex = e.pos[0];
      const m = colon.exec(chunk);
      const line = lineCol(chunk, m ? m.index : e.pos[0]).line;
      if (e.code === 'MULTILINE_IMPLICIT_KEY' && continuesMapping(chunk, e.pos[0])) return scanner(line, "could not find expected ':'");
      return scanner(line, 'mapping values are not allowed in this context');
    }
    case 'BAD_INDENT': {
      if (/Flow sequence/.test(e.message)) return parser(at.line, "did not find expected ',' or ']'");
      if (/Flow map/.test(e.message)) return parser(at.line, "did not find expected ',' or '}'");
      if (/sequence items/.test(e.message) && inIndentedSequence(chunk, e.pos[0])) {
        return parser(at.line, "did not find expected '-' indicator");
      }
      if (/mapping items/.test(e.message)) {
        // A key where a block sequence at the same indentation expects its next `- ` entry.
        const { indent, before } = lineIndent(chunk, e.pos[0]);
        const owner = before.reverse().find((l) => l.trim() && !l.trim().startsWith('#') && l.length - l.trimStart().length <= indent);
        if (owner && owner.length - owner.trimStart().length === indent && /^-( |$)/.test(owner.trimStart())) {
          return parser(at.line, "did not find expected '-' indicator");
        }
      }
      return parser(at.line, 'did not find expected key');
    }
    case 'UNEXPECTED_TOKEN':
      return parser(at.line, 'did not find expected key');
    default:
      return parser(at.line, e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
  }
}
