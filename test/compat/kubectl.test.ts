// Real kubectl 1.32 against `mk serve`, compared byte for byte with mk's own output for the same
// cluster. The cluster runs on a manual clock, so ages are the same for both without masking.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedCluster } from './served.js';

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the kubectl compatibility suite');

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
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
`;

describe.skipIf(!hasKubectl)('kubectl against mk serve', () => {
  const served = servedCluster('manual');
  const { home, kubeconfig, kubectl, mk } = served;

  it('serves get nodes as mk prints it', () => {
    const k = kubectl('get', 'nodes');
    expect(k.stderr).toBe('');
    expect(k).toEqual(mk('get', 'nodes'));
  });

  it('serves discovery that kubectl api-resources prints as mk does', () => {
    expect(kubectl('api-resources', '-o', 'wide')).toEqual(mk('api-resources', '-o', 'wide'));
  });

  it('serves get pods -A as mk prints it', () => {
    expect(kubectl('get', 'pods', '-A')).toEqual(mk('get', 'pods', '-A'));
    expect(kubectl('get', 'pods', '-A', '-o', 'wide')).toEqual(mk('get', 'pods', '-A', '-o', 'wide'));
  });

  it('applies a deployment that mk then sees, with the same tables', () => {
    const file = join(home.dir, 'web.yaml');
    writeFileSync(file, DEPLOYMENT);
    expect(kubectl('apply', '-f', file)).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', code: 0 });
    const k = kubectl('get', 'deploy');
    expect(k.stdout).toContain('web ');
    expect(k).toEqual(mk('get', 'deploy'));
    expect(kubectl('get', 'rs,pods', '-o', 'wide')).toEqual(mk('get', 'rs,pods', '-o', 'wide'));
    expect(kubectl('apply', '-f', file)).toEqual({ stdout: 'deployment.apps/web unchanged\n', stderr: '', code: 0 });
    writeFileSync(file, DEPLOYMENT.replace('replicas: 2', 'replicas: 3'));
    expect(kubectl('apply', '-f', file)).toEqual({ stdout: 'deployment.apps/web configured\n', stderr: '', code: 0 });
    expect(kubectl('get', 'deploy', 'web', '-o', 'json')).toEqual(mk('get', 'deploy', 'web', '-o', 'json'));
    // The /scale subresource.
    expect(kubectl('scale', 'deploy', 'web', '--replicas=1')).toEqual({ stdout: 'deployment.apps/web scaled\n', stderr: '', code: 0 });
    expect(kubectl('get', 'deploy,rs')).toEqual(mk('get', 'deploy,rs'));
    const stale = kubectl('scale', 'deploy', 'web', '--replicas=2', '--current-replicas=5');
    expect(stale).toEqual({ stdout: '', stderr: 'error: Expected replicas to be 5, was 1\n', code: 1 });
  });

  it('streams the changes another mk process makes to a watch from a resourceVersion', async () => {
    const rv = kubectl('get', 'deploy', 'web', '-o', 'jsonpath={.metadata.resourceVersion}').stdout;
    const events: { type: string; object: { metadata: { name: string; resourceVersion: string }; spec: { replicas: number } } }[] = [];
    const token = /token: (\S+)/.exec(spawnSync('cat', [kubeconfig], { encoding: 'utf8' }).stdout)![1];
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(spawnSync('cat', [kubeconfig], { encoding: 'utf8' }).stdout)![1], 'base64').toString();
    const req = request(`${served.url}/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3Dweb`,
      { ca, headers: { Authorization: `Bearer ${token}` } });
    const got = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString();
          for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
            events.push(JSON.parse(buf.slice(0, i)));
            buf = buf.slice(i + 1);
          }
          if (events.some((e) => e.object.spec.replicas === 4)) resolve();
        });
      }).on('error', reject).end();
    });
    expect(mk('scale', 'deploy', 'web', '--replicas=4').stdout).toBe('deployment.apps/web scaled\n');
    await got;
    req.destroy();
    expect(events[0]).toMatchObject({ type: 'MODIFIED', object: { metadata: { name: 'web' }, spec: { replicas: 4 } } });
    expect(Number(events[0].object.metadata.resourceVersion)).toBeGreaterThan(Number(rv));
  });

  it('filters by label and field selectors and reports bad ones as the API server does', () => {
    expect(kubectl('get', 'pods', '-l', 'app=web')).toEqual(mk('get', 'pods', '-l', 'app=web'));
    expect(kubectl('get', 'pods', '-A', '--field-selector', 'spec.nodeName=mk-worker')).toEqual(mk('get', 'pods', '-A', '--field-selector', 'spec.nodeName=mk-worker'));
    const bad = kubectl('get', 'pods', '--field-selector', 'bogus=1');
    expect(bad.code).toBe(1);
    expect(bad).toEqual(mk('get', 'pods', '--field-selector', 'bogus=1'));
  });

  it('reports missing objects with the API server\'s Status', () => {
    const k = kubectl('get', 'deploy', 'web', 'nope');
    expect(k.stderr).toBe('Error from server (NotFound): deployments.apps "nope" not found\n');
    expect(k).toEqual(mk('get', 'deploy', 'web', 'nope'));
    expect(kubectl('delete', 'pod', 'nope')).toEqual(mk('delete', 'pod', 'nope'));
  });

  it('refuses requests without the cluster token', async () => {
    const ca = Buffer.from(/certificate-authority-data: (\S+)/.exec(spawnSync('cat', [kubeconfig], { encoding: 'utf8' }).stdout)![1], 'base64').toString();
    const get = (headers: Record<string, string>) => new Promise<{ code: number; body: string }>((resolve, reject) => {
      request(`${served.url}/api/v1/pods`, { ca, headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
      }).on('error', reject).end();
    });
    const unauthorized = {
      code: 401,
      body: '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}\n',
    };
    expect(await get({})).toEqual(unauthorized);
    expect(await get({ Authorization: 'Bearer not-the-token' })).toEqual(unauthorized);
    const token = /token: (\S+)/.exec(spawnSync('cat', [kubeconfig], { encoding: 'utf8' }).stdout)![1];
    const ok = await get({ Authorization: `Bearer ${token}` });
    expect(ok.code).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ kind: 'PodList', apiVersion: 'v1' });
  });
});

describe.skipIf(!hasKubectl)('kubectl against mk serve on a realtime cluster', () => {
  const { home, kubectl, mk } = servedCluster('realtime');

  it('rolls out what kubectl applies and what mk creates meanwhile, reconciled by the server', () => {
    const file = join(home.dir, 'web.yaml');
    writeFileSync(file, DEPLOYMENT);
    expect(kubectl('apply', '-f', file).stdout).toBe('deployment.apps/web created\n');
    // rollout status watches the Deployment: the server's watch streams its changes.
    const web = kubectl('rollout', 'status', 'deployment/web', '--timeout=60s');
    expect(web.stdout.split('\n').at(-2)).toBe('deployment "web" successfully rolled out');
    expect(web.code).toBe(0);
    expect(mk('create', 'deployment', 'other', '--image=nginx:1.27').stdout).toBe('deployment.apps/other created\n');
    const other = kubectl('rollout', 'status', 'deployment/other', '--timeout=60s');
    expect(other.stdout.split('\n').at(-2)).toBe('deployment "other" successfully rolled out');
    expect(kubectl('get', 'deploy', '-o', 'jsonpath={.items[*].status.availableReplicas}').stdout).toBe('1 2');
  });
});

describe.skipIf(!hasKubectl)('kubectl rollouts against mk serve on a realtime cluster', () => {
  const { home, kubectl, mk } = servedCluster('realtime');
  const ok = (stdout: string) => ({ stdout, stderr: '', code: 0 });
  /** kubectl rollout status until done: progress lines only in kubectl's words, then success. */
  const rolledOut = (name: string) => {
    const r = kubectl('rollout', 'status', `deployment/${name}`, '--timeout=60s');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.pop()).toBe(`deployment "${name}" successfully rolled out`);
    for (const line of lines) {
      expect(line).toMatch(new RegExp(`^Waiting for (deployment spec update to be observed|deployment "${name}" rollout to finish: `
        + '(\\d+ out of \\d+ new replicas have been updated|\\d+ old replicas are pending termination|\\d+ of \\d+ updated replicas are available))\\.\\.\\.$'));
    }
    // Once done, kubectl and mk agree on it.
    expect(mk('rollout', 'status', `deployment/${name}`)).toEqual(ok(`deployment "${name}" successfully rolled out\n`));
  };
  const history = (name: string, revisions: number[]) => {
    const text = `deployment.apps/${name} \nREVISION  CHANGE-CAUSE\n${revisions.map((r) => `${String(r).padEnd(10)}<none>\n`).join('')}\n`;
    expect(kubectl('rollout', 'history', `deployment/${name}`)).toEqual(ok(text));
    expect(mk('rollout', 'history', `deployment/${name}`)).toEqual(ok(text));
  };

  it('applies, rolls out, changes the image, and undoes it as kubectl does against a cluster', () => {
    const file = join(home.dir, 'app.yaml');
    writeFileSync(file, DEPLOYMENT.replaceAll('web', 'app'));
    expect(kubectl('apply', '-f', file)).toEqual(ok('deployment.apps/app created\n'));
    rolledOut('app');
    history('app', [1]);
    expect(kubectl('set', 'image', 'deployment/app', 'nginx=nginx:1.26')).toEqual(ok('deployment.apps/app image updated\n'));
    rolledOut('app');
    history('app', [1, 2]);
    expect(kubectl('rollout', 'history', 'deployment/app', '--revision=2')).toEqual(mk('rollout', 'history', 'deployment/app', '--revision=2'));
    expect(kubectl('rollout', 'history', 'deployment/app', '--revision=2').stdout).toContain('    Image:\tnginx:1.26\n');
    expect(kubectl('rollout', 'undo', 'deployment/app')).toEqual(ok('deployment.apps/app rolled back\n'));
    rolledOut('app');
    // The undone revision 1 comes back as revision 3.
    history('app', [2, 3]);
    expect(kubectl('get', 'deploy', 'app', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}').stdout)
      .toBe('nginx:1.27 3');
    expect(kubectl('get', 'rs', '-l', 'app=app', '-o', 'custom-columns=DESIRED:.spec.replicas,IMAGE:.spec.template.spec.containers[0].image,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision', '--sort-by=.metadata.annotations.deployment\\.kubernetes\\.io/revision'))
      .toEqual(ok('DESIRED   IMAGE        REVISION\n0         nginx:1.26   2\n2         nginx:1.27   3\n'));
    const missing = kubectl('rollout', 'undo', 'deployment/app', '--to-revision=99');
    expect(missing).toEqual({ stdout: '', stderr: 'error: unable to find specified revision 99 in history\n', code: 1 });
    expect(missing).toEqual(mk('rollout', 'undo', 'deployment/app', '--to-revision=99'));
  });
});
