// Ported from k8s.io/apimachinery/pkg/util/duration/duration_test.go and printers_test.go
// (TestTranslateTimestampSince, TestTranslateTimestampUntil).
import { describe, expect, test } from 'vitest';
import { humanDuration, shortHumanDuration, translateTimestampSince, translateTimestampUntil } from '../../src/api/duration.js';

const ns = 1e-6; // one Go nanosecond, in milliseconds
const ms = 1;
const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('HumanDuration', () => {
  test.each([
    [s, '1s'],
    [70 * s, '70s'],
    [190 * s, '3m10s'],
    [70 * m, '70m'],
    [47 * h, '47h'],
    [49 * h, '2d1h'],
    [(8 * 24 + 2) * h, '8d'],
    [367 * 24 * h, '367d'],
    [(365 * 2 * 24 + 25) * h, '2y1d'],
    [(365 * 8 * 24 + 2) * h, '8y'],
  ])('%d ms is %s', (d, want) => {
    expect(humanDuration(d)).toBe(want);
  });

  test.each([
    [-2 * s, '<invalid>'],
    [-2 * s + ns, '0s'],
    [0, '0s'],
    [s - ms, '0s'],
    [2 * m - ms, '119s'],
    [2 * m, '2m'],
    [2 * m + s, '2m1s'],
    [10 * m - ms, '9m59s'],
    [10 * m, '10m'],
    [10 * m + s, '10m'],
    [3 * h - ms, '179m'],
    [3 * h, '3h'],
    [3 * h + m, '3h1m'],
    [8 * h - ms, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 59 * m, '8h'],
    [2 * 24 * h - ms, '47h'],
    [2 * 24 * h, '2d'],
    [2 * 24 * h + h, '2d1h'],
    [8 * 24 * h - ms, '7d23h'],
    [8 * 24 * h, '8d'],
    [8 * 24 * h + 23 * h, '8d'],
    [2 * 365 * 24 * h - ms, '729d'],
    [2 * 365 * 24 * h, '2y'],
    [2 * 365 * 24 * h + 23 * h, '2y'],
    [2 * 365 * 24 * h + 23 * h + 59 * m, '2y'],
    [2 * 365 * 24 * h + 24 * h - ms, '2y'],
    [2 * 365 * 24 * h + 24 * h, '2y1d'],
    [3 * 365 * 24 * h, '3y'],
    [4 * 365 * 24 * h, '4y'],
    [5 * 365 * 24 * h, '5y'],
    [6 * 365 * 24 * h, '6y'],
    [7 * 365 * 24 * h, '7y'],
    [8 * 365 * 24 * h - ms, '7y364d'],
    [8 * 365 * 24 * h, '8y'],
    [8 * 365 * 24 * h + 364 * 24 * h, '8y'],
    [9 * 365 * 24 * h, '9y'],
  ])('boundary %d ms is %s', (d, want) => {
    expect(humanDuration(d)).toBe(want);
  });
});

describe('ShortHumanDuration', () => {
  test.each([
    [-2 * s, '<invalid>'],
    [-2 * s + ns, '0s'],
    [0, '0s'],
    [s - ms, '0s'],
    [s, '1s'],
    [2 * s - ms, '1s'],
    [m - ms, '59s'],
    [m, '1m'],
    [2 * m - ms, '1m'],
    [h - ms, '59m'],
    [h, '1h'],
    [2 * h - ms, '1h'],
    [24 * h - ms, '23h'],
    [24 * h, '1d'],
    [2 * 24 * h - ms, '1d'],
    [365 * 24 * h - ms, '364d'],
    [365 * 24 * h, '1y'],
    [2 * 365 * 24 * h - ms, '1y'],
    [2 * 365 * 24 * h, '2y'],
  ])('boundary %d ms is %s', (d, want) => {
    expect(shortHumanDuration(d)).toBe(want);
  });
});

const NOW = Date.parse('2024-06-15T12:00:00Z');
const at = (offsetMs: number): string => new Date(NOW + offsetMs).toISOString();
const daysAgo = (d: number): string => {
  const t = new Date(NOW);
  t.setUTCDate(t.getUTCDate() - d);
  return t.toISOString();
};

describe('translateTimestampSince', () => {
  test.each([
    ['a while from now', at(2100), '<invalid>'],
    ['almost now', at(1900), '0s'],
    ['now', at(0), '0s'],
    ['unknown', undefined, '<unknown>'],
    ['30 seconds ago', at(-3e4), '30s'],
    ['5 minutes ago', at(-3e5), '5m'],
    ['an hour ago', at(-6e6), '100m'],
    ['2 days ago', daysAgo(2), '2d'],
    ['months ago', daysAgo(90), '90d'],
    ['10 years ago', at(-10 * 365 * 24 * h), '10y'],
  ])('%s', (_name, ts, want) => {
    expect(translateTimestampSince(ts, NOW)).toBe(want);
  });

  test('null and the Go zero time are unknown', () => {
    expect(translateTimestampSince(null, NOW)).toBe('<unknown>');
    expect(translateTimestampSince('0001-01-01T00:00:00Z', NOW)).toBe('<unknown>');
  });
});

describe('translateTimestampUntil', () => {
  test.each([
    ['a while ago', at(-2100), '<invalid>'],
    ['almost now', at(-1900), '0s'],
    ['now', at(0), '0s'],
    ['unknown', undefined, '<unknown>'],
    ['in 30 seconds', at(3e4 + 100), '30s'],
    ['in 5 minutes', at(3e5 + 100), '5m'],
    ['in an hour', at(6e6 + 100), '100m'],
    ['in 2 days', daysAgo(-2), '2d'],
    ['in months', daysAgo(-90), '90d'],
    ['in 10 years', at(10 * 365 * 24 * h + 100), '10y'],
  ])('%s', (_name, ts, want) => {
    expect(translateTimestampUntil(ts, NOW)).toBe(want);
  });
});
