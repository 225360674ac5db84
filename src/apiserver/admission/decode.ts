// The API server's decoding of a request body into the Go struct of its kind (encoding/json as
// forked in sigs.k8s.io/json, with strict field checking), replayed over the k8s.io/api type table
// so that every message is Go's:
//   json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
//   illegal base64 data at input byte 4
//   quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'
//   unknown field "spec.containers[0].foo"
// Keys are visited in sorted order because kubectl sends JSON encoded from a map, whose keys
// encoding/json sorts; the first type error in that order is the one reported. Decoding also
// normalizes what a Go round trip normalizes: nulls vanish, quantities and base64 come back
// canonical, timestamps in UTC.
import { goNamedTypes, goRootTypes, goStructs } from './go-types.js';
import { QuantityError, formatQuantity, parseQuantity } from '../../api/quantity.js';
import { goQuote } from '../../api/field-errors.js';

/** A decoding failure; the message is the Go error's text. */
export class DecodeError extends Error {}

export interface Decoded {
  object: Record<string, unknown>;
  /** Strict-decoding paths of fields the Go type does not have, in the order Go finds them. */
  unknownFields: string[];
}

type GoType =
  | { k: 'struct'; id: string; name: string; display: string }
  | { k: 'slice'; elem: GoType; display: string }
  | { k: 'map'; elem: GoType; display: string }
  | { k: 'string' | 'bool' | 'float' | 'bytes'; display: string }
  | { k: 'int'; min: number; max: number; display: string }
  | { k: 'Quantity' | 'IntOrString' | 'Time' | 'MicroTime' | 'Duration' | 'Raw'; display: string };

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int8: [-128, 127],
  uint8: [0, 255],
  uint32: [0, 4294967295],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

const CUSTOM_DISPLAY = {
  Quantity: 'resource.Quantity', IntOrString: 'intstr.IntOrString', Time: 'v1.Time', MicroTime: 'v1.MicroTime',
  Duration: 'v1.Duration', Raw: 'runtime.RawExtension',
} as const;

const typeCache = new Map<string, GoType>();
const fieldCache = new Map<string, Map<string, string>>();

function displayOf(id: string): string {
  const dot = id.lastIndexOf('.');
  const pkg = id.slice(0, dot);
  return `${pkg.slice(pkg.lastIndexOf('/') + 1)}.${id.slice(dot + 1)}`;
}

/** Parses the type syntax of go-types.ts (`[]core/v1.Container`, `map[string]Quantity`, ...). */
function goType(t: string): GoType {
  const hit = typeCache.get(t);
  if (hit) return hit;
  const parsed = parseType(t);
  typeCache.set(t, parsed);
  return parsed;
}

function parseType(t: string, display?: string): GoType {
  if (t === '[]byte') return { k: 'bytes', display: display ?? '[]uint8' };
  if (t.startsWith('[]')) {
    const elem = goType(t.slice(2));
    return { k: 'slice', elem, display: display ?? `[]${elem.display}` };
  }
  if (t.startsWith('map[')) {
    let depth = 0;
    let i = 0;
    for (; i < t.length; i++) {
      if (t[i] === '[') depth++;
      else if (t[i] === ']' && --depth === 0) break;
    }
    const key = goType(t.slice(4, i));
    const elem = goType(t.slice(i + 1));
    return { k: 'map', elem, display: display ?? `map[${key.display}]${elem.display}` };
  }
  if (t in CUSTOM_DISPLAY) {
    const k = t as keyof typeof CUSTOM_DISPLAY;
    return { k, display: CUSTOM_DISPLAY[k] };
  }
  if (t.startsWith('string:')) return { k: 'string', display: t.slice('string:'.length) };
  if (t === 'string') return { k: 'string', display: display ?? 'string' };
  if (t === 'bool') return { k: 'bool', display: display ?? 'bool' };
  if (t === 'float64' || t === 'float32') return { k: 'float', display: display ?? t };
  if (t in INT_RANGES) {
    const [min, max] = INT_RANGES[t];
    return { k: 'int', min, max, display: display ?? t };
  }
  if (t in goStructs) return { k: 'struct', id: t, name: t.slice(t.lastIndexOf('.') + 1), display: displayOf(t) };
  const underlying = goNamedTypes[t];
  if (underlying !== undefined) return parseType(underlying, displayOf(t));
  throw new Error(`unknown Go type ${t}`);
}

function fieldsOf(id: string): Map<string, string> {
  let m = fieldCache.get(id);
  if (!m) {
    m = new Map();
    for (const pair of goStructs[id].split(' ')) {
      if (!pair) continue;
      const colon = pair.indexOf(':');
      m.set(pair.slice(0, colon), pair.slice(colon + 1));
    }
    fieldCache.set(id, m);
  }
  return m;
}

/** The root struct for an apiVersion/kind, or undefined when the table does not cover it. */
export function rootTypeFor(apiVersion: string, kind: string): string | undefined {
  return goRootTypes[`${apiVersion}/${kind}`];
}

/**
 * Decodes `input` as the Go type of apiVersion/kind. Throws DecodeError on a type error (the
 * first one, as encoding/json keeps it) or a failing custom decoder (quantities, timestamps).
 * Returns undefined when the kind is not in the type table.
 */
export function goDecode(apiVersion: string, kind: string, input: unknown): Decoded | undefined {
  const root = rootTypeFor(apiVersion, kind);
  if (!root) return undefined;
  const d = new Decoder();
  const object = d.value(input, goType(root)) as Record<string, unknown> | undefined;
  if (d.saved) throw new DecodeError(d.saved);
  return { object: object ?? {}, unknownFields: d.unknown };
}

class Fatal {
  constructor(readonly message: string) {}
}

class Decoder {
  saved: string | undefined;
  unknown: string[] = [];
  private seenUnknown = new Set<string>();
  private struct: string | undefined;
  private fieldStack: string[] = [];
  private strictPath = '';

  value(v: unknown, t: GoType): unknown {
    try {
      return this.decode(v, t);
    } catch (e) {
      if (e instanceof Fatal) throw new DecodeError(e.message);
      throw e;
    }
  }

  private typeError(v: unknown, t: GoType, literal = false): undefined {
    if (this.saved !== undefined) return undefined;
    const what = literal ? `number ${jsonNumber(v as number)}` : jsonKind(v);
    this.saved = this.struct !== undefined || this.fieldStack.length
      ? `json: cannot unmarshal ${what} into Go struct field ${this.struct ?? ''}.${this.fieldStack.join('.')} of type ${t.display}`
      : `json: cannot unmarshal ${what} into Go value of type ${t.display}`;
    return undefined;
  }

  private decode(v: unknown, t: GoType): unknown {
    if (v === null || v === undefined) return undefined;
    switch (t.k) {
      case 'string':
        return typeof v === 'string' ? v : this.typeError(v, t);
      case 'bool':
        return typeof v === 'boolean' ? v : this.typeError(v, t);
      case 'float':
        return typeof v === 'number' ? v : this.typeError(v, t);
      case 'int':
        if (typeof v !== 'number') return this.typeError(v, t);
        if (!Number.isInteger(v) || v < t.min || v > t.max) return this.typeError(v, t, true);
        return v;
      case 'bytes':
        if (typeof v !== 'string') return this.typeError(v, t);
        return this.base64(v);
      case 'slice':
        return this.slice(v, t);
      case 'map':
        return this.map(v, t);
      case 'struct':
        return this.object(v, t);
      case 'Quantity':
        return quantity(v);
      case 'IntOrString':
        return intOrString(v);
      case 'Time':
        return time(v, false);
      case 'MicroTime':
        return time(v, true);
      case 'Duration':
        if (typeof v !== 'string') throw new Fatal(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
        return v;
      case 'Raw':
        return v;
    }
  }

  private base64(s: string): string | undefined {
    const r = goBase64Decode(s);
    if (typeof r === 'number') {
      if (this.saved === undefined) this.saved = `illegal base64 data at input byte ${r}`;
      return undefined;
    }
    return r.toString('base64');
  }

  private slice(v: unknown, t: Extract<GoType, { k: 'slice' }>): unknown {
    if (!Array.isArray(v)) return this.typeError(v, t);
    const base = this.strictPath;
    const out = v.map((item, i) => {
      this.strictPath = `${base}[${i}]`;
      const decoded = this.decode(item, t.elem);
      return decoded === undefined ? zeroValue(t.elem) : decoded;
    });
    this.strictPath = base;
    return out;
  }

  private map(v: unknown, t: Extract<GoType, { k: 'map' }>): unknown {
    if (!isObject(v)) return this.typeError(v, t);
    const base = this.strictPath;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      this.strictPath = base ? `${base}.${key}` : key;
      const decoded = this.decode(v[key], t.elem);
      out[key] = decoded === undefined ? zeroValue(t.elem) : decoded;
    }
    this.strictPath = base;
    return out;
  }

  private object(v: unknown, t: Extract<GoType, { k: 'struct' }>): unknown {
    if (!isObject(v)) return this.typeError(v, t);
    const fields = fieldsOf(t.id);
    const base = this.strictPath;
    const outerStruct = this.struct;
    const depth = this.fieldStack.length;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) {
      const ft = fields.get(key);
      if (ft === undefined) {
        const path = base ? `${base}.${key}` : key;
        if (!this.seenUnknown.has(path)) {
          this.seenUnknown.add(path);
          this.unknown.push(path);
        }
        continue;
      }
      this.fieldStack.push(key);
      this.struct = t.name;
      this.strictPath = base ? `${base}.${key}` : key;
      const decoded = this.decode(v[key], goType(ft));
      if (decoded !== undefined) out[key] = decoded;
      this.fieldStack.length = depth;
      this.struct = outerStruct;
      this.strictPath = base;
    }
    return out;
  }
}

/** What a JSON null becomes inside a list or map: the element type's zero value. */
function zeroValue(t: GoType): unknown {
  switch (t.k) {
    case 'string': case 'bytes': return '';
    case 'Time': case 'MicroTime': return null;
    case 'Duration': return '0s';
    case 'bool': return false;
    case 'int': case 'float': case 'IntOrString': return 0;
    case 'Quantity': return '0';
    case 'struct': case 'map': return {};
    case 'slice': case 'Raw': return null;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The JSON value kinds encoding/json names in UnmarshalTypeError. */
function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'bool';
    default: return 'object';
  }
}

/** A number as the JSON text kubectl would have sent. */
function jsonNumber(n: number): string {
  return JSON.stringify(n);
}

function quantity(v: unknown): string {
  // Quantity.UnmarshalJSON: the raw JSON text, unquoted if it is a string, trimmed, then parsed.
  const text = typeof v === 'string' ? v : typeof v === 'number' ? jsonNumber(v) : JSON.stringify(v);
  try {
    return formatQuantity(parseQuantity(text.trim()));
  } catch (e) {
    if (e instanceof QuantityError) throw new Fatal(e.message);
    throw e;
  }
}

function intOrString(v: unknown): string | number {
  // IntOrString.UnmarshalJSON: a quoted value is a string, anything else must decode as an int32.
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) return v;
    throw new Fatal(`json: cannot unmarshal number ${jsonNumber(v)} into Go value of type int32`);
  }
  throw new Fatal(`json: cannot unmarshal ${jsonKind(v)} into Go value of type int32`);
}

const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';
const RFC3339_MICRO_LAYOUT = '2006-01-02T15:04:05.000000Z07:00';

/** metav1.Time / MicroTime: RFC 3339 text in, UTC text out (seconds, or microseconds). */
function time(v: unknown, micro: boolean): string {
  if (typeof v !== 'string') throw new Fatal(`json: cannot unmarshal ${jsonKind(v)} into Go value of type string`);
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(v);
  const ms = m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8].toUpperCase() === 'Z' ? 'Z' : m[8]}`) : NaN;
  if (!m || Number.isNaN(ms)) {
    throw new Fatal(`parsing time ${goQuote(v)} as ${goQuote(micro ? RFC3339_MICRO_LAYOUT : RFC3339_LAYOUT)}: ${timeParseDetail(v)}`);
  }
  const iso = new Date(ms).toISOString().slice(0, 19);
  if (!micro) return `${iso}Z`;
  const frac = (m[7] ?? '.').slice(1).padEnd(6, '0').slice(0, 6);
  return `${iso}.${frac}Z`;
}

/** Go's time.Parse complaint, for the element where the text stops matching the layout. */
function timeParseDetail(v: string): string {
  const elems: Array<[string, RegExp]> = [
    ['2006', /^\d{4}/], ['-', /^-/], ['01', /^\d{2}/], ['-', /^-/], ['02', /^\d{2}/], ['T', /^[Tt]/],
    ['15', /^\d{2}/], [':', /^:/], ['04', /^\d{2}/], [':', /^:/], ['05', /^\d{2}(\.\d+)?/], ['Z07:00', /^([Zz]|[+-]\d{2}:\d{2})/],
  ];
  let rest = v;
  for (const [elem, re] of elems) {
    const m = re.exec(rest);
    if (!m) return `cannot parse ${goQuote(rest)} as ${goQuote(elem)}`;
    rest = rest.slice(m[0].length);
  }
  return rest ? `extra text: ${goQuote(rest)}` : 'day out of range';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Map([...B64].map((c, i) => [c.charCodeAt(0), i]));

/**
 * base64.StdEncoding.Decode: padded, newlines ignored, trailing bits tolerated. Returns the bytes,
 * or the offset Go's CorruptInputError reports.
 */
export function goBase64Decode(text: string): Buffer | number {
  const src = Buffer.from(text, 'utf8');
  const out: number[] = [];
  let si = 0;
  const isNL = (c: number) => c === 0x0a || c === 0x0d;
  while (true) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    let trailing: number | undefined;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return Buffer.from(out);
        return si - j;
      }
      const c = src[si++];
      const val = B64_INDEX.get(c);
      if (val !== undefined) {
        dbuf[j] = val;
        continue;
      }
      if (isNL(c)) { j--; continue; }
      if (c !== 0x3d) return si - 1;
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && isNL(src[si])) si++;
        if (si === src.length) return src.length;
        if (src[si] !== 0x3d) return si - 1;
        si++;
      }
      while (si < src.length && isNL(src[si])) si++;
      if (si < src.length) trailing = si;
      dlen = j;
      break;
    }
    const v = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    if (dlen >= 2) out.push((v >> 16) & 0xff);
    if (dlen >= 3) out.push((v >> 8) & 0xff);
    if (dlen === 4) out.push(v & 0xff);
    if (trailing !== undefined) return trailing;
    if (dlen < 4) return Buffer.from(out);
  }
}
