// The usage model behind `mk top`: what each kind of process costs, the limits, and the
// per-window variation that must be a pure function of the container and the window.
import { describe, expect, test } from 'vitest';
import { parseImage, resolveImage } from '../../src/kubelet/images.js';
import { effectiveArgv, planProcess, processLoad, type Load, type ProcessSpec } from '../../src/kubelet/process.js';
import { containerUsage, nodeSystemUsage, type UsageLimits } from '../../src/kubelet/usage.js';

const Mi = 1024 * 1024;
const START = Date.UTC(2025, 0, 1);

function spec(image: string, command?: string[], args?: string[], extra: Partial<ProcessSpec> = {}): ProcessSpec {
  const r = resolveImage(parseImage(image));
  if (!('entry' in r)) throw new Error(`no image ${image}`);
  return {
    argv: effectiveArgv(r.entry, command, args),
    image: { entry: r.entry, version: r.version, variant: r.variant },
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', MYSQL_ROOT_PASSWORD: 'pw' },
    files: {},
    hostname: 'p',
    startedAt: START,
    stdin: false,
    tty: false,
    kernel: '6.8.0-1017-azure',
    cpus: 8,
    ...extra,
  };
}

const usage = (load: Load, limits: UsageLimits = {}, window = START + 60_000, seed = 'uid-1/c', cpus = 8) =>
  containerUsage(load, { cpus, limits, seed, window });
const milli = (nanos: number) => Math.ceil(nanos / 1e6);
const windows = Array.from({ length: 40 }, (_, i) => START + (i + 1) * 15_000);

describe('what a process demands', () => {
  test.each([
    ['nginx', undefined, undefined, { kind: 'server', name: 'nginx' }],
    ['redis:7', undefined, undefined, { kind: 'server', name: 'redis' }],
    ['mysql:8.0', undefined, undefined, { kind: 'server', name: 'mysql' }],
    ['registry.k8s.io/kube-apiserver:v1.32.2', ['kube-apiserver', '--secure-port=6443'], undefined, { kind: 'server', name: 'kube-apiserver' }],
    ['registry.k8s.io/etcd:3.5.16-0', ['etcd', '--data-dir=/var/lib/etcd'], undefined, { kind: 'server', name: 'etcd' }],
    ['registry.k8s.io/coredns/coredns:v1.11.3', undefined, ['-conf', '/etc/coredns/Corefile'], { kind: 'server', name: 'coredns' }],
    ['docker.io/kindest/kindnetd:v20250214-acbabc1a', undefined, undefined, { kind: 'server', name: 'kindnetd' }],
    ['ghcr.io/acme/shop:1.2', undefined, undefined, { kind: 'server', name: 'app' }],
    ['busybox', ['sleep', '3600'], undefined, { kind: 'tool' }],
    ['busybox', ['sh', '-c', 'while true; do date; sleep 5; done'], undefined, { kind: 'tool' }],
    ['busybox', ['sh', '-c', 'while true; do :; done'], undefined, { kind: 'busy' }],
    ['polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '250M'],
      { kind: 'stress', cpu: 0, vm: 1, vmBytes: 250 * Mi, io: 0, hdd: 0 }],
    ['polinux/stress', ['stress'], ['--cpu', '2', '--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'],
      { kind: 'stress', cpu: 2, vm: 1, vmBytes: 150 * Mi, io: 0, hdd: 0, vmHangSeconds: 1 }],
    ['vish/stress', undefined, ['-cpus', '2'], { kind: 'stress', cpu: 2, vm: 0, vmBytes: 0, io: 0, hdd: 0 }],
  ] as const)('%s %j %j', (image, command, args, want) => {
    expect(processLoad(spec(image, command ? [...command] : undefined, args ? [...args] : undefined))).toEqual(want);
  });
});

describe('container usage', () => {
  test('stress --vm 1 --vm-bytes 250M holds 250Mi and a core', () => {
    const u = usage(processLoad(spec('polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '250M'])));
    expect(Math.floor(u.memoryBytes / Mi)).toBe(251);
    expect(milli(u.cpuNanoCores)).toBeGreaterThanOrEqual(975);
    expect(milli(u.cpuNanoCores)).toBeLessThanOrEqual(995);
  });

  test('a stress that allocates past its memory limit is OOM-killed: it never runs long enough to be measured', () => {
    const s = spec('polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '250M'], { memoryLimitBytes: 100 * Mi });
    expect(planProcess(s)).toMatchObject({ exitAfterMs: 900, exitCode: 137, reason: 'OOMKilled' });
  });

  test('memory never exceeds the limit', () => {
    const u = usage(processLoad(spec('mysql:8.0')), { memoryBytes: 256 * Mi });
    expect(u.memoryBytes).toBe(256 * Mi);
  });

  test('--vm-hang: workers sleep between rounds, so the memory stays but the CPU goes', () => {
    const u = usage(processLoad(spec('polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'])));
    expect(Math.floor(u.memoryBytes / Mi)).toBe(151);
    expect(milli(u.cpuNanoCores)).toBeGreaterThan(20);
    expect(milli(u.cpuNanoCores)).toBeLessThan(60);
  });

  test('CPU is throttled just under the limit (the docs cpu-demo: -cpus 2 under a 1 CPU limit)', () => {
    const load = processLoad(spec('vish/stress', undefined, ['-cpus', '2']));
    for (const w of windows) {
      const m = milli(usage(load, { cpuMilli: 1000 }, w).cpuNanoCores);
      expect(m).toBeGreaterThanOrEqual(955);
      expect(m).toBeLessThanOrEqual(995);
    }
    const unlimited = milli(usage(load).cpuNanoCores);
    expect(unlimited).toBeGreaterThan(1900);
    expect(milli(usage(load, {}, START, 'uid-1/c', 1).cpuNanoCores)).toBeLessThanOrEqual(1000);
  });

  test('a loop that never waits keeps one core busy; a sleeping one costs nothing measurable', () => {
    const busy = usage(processLoad(spec('busybox', ['sh', '-c', 'while true; do :; done'])));
    expect(milli(busy.cpuNanoCores)).toBeGreaterThan(980);
    const idle = usage(processLoad(spec('busybox', ['sleep', '3600'])));
    expect(idle.cpuNanoCores).toBe(0);
    expect(idle.memoryBytes).toBeLessThan(Mi);
  });

  test.each([
    ['kube-apiserver', ['kube-apiserver'], 'registry.k8s.io/kube-apiserver:v1.32.2', [35, 62], [230, 262]],
    ['etcd', ['etcd'], 'registry.k8s.io/etcd:3.5.16-0', [13, 25], [35, 41]],
    ['coredns', undefined, 'registry.k8s.io/coredns/coredns:v1.11.3', [1, 4], [13, 14]],
    ['redis', undefined, 'redis', [1, 3], [3, 4]],
    ['mysql', undefined, 'mysql:8.0', [2, 6], [355, 390]],
    ['nginx', undefined, 'nginx', [0, 0], [2, 3]],
  ] as const)('%s idles at a kind-like level', (_name, command, image, [cpuLo, cpuHi], [memLo, memHi]) => {
    const load = processLoad(spec(image, command ? [...command] : undefined));
    for (const w of windows) {
      const u = usage(load, {}, w);
      expect(milli(u.cpuNanoCores)).toBeGreaterThanOrEqual(cpuLo);
      expect(milli(u.cpuNanoCores)).toBeLessThanOrEqual(cpuHi);
      expect(Math.floor(u.memoryBytes / Mi)).toBeGreaterThanOrEqual(memLo);
      expect(Math.floor(u.memoryBytes / Mi)).toBeLessThanOrEqual(memHi);
    }
  });

  test('a server starting up spends more CPU and grows into its memory (mysql initialising its datadir for 14 s)', () => {
    const load = processLoad(spec('mysql:8.0'));
    const at = (age: number) => usage(load, {}, START + age, 'uid-1/c', 8);
    const span = (age: number) => containerUsage(load, { cpus: 8, limits: {}, seed: 'uid-1/c', window: START + age, span: { age, ms: Math.min(age, 15_000) } });
    // A window all inside the start-up: its rate.
    expect(milli(span(12_000).cpuNanoCores)).toBe(450);
    // 9 of the window's 15 s still starting up.
    const mixed = milli(span(20_000).cpuNanoCores);
    expect(mixed).toBeGreaterThanOrEqual(Math.ceil((9 * 450 + 6 * 2) / 15));
    expect(mixed).toBeLessThanOrEqual(Math.ceil((9 * 450 + 6 * 6) / 15));
    expect(span(60_000)).toEqual(at(60_000));
    expect(span(7_000).memoryBytes).toBeLessThan(span(12_000).memoryBytes);
    expect(span(12_000).memoryBytes).toBeLessThan(span(60_000).memoryBytes);
    // Limits still hold.
    expect(milli(containerUsage(load, { cpus: 8, limits: { cpuMilli: 200 }, seed: 's', window: START, span: { age: 12_000, ms: 12_000 } }).cpuNanoCores))
      .toBeLessThanOrEqual(200);
  });

  test('the same container in the same window reads the same; windows and containers differ', () => {
    const load = processLoad(spec('registry.k8s.io/kube-apiserver:v1.32.2', ['kube-apiserver']));
    expect(usage(load, {}, windows[3])).toEqual(usage(load, {}, windows[3]));
    const cpus = new Set(windows.map((w) => usage(load, {}, w).cpuNanoCores));
    expect(cpus.size).toBeGreaterThan(30);
    expect(usage(load, {}, windows[3], 'uid-2/c')).not.toEqual(usage(load, {}, windows[3], 'uid-1/c'));
  });

  test('the node spends a steady amount besides its pods', () => {
    for (const w of windows) {
      const u = nodeSystemUsage('dev-worker', w);
      expect(milli(u.cpuNanoCores)).toBeGreaterThanOrEqual(21);
      expect(milli(u.cpuNanoCores)).toBeLessThanOrEqual(41);
      expect(Math.floor(u.memoryBytes / Mi)).toBeGreaterThanOrEqual(231);
      expect(Math.floor(u.memoryBytes / Mi)).toBeLessThanOrEqual(241);
    }
    expect(nodeSystemUsage('dev-worker', windows[0])).toEqual(nodeSystemUsage('dev-worker', windows[0]));
  });

  test('every pod sandbox on the node adds a few MiB (its shim) and a little kubelet work', () => {
    const none = nodeSystemUsage('dev-worker', windows[0]);
    const hundred = nodeSystemUsage('dev-worker', windows[0], 100);
    expect(Math.floor((hundred.memoryBytes - none.memoryBytes) / Mi)).toBe(420);
    expect(Math.round((hundred.cpuNanoCores - none.cpuNanoCores) / 1e6)).toBe(15);
  });
});
