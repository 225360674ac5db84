import { beforeEach, describe, expect, test } from 'vitest';
import { ApiError } from '../../src/apiserver/errors.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import { openLogStream, podLogs, readLogStream, type LogCursor } from '../../src/kubelet/logs.js';
import { FakeCluster, simplePod, T0 } from './harness.js';

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1);
});

const logs = (pod: string, opts: Parameters<typeof podLogs>[2] = {}, container?: string) =>
  podLogs(c.pod(pod), container, opts, c.now, c.store);

function apiMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return `${e.status.reason}: ${e.status.message}`;
    throw e;
  }
  return 'no error';
}

describe('mk logs', () => {
  test('a counter loop shows one line per second since it started', () => {
    c.addPod(simplePod('counter', 'busybox:1.36', {
      command: ['sh', '-c', 'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done'],
    }));
    c.runTo(10_000);
    const started = c.eventsFor('counter').find((e) => e.reason === 'Started')!.t;
    const all = logs('counter').trimEnd().split('\n');
    expect(all.length).toBe(Math.floor((10_000 - started) / 1000) + 1);
    expect(all[0]).toBe('0: Wed Jan  1 00:00:01 UTC 2025');
    expect(logs('counter', { tail: 2 }).trimEnd().split('\n')).toEqual(all.slice(-2));
    expect(logs('counter', { tail: 1, timestamps: true })).toMatch(/^2025-01-01T00:00:09\.\d+Z 8: Wed Jan {2}1 00:00:09 UTC 2025\n$/);
    expect(logs('counter', { sinceSeconds: 3 }).trimEnd().split('\n').length).toBe(3);
  });

  test('--previous shows the crashed instance; a waiting container explains itself', () => {
    c.addPod(simplePod('crash', 'busybox:1.36', { command: ['sh', '-c', 'echo booting; echo "fatal: no config" >&2; exit 1'] }));
    c.runTo(30_000);
    expect(logs('crash', { previous: true })).toBe('booting\nfatal: no config\n');
    c.addPod(simplePod('bad', 'redis:5xx'));
    c.runFor(1_000);
    expect(apiMessage(() => logs('bad'))).toBe('BadRequest: container "bad" in pod "bad" is waiting to start: ContainerCreating');
    c.runFor(2_000);
    expect(apiMessage(() => logs('bad'))).toBe('BadRequest: container "bad" in pod "bad" is waiting to start: image can\'t be pulled');
    expect(apiMessage(() => logs('bad', { previous: true }))).toBe('BadRequest: previous terminated container "bad" in pod "bad" not found');
  });

  test('container names are checked like the API server does', () => {
    c.addPod({
      metadata: { name: 'two' },
      spec: {
        nodeName: 'kind-worker',
        initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['true'] }],
        containers: [{ name: 'a', image: 'busybox:1.36', command: ['sleep', '60'] }, { name: 'b', image: 'busybox:1.36', command: ['sleep', '60'] }],
      },
    });
    c.runTo(5_000);
    expect(apiMessage(() => logs('two'))).toBe('BadRequest: a container name must be specified for pod two, choose one of: [a b] or one of the init containers: [setup]');
    expect(apiMessage(() => logs('two', {}, 'c'))).toBe('BadRequest: container c is not valid for pod two');
    expect(logs('two', {}, 'a')).toBe('');
  });

  test('redis shutdown lines end the log of a deleted pod', () => {
    c.addPod(simplePod('redis', 'redis'));
    c.runTo(10_000);
    const before = c.pod('redis');
    c.api.delete('pods', 'default', 'redis');
    c.runTo(10_050);
    const during = podLogs(c.pod('redis'), undefined, {}, T0 + 10_200, c.store).trimEnd().split('\n');
    expect(during[during.length - 1]).toBe('1:M 01 Jan 2025 00:00:10.102 # Redis is now ready to exit, bye bye...');
    expect(before.status?.phase).toBe('Running');
  });

  describe('a followed stream (-f)', () => {
    const counter = () => c.addPod(simplePod('counter', 'busybox:1.36', {
      command: ['sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done'],
    }));
    const texts = (chunks: { text: string }[]) => chunks.map((x) => x.text).join('');
    const read = (cursor: LogCursor, name = 'counter') => readLogStream(c.tryPod(name), cursor, {}, c.now, c.store);

    test('sends each line once, in order, however far the clock moves between reads', () => {
      counter();
      c.runTo(5_000);
      const before = logs('counter');
      const opened = openLogStream(c.pod('counter'), undefined, { tail: 2 }, c.now, c.store);
      expect(texts(opened.chunks)).toBe(before.split(/(?<=\n)/).slice(-2).join(''));
      const cursor = opened.cursor!;
      c.runFor(3_500);
      const next = read(cursor);
      expect(next.done).toBe(false);
      // Everything written since, and nothing twice: the whole log is what was there plus what came.
      expect(before + texts(next.chunks)).toBe(logs('counter'));
      expect(texts(read(cursor).chunks)).toBe('');
      c.runFor(10);
      c.runFor(60_000);
      expect(before + texts(next.chunks) + texts(read(cursor).chunks)).toBe(logs('counter'));
    });

    test('ends when the instance exits, not following the restarted one, and when the pod goes', () => {
      c.addPod(simplePod('crash', 'busybox:1.36', { command: ['sh', '-c', 'echo up; sleep 5; echo down; exit 1'] }));
      c.runTo(3_000);
      const { chunks, cursor } = openLogStream(c.pod('crash'), undefined, {}, c.now, c.store);
      expect(texts(chunks)).toBe('up\n');
      c.runFor(20_000);
      expect(c.pod('crash').status?.containerStatuses?.[0].restartCount).toBeGreaterThan(0);
      expect(read(cursor!, 'crash')).toEqual({ chunks: [expect.objectContaining({ text: 'down\n' })], done: true });

      counter();
      c.runFor(3_000);
      const live = openLogStream(c.pod('counter'), undefined, {}, c.now, c.store).cursor!;
      c.api.delete('pods', 'default', 'counter');
      c.runFor(40_000);
      expect(read(live).done).toBe(true);
    });

    test('--limit-bytes counts the whole stream; --timestamps stamp a line alike in every request', () => {
      counter();
      c.runTo(4_000);
      const first = logs('counter').split('\n')[0];
      const opened = openLogStream(c.pod('counter'), undefined, { limitBytes: first.length + 4 }, c.now, c.store);
      expect(texts(opened.chunks)).toBe(`${first}\ntic`);
      expect(opened.cursor).toBeUndefined();
      const stamped = logs('counter', { timestamps: true }).split('\n');
      expect(logs('counter', { timestamps: true, tail: 1 })).toBe(`${stamped[stamped.length - 2]}\n`);
    });

    test('lines written in the same millisecond are stamped in increasing order', () => {
      c.addPod(simplePod('burst', 'busybox:1.36', { command: ['sh', '-c', 'i=1; while [ $i -le 20 ]; do echo $i; i=$((i+1)); done; sleep 60'] }));
      c.runTo(5_000);
      const stamps = logs('burst', { timestamps: true }).trimEnd().split('\n').map((l) => l.split(' ')[0]);
      expect(stamps).toHaveLength(20);
      expect(new Set(stamps.map((t) => t.slice(0, 23))).size).toBe(1);
      expect([...stamps].sort()).toEqual(stamps);
      expect(new Set(stamps).size).toBe(20);
    });
  });
});
