import { describe, expect, test } from 'vitest';
import { parseImage, resolveImage, pullErrorMessage, type CatalogEntry } from '../../src/kubelet/images.js';
import { effectiveArgv, expandVars, piDigits, planProcess, processOutput, type ProcessSpec } from '../../src/kubelet/process.js';
import { goDuration } from '../../src/kubelet/util.js';

const START = Date.UTC(2025, 0, 1, 0, 0, 3, 123);

function spec(image: string, command?: string[], args?: string[], extra: Partial<ProcessSpec> = {}): ProcessSpec {
  const r = resolveImage(parseImage(image));
  if (!('entry' in r)) throw new Error(`no image ${image}`);
  const entry: CatalogEntry = r.entry;
  return {
    argv: effectiveArgv(entry, command, args),
    image: { entry, version: r.version, variant: r.variant },
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: 'p', HOME: '/root' },
    files: { '/etc/hostname': 'p\n' },
    hostname: 'p',
    startedAt: START,
    stdin: false,
    tty: false,
    kernel: '6.8.0-1017-azure',
    cpus: 2,
    ...extra,
  };
}

const out = (s: ProcessSpec, until = 60_000, stop?: number) => processOutput(s, until, stop).map((l) => l.text);

describe('images', () => {
  test.each([
    ['redis', 'docker.io/library/redis:latest'],
    ['redis:7', 'docker.io/library/redis:7'],
    ['bitnami/redis:7.2', 'docker.io/bitnami/redis:7.2'],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10'],
    ['k8s.gcr.io/pause:3.1', 'registry.k8s.io/pause:3.1'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
  ])('%s is stored as %s', (raw, full) => {
    expect(parseImage(raw).full).toBe(full);
  });

  test('tags resolve to versions and variants', () => {
    const r = resolveImage(parseImage('redis:7.2-alpine'));
    expect('entry' in r && [r.version, r.variant]).toEqual(['7.2.7', 'alpine']);
    const latest = resolveImage(parseImage('nginx'));
    expect('entry' in latest && latest.version).toBe('1.27.3');
    expect('entry' in resolveImage(parseImage('nginx:1.14.2'))).toBe(true);
    expect('entry' in resolveImage(parseImage('elasticsearch'))).toBe(false);
  });

  test('containerd 1.7 error for a tag that does not exist', () => {
    const ref = parseImage('redis:5xx');
    const r = resolveImage(ref);
    expect('entry' in r).toBe(false);
    if (!('entry' in r)) {
      expect(pullErrorMessage(ref, r)).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/redis:5xx": failed to resolve reference "docker.io/library/redis:5xx": docker.io/library/redis:5xx: not found');
    }
  });

  test('Go durations', () => {
    expect([0, 512, 1633, 2000, 10_000, 80_000, 160_000, 300_000, 3_600_000].map(goDuration))
      .toEqual(['0s', '512ms', '1.633s', '2s', '10s', '1m20s', '2m40s', '5m0s', '1h0m0s']);
  });
});

describe('processes', () => {
  test('busybox runs sh by default, which exits at once without stdin', () => {
    expect(planProcess(spec('busybox'))).toEqual({ exitAfterMs: 0, exitCode: 0 });
    expect(planProcess(spec('busybox', undefined, undefined, { stdin: true, tty: true }))).toEqual({ exitCode: 0 });
  });

  test('servers run until stopped and exit cleanly on SIGTERM', () => {
    expect(planProcess(spec('redis'))).toEqual({ exitCode: 0, onStop: { afterMs: 110, exitCode: 0 } });
    expect(planProcess(spec('nginx'))).toEqual({ exitCode: 0, onStop: { afterMs: 60, exitCode: 0 } });
  });

  test('sleep as PID 1 ignores SIGTERM', () => {
    expect(planProcess(spec('busybox', ['sleep', '3600']))).toEqual({ exitAfterMs: 3_600_000, exitCode: 0 });
    expect(planProcess(spec('busybox', ['sleep', 'infinity']))).toEqual({ exitCode: 0 });
  });

  test('shell scripts: lists, loops, exit codes', () => {
    const s = spec('busybox', ['sh', '-c', 'echo start; for i in 1 2 3; do echo "n=$i"; sleep 1; done && exit 4']);
    expect(planProcess(s)).toEqual({ exitAfterMs: 3_000, exitCode: 4 });
    expect(out(s)).toEqual(['start', 'n=1', 'n=2', 'n=3']);
    expect(planProcess(spec('busybox', ['sh', '-c', 'true && false'])).exitCode).toBe(1);
    expect(planProcess(spec('busybox', ['/bin/sh', '-c', 'exit 1']))).toEqual({ exitAfterMs: 0, exitCode: 1 });
  });

  test('an endless loop never exits, and its output follows virtual time', () => {
    const s = spec('busybox', ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done']);
    expect(planProcess(s)).toEqual({ exitCode: 0 });
    expect(out(s, 2_500)).toEqual(['0: Wed Jan  1 00:00:03 UTC 2025', '1: Wed Jan  1 00:00:04 UTC 2025', '2: Wed Jan  1 00:00:05 UTC 2025']);
  });

  test('a trap on TERM lets a script stop cleanly', () => {
    expect(planProcess(spec('busybox', ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'])))
      .toEqual({ exitCode: 0, onStop: { afterMs: 50, exitCode: 0 } });
  });

  test('commands the image does not have', () => {
    expect(out(spec('busybox', ['sh', '-c', 'curlx http://x; echo $?']))).toEqual(['sh: curlx: not found', '127']);
    expect(out(spec('ubuntu', ['bash', '-c', 'nope']))).toEqual(['bash: line 1: nope: command not found']);
    expect(planProcess(spec('alpine', ['bash'])).startError).toBe(
      'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown');
  });

  test('env, $(VAR) expansion and files', () => {
    expect(expandVars('$(GREETING) $(NAME)! $$(NOT) $(MISSING)', { GREETING: 'hello', NAME: 'k8s' })).toBe('hello k8s! $(NOT) $(MISSING)');
    const s = spec('busybox', ['sh', '-c', 'echo $GREETING from $(hostname); cat /etc/hostname; printenv GREETING'], undefined,
      { env: { GREETING: 'hi' } });
    expect(out(s)).toEqual(['hi from p', 'p', 'hi']);
  });

  test('the pi Job prints 2000 digits and completes', () => {
    const s = spec('perl:5.34.0', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
    expect(planProcess(s)).toEqual({ exitAfterMs: 10_000, exitCode: 0 });
    const [line] = out(s, 20_000);
    expect(line.length).toBe(2001);
    expect(line.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(piDigits(30)).toBe('3.14159265358979323846264338328');
  });

  test('redis logs its startup banner and its shutdown', () => {
    const lines = out(spec('redis'), 60_000, 30_000);
    expect(lines[1]).toBe('1:C 01 Jan 2025 00:00:03.124 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    expect(lines[2]).toBe('1:C 01 Jan 2025 00:00:03.124 * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started');
    expect(lines[7]).toBe('1:M 01 Jan 2025 00:00:03.126 * Ready to accept connections tcp');
    expect(lines[8]).toBe('1:signal-handler (1735689633) Received SIGTERM scheduling shutdown...');
    expect(lines[lines.length - 1]).toBe('1:M 01 Jan 2025 00:00:33.225 # Redis is now ready to exit, bye bye...');
  });

  test('mysql without a root password fails the way the image does', () => {
    const s = spec('mysql:8.0');
    expect(planProcess(s)).toMatchObject({ exitCode: 1 });
    expect(out(s)).toContain('    - MYSQL_ROOT_PASSWORD');
    expect(planProcess(spec('mysql:8.0', undefined, undefined, { env: { MYSQL_ROOT_PASSWORD: 'x' } }))).toMatchObject({ exitCode: 0, onStop: {} });
  });

  test('stress over the memory limit is OOM-killed', () => {
    const s = spec('polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], { memoryLimitBytes: 100 * 1024 * 1024 });
    expect(planProcess(s)).toEqual({ exitAfterMs: 900, exitCode: 137, reason: 'OOMKilled' });
  });
});
