// mk against kubectl 1.32 for a fresh kind-like cluster and the seed redis pod (scenario.ts): the
// built CLI replays the walk on a manual clock, and every output must equal its golden file byte
// for byte — kubectl's own output for mk's objects where kubectl computes it on the client, mk's
// pinned output where a server computes it. Re-record with record.test.ts when mk's objects
// change on purpose.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from '../e2e/harness.js';
import { checkpoints } from './scenario.js';

const golden = (path: string) => readFileSync(join(import.meta.dirname, 'golden', path), 'utf8');

describe('a fresh cluster and the redis pod print what kubectl 1.32 prints', () => {
  const home = new MkHome();
  const outputs = new Map<string, string>();
  beforeAll(() => {
    for (const cp of checkpoints) {
      for (const step of cp.setup) home.ok(...step);
      for (const c of cp.kubectl) outputs.set(`${cp.name}/${c.name}.txt`, home.ok(...c.args));
      for (const c of cp.mk) {
        const r = home.run(c.args);
        outputs.set(`${cp.name}/${c.name}.mk.txt`, r.stdout + r.stderr);
      }
    }
  }, 120_000);
  afterAll(() => home.dispose());

  const cases = checkpoints.flatMap((cp) => [
    ...cp.kubectl.map((c) => `${cp.name}/${c.name}.txt`),
    ...cp.mk.map((c) => `${cp.name}/${c.name}.mk.txt`),
  ]);
  test.each(cases)('%s', (path) => {
    expect(outputs.get(path)).toBe(golden(path));
  });
});
