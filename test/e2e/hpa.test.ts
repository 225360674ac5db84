// The Kubernetes HPA walkthrough through the built CLI on a manual clock: php-apache and its
// Service, `mk autoscale` with kubectl's line and errors, a busybox wget loop raising the CPU
// that `mk top` and `mk get hpa` both show, the scale-up, and the scale-down 5 minutes after
// the load generator is deleted. Describe's layout is checked against kubectl 1.32 in
// test/describe (golden files); here its lines come from the controller.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const PHP_APACHE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      run: php-apache
  template:
    metadata:
      labels:
        run: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    run: php-apache
spec:
  ports:
  - port: 80
  selector:
    run: php-apache
`;

const HEADER = 'NAME         REFERENCE               TARGETS';
/** The row of `get hpa` without its AGE, columns split on kubectl's padding. */
const row = (out: string) => out.trimEnd().split('\n')[1].trim().split(/\s{2,}/).slice(0, 6);
const milli = (s: string) => Number(/^(\d+)m$/.exec(s)?.[1]);

describe('the HPA walkthrough end to end', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.run(['apply', '-f', '-'], { input: PHP_APACHE });
    home.ok('clock', 'advance', '1m');
  });
  afterAll(() => home.dispose());

  test('mk autoscale: kubectl 1.32 flag checks, then the HPA', () => {
    expect(home.run(['autoscale', 'deployment', 'php-apache', '--cpu-percent=50'])).toEqual({
      stdout: '', stderr: 'error: required flag(s) "max" not set\n', code: 1 });
    expect(home.run(['autoscale', 'deployment', 'php-apache', '--max=0'])).toEqual({
      stdout: '', stderr: 'error: --max=MAXPODS is required and must be at least 1, max: 0\n', code: 1 });
    expect(home.run(['autoscale', 'deployment', 'php-apache', '--min=5', '--max=2'])).toEqual({
      stdout: '', stderr: 'error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: 2, min: 5\n', code: 1 });
    expect(home.run(['autoscale', 'deployment', 'nope', '--max=2'])).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n', code: 1 });
    expect(home.run(['autoscale', 'service', 'php-apache', '--max=2'])).toEqual({
      stdout: '', stderr: 'error: cannot autoscale a Service: could not find scale subresource for /v1, Resource=services in discovery information\n', code: 1 });
    expect(home.run(['autoscale', 'deployment', 'php-apache', '--cpu-percent=50', '--min=1', '--max=10', '--dry-run=client', '-o', 'yaml'])).toEqual({
      stdout: 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  creationTimestamp: null\n  name: php-apache\nspec:\n  maxReplicas: 10\n'
        + '  minReplicas: 1\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: php-apache\n  targetCPUUtilizationPercentage: 50\n'
        + 'status:\n  currentReplicas: 0\n  desiredReplicas: 0\n',
      stderr: '', code: 0 });
    expect(home.run(['autoscale', 'deployment', 'php-apache', '--cpu-percent=50', '--min=1', '--max=10'])).toEqual({
      stdout: 'horizontalpodautoscaler.autoscaling/php-apache autoscaled\n', stderr: '', code: 0 });
    expect(home.run(['autoscale', 'deployment', 'php-apache', '--max=10'])).toEqual({
      stdout: '', stderr: 'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "php-apache" already exists\n', code: 1 });
    expect(home.ok('get', 'hpa')).toBe(`${HEADER}              MINPODS   MAXPODS   REPLICAS   AGE\n`
      + 'php-apache   Deployment/php-apache   cpu: <unknown>/50%   1         10        0          0s\n');
    expect(home.ok('get', 'hpa', 'php-apache', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target}')).toBe(
      'autoscaling/v2 {"averageUtilization":50,"type":"Utilization"}');
  });

  test('idle: about 0% of the request', () => {
    home.ok('clock', 'advance', '30s');
    expect(row(home.ok('get', 'hpa'))).toEqual(expect.arrayContaining(['php-apache', 'Deployment/php-apache', '1', '10', '1']));
    expect(row(home.ok('get', 'hpa'))[2]).toMatch(/^cpu: [01]%\/50%$/);
  });

  test('a wget loop against the Service raises the CPU, and the HPA scales php-apache up', () => {
    expect(home.ok('run', 'load-generator', '--image=busybox:1.28', '--restart=Never', '--',
      '/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done')).toBe('pod/load-generator created\n');
    home.ok('clock', 'advance', '15s');
    const [, , targets, , , replicas] = row(home.ok('get', 'hpa'));
    expect(targets).toMatch(/^cpu: 2[34]\d%\/50%$/);
    expect(replicas).toBe('1');
    // `mk top` shows the same pod throttled just under its 500m limit.
    const top = home.ok('top', 'pods', '-l', 'run=php-apache').trimEnd().split('\n').slice(1).map((l) => milli(l.trim().split(/\s+/)[1]));
    expect(top).toHaveLength(1);
    expect(top[0]).toBeGreaterThanOrEqual(470);
    expect(top[0]).toBeLessThanOrEqual(500);
    expect(Number(/cpu: (\d+)%/.exec(targets)![1])).toBe(Math.trunc((top[0] * 100) / 200));
    home.ok('clock', 'advance', '2m');
    expect(home.ok('get', 'deployment', 'php-apache', '-o', 'jsonpath={.spec.replicas}')).toBe('7');
    expect(row(home.ok('get', 'hpa'))[5]).toBe('7');
    const events = home.ok('get', 'events', '--field-selector', 'involvedObject.kind=HorizontalPodAutoscaler', '-o', 'jsonpath={range .items[*]}{.reason}: {.message}{"\\n"}{end}');
    expect(events).toBe('SuccessfulRescale: New size: 4; reason: cpu resource utilization (percentage of request) above target\n'
      + 'SuccessfulRescale: New size: 5; reason: \n'
      + 'SuccessfulRescale: New size: 7; reason: cpu resource utilization (percentage of request) above target\n');
    const describe = home.ok('describe', 'hpa', 'php-apache');
    expect(describe).toContain('Deployment pods:                                       7 current / 7 desired\n');
    expect(describe).toMatch(/ {2}resource cpu on pods {2}\(as a percentage of request\): {2}\d+% \(\d+m\) \/ 50%\n/);
  });

  test('deleting the load generator scales back to 1 once the 5-minute window has passed', () => {
    home.ok('delete', 'pod', 'load-generator');
    home.ok('clock', 'advance', '4m');
    expect(row(home.ok('get', 'hpa'))[5]).toBe('7');
    expect(row(home.ok('get', 'hpa'))[2]).toMatch(/^cpu: [0-2]%\/50%$/);
    home.ok('clock', 'advance', '90s');
    expect(row(home.ok('get', 'hpa'))[5]).toBe('1');
    expect(home.ok('get', 'deployment', 'php-apache', '-o', 'jsonpath={.spec.replicas}')).toBe('1');
    expect(home.ok('get', 'events', '--field-selector', 'involvedObject.kind=HorizontalPodAutoscaler,reason=SuccessfulRescale',
      '-o', 'jsonpath={.items[-1:].message}')).toBe('New size: 1; reason: All metrics below target');
  });
});
