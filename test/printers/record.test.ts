// Records the printer golden files from the real kubectl 1.32 (shared/tools/kubectl-oracle).
// Runs only with MK_RECORD_PRINTERS=1:
//
//   MK_RECORD_PRINTERS=1 npx vitest run test/printers/record.test.ts
//
// The oracle merges kubectl's stdout and stderr, which is what the golden files hold; kubectl
// runs in the repository root so that file paths in the cases resolve.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { printerCases } from '../fixtures/printers/cases.js';

const ORACLE = process.env.MK_KUBECTL_ORACLE ?? '/work/shared/tools/kubectl-oracle/kubectl-on';
const repo = join(import.meta.dirname, '../..');

describe.skipIf(!process.env.MK_RECORD_PRINTERS)('record printer golden files from kubectl 1.32', () => {
  const only = process.env.MK_RECORD_PRINTERS_ONLY?.split(',');
  test.each(printerCases.filter((c) => !only || only.includes(c.name)).map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const fixture = join(repo, 'test/fixtures/printers', c.fixture);
    const res = spawnSync(ORACLE, [fixture, '--', ...c.args], { cwd: repo, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(res.status).toBe(c.exit ?? 0);
    writeFileSync(join(repo, 'test/golden/printers', `${c.name}.txt`), res.stdout);
  });
});
