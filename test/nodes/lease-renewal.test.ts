// A Lease's renewTime as its holder's renewals leave it, computed when read.
import { describe, expect, test } from 'vitest';
import { formatMicroTimeOf, leaseAsRenewed, parseMicroTime } from '../../src/api/coordination/lease/renewal.js';
import type { KubeObject } from '../../src/api/object.js';

const T = Date.UTC(2025, 0, 1, 0, 0, 0);
const lease = (renewTime?: string): KubeObject => ({
  apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n', namespace: 'kube-node-lease' },
  spec: { holderIdentity: 'n', leaseDurationSeconds: 40, ...(renewTime ? { renewTime } : {}) },
});
const renewed = (o: KubeObject) => (o.spec as { renewTime?: string }).renewTime;

describe('leaseAsRenewed', () => {
  test.each([
    ['just renewed', 0, '2025-01-01T00:00:00.123456Z'],
    ['a period less a millisecond on', 9_999, '2025-01-01T00:00:00.123456Z'],
    ['a period on', 10_000, '2025-01-01T00:00:10.123456Z'],
    ['a day and 7 s on', 86_407_000, '2025-01-02T00:00:00.123456Z'],
  ])('%s', (_name, after, want) => {
    expect(renewed(leaseAsRenewed(lease('2025-01-01T00:00:00.123456Z'), T + 123 + after, { periodMs: 10_000 }))).toBe(want);
  });

  test('a holder that stopped leaves its last renewal before the stop', () => {
    const l = lease('2025-01-01T00:00:00.000042Z');
    expect(renewed(leaseAsRenewed(l, T + 3_600_000, { periodMs: 10_000, stoppedAt: T + 35_000 }))).toBe('2025-01-01T00:00:30.000042Z');
  });

  test('nothing renews a Lease without a renewal record, or without a renewTime', () => {
    const l = lease('2025-01-01T00:00:00.000042Z');
    expect(leaseAsRenewed(l, T + 3_600_000, undefined)).toBe(l);
    const bare = lease();
    expect(leaseAsRenewed(bare, T + 3_600_000, { periodMs: 2_000 })).toBe(bare);
  });

  test('the stored object is not changed', () => {
    const l = lease('2025-01-01T00:00:00.000042Z');
    leaseAsRenewed(l, T + 60_000, { periodMs: 2_000 });
    expect(renewed(l)).toBe('2025-01-01T00:00:00.000042Z');
  });
});

describe('MicroTime', () => {
  test('six fractional digits, sub-millisecond part kept apart', () => {
    expect(parseMicroTime('2025-01-01T00:00:01.234567Z')).toEqual({ ms: T + 1234, micros: 567 });
    expect(parseMicroTime('2025-01-01T00:00:01Z')).toEqual({ ms: T + 1000, micros: 0 });
    expect(parseMicroTime('not a time')).toBeUndefined();
    expect(formatMicroTimeOf(T + 1234, 5)).toBe('2025-01-01T00:00:01.234005Z');
    expect(formatMicroTimeOf(T)).toBe('2025-01-01T00:00:00.000000Z');
  });
});
