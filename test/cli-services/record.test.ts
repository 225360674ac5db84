// Records the Service verbs' golden files from the real kubectl 1.32. Runs only with
// MK_RECORD_SERVICES=1:
//
//   MK_RECORD_SERVICES=1 npx vitest run --config vitest.record.config.ts test/cli-services/record.test.ts
//
// `expose` reads its objects through the oracle's fake API server (shared/tools/kubectl-oracle);
// `create service --dry-run=client` needs no server.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createServiceCases, exposeCases, type CliCase } from './cases.js';

const ORACLE = process.env.MK_KUBECTL_ORACLE ?? '/work/shared/tools/kubectl-oracle/kubectl-on';
const here = import.meta.dirname;
const repo = join(here, '../..');

function record(c: CliCase): void {
  const res = spawnSync(ORACLE, [join(here, 'fixtures/objects.json'), '--', ...c.args], { cwd: repo, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  expect(res.status).not.toBeNull();
  writeFileSync(join(here, 'golden', `${c.args[0]}-${c.name}.json`),
    JSON.stringify({ args: c.args, stdout: res.stdout, stderr: res.stderr, code: res.status }, null, 1) + '\n');
}

describe.skipIf(!process.env.MK_RECORD_SERVICES)('record Service verb golden files from kubectl 1.32', () => {
  test.each([...exposeCases, ...createServiceCases].map((c) => [`${c.args[0]} ${c.name}`, c] as const))('%s', (_name, c) => record(c));
});
