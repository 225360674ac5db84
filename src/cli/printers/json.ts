// `-o json`: Go's encoding/json as kubectl uses it on decoded (unstructured) objects — map keys
// sorted, four-space indent, HTML-safe escapes — plus the few Go number formats the other
// printers share. This module is the leaf of src/cli/printers: it imports nothing.

/** A decoded JSON value, as kubectl holds an unstructured object. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface PrintOptions {
  /**
   * The user named exactly one object (`get pod x`): print it bare. Otherwise the objects are
   * wrapped in a `v1 List`, as `kubectl get` does for zero, several or a kind's worth of objects.
   */
  single: boolean;
  /** `--show-managed-fields`; without it json and yaml drop `metadata.managedFields`. */
  showManagedFields?: boolean;
}

/** What printers accept: any object with a kind (KubeObject fits). */
export type PrintableObject = { apiVersion?: string; kind?: string; metadata?: unknown; [field: string]: unknown };

export type Printer = (objects: readonly PrintableObject[], opts: PrintOptions) => string;

/**
 * An error raised while printing. `output` is what kubectl had already written to stdout when it
 * failed (custom-columns flushes its header first). `raw` marks a message kubectl prints as is,
 * without the `error: ` prefix, with its own exit code: klog's fatal lines from --sort-by.
 */
export class PrintError extends Error {
  constructor(message: string, readonly output = '', readonly raw = false, readonly exitCode = 1) {
    super(message);
    this.name = 'PrintError';
  }
}

/**
 * The object kubectl hands to its printer: the object itself for a single named object, else
 * `{apiVersion: v1, kind: List, items, metadata: {resourceVersion: ""}}` (get.go printGeneric).
 */
export function toPrintable(objects: readonly PrintableObject[], opts: PrintOptions): JsonValue {
  if (opts.single && objects.length === 1) return objects[0] as unknown as JsonValue;
  return {
    apiVersion: 'v1',
    items: objects as unknown as JsonValue[],
    kind: 'List',
    metadata: { resourceVersion: '' },
  };
}

/** OmitManagedFieldsPrinter: a copy without metadata.managedFields, on the object and on list items. */
export function omitManagedFields(v: JsonValue): JsonValue {
  if (!isObject(v)) return v;
  const strip = (o: JsonValue): JsonValue => {
    if (!isObject(o) || !isObject(o.metadata) || !('managedFields' in o.metadata)) return o;
    const { managedFields: _dropped, ...metadata } = o.metadata;
    return { ...o, metadata };
  };
  const out = strip(v) as JsonObject;
  if (Array.isArray(out.items)) return { ...out, items: out.items.map(strip) };
  return out;
}

export const printJSON: Printer = (objects, opts) => {
  let v = toPrintable(objects, opts);
  if (!opts.showManagedFields) v = omitManagedFields(v);
  return marshalJSON(v, '    ') + '\n';
};

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go sorts map keys by their UTF-8 bytes, which is code point order (not UTF-16 unit order). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // A surrogate (an astral code point) sorts after every BMP unit, which it does not in UTF-16.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareCodePoints);
}

/** json.Marshal (indent '') or json.MarshalIndent(v, "", indent). */
export function marshalJSON(v: JsonValue | undefined, indent = ''): string {
  const fast = viaStringify(v === undefined ? null : v, indent);
  if (fast !== undefined) return fast;
  const out: string[] = [];
  encode(v === undefined ? null : v, indent, '', out);
  return out.join('');
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;
const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f][0-9a-f]{2}/;

/**
 * The same bytes through the native JSON.stringify, which already writes Go's escapes for
 * control characters: keys are sorted on the way, and HTML-unsafe characters (which only occur
 * inside strings) escaped afterwards. Undefined when the value needs the careful encoder: keys
 * that JS objects would reorder ("10" before "9"), -0, or lone surrogates.
 */
function viaStringify(v: JsonValue, indent: string): string | undefined {
  let ok = true;
  const text = JSON.stringify(v, function (_key, val: unknown) {
    if (typeof val === 'object' && val !== null && !Array.isArray(val)) {
      const o = val as Record<string, unknown>;
      const keys = Object.keys(o);
      let surrogates = false;
      for (const k of keys) {
        if (ARRAY_INDEX.test(k) && Number(k) < 4294967295) ok = false;
        if (/[\ud800-\udfff]/.test(k)) surrogates = true;
      }
      if (surrogates) keys.sort(compareCodePoints);
      else keys.sort();
      const sorted: Record<string, unknown> = {};
      for (const k of keys) sorted[k] = o[k];
      return sorted;
    }
    if (typeof val === 'number' && (Object.is(val, -0) || !Number.isFinite(val))) ok = false;
    return val;
  }, indent || undefined);
  if (!ok || LONE_SURROGATE_ESCAPE.test(text)) return undefined;
  return text.replace(HTML_UNSAFE, (c) => HTML_ESCAPES[c]);
}

function encode(v: JsonValue, indent: string, prefix: string, out: string[]): void {
  if (v === null) out.push('null');
  else if (typeof v === 'string') out.push(quoteJSON(v));
  else if (typeof v === 'number') out.push(formatJSONNumber(v));
  else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (Array.isArray(v)) {
    if (v.length === 0) return void out.push('[]');
    const inner = prefix + indent;
    out.push('[');
    v.forEach((item, i) => {
      if (i > 0) out.push(',');
      if (indent) out.push('\n', inner);
      encode(item === undefined ? null : item, indent, inner, out);
    });
    if (indent) out.push('\n', prefix);
    out.push(']');
  } else {
    const keys = sortedKeys(v).filter((k) => v[k] !== undefined);
    if (keys.length === 0) return void out.push('{}');
    const inner = prefix + indent;
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      if (indent) out.push('\n', inner);
      out.push(quoteJSON(k), indent ? ': ' : ':');
      encode(v[k] as JsonValue, indent, inner, out);
    });
    if (indent) out.push('\n', prefix);
    out.push('}');
  }
}

const HEX = '0123456789abcdef';

/** Go's encoding/json string encoder with HTML escaping on (the default for Marshal). */
export function quoteJSON(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) {
      switch (c) {
        case 0x22: esc = '\\"'; break;
        case 0x5c: esc = '\\\\'; break;
        case 0x0a: esc = '\\n'; break;
        case 0x0d: esc = '\\r'; break;
        case 0x09: esc = '\\t'; break;
        case 0x08: esc = '\\b'; break;
        case 0x0c: esc = '\\f'; break;
        default: esc = '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
      }
    } else if (c === 0x2028 || c === 0x2029) {
      esc = '\\u202' + HEX[c & 0xf];
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A lone surrogate is invalid UTF-8 by the time Go sees it: it becomes U+FFFD.
      const paired = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (paired) { i++; continue; }
      esc = '\\ufffd';
    }
    if (esc !== undefined) {
      out += s.slice(start, i) + esc;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

/**
 * kubectl decodes JSON numbers to int64 when they are integral and fit, else float64; mk holds
 * them as JS numbers, so "integral and below 2^63" stands in for int64.
 */
export function isGoInt(n: number): boolean {
  return Number.isInteger(n) && Math.abs(n) < 9223372036854775808;
}

/** An int64 in decimal; past 2^53 JS has already rounded, so print the double's exact digits. */
export function formatGoInt(n: number): string {
  return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
}

/** encoding/json's float64 format: %f, switching to %e below 1e-6 and from 1e21 — which is JS's own. */
function formatJSONNumber(n: number): string {
  if (!Number.isFinite(n)) return 'null';
  if (isGoInt(n)) return formatGoInt(n);
  return String(n);
}

/**
 * strconv.FormatFloat(f, 'g', -1, 64), which is also fmt's %v for a float64 and yaml.v2's float
 * format: shortest digits, exponent form when the exponent is < -4 or >= 6, exponent at least two
 * digits.
 */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const sign = f < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(f).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? '.' + digits.slice(1) : '';
    const e = Math.abs(exp);
    return `${sign}${digits[0]}${frac}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length);
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
