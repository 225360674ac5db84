// `mk run` attached (-i, -t, --attach, --rm) on the built CLI, on a manual-clock cluster: the
// container's output, kubectl run's notices on stderr, the exit code of a --restart=Never
// container passed on (`pod default/x terminated (Error)`), the pod deleted last with --rm, an
// interactive shell (whose end ends the container), a container that never ends, and kubectl's refusals of flag combinations.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const mk = new MkHome();
afterAll(() => mk.dispose());
beforeAll(() => {
  mk.ok('cluster', 'create', '--clock', 'manual');
});

const NOTICE = "If you don't see a command prompt, try pressing enter.\n";
const NO_TTY = 'Unable to use a TTY - input is not a terminal or the right kind of file\n';
const gone = (name: string) => ({ stdout: '', stderr: `Error from server (NotFound): pods "${name}" not found\n`, code: 1 });

describe('mk run, attached', () => {
  test('-it --rm --restart=Never: the container\'s output, then the pod deleted', () => {
    // What the same command prints as a pod of its own, read with mk logs once it has finished.
    mk.ok('run', 'twin', '--image=busybox:1.28', '--restart=Never', '--', 'nslookup', 'kubernetes.default');
    mk.ok('clock', 'advance', '1m');
    const expected = mk.ok('logs', 'twin');
    expect(mk.run(['run', '-it', '--rm', '--restart=Never', 'busybox', '--image=busybox:1.28', '--', 'nslookup', 'kubernetes.default'])).toEqual({
      stdout: `${expected}pod "busybox" deleted\n`, stderr: '', code: 0,
    });
    expect(mk.run(['get', 'pod', 'busybox'])).toEqual(gone('busybox'));
  });

  test('-i --restart=Never: the output of a finished container, and the pod kept', () => {
    expect(mk.run(['run', 'pi', '--image=perl:5.34', '--restart=Never', '-i', '--', 'perl', '-Mbignum=bpi', '-wle', 'print bpi(20)'])).toEqual({
      stdout: '3.1415926535897932385\n', stderr: NOTICE, code: 0,
    });
    expect(mk.ok('get', 'pod', 'pi', '-o', 'jsonpath={.status.phase}')).toBe('Succeeded');
  });

  test('a failing container: its exit code, and the pod deleted before the error is reported', () => {
    expect(mk.run(['run', 'fail', '--rm', '-i', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'sleep 2; echo boom; exit 3'])).toEqual({
      stdout: 'boom\npod "fail" deleted\n', stderr: `${NOTICE}pod default/fail terminated (Error)\n`, code: 3,
    });
    expect(mk.run(['run', 'quiet', '-q', '--rm', '-i', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'sleep 2; echo boom >&2; exit 4'])).toEqual({
      stdout: 'boom\n', stderr: 'pod default/quiet terminated (Error)\n', code: 4,
    });
  });

  test('--attach without -i follows the container; nothing is read from stdin', () => {
    expect(mk.run(['run', 'att', '--attach', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'sleep 1; echo one; sleep 1; echo two'])).toEqual({
      stdout: 'one\ntwo\n', stderr: NOTICE, code: 0,
    });
  });

  test('-it --rm with a shell: an interactive session like mk exec -it, then the pod deleted', () => {
    expect(mk.run(['run', '-it', '--rm', 'debug', '--image=busybox', '--', 'sh'], { input: 'X=4\necho "x=$X on $(hostname)"\nexit 2\n' })).toEqual({
      stdout: 'x=4 on debug\npod "debug" deleted\n', stderr: `${NO_TTY}${NOTICE}`, code: 0,
    });
    // A running pod is deleted gracefully.
    expect(mk.ok('get', 'pod', 'debug', '-o', 'jsonpath={.metadata.deletionGracePeriodSeconds}')).toBe('30');
  });

  test('the shell\'s end ends the container: its exit code with --restart=Never, a restart otherwise', () => {
    expect(mk.run(['run', '-i', 'once', '--restart=Never', '--image=busybox', '--', 'sh'], { input: 'echo hi\nexit 3\n' })).toEqual({
      stdout: 'hi\n', stderr: `${NOTICE}pod default/once terminated (Error)\n`, code: 3,
    });
    expect(mk.ok('get', 'pod', 'once', '-o', 'jsonpath={.status.phase} {.status.containerStatuses[0].state.terminated.exitCode}')).toBe('Failed 3');
    expect(mk.run(['run', '-i', 'again', '--image=busybox', '--', 'sh'], { input: 'exit 1\n' })).toEqual({ stdout: '', stderr: NOTICE, code: 0 });
    mk.ok('clock', 'advance', '15s');
    expect(mk.ok('get', 'pod', 'again', '-o', 'jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].lastState.terminated.exitCode}'))
      .toBe('1 1');
  });

  test('a container that never ends: followed until the clock stops, then the wait for it to finish times out', () => {
    expect(mk.run(['run', '-i', '--tty', 'load-generator', '--rm', '--image=busybox:1.28', '--restart=Never', '--', '/bin/sh', '-c',
      'while sleep 0.01; do wget -q -O- http://php-apache; done'])).toEqual({
      stdout: 'pod "load-generator" deleted\n', stderr: `${NO_TTY}${NOTICE}error: timed out waiting for the condition\n`, code: 1,
    });
    expect(mk.run(['get', 'pod', 'load-generator', '-o', 'name'])).toEqual({ stdout: 'pod/load-generator\n', stderr: '', code: 0 });
  });

  test('a pod that never runs: --pod-running-timeout, and still deleted with --rm', () => {
    expect(mk.run(['run', 'bad', '-i', '--rm', '--image=redis:5xx', '--pod-running-timeout=20s'])).toEqual({
      stdout: 'pod "bad" deleted\n', stderr: 'error: timed out waiting for the condition\n', code: 1,
    });
    // Deleted gracefully: the kubelet, with no container running, lets it go at its next sync.
    expect(mk.ok('get', 'pod', 'bad', '-o', 'jsonpath={.metadata.deletionGracePeriodSeconds}')).toBe('30');
    mk.ok('clock', 'advance', '2s');
    expect(mk.run(['get', 'pod', 'bad'])).toEqual(gone('bad'));
  });

  test('kubectl\'s refusals, before anything is created', () => {
    const err = (stderr: string) => ({ stdout: '', stderr, code: 1 });
    expect(mk.run(['run', 'x', '--image=busybox', '-t'])).toEqual(err('error: -i/--stdin is required for containers with -t/--tty=true\n'));
    expect(mk.run(['run', 'x', '--image=busybox', '--rm'])).toEqual(err('error: --rm should only be used for attached containers\n'));
    expect(mk.run(['run', 'x', '--image=busybox', '-i', '--attach=false', '--rm'])).toEqual(err('error: --rm should only be used for attached containers\n'));
    expect(mk.run(['run', 'x', '--image=busybox', '-i', '--dry-run=client'])).toEqual(
      err("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\n"));
    expect(mk.run(['run', 'x', '--image=busybox', '-i', '--restart=Sometimes'])).toEqual(err('error: invalid restart policy: Sometimes\n'));
    expect(mk.run(['get', 'pod', 'x'])).toEqual(gone('x'));
  });
});
