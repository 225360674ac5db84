// Jobs through the built CLI on a manual clock: the pi Job of the tutorials runs to completion
// and its logs print pi; a Job whose pod always fails is retried with the Job controller's pod
// failure back-off (10 s doubling) until backoffLimit is exceeded, then fails.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const PI_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`;

const FAILING_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 4
  template:
    spec:
      containers:
      - name: c
        image: busybox
        command: ["sh", "-c", "exit 1"]
      restartPolicy: Never
`;

describe('Jobs on a manual clock', () => {
  const home = new MkHome();
  const create = (manifest: string) => {
    const r = home.run(['create', '-f', '-'], { input: manifest });
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  const jsonpath = (...args: string[]) => home.ok(...args.slice(0, -1), '-o', `jsonpath=${args.at(-1)}`);
  const jobEvents = (name: string) => jsonpath('get', 'events', '--field-selector', `involvedObject.kind=Job,involvedObject.name=${name}`,
    '{range .items[*]}{.type} {.reason} {.message}{"\\n"}{end}').trim().split('\n');

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('the pi Job runs one pod to completion and its logs print pi', () => {
    expect(create(PI_JOB)).toBe('job.batch/pi created\n');
    expect(home.ok('get', 'jobs')).toBe(
      'NAME   STATUS    COMPLETIONS   DURATION   AGE\n'
      + 'pi     Running   0/1           0s         0s\n');
    home.ok('clock', 'advance', '2m');
    const pods = jsonpath('get', 'pods', '-l', 'job-name=pi', '{range .items[*]}{.metadata.name} {.status.phase} {.metadata.finalizers}{"\\n"}{end}')
      .trim().split('\n');
    expect(pods).toHaveLength(1);
    const [pod, phase, finalizers] = pods[0].split(' ');
    expect(pod).toMatch(/^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(phase).toBe('Succeeded');
    // The job-tracking finalizer comes off once the pod is counted.
    expect(finalizers).toBeUndefined();

    const start = Date.parse(jsonpath('get', 'job', 'pi', '{.status.startTime}'));
    const done = Date.parse(jsonpath('get', 'job', 'pi', '{.status.completionTime}'));
    const secs = (done - start) / 1000;
    expect(home.ok('get', 'jobs')).toBe(
      'NAME   STATUS     COMPLETIONS   DURATION   AGE\n'
      + `pi     Complete   1/1           ${`${secs}s`.padEnd(11)}2m\n`);
    expect(jsonpath('get', 'job', 'pi', '{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\\n"}{end}')).toBe(
      'SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods\n'
      + 'Complete=True CompletionsReached: Reached expected number of succeeded pods\n');
    expect(jsonpath('get', 'job', 'pi', '{.status.succeeded} {.status.ready} {.status.terminating} {.status.uncountedTerminatedPods}'))
      .toBe('1 0 0 {}');
    expect(jobEvents('pi')).toEqual([`Normal SuccessfulCreate Created pod: ${pod}`, 'Normal Completed Job completed']);

    const logs = home.ok('logs', 'job/pi');
    expect(logs).toMatch(/^3\.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706/);
    // bpi(2000): 2000 significant digits.
    expect(logs.trim()).toMatch(/^3\.\d{1999}$/);
    expect(home.ok('logs', pod)).toBe(logs);
  });

  test('describe job shows the counts, times, template and events', () => {
    const uid = jsonpath('get', 'job', 'pi', '{.metadata.uid}');
    const pod = jsonpath('get', 'pods', '-l', 'job-name=pi', '{.items[0].metadata.name}');
    const fmt = (ts: string) => new Date(Date.parse(jsonpath('get', 'job', 'pi', ts))).toUTCString().replace('GMT', '+0000');
    const duration = (Date.parse(jsonpath('get', 'job', 'pi', '{.status.completionTime}')) - Date.parse(jsonpath('get', 'job', 'pi', '{.status.startTime}'))) / 1000;
    const createdAge = '2m';
    const completedAge = `${120 - duration}s`;
    expect(home.ok('describe', 'job', 'pi')).toBe(`Name:             pi
Namespace:        default
Selector:         batch.kubernetes.io/controller-uid=${uid}
Labels:           batch.kubernetes.io/controller-uid=${uid}
                  batch.kubernetes.io/job-name=pi
                  controller-uid=${uid}
                  job-name=pi
Annotations:      <none>
Parallelism:      1
Completions:      1
Completion Mode:  NonIndexed
Suspend:          false
Backoff Limit:    4
Start Time:       ${fmt('{.status.startTime}')}
Completed At:     ${fmt('{.status.completionTime}')}
Duration:         ${duration}s
Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
Pod Template:
  Labels:  batch.kubernetes.io/controller-uid=${uid}
           batch.kubernetes.io/job-name=pi
           controller-uid=${uid}
           job-name=pi
  Containers:
   pi:
    Image:      perl
    Port:       <none>
    Host Port:  <none>
    Command:
      perl
      -Mbignum=bpi
      -wle
      print bpi(2000)
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Events:
  Type    Reason            Age   From            Message
  ----    ------            ----  ----            -------
  Normal  SuccessfulCreate  ${createdAge}${' '.repeat(6 - createdAge.length)}job-controller  Created pod: ${pod}
  Normal  Completed         ${completedAge}${' '.repeat(6 - completedAge.length)}job-controller  Job completed
`);
  });

  test('a failing pod is replaced after 10s, 20s, 40s, 80s; the fifth failure exceeds backoffLimit 4', () => {
    expect(create(FAILING_JOB)).toBe('job.batch/fail created\n');
    home.ok('clock', 'advance', '10m');
    const pods = jsonpath('get', 'pods', '-l', 'job-name=fail',
      '{range .items[*]}{.metadata.creationTimestamp} {.status.containerStatuses[0].state.terminated.finishedAt} {.status.phase}{"\\n"}{end}')
      .trim().split('\n').map((l) => l.split(' ')).sort((a, b) => a[0].localeCompare(b[0]));
    expect(pods).toHaveLength(5);
    expect(pods.every((p) => p[2] === 'Failed')).toBe(true);
    // Each replacement is created when the back-off after the previous failure has passed.
    const gaps = pods.slice(1).map((p, i) => (Date.parse(p[0]) - Date.parse(pods[i][1])) / 1000);
    expect(gaps).toEqual([10, 20, 40, 80]);

    expect(jsonpath('get', 'job', 'fail', '{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\\n"}{end}')).toBe(
      'FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit\n'
      + 'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit\n');
    expect(jsonpath('get', 'job', 'fail', '{.status.failed} {.status.completionTime}')).toBe('5 ');
    const events = jobEvents('fail');
    expect(events.filter((e) => e.startsWith('Normal SuccessfulCreate'))).toHaveLength(5);
    expect(events.at(-1)).toBe('Warning BackoffLimitExceeded Job has reached the specified backoff limit');
    expect(home.ok('get', 'job', 'fail')).toMatch(/^NAME   STATUS   COMPLETIONS   DURATION   AGE\nfail   Failed   0\/1           \S+\s+10m\n$/);
  });

  test('create job builds what kubectl builds, and a Job must not restart Always', () => {
    expect(home.ok('create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hello')).toBe('job.batch/hello created\n');
    home.ok('clock', 'advance', '1m');
    expect(home.ok('logs', 'job/hello')).toBe('hello\n');
    expect(jsonpath('get', 'job', 'hello', '{.status.conditions[1].type}')).toBe('Complete');
    const r = home.run(['create', '-f', '-'], { input: FAILING_JOB.replace('name: fail', 'name: always').replace('restartPolicy: Never', 'restartPolicy: Always') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('The Job "always" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n');
    const none = home.run(['create', 'job', 'x']);
    expect(none.stderr).toBe('error: either --image or --from must be specified\n');
    expect(none.code).toBe(1);
  });

  test('deleting a Job takes its pods with it', () => {
    expect(home.ok('delete', 'job', 'fail')).toBe('job.batch "fail" deleted\n');
    home.ok('clock', 'advance', '1m');
    expect(home.run(['get', 'pods', '-l', 'job-name=fail']).stderr).toBe('No resources found in default namespace.\n');
  });
});
