// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): `100m`, `0.5`, `128Mi`,
// `1G`, `1e3`. Values are kept exact (a BigInt mantissa times a power of ten) because the API
// rounds in one direction only, up, and sums of requests must round once, after adding, exactly
// as the scheduler and `kubectl describe node` do. Numbers handed to callers are JS numbers: exact
// up to 2^53 (8 PiB of memory, 9 million cores in milli-units), which covers any real cluster.

export type QuantityFormat = 'DecimalExponent' | 'BinarySI' | 'DecimalSI';

export interface Quantity {
  /** The value is mantissa × 10^exponent. After parsing, exponent ≥ -9 (nano precision). */
  readonly mantissa: bigint;
  readonly exponent: number;
  /** The suffix family to print with; kept from the input as Kubernetes does. */
  readonly format: QuantityFormat;
}

const splitREString = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';
export const ErrFormatWrong = `quantities must match the regular expression '${splitREString}'`;
export const ErrNumeric = 'unable to parse numeric part of quantity';
export const ErrSuffix = "unable to parse quantity's suffix";

export class QuantityError extends Error {}

const decSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binSuffixes: Record<string, number> = { '': 0, Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decByExponent = new Map(Object.entries(decSuffixes).map(([s, e]) => [e, s]));
const binByExponent = new Map(Object.entries(binSuffixes).map(([s, e]) => [e, s]));

const MAX_INT64 = (1n << 63n) - 1n;
const NANO = -9;
const isDigit = (c: string) => c >= '0' && c <= '9';

/** The scanner of quantity.go's parseQuantityString, which is more permissive than splitREString. */
function scan(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === '-') { positive = false; pos++; } else if (str[0] === '+') pos++;
  }
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { positive, num: '0', denom: '', suffix: '' };

  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  let num = str.slice(pos, i);
  pos = i;
  if (num.length === 0) num = '0';

  let denom = '';
  if (pos < end && str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    pos = i;
  }

  const suffixStart = pos;
  while (pos < end && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < end && isDigit(str[pos])) pos++;
  if (pos < end) throw new QuantityError(ErrFormatWrong);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(s: string): { base: 2 | 10; exponent: number; format: QuantityFormat } | undefined {
  if (s in decSuffixes) return { base: 10, exponent: decSuffixes[s], format: 'DecimalSI' };
  if (s in binSuffixes) return { base: 2, exponent: binSuffixes[s], format: 'BinarySI' };
  if (s.length > 1 && (s[0] === 'e' || s[0] === 'E')) {
    // strconv.ParseInt(s[1:], 10, 64): optional sign, then digits only.
    const rest = s.slice(1);
    if (!/^[+-]?[0-9]+$/.test(rest)) return undefined;
    const e = BigInt(rest);
    if (e > MAX_INT64 || e < -MAX_INT64 - 1n) return undefined;
    // Go truncates to int32; anything that large is meaningless anyway.
    return { base: 10, exponent: Number(BigInt.asIntN(32, e)), format: 'DecimalExponent' };
  }
  return undefined;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Divides by 10^shift, rounding away from zero (inf.RoundUp, and the scaled-value helpers). */
function divRoundUp(m: bigint, shift: number): bigint {
  if (shift <= 0) return m * pow10(-shift);
  const d = pow10(shift);
  const q = m / d;
  if (q * d === m) return q;
  return m < 0n ? q - 1n : q + 1n;
}

/** Compares two exact values by bringing both to the smaller exponent. */
function cmpValues(a: Quantity, b: Quantity): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * pow10(a.exponent - e);
  const y = b.mantissa * pow10(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

const parseCache = new Map<string, Quantity>();

/** ParseQuantity. Throws QuantityError with the API server's words on malformed input. */
export function parseQuantity(input: string | number): Quantity {
  const str = typeof input === 'number' ? numberToQuantityString(input) : input;
  const hit = parseCache.get(str);
  if (hit) return hit;
  const q = parseUncached(str);
  if (parseCache.size > 10_000) parseCache.clear();
  parseCache.set(str, q);
  return q;
}

/** A JSON number reaches the API as its decimal text; JS prints 1e21 as "1e+21", which parses the same. */
function numberToQuantityString(n: number): string {
  if (!Number.isFinite(n)) throw new QuantityError(ErrFormatWrong);
  return String(n);
}

function parseUncached(str: string): Quantity {
  if (str.length === 0) throw new QuantityError(ErrFormatWrong);
  if (str === '0') return { mantissa: 0n, exponent: 0, format: 'DecimalSI' };

  const { positive, num, denom, suffix } = scan(str);
  const suf = interpretSuffix(suffix);
  if (!suf) throw new QuantityError(ErrSuffix);
  let format = suf.format;

  let mantissa = BigInt(num + denom);
  let exponent = -denom.length;
  if (suf.base === 10) exponent += suf.exponent;
  else mantissa *= 1n << BigInt(suf.exponent);

  // Round non-zero values up to the smallest representable amount (1n): asking for a sliver of a
  // resource should get some resource, never none.
  if (exponent < NANO) {
    mantissa = divRoundUp(mantissa, NANO - exponent);
    exponent = NANO;
  }
  if (format === 'BinarySI') {
    const magnitude: Quantity = { mantissa, exponent, format };
    if (cmpValues(magnitude, newQuantity(MAX_INT64)) > 0) { mantissa = MAX_INT64; exponent = 0; }
    // Below one, binary suffixes cannot express the value without rounding.
    else if (mantissa !== 0n && cmpValues(magnitude, newQuantity(1)) < 0) format = 'DecimalSI';
  }
  if (!positive) mantissa = -mantissa;
  return normalize({ mantissa, exponent, format });
}

/** Moves trailing zeros of the mantissa into the exponent so equal values look alike. */
function normalize(q: Quantity): Quantity {
  let { mantissa, exponent } = q;
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0, format: q.format };
  while (mantissa % 10n === 0n) { mantissa /= 10n; exponent++; }
  return { mantissa, exponent, format: q.format };
}

/** parseQuantity, or undefined instead of an error. */
export function tryParseQuantity(input: string | number): Quantity | undefined {
  try {
    return parseQuantity(input);
  } catch (e) {
    if (e instanceof QuantityError) return undefined;
    throw e;
  }
}

type QuantityLike = Quantity | string | number;
const asQuantity = (q: QuantityLike): Quantity => (typeof q === 'object' ? q : parseQuantity(q));

/** ScaledValue(scale): ceil(q / 10^scale), rounding away from zero. */
export function scaledValue(q: QuantityLike, scale: number): number {
  const v = asQuantity(q);
  return Number(divRoundUp(v.mantissa, scale - v.exponent));
}

/** Value(): whole units (bytes, pods), rounded up. */
export const quantityValue = (q: QuantityLike): number => scaledValue(q, 0);

/** MilliValue(): thousandths (millicores), rounded up. */
export const milliValue = (q: QuantityLike): number => scaledValue(q, -3);

/** AsApproximateFloat64(). */
export function approximateFloat(q: QuantityLike): number {
  const v = asQuantity(q);
  return Number(v.mantissa) * 10 ** v.exponent;
}

export const isZero = (q: QuantityLike): boolean => asQuantity(q).mantissa === 0n;

export function cmpQuantity(a: QuantityLike, b: QuantityLike): number {
  return cmpValues(asQuantity(a), asQuantity(b));
}

/** q.Add(y): exact; a zero receiver takes the other operand's format, as upstream. */
export function addQuantity(a: QuantityLike, b: QuantityLike): Quantity {
  const x = asQuantity(a);
  const y = asQuantity(b);
  const e = Math.min(x.exponent, y.exponent);
  const m = x.mantissa * pow10(x.exponent - e) + y.mantissa * pow10(y.exponent - e);
  return normalize({ mantissa: m, exponent: e, format: x.mantissa === 0n ? y.format : x.format });
}

/** q.Sub(y). */
export function subQuantity(a: QuantityLike, b: QuantityLike): Quantity {
  const y = asQuantity(b);
  const x = asQuantity(a);
  const r = addQuantity(x, { ...y, mantissa: -y.mantissa });
  return { ...r, format: x.mantissa === 0n ? y.format : x.format };
}

/** NewMilliQuantity(value, format). */
export function newMilliQuantity(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return normalize({ mantissa: BigInt(milli), exponent: -3, format });
}

/** NewQuantity(value, format). */
export function newQuantity(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return normalize({ mantissa: BigInt(value), exponent: 0, format });
}

function removeFactors(v: bigint, base: bigint): [bigint, number] {
  let times = 0;
  while (v !== 0n && v % base === 0n) { v /= base; times++; }
  return [v, times];
}

/**
 * String(): the canonical form — the largest suffix that loses no precision and needs no fraction
 * (1.5 → 1500m, 1.5Gi → 1536Mi, 1000 → 1k). BinarySI values between -1024 and 1024, or not whole,
 * are printed as DecimalSI.
 */
export function formatQuantity(input: QuantityLike): string {
  const q = asQuantity(input);
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  let whole = 0n;
  if (format === 'BinarySI') {
    const small = cmpValues(q, newQuantity(-1024)) > 0 && cmpValues(q, newQuantity(1024)) < 0;
    const exact = q.exponent >= 0 || q.mantissa % pow10(-q.exponent) === 0n;
    if (small || !exact) format = 'DecimalSI';
    else whole = q.exponent >= 0 ? q.mantissa * pow10(q.exponent) : q.mantissa / pow10(-q.exponent);
  }
  if (format === 'BinarySI') {
    const [amount, times] = removeFactors(whole, 1024n);
    return `${amount}${binByExponent.get(times * 10) ?? ''}`;
  }
  let [amount, times] = removeFactors(q.mantissa, 10n);
  let exponent = q.exponent + times;
  while (((exponent % 3) + 3) % 3 !== 0) { amount *= 10n; exponent--; }
  if (format === 'DecimalSI') {
    const s = decByExponent.get(exponent);
    if (s !== undefined) return `${amount}${s}`;
  }
  return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
}

/** Re-emits a quantity string in canonical form (what the API server stores and prints). */
export const canonicalQuantity = (q: string | number): string => formatQuantity(parseQuantity(q));
