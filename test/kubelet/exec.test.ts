// `kubectl exec` on the simulated runtime, on a manual clock: what a new process in a container
// sees (its image, its own process's writes by now, earlier execs, shared emptyDir volumes), and
// what a restart forgets.
import { beforeEach, describe, expect, test } from 'vitest';
import { ExecError, InteractiveShell, execCommand, execTarget, tarCreate, tarExtract } from '../../src/kubelet/exec.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { FakeCluster, simplePod } from './harness.js';

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1);
});

/** Runs argv in the pod's container now: stdout, stderr and exit code as kubectl would pass them on. */
function exec(pod: string, argv: string[], container = pod, stdin?: string): { out: string; err: string; code: number | undefined } {
  const t = execTarget(c.store, c.pod(pod), container, c.now);
  const r = execCommand(c.store, t, argv, c.now, stdin);
  const text = (s: 'stdout' | 'stderr') => r.lines.filter((l) => l.stream === s).map((l) => `${l.text}\n`).join('');
  return { out: text('stdout'), err: text('stderr'), code: r.code };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ExecError) return e.message;
    throw e;
  }
  return 'no error';
}

describe('exec', () => {
  test("sees what the container's own script wrote by now", () => {
    c.addPod(simplePod('writer', 'busybox:1.36', {
      command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i" >> /tmp/log; sleep 10; done'],
    }));
    c.runTo(5_000);
    const started = c.eventsFor('writer').find((e) => e.reason === 'Started')!.t;
    // Ticks at +0s, +10s, +20s, +30s after the start are written by +35s; the next at +40s.
    c.runTo(started + 35_000);
    expect(exec('writer', ['cat', '/tmp/log']).out).toBe('tick 1\ntick 2\ntick 3\ntick 4\n');
    c.runFor(5_000);
    expect(exec('writer', ['cat', '/tmp/log']).out).toBe('tick 1\ntick 2\ntick 3\ntick 4\ntick 5\n');
  });

  test('writes by one exec are seen by the next; exit codes pass through', () => {
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    expect(exec('box', ['touch', '/tmp/x'])).toEqual({ out: '', err: '', code: 0 });
    expect(exec('box', ['sh', '-c', 'echo hello > /tmp/greeting; exit 3'])).toEqual({ out: '', err: '', code: 3 });
    expect(exec('box', ['ls', '/tmp']).out).toBe('greeting\nx\n');
    expect(exec('box', ['cat', '/tmp/greeting']).out).toBe('hello\n');
    expect(exec('box', ['rm', '/tmp/x']).code).toBe(0);
    expect(exec('box', ['ls', '/tmp']).out).toBe('greeting\n');
    // busybox's messages and codes for a missing file.
    expect(exec('box', ['cat', '/tmp/x'])).toEqual({ out: '', err: "cat: can't open '/tmp/x': No such file or directory\n", code: 1 });
    expect(exec('box', ['ls', '/nope'])).toEqual({ out: '', err: 'ls: /nope: No such file or directory\n', code: 1 });
  });

  test("an exec starts in the image's WORKDIR, or the container's workingDir", () => {
    c.addPod(simplePod('redis', 'redis:7.2'));
    c.addPod(simplePod('app', 'busybox:1.36', { command: ['sh', '-c', 'pwd > /tmp/started-in; sleep 3600'], workingDir: '/srv/app' }));
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    expect(exec('redis', ['pwd']).out).toBe('/data\n');
    expect(exec('redis', ['sh', '-c', 'echo hi > note; cat /data/note']).out).toBe('hi\n');
    expect(exec('app', ['pwd']).out).toBe('/srv/app\n');
    expect(exec('app', ['cat', '/tmp/started-in']).out).toBe('/srv/app\n');
    expect(exec('box', ['pwd']).out).toBe('/\n');
  });

  test('head and tail take -n N, -nN and the traditional -N', () => {
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    const seq = 'printf "1\\n2\\n3\\n4\\n5\\n"';
    expect(exec('box', ['sh', '-c', `${seq} | head -2; ${seq} | head -n 1; ${seq} | head -n3 | tail -1; ${seq} | tail -2`]).out)
      .toBe('1\n2\n1\n3\n4\n5\n');
    expect(exec('box', ['sh', '-c', `${seq} | head; ${seq} | tail -n 0`]).out).toBe('1\n2\n3\n4\n5\n');
  });

  test('a script copied in runs, by its #! or by sh; a missing one is refused as busybox sh does', () => {
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    const t = execTarget(c.store, c.pod('box'), 'box', c.now);
    tarExtract(c.store, t, '/tmp', [{ name: 'greet.sh', content: '#!/bin/sh\necho "hello $1"\n' }], c.now);
    expect(exec('box', ['/tmp/greet.sh', 'you'])).toEqual({ out: 'hello you\n', err: '', code: 0 });
    expect(exec('box', ['sh', '/tmp/greet.sh', 'there'])).toEqual({ out: 'hello there\n', err: '', code: 0 });
    expect(exec('box', ['sh', '/tmp/none.sh'])).toEqual({ out: '', err: "sh: can't open '/tmp/none.sh': No such file or directory\n", code: 2 });
  });

  test("busybox ps lists the container's process, the exec, and itself; nginx's image has no ps", () => {
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    expect(exec('box', ['ps', 'aux']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 ps aux\n');
    expect(exec('box', ['sh', '-c', 'ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh -c ps\n   13 root      0:00 ps\n');
    c.addPod(simplePod('web', 'nginx:1.27.3'));
    c.runTo(30_000);
    expect(refusal(() => exec('web', ['ps']))).toMatch(/exec: "ps": executable file not found in \$PATH: unknown$/);
  });

  test('a shell with no script reads its commands from stdin', () => {
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    expect(exec('box', ['sh'], 'box', 'X=5\necho "x is $X"\nhostname\nexit 7\necho never\n')).toEqual({ out: 'x is 5\nbox\n', err: '', code: 7 });
    expect(exec('box', ['cat'], 'box', 'piped\n').out).toBe('piped\n');
  });

  test('an interactive shell keeps its variables from line to line and ends at exit', () => {
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    const sh = new InteractiveShell(c.store, execTarget(c.store, c.pod('box'), 'box', c.now), ['sh'], c.now);
    expect(sh.prompt()).toBe('/ # ');
    expect(sh.line('N=41')).toEqual([]);
    expect(sh.line('echo $((N+1)) > /tmp/answer').map((l) => l.text)).toEqual([]);
    expect(sh.line('cat /tmp/answer').map((l) => l.text)).toEqual(['42']);
    // cd carries over too, and shows in busybox's prompt.
    expect(sh.line('cd /tmp')).toEqual([]);
    expect(sh.prompt()).toBe('/tmp # ');
    expect(sh.line('touch here; pwd; ls').map((l) => l.text)).toEqual(['/tmp', 'answer', 'here']);
    expect(sh.line('cd /nope').map((l) => `${l.stream}: ${l.text}`)).toEqual(["stderr: sh: cd: can't cd to /nope: No such file or directory"]);
    expect(sh.line('cd; pwd').map((l) => l.text)).toEqual(['/root']);
    expect(sh.prompt()).toBe('~ # ');
    // A command over several lines runs once it is complete.
    expect(sh.line('for i in 1 2; do')).toEqual([]);
    expect(sh.continuing).toBe(true);
    expect(sh.line('  echo "n$i"')).toEqual([]);
    expect(sh.line('done').map((l) => l.text)).toEqual(['n1', 'n2']);
    expect(sh.continuing).toBe(false);
    expect(sh.code).toBeUndefined();
    sh.line('exit 2');
    expect(sh.code).toBe(2);
    expect(exec('box', ['cat', '/tmp/answer', '/tmp/here']).out).toBe('42\n');
  });

  test("debian images' shells prompt as dash and bash do", () => {
    c.addPod(simplePod('web', 'nginx:1.27.3'));
    c.runTo(20_000);
    const t = execTarget(c.store, c.pod('web'), 'web', c.now);
    expect(new InteractiveShell(c.store, t, ['sh'], c.now).prompt()).toBe('# ');
    expect(new InteractiveShell(c.store, t, ['bash'], c.now).prompt()).toBe('root@web:/# ');
  });

  test('an emptyDir is shared: one container writes, the other reads, execs included', () => {
    c.addPod({
      metadata: { name: 'pair' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Always',
        volumes: [{ name: 'html', emptyDir: {} }],
        containers: [
          { name: 'web', image: 'nginx:1.27.3', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] },
          { name: 'writer', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do date > /html/index.html; sleep 5; done'],
            volumeMounts: [{ name: 'html', mountPath: '/html' }] },
        ],
      },
    });
    c.runTo(30_000);
    const written = exec('pair', ['cat', '/html/index.html'], 'writer').out;
    expect(written).toMatch(/^Wed Jan {2}1 00:00:\d\d UTC 2025\n$/);
    expect(exec('pair', ['cat', '/usr/share/nginx/html/index.html'], 'web').out).toBe(written);
    expect(exec('pair', ['sh', '-c', 'echo from-web > /usr/share/nginx/html/note'], 'web').code).toBe(0);
    expect(exec('pair', ['cat', '/html/note'], 'writer').out).toBe('from-web\n');
    // Outside the volume each container has its own files.
    exec('pair', ['touch', '/tmp/only-web'], 'web');
    expect(exec('pair', ['ls', '/tmp'], 'writer').out).toBe('');
    // The writer's next write replaces what an exec left there.
    exec('pair', ['sh', '-c', 'echo overwritten > /html/index.html'], 'writer');
    expect(exec('pair', ['cat', '/usr/share/nginx/html/index.html'], 'web').out).toBe('overwritten\n');
    c.runFor(5_000);
    expect(exec('pair', ['cat', '/usr/share/nginx/html/index.html'], 'web').out).toMatch(/UTC 2025\n$/);
  });

  test('what a container writes into an emptyDir as it starts is there for the others', () => {
    c.addPod({
      metadata: { name: 'seed' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Always', volumes: [{ name: 'html', emptyDir: {} }],
        initContainers: [{ name: 'fetch', image: 'busybox:1.36', command: ['sh', '-c', 'echo "<h1>seeded</h1>" > /work/index.html'],
          volumeMounts: [{ name: 'html', mountPath: '/work' }] }],
        containers: [{ name: 'web', image: 'nginx:1.27.3', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] }],
      },
    });
    c.runTo(30_000);
    expect(c.pod('seed').status?.phase).toBe('Running');
    expect(exec('seed', ['cat', '/usr/share/nginx/html/index.html'], 'web').out).toBe('<h1>seeded</h1>\n');
  });

  test('ConfigMap volume files follow the ConfigMap; a subPath mount keeps what it started with', () => {
    c.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { mode: 'v1' } } as never);
    c.addPod(simplePod('app', 'busybox:1.36', {
      command: ['sleep', '3600'],
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/config' }, { name: 'cfg', mountPath: '/etc/mode', subPath: 'mode' }],
    }, { volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }] }));
    c.runTo(10_000);
    const run = (argv: string[]) => {
      const t = execTarget(c.store, c.pod('app'), 'app', c.now, c.api);
      return execCommand(c.store, t, argv, c.now).lines.map((l) => l.text);
    };
    expect(run(['cat', '/etc/config/mode', '/etc/mode'])).toEqual(['v1v1']);
    const cm = c.api.get('configmaps', 'default', 'cfg') as unknown as { data: Record<string, string> };
    cm.data = { mode: 'v2', extra: 'x' };
    c.api.update('configmaps', cm as never);
    expect(run(['cat', '/etc/config/mode', '/etc/mode'])).toEqual(['v2v1']);
    expect(run(['ls', '/etc/config'])).toEqual(['extra', 'mode']);
  });

  test('a restarted container starts from its image again, but its emptyDir keeps what was written', () => {
    c.addPod({
      metadata: { name: 'crashy' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Always',
        volumes: [{ name: 'scratch', emptyDir: {} }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 60; exit 1'],
          volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }] }],
      },
    });
    c.runTo(10_000);
    exec('crashy', ['sh', '-c', 'echo a > /tmp/gone; echo b > /scratch/kept'], 'app');
    expect(exec('crashy', ['cat', '/tmp/gone', '/scratch/kept'], 'app').out).toBe('a\nb\n');
    c.runTo(80_000);
    expect(c.pod('crashy').status?.containerStatuses?.[0].restartCount).toBe(1);
    expect(exec('crashy', ['cat', '/tmp/gone'], 'app')).toEqual({ out: '', err: "cat: can't open '/tmp/gone': No such file or directory\n", code: 1 });
    expect(exec('crashy', ['cat', '/scratch/kept'], 'app').out).toBe('b\n');
  });

  test("a deleted pod's exec writes are forgotten with it", () => {
    c.addPod({
      metadata: { name: 'gone' },
      spec: {
        nodeName: 'kind-worker', restartPolicy: 'Always', volumes: [{ name: 'v', emptyDir: {} }],
        containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
      },
    });
    c.runTo(10_000);
    exec('gone', ['sh', '-c', 'touch /tmp/a /v/b'], 'app');
    const execKeys = () => [...c.meta.keys()].filter((k) => /\/(exec|emptydir|exec-index)\//.test(k));
    expect(execKeys()).toHaveLength(3);
    c.api.delete('pods', 'default', 'gone', { gracePeriodSeconds: 0 });
    c.runTo(40_000);
    expect(c.tryPod('gone')).toBeUndefined();
    expect(execKeys()).toEqual([]);
  });

  test('the runtime refuses a container that is not running, and a command the image lacks', () => {
    c.addPod(simplePod('bad', 'redis:5xx'));
    c.runTo(5_000);
    expect(refusal(() => execTarget(c.store, c.pod('bad'), 'bad', c.now)))
      .toBe('Internal error occurred: unable to upgrade connection: container not found ("bad")');
    c.addPod(simplePod('box', 'busybox:1.36', { command: ['sleep', '3600'] }));
    c.runTo(10_000);
    const msg = refusal(() => exec('box', ['bash']));
    expect(msg).toMatch(/^Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/);
    expect(refusal(() => exec('box', ['/bin/zsh']))).toMatch(/exec: "\/bin\/zsh": stat \/bin\/zsh: no such file or directory: unknown$/);
  });
});

describe('tar for kubectl cp', () => {
  test('a directory goes in and comes out again; GNU tar strips the leading slash and says so', () => {
    c.addPod(simplePod('web', 'nginx:1.27.3'));
    c.runTo(20_000);
    const t = () => execTarget(c.store, c.pod('web'), 'web', c.now);
    const into = tarExtract(c.store, t(), '/srv', [{ name: 'site/', content: null }, { name: 'site/index.html', content: '<h1>hi</h1>\n' }, { name: 'site/css/a.css', content: 'b{}\n' }], c.now);
    expect(into).toEqual({ lines: [], code: 0 });
    expect(exec('web', ['cat', '/srv/site/index.html']).out).toBe('<h1>hi</h1>\n');
    const out = tarCreate(c.store, t(), '/srv/site', c.now);
    expect(out.lines.map((l) => l.text)).toEqual(["tar: Removing leading `/' from member names"]);
    expect(out.members).toEqual([
      { name: 'srv/site/', content: null },
      { name: 'srv/site/css/', content: null },
      { name: 'srv/site/css/a.css', content: 'b{}\n' },
      { name: 'srv/site/index.html', content: '<h1>hi</h1>\n' },
    ]);
    expect(tarCreate(c.store, t(), '/nope', c.now)).toEqual({
      members: [],
      lines: ["tar: Removing leading `/' from member names", 'tar: /nope: Cannot stat: No such file or directory', 'tar: Exiting with failure status due to previous errors']
        .map((text) => ({ at: 0, text, stream: 'stderr' })),
      code: 2,
    });
    expect(tarExtract(c.store, t(), '/missing', [{ name: 'f', content: 'x' }], c.now).code).toBe(2);
  });

  test('an image without tar cannot be copied from', () => {
    c.addPod(simplePod('pause', 'registry.k8s.io/pause:3.10'));
    c.runTo(20_000);
    const t = execTarget(c.store, c.pod('pause'), 'pause', c.now);
    expect(refusal(() => tarCreate(c.store, t, '/etc/hosts', c.now))).toMatch(/exec: "tar": executable file not found in \$PATH: unknown$/);
  });
});
