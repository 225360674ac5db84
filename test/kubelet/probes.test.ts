import { beforeEach, expect, test } from 'vitest';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { FakeCluster, simplePod } from './harness.js';

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
