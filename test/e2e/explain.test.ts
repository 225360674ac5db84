// `mk scheduler explain` on the built CLI, on a manual-clock cluster: a pod asking for 100 CPUs
// (first from a manifest, not created, then created and pending) and a running pod.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const BIG = `apiVersion: v1
kind: Pod
metadata:
  name: big
spec:
  containers:
  - name: app
    image: nginx
    resources:
      requests:
        cpu: "100"
`;

const FIT_ERROR = '  0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. '
  + 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.\n';

describe('mk scheduler explain', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
  });
  afterAll(() => home.dispose());

  test('a pod asking for 100 CPUs, before and after it is created', () => {
    const before = home.ok('get', 'pods', '-A', '-o', 'json');
    const dry = home.run(['scheduler', 'explain', '-f', '-'], { input: BIG });
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout.split('\n')[0]).toBe('pod/big in namespace default from STDIN, not created: defaulted and admitted in a dry run, then explained against the cluster as it is now.');
    expect(dry.stdout.endsWith(`Choice: none. The scheduler records FailedScheduling:\n${FIT_ERROR}`)).toBe(true);
    // Explaining wrote nothing.
    expect(home.ok('get', 'pods', '-A', '-o', 'json')).toBe(before);

    home.run(['apply', '-f', '-'], { input: BIG });
    const events = home.ok('get', 'events', '--field-selector', 'involvedObject.name=big');
    const pending = home.ok('scheduler', 'explain', 'pod/big');
    expect(pending.split('\n')[0]).toBe('pod/big in namespace default is pending; explained against the cluster as it is now.');
    // The same cycle as the dry run, and the same words as the scheduler's own event.
    expect(pending.split('\n').slice(1)).toEqual(dry.stdout.split('\n').slice(1));
    expect(events).toContain(FIT_ERROR.trim().replace(/ preemption: .*$/, ''));
    expect(pending.match(/│ NodeResourcesFit +│ Insufficient cpu +│/g)).toHaveLength(3);
  });

  test('a running pod: its decision against the cluster as it is now', () => {
    home.ok('run', 'web', '--image=nginx');
    home.ok('clock', 'advance', '30s');
    const node = home.ok('get', 'pod', 'web', '-o', 'jsonpath={.spec.nodeName}');
    const out = home.ok('scheduler', 'explain', 'web');
    expect(out.split('\n')[0]).toBe(`pod/web in namespace default is bound to ${node}; this is the decision the scheduler would make now, against the cluster as it is now, with the pod taken off its node.`);
    expect(out).toContain('Scores of the feasible nodes:');
    expect(out).toMatch(/\nChoice: mk-worker2?[.,] /);

    const j = JSON.parse(home.ok('scheduler', 'explain', 'pod/web', '-o', 'json')) as {
      outcome: string; selectedNode: string; bestNodes: string[]; nodes: Array<{ name: string; totalScore?: number; scores?: Array<{ weighted: number }> }>;
    };
    expect(j.outcome).toBe('Scheduled');
    expect(j.bestNodes).toContain(j.selectedNode);
    for (const n of j.nodes.filter((x) => x.scores)) expect(n.totalScore).toBe(n.scores!.reduce((a, s) => a + s.weighted, 0));
    for (const line of out.split('\n')) expect(line.length <= 100 || !/^[┌│├└]/.test(line)).toBe(true);
  });

  test('a pod that does not exist', () => {
    const r = home.run(['scheduler', 'explain', 'pod/nope']);
    expect(r).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
  });
});
