// Port of k8s.io/apimachinery/pkg/util/duration (HumanDuration, ShortHumanDuration) and of the
// translateTimestamp* helpers of pkg/printers/internalversion/printers.go. Durations are in
// milliseconds; "now" is always passed in (virtual time), so AGE columns are reproducible.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// Go's int(float) conversion truncates toward zero; Math.floor would turn -1.5s into -2s
// and print "<invalid>" where kubectl prints "0s".
const trunc = Math.trunc;

/** duration.ShortHumanDuration: one unit only ("5m", "3h", "2d", "1y"). */
export function shortHumanDuration(ms: number): string {
  // Allow deviation no more than 2 seconds(excluded) to tolerate machine time
  // inconsistence, it can be considered as almost now.
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${trunc(hours / 24)}d`;
  return `${trunc(ms / HOUR / 24 / 365)}y`;
}

/** duration.HumanDuration: ~2-3 significant figures ("3m10s", "7h59m", "2d1h", "2y1d"). */
export function humanDuration(ms: number): string {
  const seconds = trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = trunc(ms / HOUR);
  if (hours < 8) {
    const m = trunc(ms / MINUTE) % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${trunc(hours / 24)}d` : `${trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = trunc(hours / 24) % 365;
    return dy === 0 ? `${trunc(hours / 24 / 365)}y` : `${trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${trunc(hours / 24 / 365)}y`;
}

// metav1.Time's zero value; it serializes as null, but a stored literal means the same thing.
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** Milliseconds since the epoch, or undefined for an unset (zero) metav1.Time / MicroTime. */
export function parseTimestamp(ts: string | null | undefined): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  if (Number.isNaN(t) || t === GO_ZERO_TIME) return undefined;
  return t;
}

/** printers.go translateTimestampSince (and translateMicroTimestampSince: same output). */
export function translateTimestampSince(ts: string | null | undefined, now: number): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now - t);
}

/** printers.go translateTimestampUntil. */
export function translateTimestampUntil(ts: string | null | undefined, now: number): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(t - now);
}
