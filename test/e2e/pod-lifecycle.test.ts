// The foundation's user journey on the built CLI, one process per command, on manual-clock
// clusters: apply the seed's redis pod, watch it start, inspect it, delete it; the bad-image
// scenario; and the same script replayed on a second cluster printing identical bytes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const script: string[][] = [
  ['cluster', 'create', '--clock', 'manual'],
  ['apply', '-f', 'examples/redis-pod.yaml'],
  ['get', 'pods', '-o', 'wide'],
  ['clock', 'advance', '30s'],
  ['get', 'pods', '-o', 'wide'],
  ['get', 'pod', 'redis', '-o', 'yaml'],
  ['describe', 'pod', 'redis'],
  ['logs', 'redis'],
  ['apply', '-f', 'examples/bad-image.yaml'],
  ['clock', 'advance', '10m'],
  ['get', 'pods'],
  ['describe', 'pod', 'redis-bad'],
  ['get', 'events'],
  ['delete', 'pod', 'redis'],
  ['get', 'pods', '-A', '-o', 'wide'],
  ['get', 'nodes', '-o', 'wide'],
];

function runScript(home: MkHome): string {
  let transcript = '';
  for (const args of script) {
    const r = home.run(args);
    transcript += `$ mk ${args.join(' ')}\n${r.stdout}${r.stderr}[exit ${r.code}]\n`;
  }
  return transcript;
}

describe('a pod from apply to delete, on a manual clock', () => {
  const a = new MkHome();
  const b = new MkHome();
  let first = '';
  beforeAll(() => {
    first = runScript(a);
  });
  afterAll(() => {
    a.dispose();
    b.dispose();
  });

  test('the same script on a second cluster prints identical bytes', () => {
    expect(runScript(b)).toBe(first);
  });

  test('every step succeeds', () => {
    expect(first).not.toMatch(/\[exit [1-9]/);
  });

  test('the pod is ContainerCreating right after apply, Running 30s later, on a worker', () => {
    const [, creating, running] = first.split('$ mk get pods -o wide\n');
    expect(creating).toMatch(/^NAME    READY   STATUS              RESTARTS   AGE   IP       NODE\s+NOMINATED NODE   READINESS GATES\nredis   0\/1     ContainerCreating   0          0s    <none>   mk-worker2?\s+<none>           <none>\n/);
    expect(running).toMatch(/^NAME    READY   STATUS    RESTARTS   AGE   IP\s+NODE\s+NOMINATED NODE   READINESS GATES\nredis   1\/1     Running   0          30s   10\.244\.[12]\.2\s+mk-worker2?\s+<none>           <none>\n/);
  });

  test('describe shows the kubelet events in order', () => {
    const describe = first.split('$ mk describe pod redis\n')[1].split('$ mk')[0];
    const reasons = [...describe.matchAll(/^  Normal  (\w+)/gm)].map((m) => m[1]);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    expect(describe).toMatch(/Successfully assigned default\/redis to mk-worker2?\n/);
    expect(describe).toContain('Created container: redis\n');
  });

  test('a tag that does not exist ends in ImagePullBackOff', () => {
    const pods = first.split('$ mk get pods\n')[1];
    expect(pods).toMatch(/redis-bad   0\/1     ImagePullBackOff   0          10m/);
    const events = first.split('$ mk describe pod redis-bad\n')[1].split('$ mk')[0];
    expect(events).toMatch(/Warning  Failed     .* Error: ErrImagePull\n/);
    expect(events).toMatch(/Warning  Failed     .* Error: ImagePullBackOff\n/);
    expect(events).toMatch(/Normal   BackOff    .* Back-off pulling image "redis:5xx"\n/);
  });

  test('delete prints kubectl\'s line and the pod is gone', () => {
    expect(first).toContain('$ mk delete pod redis\npod "redis" deleted\n[exit 0]');
    const all = first.split('$ mk get pods -A -o wide\n')[1];
    expect(all).not.toMatch(/^default\s+redis\s/m);
  });
});
