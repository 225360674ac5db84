// `mk taint nodes NAME key=value:Effect | key:Effect | key- | key:Effect-`: kubectl 1.32's
// taint.go with the taint utilities it calls (ParseTaints, CheckIfTaintsAlreadyExists,
// ReorganizeTaints), so the operation word (tainted / untainted / modified), the order of the
// resulting taints and the error texts are upstream's.
import { Command } from 'commander';
import type { Node, Taint } from '../../api/core/node/schema.js';
import type { KubeObject } from '../../api/object.js';
import { formatTime } from '../../apiserver/time.js';
import { enableSelectors, enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';

interface TaintFlags { overwrite?: boolean; selector?: string; all?: boolean; dryRun?: string }

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function taintCommand(ctx: CliContext): Command {
  return new Command('taint')
    .description('Update the taints on one or more nodes')
    .usage('NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]')
    .argument('[args...]')
    .option('--overwrite', 'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on, supports \'=\', \'==\', \'!=\', \'in\', \'notin\'.')
    .option('--all', 'Select all nodes in the cluster')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client".')
    .action(async (args: string[], flags: TaintFlags) => {
      const { resources, taintArgs } = splitTaintArgs(args);
      const { add, remove } = parseTaints(taintArgs);
      if (!add.length && !remove.length) throw new RawError('error: at least one taint update is required');
      const names = nodeNames(resources, flags);
      const { cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        let nodes: Node[];
        if (flags.selector || flags.all) {
          if (flags.selector) await enableSelectors(cluster);
          nodes = cluster.api.list<KubeObject>('nodes', { labelSelector: flags.selector }) as unknown as Node[];
        } else {
          nodes = names.map((n) => cluster.api.get<KubeObject>('nodes', undefined, n) as unknown as Node);
        }
        for (const node of nodes) {
          const name = node.metadata.name;
          if (!flags.overwrite) {
            const exists = checkIfTaintsAlreadyExists(node.spec?.taints ?? [], add);
            if (exists) throw new RawError(`error: node ${name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`);
          }
          const { operation, taints, errors } = reorganizeTaints(node, !!flags.overwrite, stamp(add, cluster.now()), remove);
          if (errors.length) throw new RawError(`error: ${errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`}`);
          const dry = flags.dryRun === 'client' || flags.dryRun === '';
          if (!dry) {
            cluster.api.patch('nodes', undefined, name, 'merge', { spec: { taints: taints.length ? taints : null } },
              { dryRun: flags.dryRun === 'server', fieldManager: 'kubectl-taint' });
          }
          const suffix = flags.dryRun === 'server' ? ' (server dry run)' : dry ? ' (dry run)' : '';
          ctx.io.out(`node/${name} ${operation}${suffix}\n`);
        }
        await settle(cluster);
      } finally {
        cluster.store.close();
      }
    });
}

/** NoExecute taints carry the time they were added, as the API server's node strategy sets it. */
function stamp(taints: Taint[], now: number): Taint[] {
  return taints.map((t) => (t.effect === 'NoExecute' && !t.timeAdded ? { ...t, timeAdded: formatTime(now) } : t));
}

/** Resource args first (`nodes x`, `node/x`), then taint specs: anything with `=` or `:`, or ending in `-`. */
function splitTaintArgs(args: string[]): { resources: string[]; taintArgs: string[] } {
  const resources: string[] = [];
  const taintArgs: string[] = [];
  let met = false;
  for (const s of args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (!met && isTaint) met = true;
    if (met && isTaint) taintArgs.push(s);
    else if (!met) resources.push(s);
    else throw new RawError(`error: all resources must be specified before taint changes: ${s}`);
  }
  return { resources, taintArgs };
}

function nodeNames(resources: string[], flags: TaintFlags): string[] {
  if (!resources.length) throw new RawError('error: one or more resources must be specified as <resource> <name>');
  const [first, ...rest] = resources;
  const isNodeType = (t: string) => ['node', 'nodes', 'no'].includes(t.toLowerCase());
  if (first.includes('/')) {
    return resources.map((r) => {
      const [t, n] = r.split('/');
      if (!isNodeType(t)) throw new RawError(`error: invalid resource ${r}, only node types are supported`);
      return n;
    });
  }
  if (!isNodeType(first)) throw new RawError(`error: invalid resource type ${first}, only node types are supported`);
  if (!rest.length && !flags.selector && !flags.all) throw new RawError('error: resource(s) were provided, but no name was specified');
  return rest;
}

/** taintutils.ParseTaints: specs to add and to remove, with upstream's errors. */
export function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [];
  const remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const body = spec.slice(0, -1);
      const [key, effect] = body.split(':');
      if (effect !== undefined && !EFFECTS.includes(effect)) {
        throw new RawError(`error: invalid taint effect: ${effect}, unsupported taint effect`);
      }
      remove.push({ key, ...(effect ? { effect } : {}) } as Taint);
      continue;
    }
    const taint = parseTaint(spec);
    const id = `${taint.key}:${taint.effect}`;
    if (seen.has(id)) throw new RawError(`error: duplicated taints with the same key and effect: ${JSON.stringify(taint)}`);
    seen.add(id);
    add.push(taint);
  }
  return { add, remove };
}

function parseTaint(st: string): Taint {
  const parts = st.split(':');
  if (parts.length !== 2 || !parts[1]) throw new RawError(`error: invalid taint spec: ${st}`);
  const effect = parts[1];
  if (!EFFECTS.includes(effect)) throw new RawError(`error: invalid taint effect: ${effect}, unsupported taint effect`);
  const kv = parts[0].split('=');
  if (kv.length > 2 || !kv[0]) throw new RawError(`error: invalid taint spec: ${st}`);
  return { key: kv[0], ...(kv.length === 2 ? { value: kv[1] } : {}), effect };
}

export function checkIfTaintsAlreadyExists(oldTaints: Taint[], taints: Taint[]): string {
  const existing: string[] = [];
  for (const t of taints) {
    for (const o of oldTaints) if (t.key === o.key && t.effect === o.effect) existing.push(t.key);
  }
  return existing.join(',');
}

const taintToString = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

/** taintutils.ReorganizeTaints: the new taints first, then the old ones they don't replace, minus removals. */
export function reorganizeTaints(node: Node, overwrite: boolean, toAdd: Taint[], toRemove: Taint[]):
  { operation: string; taints: Taint[]; errors: string[] } {
  let taints = [...toAdd];
  const old = node.spec?.taints ?? [];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of toRemove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (!r.effect || t.effect === r.effect)));
    removed = taints.length < before;
    if (!removed) errors.push(`taint "${taintToString(r)}" not found`);
  }
  const operation = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { operation, taints, errors };
}
