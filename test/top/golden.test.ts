// `mk top` against kubectl 1.32's own bytes: each case of test/fixtures/top/cases.ts was run by
// the real kubectl on metrics.json (record.test.ts); here the same objects are served to mk's
// `top` command through a TopClient that answers as the metrics API and the core API would, and
// stdout plus stderr must equal the recording.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Node } from '../../src/api/core/node/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { notFound } from '../../src/apiserver/errors.js';
import { fieldSelectorMatches, labelSelectorMatches, parseFieldSelector, parseLabelSelector, selectableFields } from '../../src/apiserver/selectors.js';
import { topCommand, type TopClient, type TopClientOpener } from '../../src/cli/commands/top.js';
import type { CliContext } from '../../src/cli/context.js';
import { reportError } from '../../src/cli/errors.js';
import { buildProgram, commanderArgs } from '../../src/cli/main.js';
import type { NodeMetrics, PodMetrics } from '../../src/metrics/metrics-server.js';
import { topCases } from '../fixtures/top/cases.js';

const repo = join(import.meta.dirname, '../..');
const objects = JSON.parse(readFileSync(join(repo, 'test/fixtures/top/metrics.json'), 'utf8')) as { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> } }[];
const ofKind = <T>(kind: string) => objects.filter((o) => o.kind === kind) as unknown as T[];

/** The fake API server's answers: objects by namespace, label selector and field selector, in stored order. */
function select<T extends { metadata: { name: string; namespace?: string; labels?: Record<string, string> } }>(items: T[],
  opts: { namespace?: string; labelSelector?: string; fieldSelector?: string }, fields: (o: T) => Record<string, string>): T[] {
  const labels = opts.labelSelector ? parseLabelSelector(opts.labelSelector) : undefined;
  const fsel = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
  return items.filter((o) => (!opts.namespace || o.metadata.namespace === opts.namespace)
    && (!labels || labelSelectorMatches(labels, o.metadata.labels)) && (!fsel || fieldSelectorMatches(fsel, fields(o))));
}

const meta = (o: { metadata: { name: string; namespace?: string } }) => ({ 'metadata.name': o.metadata.name, 'metadata.namespace': o.metadata.namespace ?? '' });

const client: TopClient = {
  now: Date.parse('2025-01-01T01:00:00Z'),
  listPodMetrics: (opts) => select(ofKind<PodMetrics>('PodMetrics'), opts, meta),
  getPodMetrics: (ns, name) => {
    const m = ofKind<PodMetrics>('PodMetrics').find((p) => p.metadata.namespace === ns && p.metadata.name === name);
    if (!m) throw notFound('podmetrics.metrics.k8s.io', `${ns}/${name}`);
    return m;
  },
  listNodeMetrics: (opts) => select(ofKind<NodeMetrics>('NodeMetrics'), opts, meta),
  getNodeMetrics: (name) => {
    const m = ofKind<NodeMetrics>('NodeMetrics').find((n) => n.metadata.name === name);
    if (!m) throw notFound('nodemetrics.metrics.k8s.io', name);
    return m;
  },
  listPods: (opts) => select(ofKind<Pod>('Pod'), opts, (p) => selectableFields(p as never, 'Pod')),
  getNode: (name) => {
    const n = ofKind<Node>('Node').find((x) => x.metadata.name === name);
    if (!n) throw notFound('nodes', name);
    return n;
  },
  listNodes: (opts) => select(ofKind<Node>('Node'), opts, meta),
};

const open: TopClientOpener = async (ctx) => ({ client, namespace: ctx.flags.namespace ?? 'default', close: () => {} });

async function mkTop(args: string[]): Promise<{ output: string; code: number }> {
  let output = '';
  const io = { out: (s: string) => void (output += s), err: (s: string) => void (output += s), readStdin: async () => '', isTTY: false };
  const ctx: CliContext = { io, flags: {} };
  const program = buildProgram(ctx, [(c) => topCommand(c, open)]);
  try {
    await program.parseAsync(commanderArgs(program, args), { from: 'user' });
    return { output, code: 0 };
  } catch (e) {
    const code = reportError(e, io);
    return { output, code };
  }
}

describe('mk top prints what kubectl 1.32 prints', () => {
  test.each(topCases.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const want = readFileSync(join(repo, 'test/golden/top', `${name}.txt`), 'utf8').replaceAll("'kubectl ", "'mk ");
    const got = await mkTop(c.args);
    expect(got.output).toBe(want);
    expect(got.code).toBe(c.exit ?? 0);
  });
});
