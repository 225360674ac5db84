// The Redis server's replies and redis-cli's output for them, compared with what redis-server
// (server.c, t_*.c) answers and redis-cli.c prints: cliFormatReplyTTY on a terminal,
// cliFormatReplyRaw otherwise, cliConnect's failures and the REPL's prompts.
import { describe, expect, test } from 'vitest';
import type { Connection } from '../../src/net/connect.js';
import type { ClientRun } from '../../src/net/http-client.js';
import { RedisRepl, runRedisCli, splitArgs, type RedisNet } from '../../src/net/redis-cli.js';
import type { RedisInstance } from '../../src/net/redis-server.js';

function memStore() {
  const m = new Map<string, string>();
  return { getMeta: (k: string) => m.get(k), setMeta: (k: string, v: string | undefined) => { if (v === undefined) m.delete(k); else m.set(k, v); }, m };
}

/** A network where `redis` (10.96.0.9) and 127.0.0.1 lead to one Redis on 6379, and nothing else listens. */
function world(version = '7.4.2') {
  const store = memStore();
  const inst: RedisInstance = { store, key: 'data', version, now: 90_000, startedAt: 30_000, port: 6379 };
  const net: RedisNet = {
    resolve: (h) => (/^[\d.]+$/.test(h) ? { addresses: [h] } : h === 'redis' ? { addresses: ['10.96.0.9'] } : { error: 'NXDOMAIN' }),
    connect: (ip, port): Connection => {
      if (ip === '10.0.0.1') return { kind: 'timeout' };
      if (port !== 6379) return { kind: 'refused' };
      return { kind: 'open', tls: false, exchange: () => ({ kind: 'empty' }) };
    },
    redisAt: () => inst,
  };
  return { net, store, version };
}

const text = (r: ClientRun, stream: 'stdout' | 'stderr') => r.chunks.filter((c) => c.stream === stream).map((c) => c.text).join('');
const cli = (w: ReturnType<typeof world>, args: string[], tty = false, stdin?: string) => {
  const r = runRedisCli(args, { net: w.net, stdoutTTY: tty, version: w.version }, stdin);
  return { out: text(r, 'stdout'), err: text(r, 'stderr'), code: r.code, ms: r.ms };
};

describe('redis-cli one command', () => {
  test('raw output when stdout is no terminal: status, bulk, integer, nil as an empty line, arrays one element a line', () => {
    const w = world();
    expect(cli(w, ['ping'])).toEqual({ out: 'PONG\n', err: '', code: 0, ms: 0 });
    expect(cli(w, ['set', 'k', 'v']).out).toBe('OK\n');
    expect(cli(w, ['get', 'k']).out).toBe('v\n');
    expect(cli(w, ['get', 'none']).out).toBe('\n');
    expect(cli(w, ['rpush', 'l', 'a', 'b', 'c']).out).toBe('3\n');
    expect(cli(w, ['lrange', 'l', '0', '-1']).out).toBe('a\nb\nc\n');
    expect(cli(w, ['-h', 'redis', 'dbsize']).out).toBe('2\n');
  });

  test('standard output on a TTY: (integer), quoted strings, (nil), numbered arrays', () => {
    const w = world();
    expect(cli(w, ['set', 'k', 'say "hi"\n'], true).out).toBe('OK\n');
    expect(cli(w, ['get', 'k'], true).out).toBe('"say \\"hi\\"\\n"\n');
    expect(cli(w, ['get', 'x'], true).out).toBe('(nil)\n');
    expect(cli(w, ['incr', 'n'], true).out).toBe('(integer) 1\n');
    expect(cli(w, ['incrby', 'n', '9'], true).out).toBe('(integer) 10\n');
    const many = Array.from({ length: 10 }, (_, i) => `m${i}`);
    expect(cli(w, ['rpush', 'l', ...many], true).out).toBe('(integer) 10\n');
    expect(cli(w, ['lrange', 'l', '0', '-1'], true).out).toBe(many.map((m, i) => `${String(i + 1).padStart(2)}) "${m}"\n`).join(''));
    expect(cli(w, ['lrange', 'none', '0', '-1'], true).out).toBe('(empty array)\n');
    expect(cli(w, ['get', 'l'], true).out).toBe('(error) WRONGTYPE Operation against a key holding the wrong kind of value\n');
  });

  test('a sorted set as a leaderboard: ZINCRBY, ZREVRANGE WITHSCORES', () => {
    const w = world();
    cli(w, ['zadd', 'board', '3', 'ann', '5', 'bob']);
    expect(cli(w, ['zincrby', 'board', '4', 'ann'], true).out).toBe('"7"\n');
    expect(cli(w, ['zrevrange', 'board', '0', '-1', 'withscores'], true).out).toBe('1) "ann"\n2) "7"\n3) "bob"\n4) "5"\n');
    expect(cli(w, ['zrange', 'board', '0', '0']).out).toBe('bob\n');
    expect(cli(w, ['keys', 'b*']).out).toBe('board\n');
    expect(cli(w, ['del', 'board', 'nope'], true).out).toBe('(integer) 1\n');
  });

  test("unknown commands and wrong arity in the server's words, which changed in 7.0", () => {
    expect(cli(world(), ['foo', 'a', 'b'], true).out).toBe("(error) ERR unknown command 'foo', with args beginning with: 'a' 'b' \n");
    // Raw mode prints the error then the command delimiter.
    expect(cli(world(), ['foo'])).toEqual({ out: "ERR unknown command 'foo', with args beginning with: \n\n", err: '', code: 0, ms: 0 });
    expect(cli(world('5.0.14'), ['foo', 'a'], true).out).toBe('(error) ERR unknown command `foo`, with args beginning with: `a`, \n');
    expect(cli(world(), ['get'], true).out).toBe("(error) ERR wrong number of arguments for 'get' command\n");
    expect(cli(world('5.0.14'), ['lrange', 'x', '0', '1'], true).out).toBe('(empty list or set)\n');
  });

  test('INFO prints verbatim, with the image version', () => {
    const out = cli(world('5.0.14'), ['info', 'server'], true).out;
    expect(out.startsWith('# Server\r\nredis_version:5.0.14\r\n')).toBe(true);
    expect(out).toContain('\r\ntcp_port:6379\r\nuptime_in_seconds:60\r\n');
    expect(out.endsWith('\r\n')).toBe(true);
  });

  test('-n selects a database: keys there are apart', () => {
    const w = world();
    cli(w, ['-n', '2', 'set', 'k', 'two']);
    expect(cli(w, ['get', 'k']).out).toBe('\n');
    expect(cli(w, ['-n', '2', 'get', 'k']).out).toBe('two\n');
  });

  test('connection failures: cliConnect says why on stderr and redis-cli exits 1', () => {
    const w = world();
    expect(cli(w, ['-p', '32355', 'ping'])).toEqual({ out: '', err: 'Could not connect to Redis at 127.0.0.1:32355: Connection refused\n', code: 1, ms: 0 });
    expect(cli(w, ['-h', 'nosuch', 'ping']).err).toBe('Could not connect to Redis at nosuch:6379: Name or service not known\n');
    // A quiet first attempt, then the command's own: two SYN timeouts, one message.
    expect(cli(w, ['-h', '10.0.0.1', 'ping'])).toEqual({ out: '', err: 'Could not connect to Redis at 10.0.0.1:6379: Connection timed out\n', code: 1, ms: 254_000 });
    expect(cli(w, ['-z'])).toEqual({ out: '', err: "Unrecognized option or bad number of args for: '-z'\n", code: 1, ms: 0 });
    expect(cli(w, ['-p', '70000', 'ping'])).toEqual({ out: '', err: 'Invalid server port.\n', code: 1, ms: 0 });
  });

  test('with no command, lines piped on stdin run one by one until quit', () => {
    expect(cli(world(), [], false, 'set a 1\nincr a\nquit\nget a\n')).toEqual({ out: 'OK\n2\n', err: '', code: 0, ms: 0 });
  });
});

describe('redis-cli REPL', () => {
  test('prompts with host:port (and [db]), runs what is typed, quit ends it', () => {
    const w = world();
    const repl = RedisRepl.start([], { net: w.net, stdoutTTY: true, version: w.version })!;
    const said = (line: string) => { repl.line(line); return text(repl.take(), 'stdout'); };
    expect(repl.take().chunks).toEqual([]);
    expect(repl.prompt()).toBe('127.0.0.1:6379> ');
    expect(said('ping')).toBe('PONG\n');
    expect(said('set greeting "hello world"')).toBe('OK\n');
    expect(said('get greeting')).toBe('"hello world"\n');
    expect(said('select 1')).toBe('OK\n');
    expect(repl.prompt()).toBe('127.0.0.1:6379[1]> ');
    expect(said('get "unbalanced')).toBe('Invalid argument(s)\n');
    expect(repl.done).toBe(false);
    repl.line('quit');
    expect(repl.done).toBe(true);
  });

  test('refused: `not connected> `, and each command tries again', () => {
    const w = world();
    const repl = RedisRepl.start(['-h', 'redis', '-p', '6380'], { net: w.net, stdoutTTY: true, version: w.version })!;
    expect(text(repl.take(), 'stderr')).toBe('Could not connect to Redis at redis:6380: Connection refused\n');
    expect(repl.prompt()).toBe('not connected> ');
    repl.line('ping');
    expect(text(repl.take(), 'stderr')).toBe('Could not connect to Redis at redis:6380: Connection refused\n');
    repl.line('connect redis 6379');
    expect(repl.prompt()).toBe('redis:6379> ');
  });

  test('a command in the arguments starts no REPL', () => {
    const w = world();
    expect(RedisRepl.start(['ping'], { net: w.net, stdoutTTY: true, version: w.version })).toBeUndefined();
  });

  test("cliSplitArgs: quotes, escapes, and a closing quote that must end the word", () => {
    expect(splitArgs('set k "a\\tb" \'it\\\'s\'')).toEqual(['set', 'k', 'a\tb', "it's"]);
    expect(splitArgs('  ')).toEqual([]);
    expect(splitArgs('"a"b')).toBeUndefined();
  });
});
