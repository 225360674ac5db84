// A CronJob through the built CLI on a manual clock: every minute a Job named after the scheduled
// minute, each run to completion, the three most recent successful Jobs kept.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "*/1 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            command: ["/bin/sh", "-c", "echo Hello from the Kubernetes cluster"]
          restartPolicy: OnFailure
`;

// The manual clock of a new cluster starts at 2025-01-01T00:00:00Z: minute 28928160 since the epoch.
const MINUTE0 = Date.UTC(2025, 0, 1) / 60_000;

describe('a CronJob on a manual clock', () => {
  const home = new MkHome();
  const jsonpath = (...args: string[]) => home.ok(...args.slice(0, -1), '-o', `jsonpath=${args.at(-1)}`);

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('*/1 advanced 10 minutes leaves the 3 most recent successful Jobs', () => {
    const r = home.run(['create', '-f', '-'], { input: CRONJOB });
    expect(r.stdout).toBe('cronjob.batch/hello created\n');
    expect(home.ok('get', 'cronjobs')).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n'
      + 'hello   */1 * * * *   <none>     False     0        <none>          0s\n');
    home.ok('clock', 'advance', '10m30s');
    const jobs = jsonpath('get', 'jobs', '{range .items[*]}{.metadata.name} {.status.conditions[1].type} {.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}{"\\n"}{end}')
      .trim().split('\n');
    expect(jobs).toEqual([8, 9, 10].map((m) => `hello-${MINUTE0 + m} Complete 2025-01-01T00:${String(m).padStart(2, '0')}:00Z`));
    expect(home.ok('get', 'cj')).toBe(
      'NAME    SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\n'
      + 'hello   */1 * * * *   <none>     False     0        30s             10m\n');
    expect(jsonpath('get', 'cj', 'hello', '{.status.lastScheduleTime} {.status.active}')).toBe('2025-01-01T00:10:00Z ');
    const events = jsonpath('get', 'events', '--field-selector', 'involvedObject.kind=CronJob',
      '{range .items[*]}{.reason} {.message}{"\\n"}{end}').trim().split('\n');
    expect(events.filter((e) => e.startsWith('SuccessfulCreate'))).toEqual(
      Array.from({ length: 10 }, (_, i) => `SuccessfulCreate Created job hello-${MINUTE0 + i + 1}`));
    expect(events.filter((e) => e.startsWith('SuccessfulDelete'))).toEqual(
      Array.from({ length: 7 }, (_, i) => `SuccessfulDelete Deleted job hello-${MINUTE0 + i + 1}`));
    expect(events).toContain(`SawCompletedJob Saw completed job: hello-${MINUTE0 + 10}, condition: Complete`);
    // The deleted Jobs took their pods with them.
    expect(jsonpath('get', 'pods', '{range .items[*]}{.metadata.labels.job-name}{"\\n"}{end}').trim().split('\n'))
      .toEqual([8, 9, 10].map((m) => `hello-${MINUTE0 + m}`));
    expect(home.ok('logs', `job/hello-${MINUTE0 + 10}`)).toBe('Hello from the Kubernetes cluster\n');
  });

  test('a bad schedule is refused with the cron parser\'s words', () => {
    const r = home.run(['create', 'cronjob', 'bad', '--image=busybox', '--schedule=61 * * * *']);
    expect(r.code).toBe(1);
    // kubectl's create cronjob wraps the API server's refusal.
    expect(r.stderr).toBe('error: failed to create cronjob: CronJob.batch "bad" is invalid: spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61\n');
  });

  test('create job --from=cronjob runs the template now, owned by the CronJob', () => {
    expect(home.ok('create', 'job', 'manual', '--from=cronjob/hello')).toBe('job.batch/manual created\n');
    expect(jsonpath('get', 'job', 'manual', '{.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}'))
      .toBe('manual CronJob/hello');
  });
});
