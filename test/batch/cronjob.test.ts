// CronJob schedules (robfig/cron ParseStandard's messages, activations in a time zone, the
// controller's most recent unmet time) and the CronJob controller's policies, one sync at a time.
import { describe, expect, test } from 'vitest';
import type { CronJob } from '../../src/api/batch/cronjob/schema.js';
import { nextActivation, parseStandard, scheduleError } from '../../src/api/batch/cronjob/schedule.js';
import type { Job } from '../../src/api/batch/job/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { formatTime } from '../../src/apiserver/time.js';
import { CRONJOB_RESOURCE, cronJobController, formatInZone, getJobName, mostRecentScheduleTime } from '../../src/controllers/cronjob.js';
import { JOB_RESOURCE } from '../../src/controllers/job/job.js';
import { Bench, T0 } from '../controllers/replicaset-harness.js';

const MIN = 60_000;

describe('cron.ParseStandard messages', () => {
  test.each([
    ['', 'empty spec string'],
    ['* * * *', 'expected exactly 5 fields, found 4: [* * * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
  ])('%j', (spec, message) => {
    expect(scheduleError(spec)).toBe(message);
  });

  test('names, steps, lists, ? and descriptors parse', () => {
    for (const s of ['0 9 * JAN-MAR mon-fri', '*/15 0,12 1-10/2 * ?', '@hourly', '@every 1h30m', 'TZ=Europe/Paris 0 9 * * *']) {
      expect(scheduleError(s)).toBeUndefined();
    }
  });
});

describe('activations', () => {
  test('the next minute, the next hour in a time zone, @every', () => {
    expect(nextActivation(parseStandard('*/1 * * * *'), T0 + 30_000)).toBe(T0 + MIN);
    expect(nextActivation(parseStandard('*/1 * * * *'), T0)).toBe(T0 + MIN);
    // 09:00 in Tokyo is 00:00 UTC.
    expect(new Date(nextActivation(parseStandard('0 9 * * *', 'Asia/Tokyo'), T0)).toISOString()).toBe('2025-01-02T00:00:00.000Z');
    expect(nextActivation(parseStandard('@every 90s'), T0 + 500)).toBe(T0 + 90_000);
  });

  test('mostRecentScheduleTime: none yet, one, or the last of many missed', () => {
    const every = parseStandard('*/1 * * * *');
    expect(mostRecentScheduleTime(T0, T0 + 59_000, every)).toEqual({ missed: 0 });
    expect(mostRecentScheduleTime(T0, T0 + 61_000, every)).toEqual({ time: T0 + MIN, missed: 1 });
    expect(mostRecentScheduleTime(T0, T0 + 10 * MIN + 5_000, every)).toEqual({ time: T0 + 10 * MIN, missed: 10 });
  });

  test('job names and the scheduled-timestamp annotation', () => {
    expect(getJobName('hello', T0 + MIN)).toBe('hello-28928161');
    expect(formatInZone(T0, 'UTC')).toBe('2025-01-01T00:00:00Z');
    expect(formatInZone(T0, 'Asia/Tokyo')).toBe('2025-01-01T09:00:00+09:00');
    expect(formatInZone(T0, 'America/New_York')).toBe('2024-12-31T19:00:00-05:00');
  });
});

function addCronJob(b: Bench, spec: Record<string, unknown> = {}): CronJob {
  return b.api.create<KubeObject>(CRONJOB_RESOURCE, {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj', namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'OnFailure' } } } },
      ...spec,
    },
  } as unknown as KubeObject) as unknown as CronJob;
}

const sync = (b: Bench) => cronJobController.reconcile('default/cj', b.ctx('cronjob'));
const jobs = (b: Bench) => (b.api.list<KubeObject>(JOB_RESOURCE, { namespace: 'default' }) as unknown as Job[]).map((j) => j.metadata.name).sort();
const cronJob = (b: Bench) => b.api.get<KubeObject>(CRONJOB_RESOURCE, 'default', 'cj') as unknown as CronJob;

describe('syncCronJob', () => {
  test('nothing before the first scheduled time; then one Job, in the active list, and a wake-up 100 ms after the next', () => {
    const b = new Bench();
    addCronJob(b);
    sync(b);
    expect(jobs(b)).toEqual([]);
    expect(b.timers('cronjob')).toEqual([{ due: MIN + 100, key: 'default/cj' }]);
    b.now = T0 + MIN + 100;
    sync(b);
    expect(jobs(b)).toEqual(['cj-28928161']);
    const status = cronJob(b).status!;
    expect(status.lastScheduleTime).toBe(formatTime(T0 + MIN));
    expect(status.active?.map((r) => `${r.kind}/${r.name}`)).toEqual(['Job/cj-28928161']);
    expect(b.events.map((e) => `${e.component} ${e.reason} ${e.message}`)).toEqual(['cronjob-controller SuccessfulCreate Created job cj-28928161']);
    expect(b.timers('cronjob')).toContainEqual({ due: 2 * MIN + 100, key: 'default/cj' });
  });

  test('Forbid skips a run while one is active; Replace deletes the active one', () => {
    for (const [policy, expected, event] of [
      ['Forbid', ['cj-28928161'], 'JobAlreadyActive Not starting job because prior execution is running and concurrency policy is Forbid'],
      ['Replace', ['cj-28928162'], 'SuccessfulDelete Deleted job cj-28928161'],
    ] as const) {
      const b = new Bench();
      addCronJob(b, { concurrencyPolicy: policy });
      b.now = T0 + MIN + 100;
      sync(b);
      b.now = T0 + 2 * MIN + 100;
      b.settled();
      sync(b);
      expect(jobs(b)).toEqual(expected);
      expect(b.events.map((e) => `${e.reason} ${e.message}`)).toContain(event);
    }
  });

  test('startingDeadlineSeconds: a run missed by more than the deadline is not started', () => {
    const b = new Bench();
    addCronJob(b, { schedule: '0 * * * *', startingDeadlineSeconds: 10 });
    b.now = T0 + 60 * MIN + 11_000;
    sync(b);
    expect(jobs(b)).toEqual([]);
    b.now = T0 + 120 * MIN + 5_000;
    sync(b);
    expect(jobs(b)).toEqual(['cj-28928280']);
  });

  test('suspend: no runs', () => {
    const b = new Bench();
    addCronJob(b, { suspend: true });
    b.now = T0 + 5 * MIN;
    sync(b);
    expect(jobs(b)).toEqual([]);
  });
});
