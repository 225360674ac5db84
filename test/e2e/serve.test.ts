// `mk serve` refusals and `mk kubeconfig` (the server itself is exercised with kubectl in test/compat).
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MkHome } from './harness.js';

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
});
