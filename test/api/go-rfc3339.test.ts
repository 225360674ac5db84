// time.Parse(time.RFC3339, s) as kubectl's --since-time reads it; the refusals were printed by
// kubectl 1.32 (`kubectl logs POD --since-time=...`).
import { describe, expect, test } from 'vitest';
import { parseGoRFC3339 } from '../../src/api/go-rfc3339.js';

describe('parseGoRFC3339', () => {
  test.each([
    ['2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1)],
    ['2024-01-01T1:00:00Z', Date.UTC(2024, 0, 1, 1)],
    ['2024-01-01T00:00:00.5+01:00', Date.UTC(2023, 11, 31, 23, 0, 0, 500)],
    ['2024-02-29T12:30:45.123456789Z', Date.UTC(2024, 1, 29, 12, 30, 45, 123)],
  ])('%s', (text, ms) => expect(parseGoRFC3339(text)).toBe(ms));

  const L = '"2006-01-02T15:04:05Z07:00"';
  test.each([
    ['yesterday', `parsing time "yesterday" as ${L}: cannot parse "yesterday" as "2006"`],
    ['2024-01-01', `parsing time "2024-01-01" as ${L}: cannot parse "" as "T"`],
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2024-02-30T00:00:00Z', 'parsing time "2024-02-30T00:00:00Z": day out of range'],
    ['2024-01-01T25:00:00Z', 'parsing time "2024-01-01T25:00:00Z": hour out of range'],
    ['2024-01-01T00:60:00Z', 'parsing time "2024-01-01T00:60:00Z": minute out of range'],
    ['2024-01-01T00:00:00', `parsing time "2024-01-01T00:00:00" as ${L}: cannot parse "" as "Z07:00"`],
    ['2024-01-01T00:00:00Zx', 'parsing time "2024-01-01T00:00:00Zx": extra text: "x"'],
    ['20a4-01-01T00:00:00Z', `parsing time "20a4-01-01T00:00:00Z" as ${L}: cannot parse "20a4-01-01T00:00:00Z" as "2006"`],
    ['2024-1-01T00:00:00Z', `parsing time "2024-1-01T00:00:00Z" as ${L}: cannot parse "1-01T00:00:00Z" as "01"`],
    ['2024-01-01T00:00:00+0100', `parsing time "2024-01-01T00:00:00+0100" as ${L}: cannot parse "+0100" as "Z07:00"`],
  ])('%s is refused', (text, message) => expect(() => parseGoRFC3339(text)).toThrow(message));
});
