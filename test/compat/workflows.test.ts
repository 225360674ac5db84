// kubectl's write verbs against mk serve, compared with mk's own CLI doing the same to an identical
// copy: kubectl works in namespace k, mk in namespace m (and on another worker node for node
// verbs); mk's output is compared once its namespace and node are named as kubectl's.
// Then kubectl's waiting commands on a manual clock: they finish once mk moves the served
// cluster's clock.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO, type Result } from '../e2e/harness.js';
import { servedCluster, hasKubectl } from './served.js';

if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the kubectl workflow compatibility suite');

const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels: {tier: conf}
data: {a: "1"}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg2
  labels: {tier: conf}
data: {b: "2"}
`;

// kubectl autoscale creates its HorizontalPodAutoscaler through autoscaling/v1, which mk serve
// does not serve over HTTP yet: left out until it does.
// label --list and annotate --list range over a Go map: kubectl prints several entries in an
// order that changes from run to run, so they are left out.
/** Each case: arguments with NS (the namespace) and NODE (a worker) for each tool to fill in. */
const VERBS: string[][] = [
  ['label', 'deploy', 'web', '-n', 'NS', 'env=prod'], ['label', 'deploy', 'web', '-n', 'NS', 'env=dev'],
  ['label', 'deploy', 'web', '-n', 'NS', 'env=dev', '--overwrite'], ['label', 'deploy', 'web', '-n', 'NS', 'env-'],
  ['label', 'deploy', 'web', '-n', 'NS', 'env-'], ['label', 'cm', '-l', 'tier=conf', '-n', 'NS', 'x=y'],
  ['label', 'cm', '--all', '-n', 'NS', 'z=1', '--dry-run=client'], ['label', 'cm', '--all', '-n', 'NS', 'z=1', '--dry-run=server'],
  ['label', 'cm', 'cfg', '-n', 'NS', 'bad key=1'],
  ['annotate', 'deploy', 'web', '-n', 'NS', 'note=hi'], ['annotate', 'deploy', 'web', '-n', 'NS', 'note=there'],
  ['annotate', 'deploy', 'web', '-n', 'NS', 'note=there', '--overwrite'], ['annotate', 'deploy', 'web', '-n', 'NS', 'note-'],
  ['annotate', 'cm', 'cfg', '-n', 'NS', 'a=b', '-o', 'name'],
  ['patch', 'deploy', 'web', '-n', 'NS', '-p', '{"spec":{"replicas":3}}'], ['patch', 'deploy', 'web', '-n', 'NS', '-p', '{"spec":{"replicas":3}}'],
  ['patch', 'deploy', 'web', '-n', 'NS', '--type=merge', '-p', '{"metadata":{"labels":{"m":"1"}}}'],
  ['patch', 'deploy', 'web', '-n', 'NS', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'],
  ['patch', 'deploy', 'web', '-n', 'NS', '--type=json', '-p', '[{"op":"remove","path":"/spec/nope"}]'],
  ['patch', 'deploy', 'web', '-n', 'NS', '--type=json', '-p', '[{"op":"bogus"}]'],
  ['patch', 'deploy', 'web', '-n', 'NS', '-p', '{bad'], ['patch', 'deploy', 'web', '-n', 'NS', '-p', '{"a":1}x'],
  ['patch', 'deploy', 'web', '-n', 'NS', '-p', '{"spec":{"replicas":"x"}}'], ['patch', 'deploy', 'nope', '-n', 'NS', '-p', '{}'],
  ['patch', 'deploy', 'web', '-n', 'NS', '-p', 'spec: {replicas: 2}'],
  ['patch', 'cm', 'cfg', '-n', 'NS', '-p', '{"data":{"a":"2"}}', '-o', 'jsonpath={.data}'],
  ['scale', 'deploy', 'web', '-n', 'NS', '--replicas=3'], ['scale', 'deploy', 'web', '-n', 'NS', '--replicas=3', '--current-replicas=2'],
  ['scale', 'deploy', 'web', '-n', 'NS', '--replicas=-1'], ['scale', 'deploy/web', 'cm/cfg', '-n', 'NS', '--replicas=2'],
  ['set', 'image', 'deploy/web', '-n', 'NS', 'nginx=nginx:1.26'], ['set', 'image', 'deploy/web', '-n', 'NS', 'nope=nginx:1.26'],
  ['set', 'image', 'deploy/web', '-n', 'NS', '*=nginx:1.26'],
  ['set', 'env', 'deploy/web', '-n', 'NS', 'A=1', 'B=2'], ['set', 'env', 'deploy/web', '-n', 'NS', '--list'],
  ['set', 'env', 'deploy/web', '-n', 'NS', 'A-'], ['set', 'env', 'deploy/web', '-n', 'NS', '--from=configmap/cfg'],
  ['set', 'env', 'deploy/web', '-n', 'NS', '--from=configmap/cfg', '--prefix=P_', '--list'],
  ['set', 'resources', 'deploy/web', '-n', 'NS', '--limits=cpu=200m,memory=512Mi', '--requests=cpu=100m'],
  ['set', 'resources', 'deploy/web', '-n', 'NS', '--limits=cpu=bogus'],
  ['rollout', 'history', 'deploy/web', '-n', 'NS'], ['rollout', 'history', 'deploy/web', '-n', 'NS', '--revision=2'],
  ['rollout', 'history', 'deploy/web', '-n', 'NS', '--revision=9'],
  ['rollout', 'pause', 'deploy/web', '-n', 'NS'], ['rollout', 'pause', 'deploy/web', '-n', 'NS'],
  ['rollout', 'resume', 'deploy/web', '-n', 'NS'], ['rollout', 'resume', 'deploy/web', '-n', 'NS'],
  ['rollout', 'restart', 'deploy/web', '-n', 'NS'], ['rollout', 'undo', 'deploy/web', '-n', 'NS'],
  ['rollout', 'undo', 'deploy/web', '-n', 'NS', '--to-revision=1'], ['rollout', 'undo', 'deploy/web', '-n', 'NS', '--to-revision=42'],
  ['rollout', 'status', 'deploy/web', '-n', 'NS', '--watch=false'],
  ['expose', 'deploy', 'web', '-n', 'NS', '--port=80', '--target-port=80'], ['expose', 'deploy', 'web', '-n', 'NS', '--port=80'],
  ['run', 'tmp', '-n', 'NS', '--image=nginx:1.27', '--labels=run=tmp'], ['run', 'tmp', '-n', 'NS', '--image=nginx:1.27'],
  ['run', 'tmp3', '-n', 'NS', '--image=nginx:1.27', '--restart=Never', '--port=80', '--env=A=1', '-l', 'x=y', '-o', 'name'],
  ['cordon', 'NODE'], ['cordon', 'NODE'], ['uncordon', 'NODE'], ['uncordon', 'NODE'], ['cordon', 'nope'],
  ['taint', 'node', 'NODE', 'dedicated=x:NoSchedule'], ['taint', 'node', 'NODE', 'dedicated=y:NoSchedule'],
  ['taint', 'node', 'NODE', 'dedicated=y:NoSchedule', '--overwrite'], ['taint', 'node', 'NODE', 'dedicated:NoSchedule-'],
  ['taint', 'node', 'NODE', 'dedicated:NoSchedule-'], ['taint', 'node', 'NODE', 'bad'],
  ['delete', 'cm', 'cfg', '-n', 'NS'], ['delete', 'cm', 'cfg', '-n', 'NS'], ['delete', 'cm', 'cfg', '-n', 'NS', '--ignore-not-found'],
  ['delete', 'cm', '-l', 'tier=conf', '-n', 'NS'], ['delete', 'svc', '--all', '-n', 'NS', '--dry-run=client'],
  ['delete', 'svc', '--all', '-n', 'NS', '--dry-run=server'], ['delete', 'hpa', 'web', 'h2', '-n', 'NS'], ['delete', 'hpa', 'web', '-n', 'NS'],
  ['delete', 'pod', 'nope', '-n', 'NS', '--force'], ['delete', 'deploy', 'web', '-n', 'NS', '--cascade=orphan'],
];

describe.skipIf(!hasKubectl)('kubectl write verbs and waits against mk serve', () => {
  const { home, kubectl, mk } = servedCluster('manual');
  const fill = (args: string[], ns: string, node: string) => args.map((a) => a.replaceAll('NS', ns).replaceAll('NODE', node));
  /** mk's output as kubectl's would read: its namespace and node named as kubectl's. */
  const asKubectls = (r: Result): Result => {
    const fix = (s: string) => s.replaceAll('ns-m', 'ns-k').replaceAll('mk-worker2', 'mk-worker');
    return { stdout: fix(r.stdout), stderr: fix(r.stderr), code: r.code };
  };
  /** kubectl as a background process, for the commands that wait on the cluster. */
  const kubectlAsync = (...args: string[]) => new Promise<Result>((resolve) => {
    const p = spawn('kubectl', args, { cwd: REPO, env: { ...process.env, KUBECONFIG: served.kubeconfig, HOME: home.dir } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    p.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    p.on('exit', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
  const served = { kubeconfig: join(home.dir, 'kubeconfig') };

  beforeAll(() => {
    writeFileSync(join(home.dir, 'app.yaml'), APP);
    for (const ns of ['ns-k', 'ns-m']) {
      expect(mk('create', 'namespace', ns).code).toBe(0);
      expect(kubectl('apply', '-n', ns, '-f', join(home.dir, 'app.yaml')).stderr).toBe('');
    }
    expect(mk('clock', 'advance', '1m').code).toBe(0);
  });

  it('labels, annotates, patches, scales, sets, rolls out, exposes, runs, cordons, taints and deletes as mk does', () => {
    for (const args of VERBS) {
      const k = kubectl(...fill(args, 'ns-k', 'mk-worker'));
      expect({ args, ...asKubectls(mk(...fill(args, 'ns-m', 'mk-worker2'))) }).toEqual({ args, ...k });
    }
  }, 300_000);

  it('finishes kubectl rollout status, wait and delete on a manual clock once mk moves it', async () => {
    writeFileSync(join(home.dir, 'wait.yaml'), APP.split('---')[0].replaceAll('web', 'slow'));
    expect(kubectl('apply', '-f', join(home.dir, 'wait.yaml')).stdout).toBe('deployment.apps/slow created\n');
    const status = kubectlAsync('rollout', 'status', 'deployment/slow', '--timeout=120s');
    const available = kubectlAsync('wait', '--for=condition=Available', 'deployment/slow', '--timeout=120s');
    const ready = kubectlAsync('wait', '--for=jsonpath={.status.readyReplicas}=2', 'deployment/slow', '--timeout=120s');
    // Nothing moves until the clock does: the served cluster's now stands still.
    await new Promise((r) => setTimeout(r, 1500));
    expect(kubectl('get', 'deploy', 'slow', '-o', 'jsonpath={.status.readyReplicas}').stdout).toBe('');
    expect(mk('clock', 'advance', '5m').code).toBe(0);
    const done = await status;
    expect(done.stdout.split('\n').at(-2)).toBe('deployment "slow" successfully rolled out');
    expect(done.code).toBe(0);
    expect(await available).toEqual({ stdout: 'deployment.apps/slow condition met\n', stderr: '', code: 0 });
    expect(await ready).toEqual({ stdout: 'deployment.apps/slow condition met\n', stderr: '', code: 0 });
    // A graceful delete waits for the pods' termination, which takes virtual time.
    const pod = kubectl('get', 'pods', '-l', 'app=slow', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const deleted = kubectlAsync('delete', 'pod', pod);
    const gone = kubectlAsync('wait', '--for=delete', `pod/${pod}`, '--timeout=120s');
    await new Promise((r) => setTimeout(r, 1500));
    expect(mk('clock', 'advance', '1m').code).toBe(0);
    expect(await deleted).toEqual({ stdout: `pod "${pod}" deleted\n`, stderr: '', code: 0 });
    expect((await gone).code).toBe(0);
    // Timeouts are kubectl's, in wall time.
    expect(kubectl('wait', '--for=condition=Nope', 'deployment/slow', '--timeout=1s')).toEqual({ stdout: '', code: 1,
      stderr: 'error: timed out waiting for the condition on deployments/slow\n' });
  }, 180_000);
});
