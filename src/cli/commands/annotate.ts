// `mk annotate`: add, change or remove annotations, with kubectl's --overwrite rule.
import { Command } from 'commander';
import { qualifiedKind, qualifiedResource } from '../../api/registry.js';
import { enableSelectors, enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { diffPatch, dryRunSuffix } from './label.js';
import { applyMapUpdate, selectObjects, splitUpdates } from './map-updates.js';

interface Flags { overwrite?: boolean; selector?: string; all?: boolean; allNamespaces?: boolean; list?: boolean;
  resourceVersion?: string; dryRun?: string; output?: string }

export function annotateCommand(ctx: CliContext): Command {
  return new Command('annotate')
    .description('Update the annotations on a resource')
    .argument('<args...>', 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N')
    .option('--overwrite', 'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
    .option('--all', 'Select all resources, in the namespace of the specified resource types.')
    .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
    .option('--list', 'If true, display the annotations for a given resource.')
    .option('--resource-version <version>', 'If non-empty, the annotation update will only succeed if this is the current resource-version for the object.')
    .option('--dry-run <strategy>', 'Must be "none", "server", or "client".')
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .action(async (args: string[], flags: Flags) => {
      const { resourceArgs, update } = splitUpdates(args, 'annotation');
      if (!flags.list && !Object.keys(update.set).length && !update.remove.length) {
        throw new RawError('error: at least one annotation update is required');
      }
      const { target, cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        if (flags.selector) await enableSelectors(cluster);
        const { selected, errors } = selectObjects(cluster, target, resourceArgs, flags, 'annotate');
        for (const { kind, obj } of selected) {
          const ref = `${qualifiedKind(kind)}/${obj.metadata.name}`;
          if (flags.list) {
            for (const [k, v] of Object.entries(obj.metadata.annotations ?? {}).sort()) ctx.io.out(`${k}=${v}\n`);
            continue;
          }
          const before = obj.metadata.annotations ?? {};
          const annotations = applyMapUpdate(before, update, !!flags.overwrite, 'annotation');
          const patch: Record<string, unknown> = { metadata: { annotations: diffPatch(before, annotations) } };
          if (flags.resourceVersion) (patch.metadata as Record<string, unknown>).resourceVersion = flags.resourceVersion;
          cluster.api.patch(qualifiedResource(kind), obj.metadata.namespace, obj.metadata.name, 'merge', patch,
            { dryRun: flags.dryRun === 'server' || flags.dryRun === 'client' });
          ctx.io.out(flags.output === 'name' ? `${ref}\n` : `${ref} annotated${dryRunSuffix(flags.dryRun)}\n`);
        }
        await settle(cluster);
        for (const e of errors) ctx.io.err(e + '\n');
        if (errors.length) ctx.exitCode = 1;
      } finally {
        cluster.store.close();
      }
    });
}
