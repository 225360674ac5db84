// `rollout history`, byte for byte: each case in history-cases.ts was run through the real kubectl
// 1.32 against the objects in fixtures/history (record.test.ts); mk's history viewer, given the
// same objects, must print kubectl's exact stdout and stderr (golden/history/<case>.txt, where
// kubectl's two streams were joined, stdout first).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { qualifiedResource } from '../../src/api/registry.js';
import { notFound } from '../../src/apiserver/errors.js';
import { checkErr, newAggregate } from '../../src/cli/errors.js';
import { viewHistory } from '../../src/cli/commands/rollout/history.js';
import { infoFor, kindName, type Info } from '../../src/cli/commands/workload-targets.js';
import { parseResourceArgs } from '../../src/cli/resource-args.js';
import { fixtureClient } from '../describe/client.js';
import { historyCases } from './history-cases.js';

const here = import.meta.dirname;

/** What `mk rollout history ARGS` prints for these objects: the command's loop over its targets. */
async function run(objects: KubeObject[], args: string[]): Promise<{ out: string; code: number }> {
  const client = fixtureClient(objects);
  const revision = Number(args.find((a) => a.startsWith('--revision='))?.slice('--revision='.length) ?? '0');
  const { requests } = parseResourceArgs(args.filter((a) => !a.startsWith('--')), 'rollout');
  const infos: Info[] = [];
  const errors: Error[] = [];
  for (const r of requests) {
    const resource = qualifiedResource(r.kind);
    if (!r.names.length) for (const o of client.list(resource, { namespace: 'default' })) infos.push(infoFor(r.kind, o));
    for (const name of r.names) {
      const o = client.tryGet(resource, 'default', name);
      if (o) infos.push(infoFor(r.kind, o));
      else errors.push(notFound(resource, name));
    }
  }
  let out = '';
  for (const info of infos) {
    try {
      const history = await viewHistory(client, info, revision);
      out += `${kindName(info)} ${revision > 0 ? `with revision #${revision}` : ''}\n${history}\n`;
    } catch (e) {
      errors.push(e as Error);
    }
  }
  const agg = newAggregate(errors);
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
