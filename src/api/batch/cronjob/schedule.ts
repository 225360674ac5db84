// CronJob schedules as the API server and the controller read them: cron.ParseStandard of
// github.com/robfig/cron/v3 (five fields, names, ranges, steps, `?`, the @descriptors and
// @every) for the validation messages, and the next activation after a time, in a time zone,
// from cron-parser. Time zone names are IANA names as Go's time.LoadLocation knows them.
import { CronExpressionParser } from 'cron-parser';
import { parseGoDuration } from '../../go-duration.js';

interface Bounds { min: number; max: number; names?: Readonly<Record<string, number>> }

const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *', '@monthly': '0 0 1 * *', '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@hourly': '0 * * * *',
};

class ScheduleError extends Error {}

/** strconv.Atoi's error, as robfig wraps it. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new ScheduleError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new ScheduleError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, b: Bounds): number {
  const named = b.names?.[expr.toLowerCase()];
  return named ?? mustParseInt(expr);
}

/** getRange: one comma-separated part of a field. */
function checkRange(expr: string, b: Bounds): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start: number;
  let end: number;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min;
    end = b.max;
  } else {
    start = parseIntOrName(lowAndHigh[0], b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], b);
    else throw new ScheduleError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = b.max;
  } else if (rangeAndStep.length > 2) {
    throw new ScheduleError(`too many slashes: ${expr}`);
  }
  if (start < b.min) throw new ScheduleError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new ScheduleError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new ScheduleError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new ScheduleError(`step of range should be a positive number: ${expr}`);
}

/** A parsed schedule: a cron expression, or a constant delay (@every). */
export type Schedule = { cron: string; tz: string } | { everyMs: number };

/** cron.ParseStandard; `tz` is the location for a schedule without TZ=. Throws with robfig's message. */
export function parseStandard(spec: string, tz = 'UTC'): Schedule {
  if (spec.length === 0) throw new ScheduleError('empty spec string');
  let loc = tz;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = spec.slice(eq + 1, i < 0 ? undefined : i);
    if (!isKnownTimeZone(name)) throw new ScheduleError(`provided bad location ${name}: unknown time zone ${name}`);
    loc = name;
    spec = i < 0 ? '' : spec.slice(i).trim();
  }
  if (spec.startsWith('@')) {
    if (spec.startsWith('@every ')) {
      const text = spec.slice('@every '.length);
      const d = parseGoDuration(text);
      if (d === undefined) throw new ScheduleError(`failed to parse duration ${spec}: time: invalid duration ${JSON.stringify(text)}`);
      // ConstantDelaySchedule: at least a second, in whole seconds.
      return { everyMs: Math.max(1000, Math.round(d / 1000) * 1000) };
    }
    const expr = DESCRIPTORS[spec];
    if (!expr) throw new ScheduleError(`unrecognized descriptor: ${spec}`);
    return { cron: expr, tz: loc };
  }
  const fields = spec.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) throw new ScheduleError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  [MINUTES, HOURS, DOM, MONTHS, DOW].forEach((b, i) => {
    for (const part of fields[i].split(',')) checkRange(part, b);
  });
  return { cron: fields.join(' '), tz: loc };
}

/** The parse error's message, or undefined for a schedule that parses. */
export function scheduleError(spec: string): string | undefined {
  try {
    parseStandard(spec);
    return undefined;
  } catch (e) {
    if (e instanceof ScheduleError) return e.message;
    throw e;
  }
}

/** Schedule.Next: the first activation strictly after `after` (ms), whole seconds. */
export function nextActivation(s: Schedule, after: number): number {
  if ('everyMs' in s) return Math.floor(after / 1000) * 1000 + s.everyMs;
  const it = CronExpressionParser.parse(s.cron, { currentDate: new Date(after), tz: s.tz });
  return it.next().getTime();
}

/** time.LoadLocation succeeds: the IANA database knows the name (or it is UTC). */
export function isKnownTimeZone(name: string): boolean {
  if (name === 'UTC' || name === '') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
