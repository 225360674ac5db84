// Failing probes and volumes as a user sees them on the built CLI, on a manual clock: an nginx pod
// whose readiness probe asks for a path nginx does not serve, and a pod whose ConfigMap volume is
// missing until it is created.
import { afterAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    readinessProbe:
      httpGet:
        path: /healthz
        port: 80
`;

const CFG = `apiVersion: v1
kind: Pod
metadata:
  name: cfg
spec:
  containers:
  - name: app
    image: nginx
    volumeMounts:
    - name: config
      mountPath: /etc/app
  volumes:
  - name: config
    configMap:
      name: app-config
`;

const lastLine = (s: string) => s.trimEnd().split('\n').at(-1);

describe('probes and volumes on the CLI', () => {
  const home = new MkHome();
  afterAll(() => home.dispose());

  test('a readiness probe that fails keeps the pod 0/1 Running with one Unhealthy Event counting every run', () => {
    home.ok('cluster', 'create', '--clock', 'manual');
    expect(home.run(['apply', '-f', '-'], { input: WEB }).stdout).toBe('pod/web created\n');
    home.ok('clock', 'advance', '10m');
    expect(home.ok('get', 'pods')).toBe('NAME   READY   STATUS    RESTARTS   AGE\nweb    0/1     Running   0          10m\n');
    // The container starts a few seconds in (nginx's pull time is drawn at random); the pod sync
    // in the next whole second runs the probe, then the worker's ticker every 10 s from the pod's
    // start (60 by 10m, the last just now) and each resync of the pod a minute after the last (9).
    const started = home.ok('get', 'pod', 'web', '-o', 'jsonpath={.status.containerStatuses[0].state.running.startedAt}');
    const firstRun = new Date(started).getUTCSeconds() + 1;
    const describe = home.ok('describe', 'pod', 'web');
    expect(describe).toContain('\n  Ready                       False \n  ContainersReady             False \n');
    expect(lastLine(describe)).toBe(
      `  Warning  Unhealthy  0s (x70 over 9m${60 - firstRun}s)  kubelet            Readiness probe failed: HTTP probe failed with statuscode: 404`);
    expect(lastLine(home.ok('get', 'events', '--field-selector', 'involvedObject.name=web'))).toBe(
      '0s          Warning   Unhealthy   pod/web   Readiness probe failed: HTTP probe failed with statuscode: 404');
    // A day more: 8,640 ticks and 1,440 resyncs.
    home.ok('clock', 'advance', '24h');
    expect(lastLine(home.ok('describe', 'pod', 'web'))).toBe(
      '  Warning  Unhealthy  0s (x10150 over 24h)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 404');
  });

  test('a missing ConfigMap volume: ContainerCreating with FailedMount until the ConfigMap exists', () => {
    expect(home.run(['apply', '-f', '-'], { input: CFG }).stdout).toBe('pod/cfg created\n');
    home.ok('clock', 'advance', '11m');
    expect(home.ok('get', 'pod', 'cfg')).toBe('NAME   READY   STATUS              RESTARTS   AGE\ncfg    0/1     ContainerCreating   0          11m\n');
    // Set-up attempts at 0, 0.5, 1.5, ... 63.5, 127.5 s, then every 2m2s: 13 by 11m, the last at 615.5 s (recorded as 615 s: Event times have whole seconds).
    expect(lastLine(home.ok('describe', 'pod', 'cfg'))).toBe(
      '  Warning  FailedMount  45s (x13 over 11m)  kubelet            MountVolume.SetUp failed for volume "config" : configmap "app-config" not found');
    home.ok('create', 'configmap', 'app-config', '--from-literal=k=v');
    home.ok('clock', 'advance', '2m');
    expect(home.ok('get', 'pod', 'cfg')).toMatch(/^NAME   READY   STATUS    RESTARTS   AGE\ncfg    1\/1     Running   0          13m\n$/);
  });
});
