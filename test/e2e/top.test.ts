// `mk top` end to end on a manual-clock cluster: no metrics right after the pods start, then
// usage that follows what each container runs (the docs' memory-demo and cpu-demo pods, a busy
// loop, an OOM-killed stress), the same bytes for the same virtual time, kubectl's messages for
// pods without metrics, and a node whose kubelet is down. Table layout and units are checked
// byte for byte against kubectl 1.32 in test/top/golden.test.ts; the rows here come from mk's
// usage model, so they are checked against its ranges.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const PODS = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: nginx, image: nginx}
  - {name: sidecar, image: busybox, command: [sh, -c, 'while true; do date; sleep 5; done']}
---
apiVersion: v1
kind: Pod
metadata: {name: memory-demo}
spec:
  containers:
  - name: memory-demo-ctr
    image: polinux/stress
    resources: {limits: {memory: 200Mi}, requests: {memory: 100Mi}}
    command: [stress]
    args: [--vm, "1", --vm-bytes, 150M, --vm-hang, "1"]
---
apiVersion: v1
kind: Pod
metadata: {name: cpu-demo}
spec:
  containers:
  - name: cpu-demo-ctr
    image: vish/stress
    resources: {limits: {cpu: "1"}, requests: {cpu: "0.5"}}
    args: [-cpus, "2"]
---
apiVersion: v1
kind: Pod
metadata: {name: oom}
spec:
  containers:
  - name: s
    image: polinux/stress
    resources: {limits: {memory: 100Mi}}
    command: [stress]
    args: [--vm, "1", --vm-bytes, 250M]
`;

let home: MkHome;
beforeAll(() => {
  home = new MkHome();
  home.ok('cluster', 'create', '--clock', 'manual');
  home.run(['apply', '-f', '-'], { input: PODS });
});
afterAll(() => home.dispose());

/** The rows of a `top` table, header first, split on kubectl's column padding. */
const rows = (out: string) => out.trimEnd().split('\n').map((l) => l.trim().split(/\s{2,}/));
const milli = (s: string) => Number(/^(\d+)m$/.exec(s)?.[1]);
const mebi = (s: string) => Number(/^(\d+)Mi$/.exec(s)?.[1]);

describe('mk top', () => {
  test('right after the pods start there are no metrics yet', () => {
    expect(home.run(['top', 'pods'])).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', code: 1 });
  });

  test('pods: usage follows what each container runs, within its limits', () => {
    home.ok('clock', 'advance', '3m');
    const out = home.ok('top', 'pods', '--containers');
    const table = rows(out);
    expect(table[0]).toEqual(['POD', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const byName = new Map(table.slice(1).map(([pod, c, cpu, mem]) => [`${pod}/${c}`, { cpu: milli(cpu), mem: mebi(mem) }]));
    expect([...byName.keys()]).toEqual(['cpu-demo/cpu-demo-ctr', 'memory-demo/memory-demo-ctr', 'web/nginx', 'web/sidecar']);
    // cpu-demo spins two cores under a 1 CPU limit: throttled just under it.
    expect(byName.get('cpu-demo/cpu-demo-ctr')!.cpu).toBeGreaterThanOrEqual(955);
    expect(byName.get('cpu-demo/cpu-demo-ctr')!.cpu).toBeLessThanOrEqual(995);
    // memory-demo holds its 150M (binary, as stress counts) plus its own few hundred KiB.
    expect(byName.get('memory-demo/memory-demo-ctr')!.mem).toBe(151);
    expect(byName.get('web/nginx')).toEqual({ cpu: 0, mem: expect.any(Number) });
    expect(byName.get('web/nginx')!.mem).toBeLessThan(5);
    // The same virtual time reads the same.
    expect(home.ok('top', 'pods', '--containers')).toBe(out);
  });

  test('an OOM-killed pod has no metrics: by name, NotFound; alone in the list, its age', () => {
    expect(home.run(['top', 'pod', 'oom'])).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/oom" not found\n', code: 1,
    });
    expect(home.run(['top', 'pod', 'nothere'])).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nothere" not found\n', code: 1 });
    expect(home.run(['top', 'pods', '--field-selector', 'metadata.name=oom'])).toEqual({
      stdout: '', stderr: 'error: Metrics not available for pod default/oom, age: 3m0s\n', code: 1,
    });
    expect(home.run(['top', 'pods', '-l', 'app=none'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });

  test('--sum adds the pods up; -A shows the system pods', () => {
    const table = rows(home.ok('top', 'pods', '--sum'));
    const pods = table.slice(1, -2);
    const [, cpuTotal, memTotal] = ['', ...table.at(-1)!];
    expect(table.at(-2)).toEqual(['________', '________']);
    const cpus = pods.map(([, cpu]) => milli(cpu));
    expect(milli(cpuTotal)).toBeGreaterThanOrEqual(cpus.reduce((a, b) => a + b, 0) - pods.length);
    expect(milli(cpuTotal)).toBeLessThanOrEqual(cpus.reduce((a, b) => a + b, 0));
    expect(mebi(memTotal)).toBeGreaterThanOrEqual(pods.map(([, , m]) => mebi(m)).reduce((a, b) => a + b, 0));
    const all = rows(home.ok('top', 'pods', '-A'));
    expect(all[0]).toEqual(['NAMESPACE', 'NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    const apiserver = all.find(([, n]) => n === 'kube-apiserver-mk-control-plane')!;
    expect(milli(apiserver[2])).toBeGreaterThanOrEqual(35);
    expect(milli(apiserver[2])).toBeLessThanOrEqual(62);
    expect(mebi(apiserver[3])).toBeGreaterThanOrEqual(200);
    expect(mebi(apiserver[3])).toBeLessThanOrEqual(300);
  });

  test('nodes: their pods plus the system, as a share of allocatable; a node whose kubelet is down is <unknown>', () => {
    const table = rows(home.ok('top', 'nodes'));
    expect(table[0]).toEqual(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']);
    expect(table.slice(1).map(([n]) => n)).toEqual(['mk-control-plane', 'mk-worker', 'mk-worker2']);
    for (const [, cpu, cpuPct, mem, memPct] of table.slice(1)) {
      expect(`${Math.trunc((milli(cpu) / 8000) * 100)}%`).toBe(cpuPct);
      expect(memPct).toBe(`${Math.trunc(((mebi(mem) * 1024 * 1024) / (16364596 * 1024)) * 100)}%`);
    }
    home.ok('node', 'stop', 'mk-worker');
    home.ok('clock', 'advance', '30s');
    const after = home.ok('top', 'nodes', '--no-headers');
    expect(after.split('\n').at(-2)).toBe('mk-worker          <unknown>   <unknown>   <unknown>   <unknown>   ');
    expect(home.run(['top', 'node', 'mk-worker'])).toEqual({
      stdout: '', stderr: 'Error from server (NotFound): nodemetrics.metrics.k8s.io "mk-worker" not found\n', code: 1,
    });
  });
});
