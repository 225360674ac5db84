// Seed 004's saythx Redis reached with redis-cli through `mk exec`: in its own container, from
// another pod through the Service's name, and through a Service whose targetPort is wrong
// (refused) until it is fixed.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

describe('redis-cli in exec', () => {
  const home = new MkHome();
  const exec = (pod: string, ...cmd: string[]) => home.run(['-n', 'work', 'exec', pod, '--', ...cmd]);
  beforeAll(() => {
    home.ok('cluster', 'create', '--clock', 'manual');
    for (const f of ['namespace', 'redis-deployment', 'redis-service']) home.ok('apply', '-f', `examples/saythx/${f}.yaml`);
    home.ok('-n', 'work', 'run', 'client', '--image=redis:5');
    home.ok('clock', 'advance', '1m');
  }, 60_000);
  afterAll(() => home.dispose());

  test('ping, set and get in the Redis container: raw replies, nil as an empty line', () => {
    expect(exec('deploy/saythx-redis', 'redis-cli', 'ping')).toEqual({ stdout: 'PONG\n', stderr: '', code: 0 });
    expect(exec('deploy/saythx-redis', 'redis-cli', 'set', 'k', 'v')).toEqual({ stdout: 'OK\n', stderr: '', code: 0 });
    expect(exec('deploy/saythx-redis', 'redis-cli', 'get', 'k')).toEqual({ stdout: 'v\n', stderr: '', code: 0 });
    expect(exec('deploy/saythx-redis', 'redis-cli', 'get', 'missing')).toEqual({ stdout: '\n', stderr: '', code: 0 });
    expect(exec('deploy/saythx-redis', 'redis-cli', 'hello')).toEqual({
      stdout: 'ERR unknown command `hello`, with args beginning with: \n\n', stderr: '', code: 0,
    });
    // Piped lines are read one by one.
    const piped = home.run(['-n', 'work', 'exec', '-i', 'deploy/saythx-redis', '--', 'redis-cli'], { input: 'incr n\nincr n\ndbsize\n' });
    expect(piped).toEqual({ stdout: '1\n2\n2\n', stderr: '', code: 0 });
  });

  test("from another pod through the Service name; 127.0.0.1 there is the client pod's own Redis", () => {
    expect(exec('client', 'redis-cli', '-h', 'saythx-redis', 'get', 'k')).toEqual({ stdout: 'v\n', stderr: '', code: 0 });
    expect(exec('client', 'redis-cli', '-h', 'saythx-redis.work.svc.cluster.local', 'ping').stdout).toBe('PONG\n');
    // 127.0.0.1 is the client pod's own Redis, which holds nothing.
    expect(exec('client', 'redis-cli', 'get', 'k').stdout).toBe('\n');
    expect(exec('client', 'redis-cli', '-h', 'saythx-redis', '-p', '6380', 'ping')).toEqual({
      stdout: '', stderr: 'Could not connect to Redis at saythx-redis:6380: Connection timed out\ncommand terminated with exit code 1\n', code: 1,
    });
  });

  test('a Service targeting 6380: Connection refused until the targetPort is fixed', () => {
    const svc = readFileSync('examples/saythx/redis-service.yaml', 'utf8');
    home.run(['apply', '-f', '-'], { input: svc.replace('targetPort: 6379', 'targetPort: 6380') });
    home.ok('clock', 'advance', '5s');
    expect(exec('client', 'redis-cli', '-h', 'saythx-redis', 'ping')).toEqual({
      stdout: '', stderr: 'Could not connect to Redis at saythx-redis:6379: Connection refused\ncommand terminated with exit code 1\n', code: 1,
    });
    home.ok('apply', '-f', 'examples/saythx/redis-service.yaml');
    home.ok('clock', 'advance', '5s');
    expect(exec('client', 'redis-cli', '-h', 'saythx-redis', 'ping')).toEqual({ stdout: 'PONG\n', stderr: '', code: 0 });
  });

  test('the data is gone with the container: a new pod starts empty', () => {
    home.ok('-n', 'work', 'delete', 'pod', '-l', 'app=redis');
    home.ok('clock', 'advance', '1m');
    expect(exec('deploy/saythx-redis', 'redis-cli', 'dbsize')).toEqual({ stdout: '0\n', stderr: '', code: 0 });
  });
});
