// Deleting a Deployment: background cascade takes its ReplicaSet and pods with it (the pods
// terminate gracefully after the command returns, as on a real cluster); --cascade=orphan leaves
// the ReplicaSet and its pods running, owned by nothing.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('deleting a Deployment', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('background cascade deletes the ReplicaSet and terminates the pods', () => {
    home.ok('create', 'deployment', 'web', '--image=nginx', '--replicas=2');
    home.ok('clock', 'advance', '30s');
    expect(home.ok('get', 'rs,pods', '-o', 'name')).toMatch(/^replicaset\.apps\/web-[a-z0-9]{10}\npod\/web-[a-z0-9]{10}-[a-z0-9]{5}\npod\/web-[a-z0-9]{10}-[a-z0-9]{5}\n$/);
    expect(home.ok('delete', 'deployment', 'web')).toBe('deployment.apps "web" deleted\n');
    expect(home.ok('get', 'deploy,rs', '-o', 'name')).toBe('');
    expect(home.ok('get', 'pods')).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\n(web-\S+ +1\/1 +Terminating +0 +30s\n){2}$/);
    home.ok('clock', 'advance', '35s');
    expect(home.run(['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
  });

  test('--cascade=orphan leaves the ReplicaSet and its pods, without an owner', () => {
    home.ok('create', 'deployment', 'keep', '--image=nginx', '--replicas=2');
    home.ok('clock', 'advance', '30s');
    expect(home.ok('delete', 'deployment', 'keep', '--cascade=orphan')).toBe('deployment.apps "keep" deleted\n');
    home.ok('clock', 'advance', '1m');
    expect(home.ok('get', 'deploy', '-o', 'name')).toBe('');
    expect(home.ok('get', 'rs', '-o', 'jsonpath={.items[*].metadata.ownerReferences}')).toBe('');
    expect(home.ok('get', 'pods', '-o', 'jsonpath={range .items[*]}{.status.phase}{"\\n"}{end}')).toBe('Running\nRunning\n');
  });
});
