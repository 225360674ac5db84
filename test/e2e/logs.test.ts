// `mk logs` through the built CLI on a manual clock: the pod kubectl's podutils.ByLogging picks
// for TYPE/NAME (a Deployment, its ReplicaSet, a Service), a selector's pods with their last 10
// lines each, -f printing each line once until the container exits, and kubectl's errors (texts
// checked against kubectl 1.32 run on the same objects).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

// Twelve lines at start, then quiet: what any moment's log holds is known without timing.
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: c
        image: busybox:1.36
        command: ["sh", "-c", "i=1; while [ $i -le 12 ]; do echo \\"$HOSTNAME $i\\"; i=$((i+1)); done; sleep 3600"]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: idle
spec:
  replicas: 0
  selector:
    matchLabels:
      app: idle
  template:
    metadata:
      labels:
        app: idle
    spec:
      containers:
      - name: c
        image: busybox:1.36
`;

const job = `apiVersion: v1
kind: Pod
metadata:
  name: batch
spec:
  restartPolicy: Never
  initContainers:
  - name: setup
    image: busybox:1.36
    command: ["sh", "-c", "echo preparing"]
  containers:
  - name: main
    image: busybox:1.36
    command: ["sh", "-c", "i=1; while [ $i -le 4 ]; do echo step $i; i=$((i+1)); sleep 3; done; echo finished"]
  - name: side
    image: busybox:1.36
    command: ["sh", "-c", "echo side up; sleep 4; echo side down"]
`;

const lines = (pod: string, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${pod} ${from + i}\n`).join('');

describe('mk logs on a manual clock', () => {
  const home = new MkHome();
  let first = '';
  let all: string[] = [];

  beforeAll(() => {
    // The first pod must not be the first by name, or a name order would pass too: names follow
    // the cluster's seed, so try seeds until one gives such names.
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      home.ok('cluster', 'create', '--clock', 'manual', '--seed', seed);
      const r = home.run(['apply', '-f', '-'], { input: deployment });
      if (r.code !== 0) throw new Error(r.stderr);
      home.ok('clock', 'advance', '30s');
      first = home.ok('get', 'pods', '-l', 'app=web', '-o', 'name').trim().replace('pod/', '');
      home.ok('scale', 'deploy/web', '--replicas=4');
      home.ok('clock', 'advance', '30s');
      all = home.ok('get', 'pods', '-l', 'app=web', '-o', 'name').trim().split('\n').map((n) => n.replace('pod/', ''));
      if ([...all].sort()[0] !== first) break;
      home.ok('cluster', 'delete', 'mk');
    }
  }, 120_000);
  afterAll(() => home.dispose());

  test('logs deploy/web reads the pod ready for longest and says so on stderr', () => {
    expect(all).toHaveLength(4);
    // The first pod is not the first by name, so a name order would not find it.
    expect([...all].sort()[0]).not.toBe(first);
    for (const arg of ['deploy/web', 'deployment/web', 'deployments.apps/web', 'svc/web', `rs/${first.replace(/-[^-]+$/, '')}`]) {
      const r = home.run(['logs', arg]);
      expect({ arg, ...r }).toEqual({ arg, stdout: lines(first, 1, 12), stderr: `Found 4 pods, using pod/${first}\n`, code: 0 });
    }
  });

  test('-l prints the last 10 lines of every matching pod, --tail and --prefix as asked', () => {
    const sorted = [...all].sort();
    expect(home.run(['logs', '-l', 'app=web'])).toEqual({ stdout: sorted.map((p) => lines(p, 3, 12)).join(''), stderr: '', code: 0 });
    expect(home.ok('logs', '-l', 'app=web', '--tail=1', '--prefix')).toBe(sorted.map((p) => `[pod/${p}/c] ${p} 12\n`).join(''));
    expect(home.ok('logs', 'deploy/web', '--all-pods', '--tail=1')).toContain(`[pod/${first}/c] ${first} 12\n`);
    expect(home.run(['logs', '-l', 'app=none'])).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
  });

  test('errors in kubectl 1.32 words', () => {
    const cases: [string[], string][] = [
      [['logs', 'cm/settings'], 'error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented\n'],
      [['logs', 'svc/kubernetes'], "error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n"],
      [['logs', 'deploy/nope'], 'error: error from server (NotFound): deployments.apps "nope" not found in namespace "default"\n'],
      [['logs', 'foo/x'], 'error: the server doesn\'t have a resource type "foo"\n'],
      [['logs', 'a/b/c'], 'error: arguments in resource/name form may not have more than one slash\n'],
      [['logs', 'deploy/web', '-c', 'x'], `Found 4 pods, using pod/${first}\nerror: container x is not valid for pod ${first}\n`],
      [['logs', '-f', '-l', 'app=web', '--max-log-requests=3'],
        'error: you are attempting to follow 4 log streams, but maximum allowed concurrency is 3, use --max-log-requests to increase the limit\n'],
      [['logs', '-l', 'app=web', 'x'], "error: only a selector (-l) or a POD name is allowed\nSee 'mk logs -h' for help and examples\n"],
      [['logs', first, '--pod-running-timeout=0s'], 'error: --pod-running-timeout must be higher than zero\n'],
      [['logs', first, '--tail=-2'], 'error: --tail must be greater than or equal to -1\n'],
      [['logs', first, '--limit-bytes=-1'], 'error: --limit-bytes must be greater than 0\n'],
      [['logs', first, '--since-time=yesterday'], 'error: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"\n'],
      [['logs', 'deploy/idle', '--pod-running-timeout=5s'], 'error: timed out waiting for the condition\n'],
      [['logs', '-l', 'a b'], 'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a b", field selector "": '
        + "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt\n"],
    ];
    for (const [args, stderr] of cases) expect({ args, ...home.run(args) }).toEqual({ args, stdout: '', stderr, code: 1 });
  });

  test('-f prints every line once, in order, and ends when the containers exit', () => {
    const r = home.run(['apply', '-f', '-'], { input: job });
    if (r.code !== 0) throw new Error(r.stderr);
    home.ok('clock', 'advance', '4s');
    const steps = 'step 1\nstep 2\nstep 3\nstep 4\nfinished\n';
    expect(home.run(['logs', 'batch', '-c', 'main', '-f'])).toEqual({ stdout: steps, stderr: '', code: 0 });
    // Both containers side by side, lines in the order written (main started just before side, so
    // side's line at 4s falls between main's at 3s and 6s); the init container's log first.
    home.ok('delete', 'pod', 'batch');
    home.run(['apply', '-f', '-'], { input: job });
    home.ok('clock', 'advance', '4s');
    const both = home.run(['logs', 'batch', '-f', '--all-containers', '--prefix']);
    expect(both.code).toBe(0);
    expect(both.stdout).toBe([
      '[pod/batch/setup] preparing',
      '[pod/batch/main] step 1',
      '[pod/batch/side] side up',
      '[pod/batch/main] step 2',
      '[pod/batch/side] side down',
      '[pod/batch/main] step 3',
      '[pod/batch/main] step 4',
      '[pod/batch/main] finished',
      '',
    ].join('\n'));
    // The stream is over: a second follow prints the same and ends at once.
    expect(home.ok('logs', 'batch', '-c', 'main', '-f')).toBe(steps);
  });

  test('container defaulting and --ignore-errors', () => {
    const pods = `apiVersion: v1
kind: Pod
metadata:
  name: a-two
  labels: {app: mixed}
spec:
  initContainers:
  - {name: setup, image: busybox:1.36, command: ["sh", "-c", "echo init"]}
  containers:
  - {name: a, image: busybox:1.36, command: ["sh", "-c", "echo from a; sleep 3600"]}
  - {name: b, image: busybox:1.36, command: ["sh", "-c", "echo from b; sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata:
  name: b-annotated
  labels: {app: mixed}
  annotations: {kubectl.kubernetes.io/default-container: b}
spec:
  containers:
  - {name: a, image: busybox:1.36, command: ["sh", "-c", "echo from a; sleep 3600"]}
  - {name: b, image: busybox:1.36, command: ["sh", "-c", "echo from b; sleep 3600"]}
---
apiVersion: v1
kind: Pod
metadata:
  name: c-stuck
  labels: {app: mixed}
spec:
  containers:
  - {name: c, image: "redis:5xx"}
`;
    const r = home.run(['apply', '-f', '-'], { input: pods });
    if (r.code !== 0) throw new Error(r.stderr);
    home.ok('clock', 'advance', '20s');
    expect(home.run(['logs', 'a-two'])).toEqual({ stdout: 'from a\n', stderr: 'Defaulted container "a" out of: a, b, setup (init)\n', code: 0 });
    expect(home.run(['logs', 'b-annotated'])).toEqual({ stdout: 'from b\n', stderr: '', code: 0 });
    expect(home.ok('logs', 'a-two', '--all-containers')).toBe('init\nfrom a\nfrom b\n');

    const failed = home.run(['logs', '-l', 'app=mixed']);
    expect(failed.stdout).toBe('from a\nfrom b\n');
    expect(failed.stderr).toMatch(/^Defaulted container "a" out of: a, b, setup \(init\)\nError from server \(BadRequest\): container "c" in pod "c-stuck" is waiting to start: (image can't be pulled|trying and failing to pull image)\n$/);
    expect(failed.code).toBe(1);
    const ignored = home.run(['logs', '-l', 'app=mixed', '--ignore-errors']);
    expect(ignored.stdout).toMatch(/^from a\nfrom b\nerror: container "c" in pod "c-stuck" is waiting to start: (image can't be pulled|trying and failing to pull image)\n$/);
    expect(ignored.code).toBe(0);
  });

  test('--help lists the flags of kubectl 1.32 logs --help, with its defaults', () => {
    const help = home.ok('logs', '--help');
    const flags = [...help.matchAll(/^ {2}(?:-(\w), )?--([\w-]+)/gm)].map((m) => (m[1] ? `-${m[1]}, --${m[2]}` : `--${m[2]}`));
    // kubectl logs --help (1.32.4), then mk's global flags.
    expect(flags).toEqual(['--all-containers', '--all-pods', '-c, --container', '-f, --follow', '--ignore-errors',
      '--insecure-skip-tls-verify-backend', '--limit-bytes', '--max-log-requests', '--pod-running-timeout', '--prefix',
      '-p, --previous', '-l, --selector', '--since', '--since-time', '--tail', '--timestamps', '--context', '-n, --namespace', '-h, --help']);
    for (const d of ['(default: "0")', '(default: "5")', '(default: "20s")', '(default: "0s")', '(default: "-1")']) expect(help).toContain(d);
  });
});

describe('mk logs -f on a realtime cluster', () => {
  const home = new MkHome();
  beforeAll(() => {
    home.ok('cluster', 'create');
  });
  afterAll(() => home.dispose());

  test('streams the lines as the container writes them, each once, and ends when it exits', () => {
    home.ok('run', 'ticker', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'i=1; while [ $i -le 6 ]; do echo tick $i; i=$((i+1)); sleep 1; done');
    home.ok('wait', '--for=condition=Ready', 'pod/ticker', '--timeout=60s');
    expect(home.run(['logs', 'ticker', '-f'])).toEqual({ stdout: [1, 2, 3, 4, 5, 6].map((i) => `tick ${i}\n`).join(''), stderr: '', code: 0 });
  }, 60_000);
});
