import { beforeEach, expect, test } from 'vitest';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { FakeCluster, simplePod, T0 } from './harness.js';

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1, ['docker.io/library/busybox:latest']);
});

test('an exec liveness probe fails once the file is gone and restarts the container at the third failure', () => {
  c.addPod(simplePod('liveness', 'busybox', {
    args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
    livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
  }));
  c.runTo(90_000);
  const evs = c.eventsFor('liveness').map((e) => [e.t, e.type, e.reason, e.message]);
  const unhealthy = evs.filter((e) => e[2] === 'Unhealthy');
  expect(unhealthy).toEqual([35_000, 40_000, 45_000].map((t) =>
    [t, 'Warning', 'Unhealthy', "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n"]));
  expect(evs.find((e) => e[2] === 'Killing')).toEqual([45_000, 'Normal', 'Killing', 'Container liveness failed liveness probe, will be restarted']);
  // sh as PID 1 ignores SIGTERM: the restart follows the 30 s grace period.
  const st = c.pod('liveness').status!.containerStatuses![0];
  expect(st.restartCount).toBe(1);
  expect(st.lastState?.terminated?.exitCode).toBe(137);
  expect(evs.filter((e) => e[2] === 'Started').length).toBe(2);
});

test('a liveness probe that keeps passing never wakes the kubelet for probing', () => {
  c.addPod(simplePod('ok', 'busybox', {
    args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 6000'],
    livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5 },
  }));
  c.runTo(600_000);
  expect(c.eventsFor('ok').filter((e) => e.reason === 'Unhealthy' || e.reason === 'Killing')).toEqual([]);
  expect(c.pod('ok').status!.containerStatuses![0].restartCount).toBe(0);
});

// Expected times follow prober/worker.go: the worker ticks every periodSeconds from the pod's
// admission (t=0 here), a result changes after failureThreshold / successThreshold equal answers
// in a row, every failing answer is an Unhealthy Event, and the sync that sees a started but
// unready container (its first one, and the one a change to failure causes) triggers one more run.

const unhealthy = (pod: string) => c.eventsFor(pod).filter((e) => e.reason === 'Unhealthy').map((e) => [e.t, e.message]);
const readyWrites = (pod: string) => c.statusWrites.filter((w) => w.pod === `default/${pod}`)
  .map((w) => [w.t - T0, (w.status as Pod['status'])!.containerStatuses?.[0]?.ready]);

test('a readiness probe turns the container unready after failureThreshold failures and ready again when its file is back', () => {
  c.addPod(simplePod('flip', 'busybox', {
    args: ['/bin/sh', '-c', 'touch /tmp/ready; sleep 40; rm -f /tmp/ready; sleep 40; touch /tmp/ready; sleep 6000'],
    readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5 },
  }));
  c.runTo(120_000);
  // Started at 1.43 s; the file is gone from 41.43 s to 81.43 s.
  expect(c.eventsFor('flip').find((e) => e.reason === 'Started')?.t).toBe(1430);
  const msg = "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory\n";
  // Failures at 45, 50, 55 (the third turns it unready, and the sync that follows runs it once more), ... 80.
  expect(unhealthy('flip')).toEqual([45, 50, 55, 55, 60, 65, 70, 75, 80].map((s) => [s * 1000, msg]));
  // Ready at the sync that first sees it running (its triggered run passes), unready at 55 s, ready at 85 s.
  expect(readyWrites('flip')).toEqual([[0, false], [1430, false], [2000, true], [55_000, false], [85_000, true]]);
  const at55 = c.statusWrites.find((w) => w.pod === 'default/flip' && w.t - T0 === 55_000)!.status as Pod['status'];
  expect(at55!.conditions!.filter((x) => x.type === 'Ready' || x.type === 'ContainersReady')).toEqual([
    { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:55Z', reason: 'ContainersNotReady', message: 'containers with unready status: [flip]' },
    { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:55Z', reason: 'ContainersNotReady', message: 'containers with unready status: [flip]' },
  ]);
  expect(c.pod('flip').status!.conditions!.find((x) => x.type === 'Ready')).toEqual(
    { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:01:25Z' });
});

test('an httpGet readiness probe on a path nginx does not serve fails with the status code, on every tick', () => {
  c.addNode('kind-worker2', 2, ['docker.io/library/nginx:1.27']);
  c.addPod(simplePod('web', 'nginx:1.27', { readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10 } }, {}, 'kind-worker2'));
  c.runTo(60_000);
  // Started at 0.93 s: the first sync (1 s) runs it, then every tick of the 10 s ticker.
  expect(unhealthy('web')).toEqual([1, 10, 20, 30, 40, 50, 60].map((s) => [s * 1000, 'Readiness probe failed: HTTP probe failed with statuscode: 404']));
  const st = c.pod('web').status!;
  expect(st.phase).toBe('Running');
  expect(st.containerStatuses![0]).toMatchObject({ ready: false, started: true });
  expect(st.conditions!.find((x) => x.type === 'ContainersReady')).toEqual({
    type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: '2025-01-01T00:00:00Z',
    reason: 'ContainersNotReady', message: 'containers with unready status: [web]',
  });
  // Failing on for good changes nothing the kubelet has to write. Besides the ticker, each resync of
  // the pod (every minute after its last sync, at 1 s) runs the probe of its unready container.
  const writes = c.statusWrites.length;
  c.runTo(3_600_000);
  expect(c.statusWrites.length).toBe(writes);
  const times = unhealthy('web').map((e) => e[0] as number);
  expect(times.filter((t) => t % 10_000 === 1000)).toEqual(Array.from({ length: 60 }, (_, i) => 1000 + i * 60_000));
  expect(times.length).toBe(1 + 360 + 59);
});

test('network probes on a port nothing listens on are refused, with the kubelet\'s words', () => {
  c.addNode('kind-worker2', 2, ['docker.io/library/nginx:1.27']);
  c.addPod(simplePod('refused', 'nginx:1.27', {
    readinessProbe: { httpGet: { path: 'healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10 },
    livenessProbe: { tcpSocket: { port: 8081 }, periodSeconds: 10, failureThreshold: 100 },
  }, {}, 'kind-worker2'));
  c.runTo(15_000);
  expect(unhealthy('refused')).toEqual([
    [1000, 'Readiness probe failed: Get "http://10.244.2.2:8080/healthz": dial tcp 10.244.2.2:8080: connect: connection refused'],
    [10_000, 'Liveness probe failed: dial tcp 10.244.2.2:8081: connect: connection refused'],
    [10_000, 'Readiness probe failed: Get "http://10.244.2.2:8080/healthz": dial tcp 10.244.2.2:8080: connect: connection refused'],
  ]);
});

test('a startup probe that keeps failing kills the container at failureThreshold; readiness never runs', () => {
  c.addPod(simplePod('slow', 'busybox', {
    args: ['/bin/sh', '-c', 'sleep 6000'],
    startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 3 },
    readinessProbe: { exec: { command: ['cat', '/tmp/nope'] }, periodSeconds: 5 },
  }));
  c.runTo(16_000);
  const msg = "Startup probe failed: cat: can't open '/tmp/started': No such file or directory\n";
  expect(unhealthy('slow')).toEqual([5, 10, 15].map((s) => [s * 1000, msg]));
  expect(c.eventsFor('slow').find((e) => e.reason === 'Killing')).toMatchObject(
    { t: 15_000, type: 'Normal', message: 'Container slow failed startup probe, will be restarted', fieldPath: 'spec.containers{slow}' });
  expect(c.pod('slow').status!.containerStatuses![0]).toMatchObject({ ready: false, started: false });
});

test('liveness and readiness probes wait for the startup probe to pass', () => {
  c.addPod(simplePod('late', 'busybox', {
    args: ['/bin/sh', '-c', 'sleep 20; touch /tmp/started; sleep 6000'],
    startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5, failureThreshold: 10 },
    livenessProbe: { exec: { command: ['cat', '/tmp/alive'] }, periodSeconds: 7, failureThreshold: 3 },
    readinessProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 5 },
  }));
  c.runTo(43_000);
  const no = (f: string) => `cat: can't open '/tmp/${f}': No such file or directory\n`;
  // The file appears at 21.43 s: startup fails at 5..20 s and passes at 25 s; liveness ticks from then on (28, 35, 42 s).
  expect(unhealthy('late')).toEqual([
    ...[5, 10, 15, 20].map((s) => [s * 1000, `Startup probe failed: ${no('started')}`]),
    ...[28, 35, 42].map((s) => [s * 1000, `Liveness probe failed: ${no('alive')}`]),
  ]);
  expect(c.eventsFor('late').find((e) => e.reason === 'Killing')).toMatchObject({ t: 42_000, message: 'Container late failed liveness probe, will be restarted' });
  // Started and ready (the sync after the startup probe passed runs readiness at once) at 25 s.
  expect(readyWrites('late').slice(0, 3)).toEqual([[0, false], [1430, false], [25_000, true]]);
  expect((c.statusWrites.find((w) => w.pod === 'default/late' && w.t - T0 === 25_000)!.status as Pod['status'])!.containerStatuses![0].started).toBe(true);
});

test('a grpc probe against a server without the health service times out, as the blocking dial does', () => {
  c.addNode('kind-worker2', 2, ['docker.io/library/nginx:1.27']);
  c.addPod(simplePod('g', 'nginx:1.27', { readinessProbe: { grpc: { port: 80 }, periodSeconds: 10, timeoutSeconds: 2 } }, {}, 'kind-worker2'));
  c.runTo(10_000);
  expect(unhealthy('g')).toEqual([1000, 10_000].map((t) =>
    [t, 'Readiness probe failed: timeout: failed to connect service "10.244.2.2:80" within 2s: context deadline exceeded']));
});

test('with a long period, an unready container turns ready at the pod\'s resync, whose status runs its readiness probe', () => {
  c.addPod(simplePod('slowtick', 'busybox', {
    args: ['/bin/sh', '-c', 'sleep 100; touch /tmp/ready; sleep 6000'],
    readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 300 },
  }));
  c.runTo(400_000);
  const msg = "Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory\n";
  // Runs at the first sync (2 s) and the resync a minute later fail; the next resync (122 s) finds the file.
  expect(unhealthy('slowtick')).toEqual([[2000, msg], [62_000, msg]]);
  expect(readyWrites('slowtick')).toEqual([[0, false], [1430, false], [122_000, true]]);
});

test('a liveness probe\'s own terminationGracePeriodSeconds bounds the kill it causes', () => {
  c.addPod(simplePod('quick', 'busybox', {
    args: ['/bin/sh', '-c', 'sleep 6000'],
    livenessProbe: { exec: { command: ['cat', '/tmp/nope'] }, periodSeconds: 5, failureThreshold: 1, terminationGracePeriodSeconds: 3 },
  }));
  c.runTo(20_000);
  // Killed at the first failure (5 s); sh ignores SIGTERM, so it dies at the probe's 3 s deadline, not the pod's 30 s.
  expect(c.eventsFor('quick').find((e) => e.reason === 'Killing')).toMatchObject({ t: 5000, message: 'Container quick failed liveness probe, will be restarted' });
  const st = c.pod('quick').status!.containerStatuses![0];
  expect(st.lastState?.terminated).toMatchObject({ exitCode: 137, finishedAt: '2025-01-01T00:00:08Z' });
});

test('an HTTPS probe of a plain HTTP server fails as net/http reports it', () => {
  c.addNode('kind-worker2', 2, ['docker.io/library/nginx:1.27']);
  c.addPod(simplePod('tls', 'nginx:1.27', { readinessProbe: { httpGet: { port: 80, path: '/', scheme: 'HTTPS' }, periodSeconds: 10 } }, {}, 'kind-worker2'));
  c.runTo(1000);
  expect(unhealthy('tls')).toEqual([[1000, 'Readiness probe failed: Get "https://10.244.2.2:80/": http: server gave HTTP response to HTTPS client']]);
});
