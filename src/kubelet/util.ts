// Small helpers shared by the kubelet simulation: Go's Duration.String(), stable hashes for
// deterministic per-pod variation, and digests that look like the ones containerd reports.
import { createHash } from 'node:crypto';

export { formatGoDuration as goDuration } from '../api/go-duration.js';

/** FNV-1a: a stable 32-bit hash, so the same pod always gets the same simulated timings. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A value in [0, 1) derived from `seed`. */
export function unit(seed: string): number {
  return hash32(seed) / 4294967296;
}

/** `base` varied by up to ±`spread` (a fraction), stably per seed. */
export function vary(base: number, spread: number, seed: string): number {
  if (!spread) return Math.round(base);
  return Math.round(base * (1 + spread * (2 * unit(seed) - 1)));
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

/** RFC 3339 with nanoseconds and trailing zeros trimmed, as Go's time.RFC3339Nano prints. */
export function rfc3339Nano(ms: number, subMsNanos = 0): string {
  const iso = new Date(Math.floor(ms)).toISOString(); // 2025-01-01T00:00:02.123Z
  const base = iso.slice(0, 19);
  const nanos = (Math.floor(ms) % 1000) * 1_000_000 + (subMsNanos % 1_000_000);
  if (!nanos) return `${base}Z`;
  return `${base}.${String(nanos).padStart(9, '0').replace(/0+$/, '')}Z`;
}
