// Clusters and contexts as a user drives them: the silent default cluster, named clusters with
// kind-style contexts, switching, per-context namespaces, --context on any command, deletion.
import { afterAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('clusters and contexts', () => {
  const home = new MkHome();
  afterAll(() => home.dispose());

  test('the first command creates the default cluster silently', () => {
    const r = home.run(['get', 'nodes'], { env: { MK_CLOCK: 'manual' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      // kind brings the control plane up first; the workers join a little later.
      'NAME               STATUS   ROLES           AGE    VERSION\n'
      + 'mk-control-plane   Ready    control-plane   108s   v1.32.2\n'
      + 'mk-worker          Ready    <none>          85s    v1.32.2\n'
      + 'mk-worker2         Ready    <none>          80s    v1.32.2\n',
    );
    expect(home.ok('config', 'current-context')).toBe('mk-mk\n');
  });

  test('a named cluster gets its own context and becomes current', () => {
    const r = home.run(['cluster', 'create', 'dev', '--nodes', '2', '--clock', 'manual']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Set mk context to "mk-dev"');
    expect(home.ok('config', 'get-contexts')).toBe(
      'CURRENT   NAME     CLUSTER   AUTHINFO   NAMESPACE\n'
      + '*         mk-dev   mk-dev    mk-dev     \n'
      + '          mk-mk    mk-mk     mk-mk      \n',
    );
    expect(home.ok('get', 'nodes', '-o', 'name')).toBe('node/dev-control-plane\nnode/dev-worker\n');
    expect(home.ok('cluster', 'list')).toBe('dev\nmk\n');
  });

  test('--context reaches another cluster for one command', () => {
    expect(home.ok('--context', 'mk-mk', 'get', 'nodes', '-o', 'name')).toBe('node/mk-control-plane\nnode/mk-worker\nnode/mk-worker2\n');
    expect(home.ok('get', 'nodes', '-o', 'name', '--context=mk-mk')).toContain('node/mk-worker2\n');
    const r = home.run(['get', 'pods', '--context', 'nope']);
    expect(r.stderr).toBe('error: context "nope" does not exist\n');
    expect(r.code).toBe(1);
  });

  test('use-context switches; set-context --current sets the namespace', () => {
    expect(home.ok('config', 'use-context', 'mk-mk')).toBe('Switched to context "mk-mk".\n');
    expect(home.ok('config', 'set-context', '--current', '--namespace=kube-system')).toBe('Context "mk-mk" modified.\n');
    expect(home.ok('get', 'pods', '-o', 'name')).toContain('pod/etcd-mk-control-plane\n');
    const r = home.run(['config', 'use-context', 'nope']);
    expect(r.stderr).toBe('error: no context exists with the name: "nope"\n');
    expect(r.code).toBe(1);
  });

  test('deleting a cluster removes it and its context', () => {
    home.ok('cluster', 'delete', 'dev');
    expect(home.ok('cluster', 'list')).toBe('mk\n');
    expect(home.ok('config', 'get-contexts', '-o', 'name')).toBe('mk-mk\n');
  });
});
