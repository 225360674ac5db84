// Records the Deployment and ReplicaSet describe golden files from the real kubectl 1.32
// (shared/tools/kubectl-oracle), the same way test/describe/record.test.ts does for the core
// kinds. Runs only with MK_RECORD_DESCRIBE=1 (`npm run record`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { DescribeCase } from '../fixtures/describe/cases.js';
import { appsDescribeCases } from './describe-cases.js';

const ORACLE = process.env.MK_KUBECTL_ORACLE ?? '/work/shared/tools/kubectl-oracle/kubectl-on';
const here = import.meta.dirname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function kubectlArgs(c: DescribeCase): string[] {
  const t = c.target;
  return ['describe', t.resource, t.name, ...(t.namespace ? ['-n', t.namespace] : []),
    ...(c.showEvents === false ? ['--show-events=false'] : [])];
}

async function record(c: DescribeCase, dir: string): Promise<void> {
  // kubectl reads the wall clock: keep only a run that finished within the second `now` names.
  for (let attempt = 0; attempt < 100; attempt++) {
    await sleep(1000 - (Date.now() % 1000) + 5);
    const now = Math.floor(Date.now() / 1000) * 1000;
    const objects = c.build(now);
    const file = join(dir, `${c.name}.json`);
    writeFileSync(file, JSON.stringify(objects));
    const res = spawnSync(ORACLE, [file, '--', ...kubectlArgs(c)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    if (Date.now() - now >= 1000) continue;
    if (res.status !== 0) throw new Error(`kubectl failed for ${c.name}: ${res.stdout}${res.stderr}`);
    const fixture = { now: new Date(now).toISOString(), kubectl: kubectlArgs(c), target: c.target, showEvents: c.showEvents ?? true, objects };
    writeFileSync(join(here, 'fixtures/describe', `${c.name}.json`), JSON.stringify(fixture, null, 1) + '\n');
    writeFileSync(join(here, 'golden/describe', `${c.name}.txt`), res.stdout);
    return;
  }
  throw new Error(`could not record ${c.name} within one second`);
}

describe.skipIf(!process.env.MK_RECORD_DESCRIBE)('record apps describe golden files from kubectl 1.32', () => {
  const only = process.env.MK_RECORD_DESCRIBE_ONLY?.split(',');
  test.each(appsDescribeCases.filter((c) => !only || only.includes(c.name)).map((c) => [c.name, c] as const))(
    '%s', async (_name, c) => {
      await record(c, mkdtempSync(join(tmpdir(), 'mk-describe-apps-')));
      expect(true).toBe(true);
    }, 300_000);
});
