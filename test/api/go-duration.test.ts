// Cases from Go's time package (format_test.go durationTests / parseDurationTests).
import { describe, expect, test } from 'vitest';
import { formatGoDuration, parseGoDuration } from '../../src/api/go-duration.js';

describe('formatGoDuration is time.Duration.String', () => {
  test.each([
    [0, '0s'],
    [1, '1ms'],
    [1100, '1.1s'],
    [2200, '2.2s'],
    [3_300 * 1000, '55m0s'],
    [4 * 60_000 + 5_000, '4m5s'],
    [4 * 60_000 + 5_001, '4m5.001s'],
    [5 * 3_600_000 + 6 * 60_000 + 7_001, '5h6m7.001s'],
    [8 * 60_000 + 1, '8m0.001s'],
    [-1100, '-1.1s'],
  ])('%i ms → %s', (ms, want) => {
    expect(formatGoDuration(ms)).toBe(want);
  });
});

describe('parseGoDuration is time.ParseDuration', () => {
  test.each([
    ['0', 0],
    ['5s', 5000],
    ['30s', 30_000],
    ['1478s', 1_478_000],
    ['-5s', -5000],
    ['+5s', 5000],
    ['5.6s', 5600],
    ['5.s', 5000],
    ['.5s', 500],
    ['1.0s', 1000],
    ['10ms', 10],
    ['11us', 0.011],
    ['13ns', 0.000013],
    ['15m', 900_000],
    ['16h', 57_600_000],
    ['3h30m', 12_600_000],
    ['10.5s4m', 250_500],
    ['-2m3.4s', -123_400],
    ['1h2m3s4ms5us6ns', 3_723_004.005006],
  ])('%s', (text, want) => {
    expect(parseGoDuration(text)).toBeCloseTo(want, 9);
  });

  test.each(['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '5m ', 'x5s'])('%j is not a duration', (text) => {
    expect(parseGoDuration(text)).toBeUndefined();
  });
});
