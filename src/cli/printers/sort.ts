// `--sort-by=<jsonpath>` (kubectl/pkg/cmd/get/sorter.go as of 1.32): the first value each
// object yields for the path decides its place; objects without one go first; numbers compare
// as numbers, strings as quantities when both parse ("500m" < "2"), else bytewise ("pod-10" <
// "pod-9", RFC 3339 timestamps in time order). Objects that compare equal end up where Go's
// unstable sort.Sort leaves them (./go-sort.ts).
import { goSort, goSortInterface } from './go-sort.js';
import { goQuote, goSyntax, JSONPath, parseJSONPath } from './jsonpath.js';
import { relaxedJSONPathExpression } from './custom-columns.js';
import { compareCodePoints, isGoInt, PrintError, type JsonValue, type PrintableObject, type Printer } from './json.js';

// ---------------------------------------------------------------------------------------------
// resource.ParseQuantity, reduced to what Cmp needs: the value in nano-units.

const DEC_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const MAX_NANO = 9223372036854775807n * 10n ** 9n;
const isDigitChar = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * The quantity's value times 10^9, or undefined when ParseQuantity would fail. Values that take
 * upstream's exact int64 path stay exact; the rest are rounded up to a nano and capped at
 * MaxInt64, as ParseQuantity's inf.Dec path does.
 */
export function parseQuantityNano(str: string): bigint | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return 0n;
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (str[0] === '-') { positive = false; pos++; }
  else if (str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return 0n;

  let i = pos;
  while (i < end && isDigitChar(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  let denom = '';
  let suffix = '';
  if (pos < end) {
    if (num.length === 0) num = '0';
    if (str[pos] === '.') {
      pos++;
      let k = pos;
      while (k < end && isDigitChar(str[k])) k++;
      denom = str.slice(pos, k);
      pos = k;
    }
    if (pos < end) {
      const suffixStart = pos;
      let k = pos;
      while (k < end && 'eEinumkKMGTP'.includes(str[k])) k++;
      if (k < end) {
        if (str[k] === '-' || str[k] === '+') k++;
        while (k < end && isDigitChar(str[k])) k++;
        if (k < end) return undefined;
      }
      suffix = str.slice(suffixStart);
    }
  }

  let base: 2 | 10;
  let exponent: number;
  if (suffix in DEC_SUFFIXES) { base = 10; exponent = DEC_SUFFIXES[suffix]; }
  else if (suffix in BIN_SUFFIXES) { base = 2; exponent = BIN_SUFFIXES[suffix]; }
  else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const parsed = BigInt(suffix.slice(1));
    if (parsed > 9223372036854775807n || parsed < -9223372036854775808n) return undefined;
    base = 10;
    exponent = Number(BigInt.asIntN(32, parsed));
  } else {
    return undefined;
  }

  const digits = BigInt(num + denom);
  let exact = false;
  if (base === 10) {
    exact = 18 - (num.length + denom.length) >= 0 && exponent - denom.length >= -9;
  } else if (exponent >= 0 && denom.length === 0) {
    const precision = 15 - num.length - Math.trunc(Math.fround(exponent) * 3 / 10) - 1;
    exact = precision >= 0 && BigInt(num) << BigInt(exponent) <= 9223372036854775807n;
  }
  // Exponents far outside any real quantity only need to keep their order of magnitude.
  const exp10 = Math.max(-1000, Math.min(1000, (base === 10 ? exponent : 0) - denom.length + 9));
  let nano = base === 2 ? digits << BigInt(exponent) : digits;
  if (exp10 >= 0) nano *= 10n ** BigInt(exp10);
  else {
    const d = 10n ** BigInt(-exp10);
    nano = (nano + d - 1n) / d;
  }
  if (!exact && nano > MAX_NANO) nano = MAX_NANO;
  return positive ? nano : -nano;
}

// ---------------------------------------------------------------------------------------------
// kubectl's sorter

class Unsortable extends Error {}

const typeName = (v: JsonValue): string =>
  v === null ? '<nil>' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool'
    : typeof v === 'number' ? (isGoInt(v) ? 'int64' : 'float64') : Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';

/** isLess for two values of a decoded object (reflect kind Interface). */
export function isLess(i: JsonValue, j: JsonValue): boolean {
  if (i === null && j === null) return false;
  if (i === null) return true;
  if (j === null) return false;
  const ti = typeName(i);
  if (ti === 'bool' || ti === '[]interface {}' || ti === 'map[string]interface {}') {
    throw new Unsortable(`unsortable type: ${ti}`);
  }
  if (ti !== typeName(j)) throw new Unsortable('unsortable interface: interface');
  if (typeof i === 'number') return i < (j as number);
  const a = i as string;
  const b = j as string;
  const qa = parseQuantityNano(a);
  const qb = qa === undefined ? undefined : parseQuantityNano(b);
  if (qa === undefined || qb === undefined) return compareCodePoints(a, b) < 0;
  return qa < qb;
}

export interface SortOptions {
  /** When klog's fatal line is stamped; kubectl uses the wall clock, mk its virtual clock. */
  now?: Date;
}

function klogFatal(line: number, msg: string, exitCode: number, now: Date): PrintError {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(now.getMilliseconds() * 1000).padStart(6, '0');
  const stamp = `${p2(now.getMonth() + 1)}${p2(now.getDate())} ${p2(now.getHours())}:${p2(now.getMinutes())}:${p2(now.getSeconds())}.${micros}`;
  return new PrintError(`F${stamp} ${String(process.pid).padStart(7)} sorter.go:${line}] ${msg}\n`, '', true, exitCode);
}

type Found = { values: (JsonValue | undefined)[][] } | { error: Error };

/**
 * SortObjects: a sorted copy of `objects` by the JSONPath `sortBy`. Throws kubectl's errors for
 * a bad path or a path no object has, and klog's fatal line (PrintError with raw set) for values
 * that cannot be compared.
 */
export function sortObjects<T extends PrintableObject>(objects: readonly T[], sortBy: string, opts: SortOptions = {}): T[] {
  const objs = [...objects];
  if (objs.length === 0) return objs;
  const field = relaxedJSONPathExpression(sortBy);
  const parser = new JSONPath(parseJSONPath(field), { allowMissingKeys: true });
  const find = (o: T) => parser.findValues(o as unknown as JsonValue);

  let fieldFoundOnce = false;
  for (const obj of objs) {
    const values = find(obj);
    if (values.length > 0 && values[0].length > 0) {
      fieldFoundOnce = true;
      break;
    }
  }
  if (!fieldFoundOnce) throw new Error(`couldn't find any field with path ${goQuote(field)} in the list of objects`);

  const cache = new Map<T, Found>();
  const lookup = (o: T): Found => {
    let f = cache.get(o);
    if (!f) {
      try { f = { values: find(o) }; } catch (e) { f = { error: e as Error }; }
      cache.set(o, f);
    }
    return f;
  };
  const now = opts.now ?? new Date(0);
  const unstructured = (o: T) => `&unstructured.Unstructured{Object:${goSyntax(o as unknown as JsonValue)}}`;
  goSortInterface({
    len: () => objs.length,
    swap: (i, j) => { const t = objs[i]; objs[i] = objs[j]; objs[j] = t; },
    less: (i, j) => {
      const fi = lookup(objs[i]);
      if ('error' in fi) {
        throw klogFatal(310, `Failed to get i values for ${unstructured(objs[i])} using ${field} (&errors.errorString{s:${goQuote(fi.error.message)}})`, 255, now);
      }
      const fj = lookup(objs[j]);
      if ('error' in fj) {
        throw klogFatal(315, `Failed to get j values for ${unstructured(objs[j])} using ${field} (${fj.error.message})`, 255, now);
      }
      if (fi.values.length === 0 || fi.values[0].length === 0) return true;
      if (fj.values.length === 0 || fj.values[0].length === 0) return false;
      try {
        return isLess(fi.values[0][0] ?? null, fj.values[0][0] ?? null);
      } catch (e) {
        if (!(e instanceof Unsortable)) throw e;
        throw klogFatal(329, `Field ${field} in *unstructured.Unstructured is an unsortable type: interface, err: ${e.message}`, 1, now);
      }
    },
  });
  return objs;
}

/**
 * TableSorter: sorts table rows by their objects. kubectl only sorts a table of two or more
 * rows and falls back to the raw flag value when it is not a relaxed JSONPath.
 */
export function sortTableRows<R>(rows: readonly R[], objectOf: (row: R) => PrintableObject, sortBy: string, opts: SortOptions = {}): R[] {
  const out = [...rows];
  if (out.length <= 1) return out;
  let field: string;
  try { field = relaxedJSONPathExpression(sortBy); } catch { field = sortBy; }
  let parser: JSONPath;
  try {
    parser = new JSONPath(parseJSONPath(field), { allowMissingKeys: true });
  } catch (e) {
    throw new Error(`sorting error: ${(e as Error).message}`);
  }
  const parsed = out.map((row) => {
    try {
      return parser.findValues(objectOf(row) as unknown as JsonValue);
    } catch (e) {
      throw new Error(`Failed to get values for [][]reflect.Value(nil) using ${field} (&errors.errorString{s:${goQuote((e as Error).message)}})`);
    }
  });
  if (!parsed.some((p) => p.length > 0 && p[0].length > 0)) {
    throw new Error(`couldn't find any field with path ${goQuote(field)} in the list of objects`);
  }
  const now = opts.now ?? new Date(0);
  goSortInterface({
    len: () => out.length,
    swap: (i, j) => {
      const t = out[i]; out[i] = out[j]; out[j] = t;
      const p = parsed[i]; parsed[i] = parsed[j]; parsed[j] = p;
    },
    less: (i, j) => {
      if (parsed[i].length === 0 || parsed[i][0].length === 0) return true;
      if (parsed[j].length === 0 || parsed[j][0].length === 0) return false;
      try {
        return isLess(parsed[i][0][0] ?? null, parsed[j][0][0] ?? null);
      } catch (e) {
        if (!(e instanceof Unsortable)) throw e;
        throw klogFatal(375, `Field ${field} in [][][]reflect.Value is an unsortable type: interface, err: ${e.message}`, 1, now);
      }
    },
  });
  return out;
}

/** SortingPrinter: sorts a list before handing it on; a single named object passes through. */
export function sortingPrinter(delegate: Printer, sortBy: string, opts: SortOptions = {}): Printer {
  return (objects, printOpts) => {
    if (printOpts.single && objects.length === 1) return delegate(objects, printOpts);
    return delegate(sortObjects(objects, sortBy, opts), printOpts);
  };
}
