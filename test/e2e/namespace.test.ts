// Namespace lifecycle through the CLI: content is refused in a missing namespace, a namespace's
// default ServiceAccount and kube-root-ca.crt appear with it, deleting it deletes its content and
// waits until it is gone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('namespaces', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('creating in a namespace that does not exist is NotFound', () => {
    const r = home.run(['run', 'web', '--image=nginx', '-n', 'nope']);
    expect(r.stderr).toBe('Error from server (NotFound): namespaces "nope" not found\n');
    expect(r.code).toBe(1);
  });

  test('a new namespace gets its default service account and root CA configmap', () => {
    expect(home.ok('create', 'namespace', 'work')).toBe('namespace/work created\n');
    expect(home.ok('get', 'sa,cm', '-n', 'work')).toBe(
      'NAME                     SECRETS   AGE\n'
      + 'serviceaccount/default   0         0s\n'
      + '\n'
      + 'NAME                         DATA   AGE\n'
      + 'configmap/kube-root-ca.crt   1      0s\n',
    );
  });

  test('deleting a namespace deletes its pods and waits for it to go', () => {
    expect(home.ok('run', 'web', '--image=nginx', '-n', 'work')).toBe('pod/web created\n');
    home.ok('clock', 'advance', '20s');
    expect(home.ok('delete', 'namespace', 'work')).toBe('namespace "work" deleted\n');
    const r = home.run(['get', 'ns', 'work']);
    expect(r.stderr).toBe('Error from server (NotFound): namespaces "work" not found\n');
    expect(r.code).toBe(1);
    expect(home.run(['get', 'pods', '-n', 'work']).stderr).toBe('No resources found in work namespace.\n');
  });
});
