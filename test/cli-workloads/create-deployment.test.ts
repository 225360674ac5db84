// `create deployment`: the object kubectl 1.32 builds, byte for byte (golden/create-deployment,
// recorded with --dry-run=client by record.test.ts), and its argument errors in kubectl's words.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { containerName } from '../../src/cli/commands/create-deployment.js';
import type { CliIO } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/main.js';
import { createDeploymentCases } from './create-deployment-cases.js';

const here = import.meta.dirname;

async function mk(args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (err += s), readStdin: async () => '', isTTY: false };
  const code = await runCli(args, io);
  return { out, err, code };
}

describe('create deployment --dry-run=client prints what kubectl 1.32 prints', () => {
  test.each(createDeploymentCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const golden = readFileSync(join(here, 'golden/create-deployment', `${c.name}.txt`), 'utf8');
    const r = await mk(['create', 'deployment', ...c.args]);
    expect(r.err).toBe('');
    expect(r.out).toBe(golden);
    expect(r.code).toBe(0);
  });
});

describe('create deployment argument errors', () => {
  test.each([
    [['x'], 'error: required flag(s) "image" not set\n'],
    [['--image=a', '--dry-run=client'], "error: exactly one NAME is required, got 0\nSee 'mk create deployment -h' for help and examples\n"],
    [['x', 'y', '--image=a', '--dry-run=client'], "error: exactly one NAME is required, got 2\nSee 'mk create deployment -h' for help and examples\n"],
    [['x', '--image=a', '--image=b', '--dry-run=client', '--', 'sleep', '1'], 'error: cannot specify multiple --image options and command\n'],
    [['x', '--image=a', '-r', 'x', '--dry-run=client'], "error: invalid argument \"x\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'mk create deployment --help' for usage.\n"],
    [['x', '--image=a', '--port=99999999999', '--dry-run=client'], "error: invalid argument \"99999999999\" for \"--port\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range\nSee 'mk create deployment --help' for usage.\n"],
  ])('%j', async (args, message) => {
    const r = await mk(['create', 'deployment', ...args]);
    expect(r.err).toBe(message);
    expect(r.out).toBe('');
    expect(r.code).toBe(1);
  });
});

test('container names: the image name without registry, tag or digest, made a DNS label with a random suffix', () => {
  const suffix = (n: number) => 'b'.repeat(n);
  expect(containerName('nginx', suffix)).toBe('nginx');
  expect(containerName('registry.k8s.io/pause:3.9', suffix)).toBe('pause');
  expect(containerName('busybox@sha256:abc', suffix)).toBe('busybox');
  expect(containerName('my_img.v1', suffix)).toBe('my-img-v1-bbbbb');
});
