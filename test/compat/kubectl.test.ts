// Real kubectl 1.32 against `mk serve`, compared byte for byte with mk's own output for the same
// cluster. The cluster runs on a manual clock, so ages are the same for both without masking.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasKubectl, servedCluster, webDeployment } from './served.js';

if (!hasKubectl) console.warn('test/compat: kubectl is not on PATH; skipping the kubectl compatibility suite');

const DEPLOYMENT = webDeployment();

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
  it('serves pods/log: kubectl logs prints what mk logs prints', () => {
    expect(mk('create', 'deployment', 'crash', '--image=busybox:1.36', '--', 'sh', '-c', 'echo starting; echo failing >&2; exit 1').code).toBe(0);
    const waiting = kubectl('logs', 'deploy/crash');
    expect(waiting.stderr).toMatch(/^Error from server \(BadRequest\): container "busybox" in pod "crash-[a-z0-9-]+" is waiting to start: ContainerCreating\n$/);
    expect(waiting).toEqual(mk('logs', 'deploy/crash'));
    expect(mk('clock', 'advance', '3m').code).toBe(0);
    const pod = mk('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const cases = [
      [pod], [pod, '--tail=3'], [pod, '-c', 'nginx', '--timestamps'], [pod, '--limit-bytes=40'], [pod, '--since=1m'],
      ['deploy/web'], ['deploy/web', '--tail=1', '--timestamps'], [pod, '--previous'], ['deploy/crash'], ['deploy/crash', '--previous'],
      ['deploy/crash', '-p', '--timestamps'], ['deploy/crash', '-c', 'nope'],
      // Followed: the stream ends with the container (crash) or once nothing more is due (web).
      ['deploy/crash', '-f'], [pod, '-f', '--tail=2'], ['deploy/web', '-f', '--timestamps'],
    ];
    for (const args of cases) {
      const k = kubectl('logs', ...args);
      expect({ args, ...k }).toEqual({ args, ...mk('logs', ...args) });
    }
    expect(kubectl('logs', pod).stdout).not.toBe('');
    // What kubectl checks before it asks, the server refuses in the API server's words.
    const duo = join(home.dir, 'duo.yaml');
    writeFileSync(duo, 'apiVersion: v1\nkind: Pod\nmetadata: {name: duo}\nspec:\n  containers:\n  - {name: a, image: nginx:1.27}\n  - {name: b, image: busybox:1.36}\n');
    expect(kubectl('apply', '-f', duo).stdout).toBe('pod/duo created\n');
    expect(kubectl('get', '--raw', '/api/v1/namespaces/default/pods/duo/log')).toEqual({ stdout: '', code: 1,
      stderr: 'Error from server (BadRequest): a container name must be specified for pod duo, choose one of: [a b]\n' });
    expect(kubectl('get', '--raw', '/api/v1/namespaces/default/pods/duo/log?container=x')).toEqual({ stdout: '', code: 1,
      stderr: 'Error from server (BadRequest): container x is not valid for pod duo\n' });
    expect(kubectl('logs', 'deploy/crash', '-p').stdout).toBe('starting\nfailing\n');
    // Some forty kubectl and mk processes: more than the default 30 s on a loaded 2-core machine.
  }, 120_000);

  it('pages lists with limit and continue, as kubectl get --chunk-size reads them', () => {
    expect(kubectl('get', 'pods', '-A', '--chunk-size=2')).toEqual(mk('get', 'pods', '-A'));
    expect(kubectl('get', 'pods', '-A', '-o', 'name', '--chunk-size=3')).toEqual(mk('get', 'pods', '-A', '-o', 'name'));
    const first = JSON.parse(kubectl('get', '--raw', '/api/v1/pods?limit=2').stdout) as { metadata: { resourceVersion: string; continue: string; remainingItemCount: number }; items: unknown[] };
    const all = JSON.parse(kubectl('get', '--raw', '/api/v1/pods').stdout) as { items: { metadata: { name: string } }[] };
    expect(first.items).toHaveLength(2);
    expect(first.metadata.remainingItemCount).toBe(all.items.length - 2);
    const token = JSON.parse(Buffer.from(first.metadata.continue, 'base64url').toString()) as { v: string; rv: number };
    expect(token).toMatchObject({ v: 'meta.k8s.io/v1', rv: Number(first.metadata.resourceVersion) });
    const rest = JSON.parse(kubectl('get', '--raw', `/api/v1/pods?continue=${first.metadata.continue}`).stdout) as typeof all;
    expect(rest.items.map((i) => i.metadata.name)).toEqual(all.items.slice(2).map((i) => i.metadata.name));
    expect(kubectl('get', '--raw', '/api/v1/pods?limit=2&continue=bogus!')).toEqual({ stdout: '', code: 1,
      stderr: 'Error from server (BadRequest): invalid continue token: continue key is not valid: illegal base64 data at input byte 5\n' });
    const future = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 1e9, start: 'a' })).toString('base64url');
    expect(kubectl('get', '--raw', `/api/v1/pods?continue=${future}`)).toEqual({ stdout: '', code: 1,
      stderr: 'Error from server (Expired): The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.\n' });
  });

  it('evicts through pods/eviction, refusing what a disruption budget forbids', () => {
    // Every web pod must stay: each eviction is refused.
    const webPods = mk('get', 'pods', '-l', 'app=web', '-o', 'name').stdout.trim().split('\n').length;
    expect(mk('create', 'pdb', 'web', '--selector=app=web', `--min-available=${webPods}`).code).toBe(0);
    expect(mk('clock', 'advance', '5s').code).toBe(0);
    const pod = mk('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const node = mk('get', 'pod', pod, '-o', 'jsonpath={.spec.nodeName}').stdout;
    const drain = kubectl('drain', node, '--ignore-daemonsets', '--pod-selector=app=web', '--timeout=3s');
    expect(drain.code).toBe(1);
    // kubectl evicts a node's pods side by side: their lines come in any order.
    expect(drain.stdout.startsWith(`node/${node} cordoned\n`)).toBe(true);
    expect(drain.stdout).toContain(`evicting pod default/${pod}\n`);
    expect(drain.stderr).toContain(`error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`);
    expect(mk('uncordon', node).code).toBe(0);
  });

  it('deletes a collection by label selector', () => {
    expect(mk('create', 'configmap', 'a', '--from-literal=k=v').code).toBe(0);
    expect(mk('create', 'configmap', 'b', '--from-literal=k=v').code).toBe(0);
    expect(mk('create', 'configmap', 'c', '--from-literal=k=v').code).toBe(0);
    expect(mk('label', 'configmap', 'a', 'b', 'sweep=yes').code).toBe(0);
    const res = kubectl('delete', '--raw', '/api/v1/namespaces/default/configmaps?labelSelector=sweep%3Dyes');
    expect(res.code).toBe(0);
    const list = JSON.parse(res.stdout) as { kind: string; items: { metadata: { name: string } }[] };
    expect({ kind: list.kind, names: list.items.map((i) => i.metadata.name) }).toEqual({ kind: 'ConfigMapList', names: ['a', 'b'] });
    expect(mk('get', 'configmap', 'a', 'b', 'c', '-o', 'name')).toEqual({ stdout: 'configmap/c\n', code: 1,
      stderr: 'Error from server (NotFound): configmaps "a" not found\nError from server (NotFound): configmaps "b" not found\n' });
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

  it('drains a node through pods/eviction', () => {
    const node = kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}').stdout;
    const onNode = kubectl('get', 'pods', '--field-selector', `spec.nodeName=${node}`, '-o', 'name').stdout.trim().split('\n');
    const drain = kubectl('drain', node, '--ignore-daemonsets', '--timeout=60s');
    expect(drain.code).toBe(0);
    const lines = drain.stdout.trim().split('\n');
    expect(lines[0]).toBe(`node/${node} cordoned`);
    expect(lines.at(-1)).toBe(`node/${node} drained`);
    // Each pod evicted, then reported gone; in the order the evictions finish.
    expect(lines.filter((l) => l.startsWith('evicting pod ')).sort()).toEqual(onNode.map((p) => `evicting pod default/${p.slice(4)}`).sort());
    expect(lines.filter((l) => l.endsWith(' evicted')).sort()).toEqual(onNode.map((p) => `${p} evicted`).sort());
    expect(kubectl('get', 'pods', '--field-selector', `spec.nodeName=${node}`, '-o', 'name').stdout).toBe('');
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
