// redis-cli's REPL under `kubectl exec -it`: started as the exec's command, or typed at an
// interactive bash (seed 004: `exec -it saythx-redis-... bash`, then `redis-cli`), it reads the
// lines typed until quit, against the dataset of the container's own Redis.
import { beforeEach, describe, expect, test } from 'vitest';
import { InteractiveShell, execCommand, execTarget, type ExecTarget } from '../../src/kubelet/exec.js';
import { newKubelet } from '../../src/kubelet/kubelet.js';
import type { Connection } from '../../src/net/connect.js';
import { RedisRepl, runRedisCli, type RedisCliOptions } from '../../src/net/redis-cli.js';
import { redisAt } from '../../src/net/redis-server.js';
import { FakeCluster, simplePod } from './harness.js';

let c: FakeCluster;
beforeEach(() => {
  c = new FakeCluster(newKubelet({ timings: { spread: 0 } }));
  c.addNode('kind-worker', 1);
  c.addPod(simplePod('redis', 'redis:5'));
  c.runTo(10_000);
});

/** The pod's loopback only: 127.0.0.1 leads to its own Redis, as inside the container. */
function target(): ExecTarget {
  const t = execTarget(c.store, c.pod('redis'), 'redis', c.now);
  const pod = c.pod('redis');
  const o: RedisCliOptions = {
    net: {
      resolve: (h) => ({ addresses: [h === 'localhost' ? '127.0.0.1' : h] }),
      connect: (ip, port): Connection => (ip === '127.0.0.1' && port === 6379
        ? { kind: 'open', tls: false, exchange: () => ({ kind: 'empty' }), at: { pod, port } } : { kind: 'refused' }),
      redisAt: (conn) => (conn.at ? redisAt(c.store, c.now, conn.at.pod, conn.at.port) : undefined),
    },
    stdoutTTY: true, version: t.inst.proc.image.version,
  };
  t.http = {
    run: (_client, args, _exists, stdin) => runRedisCli(args, o, stdin),
    repl: (_client, args) => RedisRepl.start(args, o),
  };
  return t;
}

const texts = (lines: { text: string; stream: string }[]) => lines.map((l) => `${l.stream}: ${l.text}`);

describe('redis-cli under exec -it', () => {
  test('typed at bash: its prompt replaces the shell\'s until quit, the data stays with the container', () => {
    const sh = new InteractiveShell(c.store, target(), ['bash'], c.now);
    const bash = sh.prompt();
    expect(bash).toMatch(/^root@redis:\S+# $/);
    expect(sh.line('redis-cli')).toEqual([]);
    expect(sh.prompt()).toBe('127.0.0.1:6379> ');
    expect(texts(sh.line('ping'))).toEqual(['stdout: PONG']);
    expect(texts(sh.line('set name kubernetes'))).toEqual(['stdout: OK']);
    expect(texts(sh.line('lrange nothing 0 -1'))).toEqual(['stdout: (empty list or set)']);
    expect(texts(sh.line('bogus 1'))).toEqual(['stdout: (error) ERR unknown command `bogus`, with args beginning with: `1`, ']);
    expect(sh.line('quit')).toEqual([]);
    expect(sh.prompt()).toBe(bash);
    expect(sh.code).toBeUndefined();
    // A later exec's redis-cli sees what this one set.
    const r = execCommand(c.store, target(), ['redis-cli', 'get', 'name'], c.now);
    expect(texts(r.lines)).toEqual(['stdout: "kubernetes"']);
    expect(sh.saysExit).toBe(true);
  });

  test('as the exec\'s command: refused shows `not connected> `, and quit ends the session', () => {
    const sh = new InteractiveShell(c.store, target(), ['redis-cli', '-p', '32355'], c.now);
    expect(texts(sh.opening())).toEqual(['stderr: Could not connect to Redis at 127.0.0.1:32355: Connection refused']);
    expect(sh.prompt()).toBe('not connected> ');
    expect(texts(sh.line('ping'))).toEqual(['stderr: Could not connect to Redis at 127.0.0.1:32355: Connection refused']);
    sh.line('exit');
    expect(sh.code).toBe(0);
    expect(sh.saysExit).toBe(false);
  });
});
