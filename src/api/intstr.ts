// intstr.IntOrString as apimachinery parses it from text (intstr.Parse, release-1.32).

/** intstr.Parse: a base-10 int32 (strconv.ParseInt(val, 10, 32)) is an int, anything else a string. */
export function parseIntOrString(s: string): number | string {
  if (!/^[+-]?\d+$/.test(s)) return s;
  const n = BigInt(s);
  return n > 2147483647n || n < -2147483648n ? s : Number(n);
}
