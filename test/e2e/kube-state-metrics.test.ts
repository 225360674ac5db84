// `mk addons enable kube-state-metrics` and the control plane's metrics as a cluster user reaches
// them: from a pod over the Service, over `mk port-forward`, and the scheduler's and controller
// manager's secure ports from kind's host with the cluster's token (anonymous gets their 403).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome, portForward } from './harness.js';

const counter = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1]);

describe('kube-state-metrics and the control plane\'s /metrics', () => {
  const home = new MkHome();
  let token = '';
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('run', 'bb', '--image=busybox:1.36', '--', 'sleep', '3600');
    token = /token: (\S+)/.exec(home.ok('kubeconfig'))![1];
  }, 60_000);
  afterAll(() => home.dispose());

  test('enable installs the standard manifests; the exporter turns ready', () => {
    expect(home.run(['addons', 'enable', 'kube-state-metrics'])).toEqual({
      stdout: 'deployment.apps/kube-state-metrics created\nserviceaccount/kube-state-metrics created\nservice/kube-state-metrics created\n', stderr: '', code: 0,
    });
    home.ok('clock', 'advance', '30s');
    expect(home.ok('get', 'deploy,svc', '-n', 'kube-system', 'kube-state-metrics')).toMatch(
      /^NAME {2,}READY {2,}UP-TO-DATE {2,}AVAILABLE {2,}AGE\ndeployment\.apps\/kube-state-metrics {2,}1\/1 {2,}1 {2,}1 {2,}30s\n\nNAME {2,}TYPE {2,}CLUSTER-IP {2,}EXTERNAL-IP {2,}PORT\(S\) {2,}AGE\nservice\/kube-state-metrics {2,}ClusterIP {2,}None {2,}<none> {2,}8080\/TCP,8081\/TCP {2,}30s\n$/);
    expect(home.ok('addons', 'list')).toMatch(/^kube-state-metrics +enabled /m);
  });

  test('a pod reads the objects\' metrics at kube-state-metrics.kube-system:8080; the probes\' paths answer OK', () => {
    const uid = home.ok('get', 'pod', 'bb', '-o', 'jsonpath={.metadata.uid}');
    const ip = home.ok('get', 'pod', 'bb', '-o', 'jsonpath={.status.podIP}');
    const node = home.ok('get', 'pod', 'bb', '-o', 'jsonpath={.spec.nodeName}');
    const hostIP = home.ok('get', 'pod', 'bb', '-o', 'jsonpath={.status.hostIP}');
    const text = home.ok('exec', 'bb', '--', 'wget', '-qO-', 'http://kube-state-metrics.kube-system:8080/metrics');
    expect(text).toContain(`# HELP kube_pod_info [STABLE] Information about pod.\n# TYPE kube_pod_info gauge\n`);
    expect(text).toContain(`kube_pod_info{namespace="default",pod="bb",uid="${uid}",host_ip="${hostIP}",pod_ip="${ip}",node="${node}",`
      + 'created_by_kind="",created_by_name="",priority_class="",host_network="false"} 1\n');
    expect(text).toContain(`kube_pod_status_phase{namespace="default",pod="bb",uid="${uid}",phase="Running"} 1\n`);
    // Go's StatusText with no newline: the shell's echo ends the line.
    expect(home.ok('exec', 'bb', '--', 'sh', '-c', 'wget -qO- http://kube-state-metrics.kube-system:8081/readyz; echo')).toBe('OK\n');
    expect(home.ok('exec', 'bb', '--', 'sh', '-c', 'wget -qO- http://kube-state-metrics.kube-system:8080/livez; echo')).toBe('OK\n');
  });

  test('port-forward svc/kube-state-metrics serves the same metrics on localhost', async () => {
    const pf = await portForward(home, ['-n', 'kube-system', 'svc/kube-state-metrics', ':8080']);
    try {
      const res = await fetch(`http://127.0.0.1:${pf.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(await res.text()).toBe(home.ok('exec', 'bb', '--', 'wget', '-qO-', 'http://kube-state-metrics.kube-system:8080/metrics'));
    } finally {
      pf.stop();
    }
  });

  test('the scheduler\'s secure port: 403 for anonymous, its metrics for the cluster\'s token, counted across mk processes', () => {
    const cp = home.ok('get', 'node', 'mk-control-plane', '-o', 'jsonpath={.status.addresses[0].address}');
    const anonymous = home.run(['curl', '-sk', `https://${cp}:10259/metrics`]);
    expect(JSON.parse(anonymous.stdout)).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
      message: 'forbidden: User "system:anonymous" cannot get path "/metrics"', reason: 'Forbidden', details: {}, code: 403,
    });
    expect(home.ok('curl', '-sk', `https://${cp}:10259/healthz`)).toBe('ok');
    const scrape = (port: number) => home.ok('curl', '-sk', '-H', `Authorization: Bearer ${token}`, `https://${cp}:${port}/metrics`);
    const scheduled = 'scheduler_schedule_attempts_total{profile="default-scheduler",result="scheduled"}';
    const first = scrape(10259);
    expect(first).toContain('# HELP scheduler_schedule_attempts_total [STABLE] Number of attempts to schedule pods, by the result.');
    const adds = (t: string) => counter(t, 'workqueue_adds_total{name="replicaset"}');
    const kcm = scrape(10257);
    // Each one a separate mk process: the counts live in the cluster, not in a process.
    home.ok('create', 'deployment', 'two', '--image=nginx:1.27', '--replicas=2');
    home.ok('clock', 'advance', '10s');
    expect(counter(scrape(10259), scheduled)).toBe(counter(first, scheduled) + 2);
    expect(adds(scrape(10257))).toBeGreaterThan(adds(kcm));
    expect(scrape(10257)).toContain('workqueue_depth{name="deployment"} 0\n');
  });

  test('disable removes what enable made', () => {
    expect(home.run(['addons', 'disable', 'kube-state-metrics'])).toEqual({
      stdout: 'service/kube-state-metrics deleted\nserviceaccount/kube-state-metrics deleted\ndeployment.apps/kube-state-metrics deleted\n', stderr: '', code: 0,
    });
  });
});
