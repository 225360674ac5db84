// Go's time.Parse(time.RFC3339, s), for flags kubectl reads with it (`--since-time`): the same
// leniency (a one-digit hour, fractional seconds) and, for text it refuses, the same ParseError
// words: `parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"`.

const LAYOUT = '2006-01-02T15:04:05Z07:00';

type Elem = { lit: string } | { std: '2006' | '01' | '02' | '15' | '04' | '05' | 'Z07:00' };

const ELEMS: Elem[] = [
  { std: '2006' }, { lit: '-' }, { std: '01' }, { lit: '-' }, { std: '02' }, { lit: 'T' },
  { std: '15' }, { lit: ':' }, { std: '04' }, { lit: ':' }, { std: '05' }, { std: 'Z07:00' },
];

const quote = (s: string) => JSON.stringify(s);
const isDigit = (s: string, i: number) => i < s.length && s[i] >= '0' && s[i] <= '9';

export class GoTimeParseError extends Error {}

/** getnum: one or two digits (exactly two when fixed). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

const daysIn = (month: number, year: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Milliseconds since the epoch, or a GoTimeParseError whose message is Go's. */
export function parseGoRFC3339(value: string): number {
  const cannot = (rest: string, elem: string) =>
    new GoTimeParseError(`parsing time ${quote(value)} as ${quote(LAYOUT)}: cannot parse ${quote(rest)} as ${quote(elem)}`);
  const outOfRange = (what: string) => new GoTimeParseError(`parsing time ${quote(value)}: ${what} out of range`);
  let v = value;
  const f = { year: 0, month: 0, day: 0, hour: 0, min: 0, sec: 0, ms: 0, offsetMin: 0 };
  let range: string | undefined;
  for (const e of ELEMS) {
    if ('lit' in e) {
      if (!v.startsWith(e.lit)) throw cannot(v, e.lit);
      v = v.slice(e.lit.length);
      continue;
    }
    const hold = v;
    const num = (fixed: boolean) => {
      const r = getnum(v, fixed);
      if (!r) throw cannot(hold, e.std);
      v = r[1];
      return r[0];
    };
    switch (e.std) {
      case '2006':
        if (v.length < 4 || !/^\d{4}/.test(v)) throw cannot(hold, e.std);
        f.year = Number(v.slice(0, 4));
        v = v.slice(4);
        break;
      case '01':
        f.month = num(true);
        if (f.month <= 0 || f.month > 12) range ??= 'month';
        break;
      case '02':
        f.day = num(true);
        break;
      case '15':
        f.hour = num(false);
        if (f.hour >= 24) range ??= 'hour';
        break;
      case '04':
        f.min = num(true);
        if (f.min >= 60) range ??= 'minute';
        break;
      case '05': {
        f.sec = num(true);
        if (f.sec >= 60) range ??= 'second';
        // Fractional seconds may follow even when the layout has none.
        const frac = /^[.,](\d+)/.exec(v);
        if (frac) {
          f.ms = Number(`0.${frac[1]}`) * 1000;
          v = v.slice(frac[0].length);
        }
        break;
      }
      case 'Z07:00':
        if (v.startsWith('Z')) {
          v = v.slice(1);
        } else {
          const m = /^([+-])(\d{2}):(\d{2})/.exec(v);
          if (!m) throw cannot(hold, e.std);
          f.offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
          v = v.slice(6);
        }
        break;
    }
    if (range) throw outOfRange(range);
  }
  if (v.length) throw new GoTimeParseError(`parsing time ${quote(value)}: extra text: ${quote(v)}`);
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) throw outOfRange('day');
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.min, f.sec) + Math.floor(f.ms) - f.offsetMin * 60_000;
}
