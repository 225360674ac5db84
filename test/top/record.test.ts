// Records the `top` golden files from the real kubectl 1.32. Runs only with MK_RECORD_TOP=1:
//
//   MK_RECORD_TOP=1 npx vitest run --config vitest.record.config.ts test/top/record.test.ts
//
// The shared kubectl oracle serves no metrics API, so this runs a copy of it that also serves
// metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics (as metrics-server registers them).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { topCases } from '../fixtures/top/cases.js';

const ORACLE_DIR = process.env.MK_KUBECTL_ORACLE_DIR ?? '/work/shared/tools/kubectl-oracle';
const repo = join(import.meta.dirname, '../..');

function oracleWithMetrics(): string {
  const dir = mkdtempSync(join(tmpdir(), 'top-oracle-'));
  copyFileSync(join(ORACLE_DIR, 'kubectl-on'), join(dir, 'kubectl-on'));
  const server = readFileSync(join(ORACLE_DIR, 'server.mjs'), 'utf8');
  const anchor = "  ['events.k8s.io', 'v1', 'Event', 'events', true, ['ev']],\n";
  if (!server.includes(anchor)) throw new Error('kubectl oracle: kinds table changed');
  writeFileSync(join(dir, 'server.mjs'), server.replace(anchor, `${anchor}  ['metrics.k8s.io', 'v1beta1', 'PodMetrics', 'pods', true, []],\n`
    + "  ['metrics.k8s.io', 'v1beta1', 'NodeMetrics', 'nodes', false, []],\n"));
  return join(dir, 'kubectl-on');
}

describe.skipIf(!process.env.MK_RECORD_TOP)('record top golden files from kubectl 1.32', () => {
  const oracle = oracleWithMetrics();
  test.each(topCases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const res = spawnSync('bash', [oracle, join(repo, 'test/fixtures/top/metrics.json'), '--', ...c.args],
      { cwd: repo, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(res.status).toBe(c.exit ?? 0);
    writeFileSync(join(repo, 'test/golden/top', `${c.name}.txt`), res.stdout);
  });
});
