// `mk serve` refusals and `mk kubeconfig` (the server itself is exercised with kubectl in test/compat).
import { spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, MkHome, REPO } from './harness.js';

describe('mk serve and mk kubeconfig', () => {
  const home = new MkHome();
  const kubeconfig = join(home.dir, 'kubeconfig');
  afterAll(() => home.dispose());

  it('refuses bad flags and unauthenticated serving off loopback', () => {
    expect(home.run(['serve', '--port', 'x'])).toEqual({ stdout: '', code: 1,
      stderr: 'error: invalid argument "x" for "--port" flag: strconv.ParseInt: parsing "x": invalid syntax\n' });
    expect(home.run(['serve', '--address', 'foo'])).toEqual({ stdout: '', code: 1,
      stderr: 'error: invalid argument "foo" for "--address" flag: failed to parse IP: "foo"\n' });
    expect(home.run(['serve', '--insecure', '--address', '0.0.0.0'])).toEqual({ stdout: '', code: 1,
      stderr: 'error: --insecure serves without authentication, so only on a loopback address, not 0.0.0.0\n' });
  });

  it('prints a kubeconfig with the cluster CA and token, the same on every call', () => {
    home.ok('cluster', 'create', 'mk', '--clock', 'manual');
    const text = home.ok('kubeconfig');
    const m = /^apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: (\S+)\n    server: https:\/\/127\.0\.0\.1:6443\n  name: mk-mk\ncontexts:\n- context:\n    cluster: mk-mk\n    user: mk-mk\n  name: mk-mk\ncurrent-context: mk-mk\nkind: Config\npreferences: \{\}\nusers:\n- name: mk-mk\n  user:\n    token: ([A-Za-z0-9_-]{43})\n$/.exec(text);
    expect(m, text).not.toBeNull();
    const ca = new X509Certificate(Buffer.from(m![1], 'base64'));
    expect(ca.ca).toBe(true);
    expect(ca.subject).toBe('CN=kubernetes');
    expect(home.ok('kubeconfig')).toBe(text);
  });

  it('merges into $KUBECONFIG, keeping the entries already there', () => {
    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster:\n    server: https://10.0.0.1:6443\ncontexts:\n- name: other\n  context:\n    cluster: other\n    user: other\ncurrent-context: other\nusers:\n- name: other\n  user:\n    token: abc\n');
    expect(home.run(['kubeconfig', '--merge'], { env: { KUBECONFIG: kubeconfig } })).toEqual({ stdout: 'Set kubectl context to "mk-mk"\n', stderr: '', code: 0 });
    const merged = readFileSync(kubeconfig, 'utf8');
    expect(merged).toContain('current-context: mk-mk\n');
    expect(merged).toContain('- cluster:\n    server: https://10.0.0.1:6443\n  name: other\n');
    expect(merged).toContain('    server: https://127.0.0.1:6443\n  name: mk-mk\n');
    expect(merged).toContain('- name: other\n  user:\n    token: abc\n');
    // Merging again replaces mk's entries rather than adding more.
    home.run(['kubeconfig', '--merge'], { env: { KUBECONFIG: kubeconfig } });
    expect(readFileSync(kubeconfig, 'utf8')).toBe(merged);
  });

  it('serves plain HTTP on loopback without authentication with --insecure', async () => {
    const server = spawn(process.execPath, [BIN, 'serve', '--insecure', '--port', '0'], {
      cwd: REPO, env: { ...process.env, MK_HOME: home.dir, MK_CLOCK: 'manual' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise((r) => server.once('exit', r));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /^Serving the Kubernetes API of cluster "mk" at (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(out);
          if (m) resolve(m[1]);
        });
        server.on('exit', (code) => reject(new Error(`mk serve exited ${code}`)));
      });
      const nodes = await fetch(`${url}/api/v1/nodes`);
      expect(nodes.status).toBe(200);
      const list = await nodes.json() as { kind: string; items: { metadata: { name: string } }[] };
      expect(list.kind).toBe('NodeList');
      expect(list.items.map((n) => n.metadata.name)).toEqual(['mk-control-plane', 'mk-worker', 'mk-worker2']);
      const health = await fetch(`${url}/healthz`);
      expect([health.status, await health.text()]).toEqual([200, 'ok']);
      const unknown = await fetch(`${url}/apis/example.com/v1`);
      expect([unknown.status, await unknown.text()]).toEqual([404,
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"the server could not find the requested resource","reason":"NotFound","details":{},"code":404}\n']);
      // A body in a format the API server does not decode (CBOR is off in 1.32) is refused with the formats it takes.
      const cbor = await fetch(`${url}/api/v1/namespaces`, { method: 'POST', headers: { 'Content-Type': 'application/cbor' }, body: '\xa0' });
      expect([cbor.status, (await cbor.json() as { message: string }).message]).toEqual([415,
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf']);
      // An empty protobuf envelope is an object of the URL's kind, with no name.
      const proto = await fetch(`${url}/api/v1/namespaces`, { method: 'POST', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: 'k8s\0' });
      expect([proto.status, (await proto.json() as { message: string }).message]).toEqual([422,
        'Namespace "" is invalid: metadata.name: Required value: name or generateName is required']);
      const created = await fetch(`${url}/api/v1/namespaces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"metadata":{"name":"team"}}' });
      expect(created.status).toBe(201);
      const again = await fetch(`${url}/api/v1/namespaces`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"metadata":{"name":"team"}}' });
      expect([again.status, await again.text()]).toEqual([409,
        '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"namespaces \\"team\\" already exists","reason":"AlreadyExists","details":{"name":"team","kind":"namespaces"},"code":409}\n']);
      expect(home.run(['get', 'ns', 'team', '-o', 'name'], { env: { MK_CLOCK: 'manual' } }).stdout).toBe('namespace/team\n');
    } finally {
      server.kill('SIGTERM');
      await exited;
    }
  });
});
