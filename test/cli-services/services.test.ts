// `expose` and `create service` print what kubectl 1.32 prints (golden/, recorded by
// record.test.ts from the real kubectl with `kubectl` read as `mk`), run in-process against a
// manual-clock cluster holding the same objects as the recording's fake API server. kubectl's
// output was captured as one stream, so mk's stdout and stderr are compared joined.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { InProcessMk } from '../cli-errors/harness.js';
import { createServiceCases, exposeCases, type CliCase } from './cases.js';

const here = import.meta.dirname;
const mk = new InProcessMk();

beforeAll(async () => {
  await mk.setUp();
  const objects = JSON.parse(readFileSync(join(here, 'fixtures/objects.json'), 'utf8')) as unknown[];
  const list = mk.file('objects.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }));
  const r = await mk.run('apply', '-f', list);
  if (r.code !== 0) throw new Error(r.stderr);
  const file = 'test/cli-services/fixtures/deployment-other-ns.yaml';
  mk.file(file, readFileSync(join(here, '../..', file), 'utf8'));
}, 60_000);
afterAll(() => mk.tearDown());

interface Golden { stdout: string; code: number }

const golden = (c: CliCase): Golden => JSON.parse(readFileSync(join(here, 'golden', `${c.args[0]}-${c.name}.json`), 'utf8')) as Golden;

describe.each([['expose', exposeCases], ['create service', createServiceCases]] as const)('%s', (_verb, cases) => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const want = golden(c);
    const r = await mk.run(...c.args);
    expect(r.stdout + r.stderr).toBe(want.stdout.replaceAll("'kubectl ", "'mk "));
    expect(r.code).toBe(want.code);
  });
});

describe('what expose and create service leave in the cluster', () => {
  test('seed 004: a NodePort Service for the redis Deployment, its node port allocated', async () => {
    const r = await mk.run('expose', 'deploy/redis', '--port=6379', '--protocol=TCP', '--target-port=6379',
      '--name=redis-server-nodeport', '--type=NodePort');
    expect(r).toEqual({ stdout: 'service/redis-server-nodeport exposed\n', stderr: '', code: 0 });
    const svc = JSON.parse((await mk.run('get', 'svc', 'redis-server-nodeport', '-o', 'json')).stdout) as {
      metadata: { labels: Record<string, string> };
      spec: { type: string; selector: Record<string, string>; ports: { port: number; targetPort: number; protocol: string; nodePort: number }[] };
    };
    expect(svc.metadata.labels).toEqual({ app: 'redis', tier: 'cache' });
    expect(svc.spec.type).toBe('NodePort');
    expect(svc.spec.selector).toEqual({ app: 'redis' });
    expect(svc.spec.ports).toHaveLength(1);
    const [port] = svc.spec.ports;
    expect([port.port, port.targetPort, port.protocol]).toEqual([6379, 6379, 'TCP']);
    expect(port.nodePort).toBeGreaterThanOrEqual(30000);
    expect(port.nodePort).toBeLessThanOrEqual(32767);
  });

  test('the same name again is refused by the server', async () => {
    expect(await mk.run('expose', 'deploy/redis', '--port=6379', '--name=redis-server-nodeport')).toEqual({
      stdout: '', stderr: 'Error from server (AlreadyExists): services "redis-server-nodeport" already exists\n', code: 1,
    });
    expect(await mk.run('create', 'service', 'clusterip', 'redis-server-nodeport', '--tcp=80')).toEqual({
      stdout: '', stderr: 'error: failed to create ClusterIP service: services "redis-server-nodeport" already exists\n', code: 1,
    });
  });

  test('a type the API does not know is the server\'s validation error', async () => {
    expect(await mk.run('expose', 'deploy', 'redis', '--type=Foo', '--name=foo')).toEqual({
      stdout: '', code: 1,
      stderr: 'The Service "foo" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n',
    });
  });

  test('server dry run: printed, not stored', async () => {
    expect(await mk.run('expose', 'deploy', 'redis', '--name=dry', '--dry-run=server')).toEqual({
      stdout: 'service/dry exposed (server dry run)\n', stderr: '', code: 0,
    });
    expect((await mk.run('get', 'svc', 'dry')).stderr).toBe('Error from server (NotFound): services "dry" not found\n');
  });

  test('create service: headless and ExternalName Services in the table', async () => {
    expect((await mk.run('create', 'service', 'clusterip', 'hl', '--clusterip=None')).stdout).toBe('service/hl created\n');
    expect((await mk.run('create', 'service', 'externalname', 'ext', '--external-name=bar.example.com')).stdout).toBe('service/ext created\n');
    const table = (await mk.run('get', 'svc', 'hl', 'ext', '-o', 'wide')).stdout;
    expect(table).toBe(
      'NAME   TYPE           CLUSTER-IP   EXTERNAL-IP       PORT(S)   AGE   SELECTOR\n'
      + 'hl     ClusterIP      None         <none>            <none>    0s    app=hl\n'
      + 'ext    ExternalName   <none>       bar.example.com   <none>    0s    app=ext\n');
  });
});
