// `mk label`: add, change or remove labels, with kubectl's --overwrite rule and its
// labeled / unlabeled / not labeled messages.
import { Command } from 'commander';
import { qualifiedKind, qualifiedResource } from '../../api/registry.js';
import { enableSelectors, enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { applyMapUpdate, selectObjects, splitUpdates } from './map-updates.js';

interface Flags { overwrite?: boolean; selector?: string; all?: boolean; allNamespaces?: boolean; list?: boolean;
  resourceVersion?: string; dryRun?: string; output?: string }

export function labelCommand(ctx: CliContext): Command {
  return new Command('label')
    .description('Update the labels on a resource')
    .argument('<args...>', 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N')
    .option('--overwrite', 'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
    .option('--all', 'Select all resources, in the namespace of the specified resource types')
    .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
    .option('--list', 'If true, display the labels for a given resource.')
    .option('--resource-version <version>', 'If non-empty, the labels update will only succeed if this is the current resource-version for the object.')
    .option('--dry-run <strategy>', 'Must be "none", "server", or "client".')
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .action(async (args: string[], flags: Flags) => {
      const { resourceArgs, update } = splitUpdates(args, 'label');
      if (!flags.list && !Object.keys(update.set).length && !update.remove.length) {
        throw new RawError('error: at least one label update is required');
      }
      const { target, cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        if (flags.selector) await enableSelectors(cluster);
        const { selected, errors } = selectObjects(cluster, target, resourceArgs, flags, 'label');
        for (const { kind, obj } of selected) {
          const ref = `${qualifiedKind(kind)}/${obj.metadata.name}`;
          if (flags.list) {
            for (const [k, v] of Object.entries(obj.metadata.labels ?? {}).sort()) ctx.io.out(`${k}=${v}\n`);
            continue;
          }
          const before = obj.metadata.labels ?? {};
          const labels = applyMapUpdate(before, update, !!flags.overwrite, 'label');
          const changed = JSON.stringify(Object.entries(before).sort()) !== JSON.stringify(Object.entries(labels).sort());
          let msg = 'not labeled';
          if (changed) {
            msg = !flags.overwrite && Object.keys(labels).length < Object.keys(before).length ? 'unlabeled' : 'labeled';
            const patch: Record<string, unknown> = { metadata: { labels: diffPatch(before, labels) } };
            if (flags.resourceVersion) (patch.metadata as Record<string, unknown>).resourceVersion = flags.resourceVersion;
            cluster.api.patch(qualifiedResource(kind), obj.metadata.namespace, obj.metadata.name, 'merge', patch,
              { dryRun: flags.dryRun === 'server' || flags.dryRun === 'client' });
          }
          ctx.io.out(flags.output === 'name' ? `${ref}\n` : `${ref} ${msg}${dryRunSuffix(flags.dryRun)}\n`);
        }
        await settle(cluster);
        for (const e of errors) ctx.io.err(e + '\n');
        if (errors.length) ctx.exitCode = 1;
      } finally {
        cluster.store.close();
      }
    });
}

export function dryRunSuffix(d: string | undefined): string {
  return d === 'server' ? ' (server dry run)' : d === 'client' ? ' (dry run)' : '';
}

/** A JSON merge patch turning `before` into `after` (null removes a key). */
export function diffPatch(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null;
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) patch[k] = v;
  return patch;
}
