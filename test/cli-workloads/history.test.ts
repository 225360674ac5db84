// `rollout history`, byte for byte: each case in history-cases.ts was run through the real kubectl
// 1.32 against the objects in fixtures/history (record.test.ts); mk's resolver and history loop,
// given the same objects, must print kubectl's exact stdout and stderr (golden/history/<case>.txt,
// where kubectl's two streams were joined, stdout first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { ClusterHandle } from '../../src/cluster/runtime.js';
import { printHistory } from '../../src/cli/commands/rollout/history.js';
import { resolveTargets } from '../../src/cli/commands/workload-targets.js';
import { checkErr, newAggregate } from '../../src/cli/errors.js';
import type { CliIO } from '../../src/cli/io.js';
import { fixtureClient } from '../describe/client.js';
import { historyCases } from './history-cases.js';

const here = import.meta.dirname;

/** What `mk rollout history ARGS` prints for these objects: the command's resolver and Visit loop over a fixture client. */
async function run(objects: KubeObject[], args: string[]): Promise<{ out: string; code: number }> {
  const client = fixtureClient(objects);
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const revision = Number(flag('revision') ?? '0');
  let out = '';
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (out += s), readStdin: async () => '', isTTY: false };
  const cluster = { api: client } as unknown as ClusterHandle;
  const target = { contextName: 'mk-mk', clusterName: 'mk', namespace: 'default', explicitNamespace: false };
  const { ordered } = await resolveTargets({ io, flags: {} }, cluster, target, args.filter((a) => !a.startsWith('--')), {},
    { allowEmptySelector: true, verb: 'rollout' });
  const agg = newAggregate(await printHistory(io, client, ordered, revision, flag('output')));
  if (!agg) return { out, code: 0 };
  const { text, code } = checkErr(agg);
  return { out: out + text, code };
}

describe('rollout history matches kubectl 1.32', () => {
  test.each(historyCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const objects = JSON.parse(readFileSync(join(here, 'fixtures/history', `${c.objects}.json`), 'utf8')) as KubeObject[];
    const golden = readFileSync(join(here, 'golden/history', `${c.name}.txt`), 'utf8');
    const { out, code } = await run(objects, c.args);
    expect(out).toBe(golden);
    expect(code).toBe(c.exitCode);
  });

});
