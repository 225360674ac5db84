// The pod-template-hash: controller.ComputeHash. Upstream hashes the Go struct of the template with
// FNV-32a over go-spew's `%#v` rendering (hashutil.DeepHashObject: SortKeys, DisableMethods,
// SpewKeys), appends the collision count, and spells the decimal sum in the name alphabet. To get
// the same names as a real cluster for the same template, this renders the stored JSON as spew
// renders the v1.PodTemplateSpec the controller decodes from it: every field of every struct in
// declaration order, types in parentheses, nil pointers, slices and maps as <nil>.
//
// What the controller decodes is what the API server stored (protobuf): empty lists and maps come
// back nil, pointers keep their presence, quantities are re-parsed from their canonical string.
import { canonicalQuantity } from '../../api/quantity.js';
import { NAME_ALPHABET } from '../../sim/rand.js';
import { goNamedTypes, goStructs } from './go-types.js';

/** rand.SafeEncodeString: each byte picks a letter of the name alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += NAME_ALPHABET[s.charCodeAt(i) % NAME_ALPHABET.length];
  return out;
}

/** hash/fnv New32a over bytes, continuing from `h`. */
export function fnv32a(bytes: Uint8Array, h = 0x811c9dc5): number {
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h >>> 0;
}

/** controller.ComputeHash(template, collisionCount). */
export function computeHash(template: unknown, collisionCount?: number | null): string {
  let h = fnv32a(Buffer.from(spewTemplate(template), 'utf8'));
  if (collisionCount !== undefined && collisionCount !== null) {
    // binary.LittleEndian.PutUint32 into an 8-byte slice: the upper four bytes stay zero.
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(bytes, h);
  }
  return safeEncodeString(String(h));
}

/** The bytes spew's `%#v` prints for a v1.PodTemplateSpec given as its stored JSON. */
export function spewTemplate(template: unknown): string {
  const out: string[] = [];
  format(out, 'v1.PodTemplateSpec', normalizeTemplate(template), false);
  return out.join('');
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The v1 conversion the API server applies before storing: the deprecated serviceAccount field is
 * an alias of serviceAccountName (the latter wins) and both are written back.
 */
function normalizeTemplate(template: unknown): Json {
  if (!isObject(template) || !isObject(template.spec)) return (template ?? null) as Json;
  const spec = template.spec;
  const sa = (typeof spec.serviceAccountName === 'string' && spec.serviceAccountName) || spec.serviceAccount;
  if (typeof sa !== 'string' || !sa) return template;
  return { ...template, spec: { ...spec, serviceAccountName: sa, serviceAccount: sa } };
}

const BASIC = new Set(['string', 'bool', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64']);

/** Go's string comparison: bytewise over UTF-8. */
function goStringLess(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * spew's formatState.format for a value of Go type `type`; `ignoreType` is its ignoreNextType
 * (set for slice elements, map keys and values, and what a pointer points to).
 */
function format(out: string[], type: string, v: Json | undefined, ignoreType: boolean): void {
  if (type.startsWith('*')) {
    formatPtr(out, type, v, ignoreType);
    return;
  }
  if (!ignoreType) out.push('(', type, ')');
  formatValue(out, type, v);
}

function formatPtr(out: string[], type: string, v: Json | undefined, ignoreType: boolean): void {
  if (v === undefined || v === null) {
    out.push(ignoreType ? '<nil>' : `(${type})<nil>`);
    return;
  }
  out.push(ignoreType ? '<*>' : `(${type})`);
  formatValue(out, type.slice(1), v);
}

function formatValue(out: string[], type: string, v: Json | undefined): void {
  const special = SPECIAL[type];
  if (special) {
    special(out, v);
    return;
  }
  const underlying = goNamedTypes[type] ?? type;
  if (BASIC.has(underlying)) {
    out.push(basic(underlying, v));
    return;
  }
  if (underlying.startsWith('[]')) {
    const elem = underlying.slice(2);
    // An empty list does not survive protobuf: the controller sees nil.
    if (!Array.isArray(v) || v.length === 0) {
      out.push('<nil>');
      return;
    }
    out.push('[');
    v.forEach((e, i) => {
      if (i > 0) out.push(' ');
      format(out, elem, e, true);
    });
    out.push(']');
    return;
  }
  const map = /^map\[([^\]]+)\](.+)$/.exec(underlying);
  if (map) {
    const [, keyType, valueType] = map;
    const keys = isObject(v) ? Object.keys(v) : [];
    if (!keys.length) {
      out.push('<nil>');
      return;
    }
    keys.sort(goStringLess);
    out.push('map[');
    keys.forEach((k, i) => {
      if (i > 0) out.push(' ');
      format(out, keyType, k, true);
      out.push(':');
      format(out, valueType, (v as JsonObject)[k], true);
    });
    out.push(']');
    return;
  }
  const fields = goStructs[underlying];
  if (!fields) throw new Error(`pod-template-hash: no Go type ${type}`);
  const obj = isObject(v) ? v : {};
  out.push('{');
  fields.forEach(([name, json, fieldType], i) => {
    if (i > 0) out.push(' ');
    out.push(name, ':');
    // An embedded struct inlined in JSON reads its fields from the same object.
    format(out, fieldType, json === '' ? obj : json === '-' ? undefined : obj[json], false);
  });
  out.push('}');
}

function basic(kind: string, v: Json | undefined): string {
  if (kind === 'string') return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
  if (kind === 'bool') return v === true ? 'true' : 'false';
  return typeof v === 'number' ? String(Math.trunc(v)) : typeof v === 'string' && /^-?\d+$/.test(v) ? v : '0';
}

const ZERO_TIME = '{Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}';

const SPECIAL: Record<string, (out: string[], v: Json | undefined) => void> = {
  // metav1.Time embeds time.Time. Templates carry no times (creationTimestamp: null); a set one
  // would print the decoder's wall/ext/location, which depends on the controller's time zone.
  'v1.Time': (out) => {
    out.push(ZERO_TIME);
  },
  'intstr.IntOrString': (out, v) => {
    if (typeof v === 'string') out.push(`{Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)${v}}`);
    else out.push(`{Type:(intstr.Type)0 IntVal:(int32)${typeof v === 'number' ? Math.trunc(v) : 0} StrVal:(string)}`);
  },
  'resource.Quantity': (out, v) => {
    out.push(spewQuantity(v));
  },
};

// --- resource.Quantity ---------------------------------------------------------------------------

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_INT64 = (1n << 63n) - 1n;

interface ParsedQuantity {
  /** int64Amount, when the value fits the fast path. */
  i?: { value: bigint; scale: number };
  /** The inf.Dec form otherwise: unscaled × 10^-scale. */
  d?: { unscaled: bigint; scale: number };
  s: string;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

/**
 * resource.ParseQuantity over the canonical string the controller decodes. The fast path keeps an
 * int64 with a decimal scale and, when the input is already canonical, caches the string (`s`).
 */
export function parseGoQuantity(str: string): ParsedQuantity | undefined {
  if (str === '0') return { s: '0', format: 'DecimalSI', i: { value: 0n, scale: 0 } };
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[-+]?\d*)$/.exec(str);
  if (!m) return undefined;
  const positive = m[1] !== '-';
  const num = m[2].replace(/^0+/, '') || '0';
  const denom = m[3] ?? '';
  const suffix = m[4];
  let base: 10 | 2;
  let exponent: number;
  let format: ParsedQuantity['format'];
  if (suffix in DECIMAL_SUFFIXES) [base, exponent, format] = [10, DECIMAL_SUFFIXES[suffix], 'DecimalSI'];
  else if (suffix in BINARY_SUFFIXES) [base, exponent, format] = [2, BINARY_SUFFIXES[suffix], 'BinarySI'];
  else if (/^[eE][-+]?\d+$/.test(suffix)) [base, exponent, format] = [10, Number(suffix.slice(1)), 'DecimalExponent'];
  else return undefined;

  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent) * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (value <= MAX_INT64 && result <= MAX_INT64) {
        const signed = positive ? result : -result;
        const canonical = format === 'BinarySI'
          ? exponent % 10 === 0 && (value & 7n) !== 0n
          : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return { i: { value: signed, scale }, s: canonical ? str : '', format };
      }
    }
  }
  // The inf.Dec path: the decimal value with the suffix folded in, rounded up to nano units.
  let unscaled = BigInt((m[2] || '0') + denom);
  let decScale = denom.length;
  if (base === 10) decScale -= exponent;
  else unscaled *= 1n << BigInt(exponent);
  if (decScale > 9) {
    const div = 10n ** BigInt(decScale - 9);
    unscaled = unscaled / div + (unscaled % div === 0n ? 0n : 1n);
    decScale = 9;
  }
  if (!positive) unscaled = -unscaled;
  return { d: { unscaled, scale: decScale }, s: '', format };
}

function spewQuantity(v: Json | undefined): string {
  const canonical = typeof v === 'string' || typeof v === 'number' ? safeCanonical(v) : undefined;
  const q = canonical === undefined ? undefined : parseGoQuantity(canonical);
  const i = q?.i ?? { value: 0n, scale: 0 };
  const d = q?.d
    ? `(*inf.Dec){unscaled:(big.Int){neg:(bool)${q.d.unscaled < 0n} abs:(big.nat)${bigNat(q.d.unscaled)}} scale:(inf.Scale)${q.d.scale}}`
    : '(*inf.Dec)<nil>';
  return `{i:(resource.int64Amount){value:(int64)${q?.d ? 0 : i.value} scale:(resource.Scale)${q?.d ? 0 : i.scale}} `
    + `d:(resource.infDecAmount){Dec:${d}} s:(string)${q?.s ?? ''} Format:(resource.Format)${q?.format ?? ''}}`;
}

function safeCanonical(v: string | number): string | undefined {
  try {
    return canonicalQuantity(v);
  } catch {
    return undefined;
  }
}

/** big.nat: little-endian 64-bit words of the magnitude; nil for zero. */
function bigNat(n: bigint): string {
  let abs = n < 0n ? -n : n;
  if (abs === 0n) return '<nil>';
  const words: string[] = [];
  while (abs > 0n) {
    words.push((abs & 0xffffffffffffffffn).toString());
    abs >>= 64n;
  }
  return `[${words.join(' ')}]`;
}
