// A ResourceQuota through the CLI on a manual clock: the quota's usage appears in get/describe,
// a pod over it is refused with kubectl's exact stderr and exit 1, and a Deployment that wants
// more pods than the quota allows leaves FailedCreate on its ReplicaSet.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata: {name: compute-quota, namespace: team}
spec:
  hard: {pods: "2", requests.cpu: "2", limits.cpu: "2"}
`;

const pod = (name: string, cpu: string) => `apiVersion: v1
kind: Pod
metadata: {name: ${name}, namespace: team}
spec:
  containers:
  - name: app
    image: nginx
    resources: {requests: {cpu: "${cpu}"}, limits: {cpu: "${cpu}"}}
`;

describe('quota', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('create', 'namespace', 'team');
  });
  afterAll(() => home.dispose());

  test('the quota shows its usage', () => {
    expect(home.run(['apply', '-f', '-'], { input: QUOTA }).stdout).toBe('resourcequota/compute-quota created\n');
    expect(home.run(['apply', '-f', '-'], { input: pod('small', '1') }).stdout).toBe('pod/small created\n');
    expect(home.ok('get', 'quota', '-n', 'team')).toBe(
      'NAME            AGE   REQUEST                        LIMIT\n'
      + 'compute-quota   0s    pods: 1/2, requests.cpu: 1/2   limits.cpu: 1/2\n',
    );
  });

  test('a pod over the quota is refused', () => {
    const r = home.run(['apply', '-f', '-'], { input: pod('big', '2') });
    expect(r.stderr).toBe('Error from server (Forbidden): error when creating "STDIN": pods "big" is forbidden: exceeded quota: compute-quota, requested: limits.cpu=2,requests.cpu=2, used: limits.cpu=1,requests.cpu=1, limited: limits.cpu=2,requests.cpu=2\n');
    expect(r.code).toBe(1);
  });

  test('a Deployment over the quota: FailedCreate on its ReplicaSet', () => {
    home.ok('create', 'deployment', 'web', '--image=nginx', '--replicas=3', '-n', 'team');
    const events = home.ok('get', 'events', '-n', 'team', '--field-selector', 'reason=FailedCreate');
    expect(events).toMatch(/Warning   FailedCreate   replicaset\/web-[a-z0-9]+   Error creating: pods "web-[a-z0-9]+-" is forbidden: failed quota: compute-quota: must specify limits.cpu for: nginx; requests.cpu for: nginx\n/);
  });
});
