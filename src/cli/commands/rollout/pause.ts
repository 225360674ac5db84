// `mk rollout pause|resume`: kubectl 1.32's rollout_pause.go / rollout_resume.go with
// polymorphichelpers' objectpauser.go / objectresumer.go (only Deployments can be paused).
import { Command } from 'commander';
import type { KubeObject } from '../../../api/object.js';
import { ApiError } from '../../../apiserver/errors.js';
import { enableWrites, settle } from '../../../cluster/runtime.js';
import type { CliContext } from '../../context.js';
import { connect } from '../../context.js';
import { newAggregate } from '../../errors.js';
import { printWriteResult } from '../write-flags.js';
import { addRolloutFlags, objectPatch, requireResources, resourceString, rolloutTargets, type RolloutFlags } from './common.js';

interface PauseFlags extends RolloutFlags {
  fieldManager: string;
}

interface Toggle {
  verb: 'pause' | 'resume';
  description: string;
  /** The operation a patched object is printed with, and the one for an object already there. */
  done: string;
  unchanged: string;
  /** The object function: changes the copy or throws why it cannot. */
  change(obj: KubeObject): void;
}

const isDeployment = (obj: KubeObject) => obj.kind === 'Deployment' && ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'].includes(obj.apiVersion);

const pause: Toggle = {
  verb: 'pause',
  description: 'Mark the provided resource as paused',
  done: 'paused',
  unchanged: 'already paused',
  change(obj) {
    if (!isDeployment(obj)) throw new Error('pausing is not supported');
    const spec = obj.spec as { paused?: boolean };
    if (spec.paused) throw new Error('is already paused');
    spec.paused = true;
  },
};

const resume: Toggle = {
  verb: 'resume',
  description: 'Resume a paused resource',
  done: 'resumed',
  unchanged: 'already resumed',
  change(obj) {
    if (!isDeployment(obj)) throw new Error('resuming is not supported');
    const spec = obj.spec as { paused?: boolean };
    if (!spec.paused) throw new Error('is not paused');
    spec.paused = false;
  },
};

export const pauseCommand = (ctx: CliContext) => toggleCommand(ctx, pause);
export const resumeCommand = (ctx: CliContext) => toggleCommand(ctx, resume);

function toggleCommand(ctx: CliContext, t: Toggle): Command {
  const cmd = new Command(t.verb)
    .description(t.description)
    .usage('RESOURCE [options]')
    .argument('[args...]')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-rollout');
  addRolloutFlags(cmd);
  return cmd.action(async (args: string[], flags: PauseFlags) => {
    requireResources(args, flags);
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      const { infos, errors } = await rolloutTargets(ctx, cluster, target, args, flags);
      const allErrs: Error[] = [...errors];
      for (const info of infos) {
        const { patch, err } = objectPatch(info, t.change);
        if (err) {
          allErrs.push(new Error(`error: ${resourceString(info)} "${info.name}" ${err.message}`));
          continue;
        }
        if (!patch || Object.keys(patch).length === 0) {
          await printWriteResult(ctx.io, info.obj, flags.output, t.unchanged);
          continue;
        }
        let patched: KubeObject;
        try {
          patched = cluster.api.patch(info.resource, info.namespace, info.name, 'merge', patch, { fieldManager: flags.fieldManager });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          allErrs.push(new Error(`failed to patch: ${e.status.message}`));
          continue;
        }
        await printWriteResult(ctx.io, patched, flags.output, t.done);
      }
      await settle(cluster);
      const agg = newAggregate(allErrs);
      if (agg) throw agg;
    } finally {
      cluster.store.close();
    }
  });
}
