import { beforeEach, describe, expect, test } from 'vitest';
import type { ContainerStatus, PodStatus } from '../../src/api/core/pod/schema.js';
import { formatTime } from '../../src/apiserver/time.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { sha256Hex } from '../../src/kubelet/util.js';
import { FakeCluster, simplePod, T0, type RecordedEvent } from './harness.js';

const at = (ms: number) => formatTime(T0 + ms);
const CID = expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/);
const REDIS_ID = `docker.io/library/redis@sha256:${sha256Hex('docker.io/library/redis:7.4.2')}`;
const REDIS_SIZE = 45_334_873;
// With spread 0: sandbox 700 ms, pull 500 ms + size / 40 kB/ms, create 110 ms, start 120 ms,
// failed pull 900 ms, sandbox stop 120 ms, relist every 1000 ms.
const REDIS_PULL = Math.round(500 + REDIS_SIZE / 40_000);

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1);
});

const ev = (t: number, type: 'Normal' | 'Warning', reason: string, message: string, container: string): RecordedEvent =>
  ({ t, object: container, type, reason, message, fieldPath: `spec.containers{${container}}`, host: 'kind-worker' });

function cond(type: string, status: string, ltt: number, extra: { reason?: string; message?: string } = {}) {
  return { type, status, lastProbeTime: null, lastTransitionTime: at(ltt), ...extra };
}

describe('a redis pod', () => {
  test('pulls, creates and starts, leaving the events a 1.32 node leaves', () => {
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(5_000);
    const pulled = 700 + REDIS_PULL;
    expect(c.eventsFor('redis')).toEqual([
      ev(700, 'Normal', 'Pulling', 'Pulling image "redis"', 'redis'),
      ev(pulled, 'Normal', 'Pulled', `Successfully pulled image "redis" in 1.633s (1.633s including waiting). Image size: ${REDIS_SIZE} bytes.`, 'redis'),
      ev(pulled + 110, 'Normal', 'Created', 'Created container: redis', 'redis'),
      ev(pulled + 230, 'Normal', 'Started', 'Started container redis', 'redis'),
    ]);
    const started = pulled + 230;
    const status: PodStatus = {
      phase: 'Running',
      conditions: [
        cond('PodReadyToStartContainers', 'True', started),
        cond('Initialized', 'True', 0),
        cond('Ready', 'True', started),
        cond('ContainersReady', 'True', started),
        cond('PodScheduled', 'True', 0),
      ],
      hostIP: '172.18.0.3',
      hostIPs: [{ ip: '172.18.0.3' }],
      podIP: '10.244.1.2',
      podIPs: [{ ip: '10.244.1.2' }],
      startTime: at(0),
      containerStatuses: [{
        name: 'redis',
        state: { running: { startedAt: at(started) } },
        lastState: {},
        ready: true,
        restartCount: 0,
        image: 'docker.io/library/redis:latest',
        imageID: REDIS_ID,
        containerID: CID,
        started: true,
      }],
      qosClass: 'BestEffort',
    };
    expect(c.pod('redis').status).toEqual(status);
  });

  test('is ContainerCreating with no IP while the image is pulled', () => {
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(1_500);
    expect(c.pod('redis').status).toEqual({
      phase: 'Pending',
      conditions: [
        cond('PodReadyToStartContainers', 'False', 0),
        cond('Initialized', 'True', 0),
        cond('Ready', 'False', 0, { reason: 'ContainersNotReady', message: 'containers with unready status: [redis]' }),
        cond('ContainersReady', 'False', 0, { reason: 'ContainersNotReady', message: 'containers with unready status: [redis]' }),
        cond('PodScheduled', 'True', 0),
      ],
      hostIP: '172.18.0.3',
      hostIPs: [{ ip: '172.18.0.3' }],
      startTime: at(0),
      containerStatuses: [{
        name: 'redis', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0,
        image: 'redis', imageID: '', started: false,
      }],
      qosClass: 'BestEffort',
    });
  });

  test('a second pod with the same image on the same node finds it present', () => {
    c.addPod(simplePod('redis', 'redis', { imagePullPolicy: 'IfNotPresent' }));
    c.runTo(5_000);
    c.addPod(simplePod('redis2', 'redis', { imagePullPolicy: 'IfNotPresent', name: 'redis' }));
    c.runTo(10_000);
    expect(c.eventsFor('redis2').map((e) => [e.t - 5_000, e.reason, e.message])).toEqual([
      [700, 'Pulled', 'Container image "redis" already present on machine'],
      [810, 'Created', 'Created container: redis'],
      [930, 'Started', 'Started container redis'],
    ]);
    expect(c.pod('redis2').status?.podIP).toBe('10.244.1.3');
    expect(c.pod('redis2').status?.phase).toBe('Running');
  });

  test('imagePullPolicy Always pulls again even when the image is present', () => {
    c.addPod(simplePod('a', 'redis'));
    c.runTo(5_000);
    c.addPod(simplePod('b', 'redis'));
    c.runTo(10_000);
    expect(c.eventsFor('b').map((e) => e.message)).toEqual([
      'Pulling image "redis"',
      'Successfully pulled image "redis" in 500ms (500ms including waiting). Image size: 45334873 bytes.',
      'Created container: b',
      'Started container b',
    ]);
  });

  test('a pod waits for the node\'s puller while another image is being pulled', () => {
    c.addPod(simplePod('a', 'redis'));
    c.addPod(simplePod('b', 'nginx'));
    c.runTo(10_000);
    const pulled = c.eventsFor('b').find((e) => e.reason === 'Pulled')!;
    // nginx waits for redis' pull (700 + 1633) before its own 500 + 72099501 / 40000 ms.
    expect(pulled.message).toBe('Successfully pulled image "nginx" in 2.302s (3.935s including waiting). Image size: 72099501 bytes.');
  });
});

describe('an image that does not exist', () => {
  test('ErrImagePull, then ImagePullBackOff with 10s, 20s, 40s ... back-off', () => {
    c.addPod(simplePod('bad', 'redis:5xx'));
    const waits: [number, string | undefined][] = [];
    let last: string | undefined;
    for (let t = 0; t <= 700_000; t += 100) {
      c.runTo(t);
      const reason = c.pod('bad').status?.containerStatuses?.[0].state?.waiting?.reason;
      if (reason !== last) waits.push([t, (last = reason)]);
    }
    const err = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/redis:5xx": failed to resolve reference "docker.io/library/redis:5xx": docker.io/library/redis:5xx: not found';
    const events = c.eventsFor('bad');
    expect(events.slice(0, 7)).toEqual([
      ev(700, 'Normal', 'Pulling', 'Pulling image "redis:5xx"', 'bad'),
      ev(1_600, 'Warning', 'Failed', `Failed to pull image "redis:5xx": ${err}`, 'bad'),
      ev(1_600, 'Warning', 'Failed', 'Error: ErrImagePull', 'bad'),
      ev(1_600, 'Normal', 'BackOff', 'Back-off pulling image "redis:5xx"', 'bad'),
      ev(1_600, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'bad'),
      ev(11_600, 'Normal', 'Pulling', 'Pulling image "redis:5xx"', 'bad'),
      ev(12_500, 'Warning', 'Failed', `Failed to pull image "redis:5xx": ${err}`, 'bad'),
    ]);
    // Each pull starts once the back-off that began with the previous failure is over.
    const pulls = events.filter((e) => e.reason === 'Pulling').map((e) => e.t);
    const failures = events.filter((e) => e.message.startsWith('Failed to pull')).map((e) => e.t);
    expect(pulls.slice(1).map((p, i) => p - failures[i])).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 300_000]);
    // Between pulls the pod worker retries every 10s, each time reporting the back-off.
    expect(events.filter((e) => e.reason === 'BackOff').length).toBeGreaterThan(40);
    expect(waits.slice(0, 6)).toEqual([
      [0, 'ContainerCreating'],
      [1_600, 'ErrImagePull'],
      [11_600, 'ImagePullBackOff'],
      [22_500, 'ErrImagePull'],
      [32_500, 'ImagePullBackOff'],
      [43_400, 'ErrImagePull'],
    ]);
    const st = c.pod('bad').status!;
    expect(st.phase).toBe('Pending');
    expect(st.containerStatuses?.[0].state).toEqual({
      waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "redis:5xx": ErrImagePull: ${err}` },
    });
    expect(st.conditions?.[0]).toEqual(cond('PodReadyToStartContainers', 'True', 1_600));
    expect(st.podIP).toBe('10.244.1.2');
  });

  test('an unknown repository is an authorization failure, as Docker Hub answers', () => {
    c.addPod(simplePod('x', 'nosuchimage-zz'));
    c.runTo(3_000);
    expect(c.eventsFor('x')[1].message).toBe('Failed to pull image "nosuchimage-zz": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nosuchimage-zz:latest": failed to resolve reference "docker.io/library/nosuchimage-zz:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  test('pull policy Never without the image', () => {
    c.addPod(simplePod('n', 'redis:7', { imagePullPolicy: 'Never' }));
    c.runTo(3_000);
    expect(c.eventsFor('n').slice(0, 2)).toEqual([
      ev(700, 'Warning', 'ErrImageNeverPull', 'Container image "redis:7" is not present with pull policy of Never', 'n'),
      ev(700, 'Warning', 'Failed', 'Error: ErrImageNeverPull', 'n'),
    ]);
    expect(c.pod('n').status?.containerStatuses?.[0].state).toEqual({
      waiting: { reason: 'ErrImageNeverPull', message: 'Container image "redis:7" is not present with pull policy of Never' },
    });
  });

  test('an invalid image name', () => {
    c.addPod(simplePod('inv', 'Redis:7'));
    c.runTo(2_000);
    const msg = 'Failed to apply default image tag "Redis:7": couldn\'t parse image name "Redis:7": invalid reference format: repository name (library/Redis) must be lowercase';
    expect(c.eventsFor('inv').slice(0, 2).map((e) => [e.reason, e.message])).toEqual([['InspectFailed', msg], ['Failed', 'Error: InvalidImageName']]);
    expect(c.pod('inv').status?.containerStatuses?.[0].state?.waiting).toEqual({ reason: 'InvalidImageName', message: msg });
  });
});

function terminated(s: ContainerStatus | undefined) {
  return s?.state?.terminated;
}

describe('containers that exit', () => {
  test('sh -c "exit 1" with restartPolicy Never fails the pod', () => {
    c.addPod(simplePod('once', 'busybox:1.36', { command: ['sh', '-c', 'exit 1'] }, { restartPolicy: 'Never' }));
    c.runTo(10_000);
    const st = c.pod('once').status!;
    const started = c.eventsFor('once').find((e) => e.reason === 'Started')!.t;
    expect(st.phase).toBe('Failed');
    expect(st.containerStatuses).toEqual([{
      name: 'once',
      state: { terminated: { exitCode: 1, reason: 'Error', startedAt: at(started), finishedAt: at(started), containerID: CID } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: 'docker.io/library/busybox:1.36',
      imageID: expect.stringMatching(/^docker\.io\/library\/busybox@sha256:[0-9a-f]{64}$/),
      containerID: CID,
      started: false,
    }]);
    expect(st.conditions).toEqual([
      // The sandbox is stopped once the pod is terminal; Ready was False all along, so it keeps
      // its first transition time while its reason changes.
      cond('PodReadyToStartContainers', 'False', started + 120),
      cond('Initialized', 'True', 0),
      cond('Ready', 'False', 0, { reason: 'PodFailed' }),
      cond('ContainersReady', 'False', 0, { reason: 'PodFailed' }),
      cond('PodScheduled', 'True', 0),
    ]);
    expect(c.eventsFor('once').map((e) => e.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
  });

  test('restartPolicy Always: restarts at once, then CrashLoopBackOff doubling from 10s', () => {
    c.addPod(simplePod('crash', 'busybox:1.36', { command: ['sh', '-c', 'exit 1'] }));
    const seen: string[] = [];
    for (let t = 0; t <= 400_000; t += 100) {
      c.runTo(t);
      const s = c.pod('crash').status?.containerStatuses?.[0];
      const label = s?.state?.waiting?.reason ?? (s?.state?.terminated ? s.state.terminated.reason : s?.state?.running ? 'Running' : '?');
      if (seen[seen.length - 1] !== label) seen.push(label!);
    }
    expect(seen.slice(0, 6)).toEqual(['ContainerCreating', 'Error', 'CrashLoopBackOff', 'Error', 'CrashLoopBackOff', 'Error']);
    const starts = c.eventsFor('crash').filter((e) => e.reason === 'Started').map((e) => e.t);
    const gaps = starts.slice(1).map((s, i) => s - starts[i]);
    // First restart right after the exit is noticed, then back-off 10s, 20s, 40s, 80s, 160s.
    expect(gaps[0]).toBeLessThan(1_500);
    expect(gaps.slice(1, 6).map((g) => Math.floor(g / 10_000) * 10)).toEqual([10, 20, 40, 80, 160]);
    const s = c.pod('crash').status!.containerStatuses![0];
    expect(s.restartCount).toBe(starts.length - 1);
    expect(c.pod('crash').status!.phase).toBe('Running');
    const backoffs = c.eventsFor('crash').filter((e) => e.reason === 'BackOff');
    expect(backoffs[0]).toEqual(ev(backoffs[0].t, 'Warning', 'BackOff', 'Back-off restarting failed container crash in pod crash_default(uid-crash)', 'crash'));
    const waiting = c.pod('crash').status!.containerStatuses![0];
    if (waiting.state?.waiting) {
      expect(waiting.state.waiting.message).toMatch(/^back-off (1m20s|2m40s|5m0s) restarting failed container=crash pod=crash_default\(uid-crash\)$/);
      expect(terminated({ ...waiting, state: waiting.lastState })?.exitCode).toBe(1);
    }
  });

  test('restartPolicy OnFailure also backs off', () => {
    c.addPod(simplePod('of', 'busybox:1.36', { command: ['sh', '-c', 'exit 2'] }, { restartPolicy: 'OnFailure' }));
    c.runTo(60_000);
    const s = c.pod('of').status!;
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses![0].restartCount).toBeGreaterThanOrEqual(3);
    expect(c.eventsFor('of').some((e) => e.reason === 'BackOff')).toBe(true);
  });

  test('sleep 30 completes and the pod succeeds', () => {
    c.addPod(simplePod('sl', 'busybox:1.36', { args: ['sleep', '30'] }, { restartPolicy: 'Never' }));
    c.runTo(20_000);
    expect(c.pod('sl').status!.phase).toBe('Running');
    c.runTo(40_000);
    const st = c.pod('sl').status!;
    const started = c.eventsFor('sl').find((e) => e.reason === 'Started')!.t;
    expect(st.phase).toBe('Succeeded');
    expect(terminated(st.containerStatuses![0])).toEqual({
      exitCode: 0, reason: 'Completed', startedAt: at(started), finishedAt: at(started + 30_000), containerID: CID,
    });
    expect(st.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(st.conditions!.find((x) => x.type === 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
  });
});

describe('init containers', () => {
  test('run in order before the app container', () => {
    c.addPod({
      metadata: { name: 'init' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Always',
        initContainers: [
          { name: 'one', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2'] },
          { name: 'two', image: 'busybox:1.36', command: ['sh', '-c', 'echo done'] },
        ],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    c.runTo(1_000);
    const early = c.pod('init').status!;
    expect(early.initContainerStatuses!.map((s) => s.state?.waiting?.reason)).toEqual(['PodInitializing', 'PodInitializing']);
    expect(early.containerStatuses![0].state?.waiting?.reason).toBe('PodInitializing');
    expect(early.conditions!.find((x) => x.type === 'Initialized')).toMatchObject({
      status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [one two]',
    });
    c.runTo(20_000);
    const st = c.pod('init').status!;
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses!.map((s) => [s.name, s.state?.terminated?.reason, s.ready])).toEqual([['one', 'Completed', true], ['two', 'Completed', true]]);
    const order = c.eventsFor('init').filter((e) => e.reason === 'Started').map((e) => e.fieldPath);
    expect(order).toEqual(['spec.initContainers{one}', 'spec.initContainers{two}', 'spec.containers{app}']);
  });

  test('a sidecar (restartPolicy Always) keeps running beside the app', () => {
    c.addPod({
      metadata: { name: 'side' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Always',
        initContainers: [{ name: 'proxy', image: 'busybox:1.36', command: ['sleep', '3600'], restartPolicy: 'Always' }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    c.runTo(10_000);
    const st = c.pod('side').status!;
    expect(st.phase).toBe('Running');
    expect(st.initContainerStatuses![0]).toMatchObject({ ready: true, started: true, state: { running: {} } });
    expect(st.conditions!.map((x) => [x.type, x.status])).toEqual([
      ['PodReadyToStartContainers', 'True'], ['Initialized', 'True'], ['Ready', 'True'], ['ContainersReady', 'True'], ['PodScheduled', 'True'],
    ]);
  });

  test('a failing init container with restartPolicy Never fails the pod', () => {
    c.addPod({
      metadata: { name: 'initfail' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Never',
        initContainers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }],
      },
    });
    c.runTo(10_000);
    const st = c.pod('initfail').status!;
    expect(st.phase).toBe('Failed');
    expect(st.initContainerStatuses![0].state?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(st.containerStatuses![0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
  });
});

describe('deletion', () => {
  test('redis stops on SIGTERM; the kubelet reports it and finishes the delete', () => {
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(10_000);
    c.api.delete('pods', 'default', 'redis');
    expect(c.pod('redis').metadata.deletionTimestamp).toBe(at(40_000));
    c.runTo(10_100);
    expect(c.eventsFor('redis').slice(-1)).toEqual([ev(10_000, 'Normal', 'Killing', 'Stopping container redis', 'redis')]);
    expect(c.tryPod('redis')).toBeDefined();
    c.runTo(10_300);
    expect(c.tryPod('redis')).toBeUndefined();
    const final = c.statusWrites.filter((w) => w.pod === 'default/redis').slice(-1)[0].status as PodStatus;
    expect(final.phase).toBe('Succeeded');
    expect(final.containerStatuses![0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', finishedAt: at(10_110) });
    expect(final.conditions![0]).toMatchObject({ type: 'PodReadyToStartContainers', status: 'False' });
    expect(c.meta.has('kubelet/kind-worker/pods/default/redis')).toBe(false);
  });

  test('sleep ignores SIGTERM as PID 1 and is killed at the grace deadline', () => {
    c.addPod(simplePod('sleeper', 'busybox:1.36', { command: ['sleep', '3600'] }, { terminationGracePeriodSeconds: 5 }));
    c.runTo(10_000);
    c.api.delete('pods', 'default', 'sleeper');
    c.runTo(14_000);
    expect(c.tryPod('sleeper')).toBeDefined();
    c.runTo(15_500);
    expect(c.tryPod('sleeper')).toBeUndefined();
    const final = c.statusWrites.filter((w) => w.pod === 'default/sleeper').slice(-1)[0].status as PodStatus;
    expect(final.phase).toBe('Failed');
    expect(final.containerStatuses![0].state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: at(15_000) });
  });

  test('a preStop hook runs before the signal: redis gets SIGTERM once its 3 s sleep is over', () => {
    c.addPod(simplePod('hooked', 'redis', { lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 3'] } } } }));
    c.runTo(10_000);
    c.api.delete('pods', 'default', 'hooked');
    c.runTo(12_900);
    expect(c.pod('hooked').status?.containerStatuses?.[0].state?.running).toBeDefined();
    c.runTo(13_500);
    expect(c.tryPod('hooked')).toBeUndefined();
    const final = c.statusWrites.filter((w) => w.pod === 'default/hooked').slice(-1)[0].status as PodStatus;
    // redis answers SIGTERM in 110 ms, as without a hook, from the hook's end.
    expect(final.containerStatuses![0].state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed', finishedAt: at(13_110) });
  });

  test('a preStop sleep longer than the grace period uses it up; the container still gets 2 s after the signal', () => {
    c.addPod(simplePod('slow', 'busybox:1.36', { command: ['sleep', '3600'], lifecycle: { preStop: { sleep: { seconds: 60 } } } },
      { terminationGracePeriodSeconds: 5 }));
    c.runTo(10_000);
    c.api.delete('pods', 'default', 'slow');
    c.runTo(16_500);
    expect(c.tryPod('slow')).toBeDefined();
    c.runTo(17_500);
    expect(c.tryPod('slow')).toBeUndefined();
    const final = c.statusWrites.filter((w) => w.pod === 'default/slow').slice(-1)[0].status as PodStatus;
    expect(final.containerStatuses![0].state?.terminated).toMatchObject({ exitCode: 137, reason: 'Error', finishedAt: at(17_000) });
  });

  test('a preStop command that fails at once: FailedPreStopHook, then the stop as usual', () => {
    c.addPod(simplePod('nohook', 'redis', { lifecycle: { preStop: { exec: { command: ['/drain.sh'] } } } }));
    c.runTo(10_000);
    c.api.delete('pods', 'default', 'nohook');
    c.runTo(10_500);
    expect(c.eventsFor('nohook').slice(-2)).toEqual([
      ev(10_000, 'Normal', 'Killing', 'Stopping container nohook', 'nohook'),
      ev(10_000, 'Warning', 'FailedPreStopHook', 'PreStopHook failed', 'nohook'),
    ]);
    expect(c.tryPod('nohook')).toBeUndefined();
  });

  test('a pod stuck pulling is deleted with its container marked ContainerStatusUnknown', () => {
    c.addPod(simplePod('bad', 'redis:5xx'));
    c.runTo(5_000);
    c.api.delete('pods', 'default', 'bad');
    c.runTo(6_000);
    expect(c.tryPod('bad')).toBeUndefined();
    const final = c.statusWrites.filter((w) => w.pod === 'default/bad').slice(-1)[0].status as PodStatus;
    expect(final.phase).toBe('Failed');
    expect(final.containerStatuses![0].state).toEqual({
      terminated: { exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated' },
    });
    expect(c.eventsFor('bad').some((e) => e.reason === 'Killing')).toBe(false);
  });

  test('a force-deleted pod still has its containers stopped, and its IP is released', () => {
    c.addPod(simplePod('a', 'redis:7', { imagePullPolicy: 'IfNotPresent' }));
    c.runTo(10_000);
    c.api.delete('pods', 'default', 'a', { gracePeriodSeconds: 0 });
    c.runTo(11_000);
    expect(c.eventsFor('a').slice(-1)[0]).toMatchObject({ reason: 'Killing', message: 'Stopping container a' });
    expect(JSON.parse(c.meta.get('kubelet/kind-worker/ipam')!).used).toEqual({});
  });
});

test('pods on nodes without a kubelet are left alone', () => {
  c.addPod(simplePod('elsewhere', 'redis', {}, {}, 'no-such-node'));
  c.runTo(10_000);
  expect(c.pod('elsewhere').status?.phase).toBe('Pending');
  expect(c.events).toEqual([]);
});

describe('changes while running', () => {
  test('a new image replaces the container: Killing, then a fresh start', () => {
    c.addPod(simplePod('web', 'nginx:1.26', { imagePullPolicy: 'IfNotPresent' }));
    c.runTo(10_000);
    const pod = c.pod('web');
    pod.spec.containers[0].image = 'nginx:1.27';
    c.api.update('pods', pod as never);
    c.runTo(20_000);
    const after = c.eventsFor('web').filter((e) => e.t >= 10_000).map((e) => [e.reason, e.message]);
    expect(after).toEqual([
      ['Killing', 'Container web definition changed, will be restarted'],
      ['Pulling', 'Pulling image "nginx:1.27"'],
      ['Pulled', expect.stringMatching(/^Successfully pulled image "nginx:1.27" in /)],
      ['Created', 'Created container: web'],
      ['Started', 'Started container web'],
    ]);
    const s = c.pod('web').status!.containerStatuses![0];
    expect([s.image, s.restartCount, Object.keys(s.state ?? {})]).toEqual(['docker.io/library/nginx:1.27', 1, ['running']]);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  test('the crash back-off is forgotten after ten minutes without a failure', () => {
    c.addPod(simplePod('slow', 'busybox:1.36', { command: ['sh', '-c', 'sleep 660; exit 1'] }));
    c.runTo(1_400_000);
    const starts = c.eventsFor('slow').filter((e) => e.reason === 'Started').map((e) => e.t);
    expect(starts.length).toBe(3);
    // Each run lasts 11 minutes, longer than twice the 5 minute cap: every restart is immediate.
    expect(starts.slice(1).map((s, i) => s - starts[i] - 660_000).every((gap) => gap < 2_000)).toBe(true);
    expect(c.eventsFor('slow').some((e) => e.reason === 'BackOff')).toBe(false);
  });

  test('a readiness probe delays Ready until it first passes', () => {
    c.addPod(simplePod('ready', 'nginx:1.27', {
      imagePullPolicy: 'IfNotPresent',
      readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 },
    }));
    c.runTo(5_000);
    const s = c.pod('ready').status!;
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses![0]).toMatchObject({ ready: false, started: true });
    expect(s.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    c.runTo(10_000);
    expect(c.pod('ready').status!.containerStatuses![0].ready).toBe(true);
    expect(c.pod('ready').status!.conditions!.find((x) => x.type === 'Ready')).toEqual(cond('Ready', 'True', 10_000));
  });

  test('a missing ConfigMap in env is CreateContainerConfigError, retried until it appears', () => {
    c.addPod(simplePod('cfg', 'busybox:1.36', {
      command: ['sh', '-c', 'echo $LEVEL; sleep 3600'],
      env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'level' } } }],
    }));
    c.runTo(5_000);
    expect(c.pod('cfg').status!.containerStatuses![0].state).toEqual({
      waiting: { reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' },
    });
    expect(c.eventsFor('cfg').filter((e) => e.type === 'Warning').map((e) => e.message)).toContain('Error: configmap "app-config" not found');
    c.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { level: 'debug' } });
    c.runTo(20_000);
    expect(c.pod('cfg').status!.phase).toBe('Running');
  });
});
