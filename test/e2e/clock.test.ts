// mk clock advance: by a duration, or --to an instant (RFC 3339, or now: the wall clock).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MkHome } from './harness.js';

describe('mk clock advance', () => {
  const home = new MkHome();
  beforeAll(() => home.ok('cluster', 'create', 'mk', '--clock', 'manual'));
  afterAll(() => home.dispose());

  it('moves to an exact instant, only forward', () => {
    expect(home.run(['clock', 'advance', '--to', '2025-01-01T01:00:00.5Z'])).toEqual({ stdout: 'Clock advanced by 1h0m0.5s to 2025-01-01T01:00:00Z\n', stderr: '', code: 0 });
    expect(home.ok('clock', 'show')).toBe('Mode: manual\nNow:  2025-01-01T01:00:00Z\n');
    expect(home.run(['clock', 'advance', '--to', '2025-01-01T00:30:00Z'])).toEqual({ stdout: '', code: 1,
      stderr: 'error: cannot move the clock back to 2025-01-01T00:30:00Z: it stands at 2025-01-01T01:00:00Z\n' });
    expect(home.run(['clock', 'advance', '--to', 'soon'])).toEqual({ stdout: '', code: 1,
      stderr: 'error: invalid time "soon": parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse "soon" as "2006"\n' });
    expect(home.run(['clock', 'advance', '1m', '--to', 'now']).stderr).toBe('error: give either a duration or --to, not both\n');
    expect(home.run(['clock', 'advance', '1m']).stdout).toBe('Clock advanced by 1m0s to 2025-01-01T01:01:00Z\n');
  });

  it('moves to the wall clock with --to now', () => {
    const before = Date.now();
    expect(home.run(['clock', 'advance', '--to', 'now']).code).toBe(0);
    const now = Date.parse(/Now:\s+(\S+)/.exec(home.ok('clock', 'show'))![1]);
    expect(now).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
