// `mk exec` and `mk cp` on the built CLI, on a manual-clock cluster: exit codes passed through as
// kubectl does (`command terminated with exit code N`), kubectl's, the API server's and the
// runtime's refusals, stdin piped into a shell, the default-container notice, and a copy round trip.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  volumes:
  - name: data
    emptyDir: {}
  containers:
  - name: web
    image: nginx:1.27.3
    volumeMounts:
    - {name: data, mountPath: /usr/share/nginx/html}
  - name: counter
    image: busybox:1.36
    command: ["sh", "-c", "i=0; while true; do i=$((i+1)); echo $i > /data/count; sleep 10; done"]
    volumeMounts:
    - {name: data, mountPath: /data}
---
apiVersion: v1
kind: Pod
metadata:
  name: box
  annotations:
    kubectl.kubernetes.io/default-container: main
spec:
  containers:
  - name: side
    image: busybox:1.36
    command: ["sleep", "3600"]
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
---
apiVersion: v1
kind: Pod
metadata:
  name: done
spec:
  restartPolicy: Never
  containers:
  - name: once
    image: busybox:1.36
    command: ["true"]
---
apiVersion: v1
kind: Pod
metadata:
  name: pulling
spec:
  containers:
  - name: app
    image: redis:5xx
---
apiVersion: v1
kind: Pod
metadata:
  name: nowhere
spec:
  nodeSelector:
    disk: none
  containers:
  - name: app
    image: busybox:1.36
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27.3
`;

const mk = new MkHome();
let count = 0;
const local = mkdtempSync(join(tmpdir(), 'mk-cp-'));
afterAll(() => mk.dispose());

beforeAll(() => {
  mk.ok('cluster', 'create', '--clock', 'manual');
  writeFileSync(join(local, 'pods.yaml'), PODS);
  mk.ok('apply', '-f', join(local, 'pods.yaml'));
  mk.ok('clock', 'advance', '35s');
  // The counter writes 1 when it starts and one more every 10s: what it has reached by now.
  const pair = JSON.parse(mk.ok('get', 'pod', 'pair', '-o', 'json')) as { status: { containerStatuses: { name: string; state: { running: { startedAt: string } } }[] } };
  const started = Date.parse(pair.status.containerStatuses.find((c) => c.name === 'counter')!.state.running.startedAt);
  count = Math.floor((Date.parse('2025-01-01T00:00:35Z') - started) / 10_000) + 1;
});

describe('mk exec', () => {
  test('output, and a non-zero exit passed through as kubectl does', () => {
    expect(mk.run(['exec', 'pair', '-c', 'counter', '--', 'cat', '/data/count'])).toEqual({ stdout: `${count}\n`, stderr: '', code: 0 });
    expect(mk.run(['exec', 'pair', '-c', 'counter', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'])).toEqual({
      stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n', code: 3,
    });
  });

  test('the first container is the default, said on stderr, unless the annotation names one', () => {
    expect(mk.run(['exec', 'pair', '--', 'cat', '/usr/share/nginx/html/count'])).toEqual({
      stdout: `${count}\n`, stderr: 'Defaulted container "web" out of: web, counter\n', code: 0,
    });
    expect(mk.run(['exec', 'pair', '-q', '--', 'hostname'])).toEqual({ stdout: 'pair\n', stderr: '', code: 0 });
    expect(mk.run(['exec', 'box', '--', 'hostname'])).toEqual({ stdout: 'box\n', stderr: '', code: 0 });
  });

  test('TYPE/NAME runs in a pod of the workload', () => {
    const pods = mk.ok('get', 'pods', '-l', 'app=web', '-o', 'name').trim().split('\n');
    expect(pods).toHaveLength(1);
    expect(mk.run(['exec', 'deploy/web', '--', 'hostname'])).toEqual({ stdout: `${pods[0].replace('pod/', '')}\n`, stderr: '', code: 0 });
  });

  test('files written by one exec are there for the next', () => {
    expect(mk.run(['exec', 'box', '--', 'touch', '/tmp/x']).code).toBe(0);
    expect(mk.run(['exec', 'box', '--', 'ls', '/tmp'])).toEqual({ stdout: 'x\n', stderr: '', code: 0 });
    expect(mk.run(['exec', 'box', '-c', 'side', '--', 'ls', '/tmp'])).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  test('-i pipes stdin into a shell; -t without a terminal says so and goes on without one', () => {
    expect(mk.run(['exec', '-i', 'box', '--', 'sh'], { input: 'V=7\necho "v=$V"\nexit 5\n' })).toEqual({
      stdout: 'v=7\n', stderr: 'command terminated with exit code 5\n', code: 5,
    });
    expect(mk.run(['exec', '-it', 'box', '--', 'sh'], { input: 'echo hi\n' })).toEqual({
      stdout: 'hi\n', stderr: 'Unable to use a TTY - input is not a terminal or the right kind of file\n', code: 0,
    });
  });

  test("kubectl's, the API server's and the runtime's refusals", () => {
    const fails = (args: string[], stderr: string, code = 1) => expect(mk.run(args)).toEqual({ stdout: '', stderr, code });
    fails(['exec', 'nope', '--', 'ls'], 'Error from server (NotFound): pods "nope" not found\n');
    fails(['exec', 'done', '--', 'ls'], 'error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
    fails(['exec', 'box', '-c', 'other', '--', 'ls'], 'Error from server (BadRequest): container other is not valid for pod box\n');
    fails(['exec', 'nowhere', '--', 'ls'], 'Error from server (BadRequest): pod nowhere does not have a host assigned\n');
    fails(['exec', 'deploy/nope', '--', 'ls'], 'Error from server (NotFound): deployments.apps "nope" not found\n');
    fails(['exec', 'svc/kubernetes', '--', 'ls'], "error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector\n");
    fails(['exec', 'pulling', '--', 'ls'], 'error: Internal error occurred: unable to upgrade connection: container not found ("app")\n');
    fails(['exec', 'box', 'ls'], "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'mk exec -h' for help and examples\n");
    fails(['exec', 'box'], 'error: you must specify at least one command for the container\n');
    fails(['exec'], 'error: pod, type/name or --filename must be specified\n');
    const r = mk.run(['exec', 'box', '--', 'bash']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
  });
});

describe('mk cp', () => {
  test('a directory to the container and back; the download notes the leading slash', () => {
    const src = join(local, 'site');
    mkdirSync(join(src, 'css'), { recursive: true });
    writeFileSync(join(src, 'index.html'), '<h1>hello</h1>\n');
    writeFileSync(join(src, 'css', 'a.css'), 'h1 {}\n');
    // Into an existing directory: the source lands there by its own name.
    expect(mk.run(['cp', src, 'pair:/usr/share/nginx/html', '-c', 'web'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(mk.run(['exec', 'pair', '-c', 'counter', '--', 'cat', '/data/site/index.html']).stdout).toBe('<h1>hello</h1>\n');
    const back = join(local, 'back');
    expect(mk.run(['cp', 'default/pair:/usr/share/nginx/html/site', back, '-c', 'web'])).toEqual({
      stdout: "tar: Removing leading `/' from member names\n", stderr: '', code: 0,
    });
    expect(readFileSync(join(back, 'index.html'), 'utf8')).toBe('<h1>hello</h1>\n');
    expect(readFileSync(join(back, 'css', 'a.css'), 'utf8')).toBe('h1 {}\n');
  });

  test("tar's failures and kubectl's own", () => {
    expect(mk.run(['cp', 'pair:/nope', join(local, 'x'), '-c', 'web'])).toEqual({
      stdout: "tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
      stderr: 'command terminated with exit code 2\n', code: 2,
    });
    expect(mk.run(['cp', join(local, 'missing'), 'box:/tmp'])).toEqual({ stdout: '', stderr: `error: ${join(local, 'missing')} doesn't exist in local filesystem\n`, code: 1 });
    expect(mk.run(['cp', 'a', 'b'])).toEqual({ stdout: '', stderr: 'error: one of src or dest must be a remote file specification\n', code: 1 });
    expect(mk.run(['cp', 'box:/a', 'box:/b'])).toEqual({ stdout: '', stderr: 'error: one of src or dest must be a local file specification\n', code: 1 });
    expect(mk.run(['cp', 'a/b/c:/x', 'y'])).toEqual({ stdout: '', stderr: 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n', code: 1 });
  });
});
