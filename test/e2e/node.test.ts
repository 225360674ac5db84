// Nodes through the built CLI on a manual clock: a worker whose kubelet stops goes NotReady 40 s
// after its last Lease renewal and loses its pods to the other worker 5 minutes after that (the
// node failure of the book's cluster troubleshooting chapter); cordon, drain and taint print
// kubectl's lines whole.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const WIDE_PODS = ['get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name} {.spec.nodeName} {.status.phase} {.metadata.deletionTimestamp}{"\\n"}{end}'];

describe('nodes on a manual clock', () => {
  const home = new MkHome();
  const pods = () => home.ok(...WIDE_PODS).trim().split('\n').map((l) => {
    const [key, node, phase, deleting] = l.split(' ');
    return { key, name: key.split('/')[1], node, phase, deleting: !!deleting };
  });
  const nodeStatus = () => home.ok('get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status} {end}').trim();

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.ok('create', 'deployment', 'web', '--image=nginx', '--replicas=4');
    home.ok('clock', 'advance', '30s');
  });
  afterAll(() => home.dispose());

  test('get leases -A: NAME HOLDER AGE (printLease), per namespace', () => {
    const holders = home.ok('get', 'leases', '-A', '-o', 'jsonpath={range .items[*]}{.spec.holderIdentity}{"\\n"}{end}').trim().split('\n');
    // Created 20 s (the control plane's node Lease), 45 and 50 s (the workers'), 10 s (the API
    // server's identity), 15 s (the leaders) and 28 s (the provisioner) into the boot; now is 150 s.
    const rows = [
      ['NAMESPACE', 'NAME', 'HOLDER', 'AGE'],
      ['kube-node-lease', 'mk-control-plane', holders[0], '2m10s'],
      ['kube-node-lease', 'mk-worker', holders[1], '105s'],
      ['kube-node-lease', 'mk-worker2', holders[2], '100s'],
      ['kube-system', 'apiserver-z4u5lek4smc3htn3uwpk72nhta', holders[3], '2m20s'],
      ['kube-system', 'kube-controller-manager', holders[4], '2m15s'],
      ['kube-system', 'kube-scheduler', holders[5], '2m15s'],
      ['local-path-storage', 'rancher.io-local-path', holders[6], '2m2s'],
    ];
    expect(holders.slice(0, 3)).toEqual(['mk-control-plane', 'mk-worker', 'mk-worker2']);
    expect(holders[3]).toMatch(/^apiserver-z4u5lek4smc3htn3uwpk72nhta_[0-9a-f-]{36}$/);
    expect(holders.slice(4, 6).every((x) => /^mk-control-plane_[0-9a-f-]{36}$/.test(x))).toBe(true);
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)) + 3);
    const text = rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]) : c)).join('')).join('\n') + '\n';
    expect(home.ok('get', 'leases', '-A')).toBe(text);
  });

  test('the system PriorityClasses cannot be deleted', () => {
    expect(home.run(['delete', 'priorityclass', 'system-node-critical'])).toEqual({
      stdout: '', code: 1,
      stderr: 'Error from server (Forbidden): priorityclasses.scheduling.k8s.io "system-node-critical" is forbidden: this is a system priority class and cannot be deleted\n',
    });
    expect(home.ok('get', 'pc', '-o', 'name')).toBe('priorityclass.scheduling.k8s.io/system-cluster-critical\npriorityclass.scheduling.k8s.io/system-node-critical\n');
  });

  test('a stopped kubelet: NotReady 40s after its last lease renewal, pods replaced on the other worker 5m later, Ready again on start', () => {
    const onWorker = pods().filter((p) => p.key.startsWith('default/web-') && p.node === 'mk-worker').map((p) => p.name);
    expect(onWorker.length).toBe(2);
    expect(home.ok('node', 'stop', 'mk-worker')).toBe('node/mk-worker stopped\n');
    // The node lifecycle controller last heard from the kubelet at its last Lease renewal: every
    // 10 s from the Lease's first renewal 45 s into the boot, so 5 s before the stop, 150 s in.
    const now = Date.parse(home.ok('clock', 'show').match(/Now:\s+(\S+)/)![1]);
    const renewed = home.ok('get', 'lease', '-n', 'kube-node-lease', 'mk-worker', '-o', 'jsonpath={.spec.renewTime}');
    expect(renewed).toMatch(new RegExp(`^${new Date(now - 5_000).toISOString().slice(0, 19)}\\.000\\d{3}Z$`));
    home.ok('clock', 'advance', '34s');
    expect(nodeStatus()).toBe('mk-control-plane=True mk-worker=True mk-worker2=True');
    // The Lease stays as the kubelet last renewed it.
    expect(home.ok('get', 'lease', '-n', 'kube-node-lease', 'mk-worker', '-o', 'jsonpath={.spec.renewTime}')).toBe(renewed);
    home.ok('clock', 'advance', '1s');
    expect(home.ok('get', 'nodes').split('\n')[2]).toMatch(/^mk-worker {10}NotReady {3}<none> /);
    expect(home.ok('get', 'node', 'mk-worker', '-o', 'jsonpath={range .spec.taints[*]}{.key}:{.effect} {end}'))
      .toBe('node.kubernetes.io/unreachable:NoSchedule node.kubernetes.io/unreachable:NoExecute ');
    expect(home.ok('get', 'node', 'mk-worker', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status}/{.reason}/{.message}{"\\n"}{end}')).toBe(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) => `${t}=Unknown/NodeStatusUnknown/Kubelet stopped posting node status.\n`).join(''));

    home.ok('clock', 'advance', '5m');
    home.ok('clock', 'advance', '30s');
    const after = pods().filter((p) => p.key.startsWith('default/web-'));
    // The evicted pods stay Terminating: their kubelet is not there to finish them.
    expect(after.filter((p) => p.deleting).map((p) => p.name).sort()).toEqual([...onWorker].sort());
    const live = after.filter((p) => !p.deleting);
    expect(live.map((p) => `${p.node} ${p.phase}`)).toEqual(Array(4).fill('mk-worker2 Running'));
    const evictions = home.ok('get', 'events', '--field-selector', 'reason=TaintManagerEviction', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
    expect(evictions.trim().split('\n').sort()).toEqual(onWorker.map((n) => `Marking for deletion Pod default/${n}`).sort());

    expect(home.ok('node', 'start', 'mk-worker')).toBe('node/mk-worker started\n');
    home.ok('clock', 'advance', '10s');
    expect(nodeStatus()).toBe('mk-control-plane=True mk-worker=True mk-worker2=True');
    expect(home.ok('get', 'node', 'mk-worker', '-o', 'jsonpath={.spec.taints}')).toBe('');
    expect(pods().filter((p) => p.key.startsWith('default/web-')).map((p) => p.node)).toEqual(Array(4).fill('mk-worker2'));
    // What still runs there is Ready again, as its kubelet reports it.
    const ready = home.ok('get', 'pods', '-A', '--field-selector', 'spec.nodeName=mk-worker',
      '-o', 'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status} {end}').trim().split(' ');
    expect(ready.length).toBeGreaterThan(0);
    expect(new Set(ready)).toEqual(new Set(['True']));
  });

  test('cordon and uncordon, once and twice', () => {
    expect(home.run(['cordon', 'mk-worker'])).toEqual({ stdout: 'node/mk-worker cordoned\n', stderr: '', code: 0 });
    expect(home.run(['cordon', 'mk-worker'])).toEqual({ stdout: 'node/mk-worker already cordoned\n', stderr: '', code: 0 });
    expect(home.ok('get', 'nodes').split('\n')[2]).toMatch(/^mk-worker {10}Ready,SchedulingDisabled {3}<none> /);
    expect(home.run(['uncordon', 'node/mk-worker'])).toEqual({ stdout: 'node/mk-worker uncordoned\n', stderr: '', code: 0 });
    expect(home.run(['uncordon', 'mk-worker'])).toEqual({ stdout: 'node/mk-worker already uncordoned\n', stderr: '', code: 0 });
    expect(home.run(['cordon', 'nope'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): nodes "nope" not found\n', code: 1 });
  });

  test('drain refuses a bare pod, then evicts with --force; --pod-selector picks the pods', () => {
    const bare = home.run(['apply', '-f', '-'], {
      input: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\n  labels:\n    run: bare\nspec:\n  nodeName: mk-worker2\n'
        + '  containers:\n  - name: nginx\n    image: nginx\n',
    });
    expect(bare.stdout).toBe('pod/bare created\n');
    home.ok('clock', 'advance', '10s');
    const web = pods().filter((p) => p.node === 'mk-worker2' && !p.deleting && p.key.startsWith('default/web-')).map((p) => p.name);
    expect(web.length).toBeGreaterThan(0);

    const bareErr = 'cannot delete Pods that declare no controller (use --force to override): default/bare';
    expect(home.run(['drain', 'mk-worker2', '--pod-selector', 'run=bare'])).toEqual({
      stdout: 'node/mk-worker2 cordoned\n',
      stderr: `error: unable to drain node "mk-worker2" due to error: ${bareErr}, continuing command...\n`
        + 'There are pending nodes to be drained:\n mk-worker2\n'
        + `error: ${bareErr}\n`,
      code: 1,
    });
    expect(home.run(['drain', 'mk-worker2', '--pod-selector', 'run=bare', '--force'])).toEqual({
      stdout: 'node/mk-worker2 already cordoned\nevicting pod default/bare\npod/bare evicted\nnode/mk-worker2 drained\n',
      stderr: 'Warning: deleting Pods that declare no controller: default/bare\n',
      code: 0,
    });

    // mk-worker is schedulable again: the evicted pods' replacements go there.
    // Each pod is reported evicted when it is gone, in the order its containers stop.
    const r = home.run(['drain', 'mk-worker2', '--pod-selector', 'app=web', '--grace-period', '5']);
    const lines = r.stdout.split('\n');
    const done = lines.slice(1 + web.length, 1 + 2 * web.length);
    expect([...done].sort()).toEqual(web.map((n) => `pod/${n} evicted`).sort());
    expect(r).toEqual({
      stdout: 'node/mk-worker2 already cordoned\n'
        + web.map((n) => `evicting pod default/${n}\n`).join('')
        + done.map((l) => `${l}\n`).join('')
        + 'node/mk-worker2 drained\n',
      stderr: '',
      code: 0,
    });
    home.ok('clock', 'advance', '30s');
    const web2 = pods().filter((p) => p.key.startsWith('default/web-') && !p.deleting);
    expect(web2.map((p) => `${p.node} ${p.phase}`)).toEqual(Array(4).fill('mk-worker Running'));
    expect(home.ok('uncordon', 'mk-worker2')).toBe('node/mk-worker2 uncordoned\n');
  });

  test('taint: add, refuse without --overwrite, overwrite, remove', () => {
    expect(home.run(['taint', 'nodes', 'mk-worker', 'dedicated=web:NoSchedule'])).toEqual({ stdout: 'node/mk-worker tainted\n', stderr: '', code: 0 });
    expect(home.run(['taint', 'nodes', 'mk-worker', 'dedicated=db:NoSchedule'])).toEqual({
      stdout: '', stderr: 'error: node mk-worker already has dedicated taint(s) with same effect(s) and --overwrite is false\n', code: 1,
    });
    expect(home.run(['taint', 'nodes', 'mk-worker', 'dedicated=db:NoSchedule', '--overwrite'])).toEqual({ stdout: 'node/mk-worker modified\n', stderr: '', code: 0 });
    expect(home.ok('get', 'node', 'mk-worker', '-o', 'jsonpath={.spec.taints}')).toBe('[{"effect":"NoSchedule","key":"dedicated","value":"db"}]');
    expect(home.run(['taint', 'nodes', 'mk-worker', 'dedicated-'])).toEqual({ stdout: 'node/mk-worker untainted\n', stderr: '', code: 0 });
    expect(home.run(['taint', 'nodes', 'mk-worker', 'dedicated-'])).toEqual({ stdout: '', stderr: 'error: taint "dedicated" not found\n', code: 1 });
  });
});
