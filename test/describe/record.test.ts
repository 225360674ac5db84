// Records the describe golden files from the real kubectl 1.32 (shared/tools/kubectl-oracle).
// Runs only with MK_RECORD_DESCRIBE=1:
//
//   MK_RECORD_DESCRIBE=1 npx vitest run test/describe/record.test.ts
//
// kubectl computes ages from the wall clock, so each case is built with `now` set to the current
// whole second, started right after that second begins, and kept only when kubectl finished
// within the same second: every age kubectl printed is then exactly (now - timestamp). The
// fixture is saved with that `now`, and the golden test passes it to mk's describers. Output
// whose order depends on Go map iteration is re-recorded until it comes out sorted (see
// DescribeCase.mapOrderedKeys). Times print in UTC (TZ=UTC), as the golden test sets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { describeCases, type DescribeCase } from '../fixtures/describe/cases.js';

const ORACLE = process.env.MK_KUBECTL_ORACLE ?? '/work/shared/tools/kubectl-oracle/kubectl-on';
const root = join(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kubectlArgs(c: DescribeCase): string[] {
  const t = c.target;
  return ['describe', t.resource, t.name, ...(t.namespace ? ['-n', t.namespace] : []),
    ...(c.showEvents === false ? ['--show-events=false'] : [])];
}

function inOrder(out: string, keys: string[]): boolean {
  const lines = out.split('\n');
  const at = keys.map((k) => lines.findIndex((l) => l.startsWith(k)));
  return at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]));
}

async function record(c: DescribeCase, dir: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await sleep(1000 - (Date.now() % 1000) + 5);
    const now = Math.floor(Date.now() / 1000) * 1000;
    const objects = c.build(now);
    const file = join(dir, `${c.name}.json`);
    writeFileSync(file, JSON.stringify(objects));
    const res = spawnSync(ORACLE, [file, '--', ...kubectlArgs(c)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    if (Date.now() - now >= 1000) continue;
    if (res.status !== 0) throw new Error(`kubectl failed for ${c.name}: ${res.stdout}${res.stderr}`);
    if (c.mapOrderedKeys && !inOrder(res.stdout, c.mapOrderedKeys)) continue;
    const fixture = { now: new Date(now).toISOString(), kubectl: kubectlArgs(c), target: c.target,
      showEvents: c.showEvents ?? true, objects };
    writeFileSync(join(root, 'fixtures/describe', `${c.name}.json`), JSON.stringify(fixture, null, 1) + '\n');
    writeFileSync(join(root, 'golden/describe', `${c.name}.txt`), res.stdout);
    return;
  }
  throw new Error(`could not record ${c.name} within one second`);
}

describe.skipIf(!process.env.MK_RECORD_DESCRIBE)('record describe golden files from kubectl 1.32', () => {
  const only = process.env.MK_RECORD_DESCRIBE_ONLY?.split(',');
  test.each(describeCases.filter((c) => !only || only.includes(c.name)).map((c) => [c.name, c] as const))(
    '%s', async (_name, c) => {
      const dir = mkdtempSync(join(tmpdir(), 'mk-describe-'));
      await record(c, dir);
      expect(true).toBe(true);
    }, 300_000);
});
