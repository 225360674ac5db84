// The Kubernetes "StatefulSet Basics" tutorial on examples/web-statefulset.yaml through the built
// CLI on a manual clock: each pod's nginx serves the index.html written into its claim's volume,
// the pages survive the pods' deletion and a scale down and up (the claims stay Bound to their
// volumes), and another pod reaches each one by its stable name under the headless Service.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome, REPO } from './harness.js';

const MANIFEST = readFileSync(join(REPO, 'examples/web-statefulset.yaml'), 'utf8');

/** What kubectl prints when -t asks for a terminal its input is not. */
const NO_TTY = 'Unable to use a TTY - input is not a terminal or the right kind of file\n';

describe('StatefulSet Basics', () => {
  const home = new MkHome();
  /** `kubectl exec -it web-N -- curl http://localhost/`, as the tutorial runs it. */
  const curl = (pod: string) => home.run(['exec', '-it', pod, '--', 'curl', 'http://localhost/']);
  /** curl's progress meter (stdout is no terminal) for a body of `n` bytes fetched at once. */
  const meter = (n: number) => '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n'
    + '                                 Dload  Upload   Total   Spent    Left  Speed\n'
    + `\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0\r100     ${n}  100     ${n}    0     0   ${n}000      0 --:--:-- --:--:-- --:--:--  ${n}000\n`;
  const waitFor = () => home.ok('get', 'pods', '-l', 'app=nginx', '-w');
  const pvcs = () => home.ok('get', 'pvc', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase}{"\\n"}{end}');

  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    home.run(['apply', '-f', '-'], { input: MANIFEST });
    waitFor();
  });
  afterAll(() => home.dispose());

  test('a fresh claim hides the image\'s index.html: nginx forbids the empty directory', () => {
    expect(home.run(['exec', 'web-0', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}\n', 'http://localhost/']))
      .toEqual({ stdout: '403\n', stderr: '', code: 0 });
  });

  test('each pod serves the hostname written into its volume', () => {
    for (const i of [0, 1]) {
      expect(home.run(['exec', `web-${i}`, '--', 'sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html']))
        .toEqual({ stdout: '', stderr: '', code: 0 });
    }
    for (const i of [0, 1]) expect(curl(`web-${i}`)).toEqual({ stdout: `web-${i}\n`, stderr: NO_TTY + meter(6), code: 0 });
  });

  test('the pages survive deleting the pods: the new ones mount the same claims', () => {
    expect(home.ok('delete', 'pod', '-l', 'app=nginx')).toBe('pod "web-0" deleted\npod "web-1" deleted\npod "web-2" deleted\n');
    waitFor();
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.spec.volumes[0].persistentVolumeClaim.claimName}{"\\n"}{end}'))
      .toBe('web-0 Running www-web-0\nweb-1 Running www-web-1\nweb-2 Running www-web-2\n');
    for (const i of [0, 1]) expect(curl(`web-${i}`)).toEqual({ stdout: `web-${i}\n`, stderr: NO_TTY + meter(6), code: 0 });
  });

  test('scaling down and up again keeps the claims Bound and the pages with them', () => {
    home.ok('exec', 'web-2', '--', 'sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html');
    expect(home.ok('scale', 'sts', 'web', '--replicas=1')).toBe('statefulset.apps/web scaled\n');
    home.ok('clock', 'advance', '1m');
    expect(home.ok('get', 'pods', '-l', 'app=nginx', '-o', 'name')).toBe('pod/web-0\n');
    expect(pvcs()).toBe('www-web-0 Bound\nwww-web-1 Bound\nwww-web-2 Bound\n');
    expect(home.ok('scale', 'sts', 'web', '--replicas=3')).toBe('statefulset.apps/web scaled\n');
    waitFor();
    expect(pvcs()).toBe('www-web-0 Bound\nwww-web-1 Bound\nwww-web-2 Bound\n');
    for (const i of [0, 1, 2]) expect(curl(`web-${i}`)).toEqual({ stdout: `web-${i}\n`, stderr: NO_TTY + meter(6), code: 0 });
  });

  test('another pod reaches each by its stable name under the headless Service', () => {
    home.ok('run', 'client', '--image=busybox:1.28', '--', 'sleep', '3600');
    home.ok('clock', 'advance', '30s');
    for (const i of [0, 1, 2]) {
      expect(home.run(['exec', 'client', '--', 'wget', '-qO-', `web-${i}.nginx`])).toEqual({ stdout: `web-${i}\n`, stderr: '', code: 0 });
    }
  });
});
