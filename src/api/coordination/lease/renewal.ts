// When a Lease's holder last renewed it, computed when the Lease is read. A running holder renews
// at a fixed period (a kubelet every 10 s, a leader every 2 s); writing each renewal would cost
// a write per node every ten seconds of virtual time, so the stored renewTime is the holder's
// last written one and reads advance it to the latest renewal since, up to the moment the holder
// stopped, if it did (sim/renewals.ts). Loaded on the read path: no heavy imports.
import type { KubeObject } from '../../object.js';
import type { LeaseSpec } from './schema.js';

const MICRO_TIME = /^(.*?)(?:\.(\d{1,9}))?Z$/;

/** A MicroTime as whole milliseconds and the microseconds below them (kept across renewals). */
export function parseMicroTime(s: string | undefined): { ms: number; micros: number } | undefined {
  const m = s ? MICRO_TIME.exec(s) : null;
  if (!m) return undefined;
  const whole = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(whole)) return undefined;
  const frac = (m[2] ?? '').padEnd(6, '0');
  return { ms: whole + Number(frac.slice(0, 3)), micros: Number(frac.slice(3, 6)) };
}

/** metav1.MicroTime's RFC 3339 form, always six fractional digits. */
export function formatMicroTimeOf(ms: number, micros = 0): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${String(micros).padStart(3, '0')}Z`);
}

/** How a holder renews: every periodMs, until it stopped. */
export interface LeaseRenewal {
  periodMs: number;
  stoppedAt?: number;
}

/** The Lease as of `now`, renewed every period after its stored renewTime (no renewal: by no one). */
export function leaseAsRenewed(obj: KubeObject, now: number, renewal: LeaseRenewal | undefined): KubeObject {
  if (!renewal || !(renewal.periodMs > 0)) return obj;
  const spec = (obj.spec ?? {}) as LeaseSpec;
  const last = parseMicroTime(spec.renewTime);
  const until = Math.min(now, renewal.stoppedAt ?? now);
  if (!last || until - last.ms < renewal.periodMs) return obj;
  const renewed = last.ms + Math.floor((until - last.ms) / renewal.periodMs) * renewal.periodMs;
  return { ...obj, spec: { ...spec, renewTime: formatMicroTimeOf(renewed, last.micros) } };
}
