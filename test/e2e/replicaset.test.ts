// A ReplicaSet through the built CLI on a manual clock: its pods appear and run, a deleted pod is
// replaced, scale-downs remove pods in the controller's order, and deleting the ReplicaSet
// takes its pods with it, unless it orphans them.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const manifest = (replicas: number) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
  labels:
    app: guestbook
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      tier: frontend
  template:
    metadata:
      labels:
        tier: frontend
    spec:
      containers:
      - name: php-redis
        image: us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5
`;

const POD = /^frontend-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

describe('a ReplicaSet on a manual clock', () => {
  const home = new MkHome();
  const apply = (replicas: number) => {
    const r = home.run(['apply', '-f', '-'], { input: manifest(replicas) });
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout;
  };
  const pods = () => home.ok('get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase}{"\\n"}{end}')
    .trim().split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string]);
  const rsEvents = () => home.ok('get', 'events', '--field-selector', 'involvedObject.kind=ReplicaSet',
    '-o', 'jsonpath={range .items[*]}{.reason} {.message}{"\\n"}{end}').trim().split('\n');
  let originals: string[] = [];

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('apply creates three pods named after the ReplicaSet, Running 30s later', () => {
    expect(apply(3)).toBe('replicaset.apps/frontend created\n');
    home.ok('clock', 'advance', '30s');
    const running = pods();
    expect(running).toHaveLength(3);
    for (const [name, phase] of running) {
      expect(name).toMatch(POD);
      expect(phase).toBe('Running');
    }
    originals = running.map(([name]) => name);
    expect(rsEvents().sort()).toEqual(originals.map((n) => `SuccessfulCreate Created pod: ${n}`).sort());
    expect(home.ok('get', 'rs')).toBe(
      'NAME       DESIRED   CURRENT   READY   AGE\n'
      + 'frontend   3         3         3       30s\n');
  });

  test('a deleted pod is replaced', () => {
    const victim = originals[0];
    expect(home.ok('delete', 'pod', victim)).toBe(`pod "${victim}" deleted\n`);
    home.ok('clock', 'advance', '30s');
    const now = pods();
    expect(now).toHaveLength(3);
    expect(now.every(([, phase]) => phase === 'Running')).toBe(true);
    const names = now.map(([name]) => name);
    expect(names).not.toContain(victim);
    expect(names.filter((n) => !originals.includes(n))).toHaveLength(1);
  });

  test('scaling down to two removes the pod that became ready last', () => {
    const replacement = pods().map(([name]) => name).find((n) => !originals.includes(n))!;
    expect(apply(2)).toBe('replicaset.apps/frontend configured\n');
    expect(rsEvents().filter((e) => e.startsWith('SuccessfulDelete'))).toEqual([`SuccessfulDelete Deleted pod: ${replacement}`]);
    home.ok('clock', 'advance', '30s');
    expect(pods().map(([name]) => name).sort()).toEqual(originals.slice(1).sort());
  });

  test('scaling down to one keeps the pod with the higher pod-deletion-cost', () => {
    const [keep, lose] = originals.slice(1);
    home.ok('annotate', 'pod', keep, 'controller.kubernetes.io/pod-deletion-cost=100');
    expect(apply(1)).toBe('replicaset.apps/frontend configured\n');
    expect(rsEvents().filter((e) => e.startsWith('SuccessfulDelete')).slice(1)).toEqual([`SuccessfulDelete Deleted pod: ${lose}`]);
    home.ok('clock', 'advance', '30s');
    expect(pods()).toEqual([[keep, 'Running']]);
  });

  test('deleting the ReplicaSet deletes its pods', () => {
    expect(home.ok('delete', 'rs', 'frontend')).toBe('replicaset.apps "frontend" deleted\n');
    expect(home.run(['get', 'rs']).stderr).toBe('No resources found in default namespace.\n');
    home.ok('clock', 'advance', '30s');
    expect(home.run(['get', 'pods']).stderr).toBe('No resources found in default namespace.\n');
  });

  test('--cascade=orphan leaves the pods, and a new ReplicaSet adopts them', () => {
    apply(2);
    home.ok('clock', 'advance', '30s');
    const before = pods().map(([name]) => name);
    expect(before).toHaveLength(2);
    expect(home.ok('delete', 'rs', 'frontend', '--cascade=orphan')).toBe('replicaset.apps "frontend" deleted\n');
    expect(home.ok('get', 'pods', '-o', 'jsonpath={.items[*].metadata.ownerReferences}')).toBe('');
    expect(pods().map(([name]) => name)).toEqual(before);
    apply(2);
    expect(pods().map(([name]) => name)).toEqual(before);
    const uid = home.ok('get', 'rs', 'frontend', '-o', 'jsonpath={.metadata.uid}');
    expect(home.ok('get', 'pods', '-o', 'jsonpath={.items[*].metadata.ownerReferences[0].uid}')).toBe(`${uid} ${uid}`);
  });
});
