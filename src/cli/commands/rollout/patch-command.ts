// The shape rollout pause, resume and restart share (rollout_pause.go, rollout_resume.go,
// rollout_restart.go): resolve the targets, turn each object change into a merge patch, send it,
// print each object with the operation, and report every failure together at the end.
import { Command } from 'commander';
import type { KubeObject } from '../../../api/object.js';
import { ApiError } from '../../../apiserver/errors.js';
import { enableWrites, settle, type ClusterHandle } from '../../../cluster/runtime.js';
import type { CliContext } from '../../context.js';
import { connect } from '../../context.js';
import { newAggregate } from '../../errors.js';
import { printWriteResult } from '../write-flags.js';
import { addRolloutFlags, objectPatch, requireResources, resourceString, rolloutTargets, type RolloutFlags } from './common.js';

interface PatchFlags extends RolloutFlags {
  fieldManager: string;
}

export interface ObjectPatchVerb {
  verb: string;
  description: string;
  /** The operation a patched object is printed with. */
  done: string;
  /**
   * An empty patch: printed with this operation and not sent (pause, resume); without it,
   * reported as an error and sent anyway, as restart does.
   */
  unchanged?: string;
  /** The object function for this run: changes the copy or throws why it cannot. */
  change(cluster: ClusterHandle): (obj: KubeObject) => void;
}

export function objectPatchCommand(ctx: CliContext, v: ObjectPatchVerb): Command {
  const cmd = new Command(v.verb)
    .description(v.description)
    .usage('RESOURCE [options]')
    .argument('[args...]')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-rollout');
  addRolloutFlags(cmd);
  return cmd.action(async (args: string[], flags: PatchFlags) => {
    requireResources(args, flags);
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      const { infos, errors } = await rolloutTargets(ctx, cluster, target, args, flags);
      const allErrs: Error[] = [...errors];
      const change = v.change(cluster);
      for (const info of infos) {
        const { patch, err } = objectPatch(info, change);
        if (err) {
          allErrs.push(new Error(`error: ${resourceString(info)} "${info.name}" ${err.message}`));
          continue;
        }
        if (!patch || Object.keys(patch).length === 0) {
          if (v.unchanged !== undefined) {
            await printWriteResult(ctx.io, info.obj, flags.output, v.unchanged);
            continue;
          }
          // kubectl reports an empty patch (a second restart within the same second) and sends it anyway.
          allErrs.push(new Error(`failed to create patch for ${info.name}: empty patch`));
        }
        let patched: KubeObject;
        try {
          patched = cluster.api.patch(info.resource, info.namespace, info.name, 'merge', patch ?? {}, { fieldManager: flags.fieldManager });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          allErrs.push(new Error(`failed to patch: ${e.status.message}`));
          continue;
        }
        await printWriteResult(ctx.io, patched, flags.output, v.done);
      }
      await settle(cluster);
      const agg = newAggregate(allErrs);
      if (agg) throw agg;
    } finally {
      cluster.store.close();
    }
  });
}
