// Records the workload verbs' golden files from the real kubectl 1.32: `rollout history` through
// the oracle's fake API server (shared/tools/kubectl-oracle), `create deployment --dry-run=client`
// with no server at all. Runs only with MK_RECORD_WORKLOADS=1:
//
//   MK_RECORD_WORKLOADS=1 npx vitest run --config vitest.record.config.ts test/cli-workloads/record.test.ts
//
// The output has no ages or times, so one run of kubectl per case is enough.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createDeploymentCases } from './create-deployment-cases.js';
import { historyCases } from './history-cases.js';

const ORACLE = process.env.MK_KUBECTL_ORACLE ?? '/work/shared/tools/kubectl-oracle/kubectl-on';
const KUBECTL = process.env.MK_KUBECTL ?? 'kubectl';
const here = import.meta.dirname;

describe.skipIf(!process.env.MK_RECORD_WORKLOADS)('record workload golden files from kubectl 1.32', () => {
  test.each(historyCases.map((c) => [c.name, c] as const))('rollout history: %s', (_name, c) => {
    const objects = join(here, 'fixtures/history', `${c.objects}.json`);
    const res = spawnSync(ORACLE, [objects, '--', 'rollout', 'history', ...c.args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
    expect(res.status).toBe(c.exitCode);
    writeFileSync(join(here, 'golden/history', `${c.name}.txt`), res.stdout);
  });

  test.each(createDeploymentCases.map((c) => [c.name, c] as const))('create deployment: %s', (_name, c) => {
    const res = spawnSync(KUBECTL, ['create', 'deployment', ...c.args], { encoding: 'utf8', env: { ...process.env, KUBECONFIG: '/dev/null' } });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    writeFileSync(join(here, 'golden/create-deployment', `${c.name}.txt`), res.stdout);
  });
});
