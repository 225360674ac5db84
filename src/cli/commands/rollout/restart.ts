// `mk rollout restart`: kubectl 1.32's rollout_restart.go with objectrestarter.go — a
// `kubectl.kubernetes.io/restartedAt` annotation on the pod template, stamped with the cluster's
// current time, makes the controller roll every pod.
import { Command } from 'commander';
import type { KubeObject } from '../../../api/object.js';
import { ApiError } from '../../../apiserver/errors.js';
import { enableWrites, settle } from '../../../cluster/runtime.js';
import type { CliContext } from '../../context.js';
import { connect } from '../../context.js';
import { newAggregate } from '../../errors.js';
import { printWriteResult } from '../write-flags.js';
import { addRolloutFlags, objectPatch, requireResources, resourceString, rolloutTargets, type RolloutFlags } from './common.js';

export const RESTARTED_AT_ANNOTATION = 'kubectl.kubernetes.io/restartedAt';

interface RestartFlags extends RolloutFlags {
  fieldManager: string;
}

export function restartCommand(ctx: CliContext): Command {
  const cmd = new Command('restart')
    .description('Restart a resource')
    .usage('RESOURCE [options]')
    .argument('[args...]')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-rollout');
  addRolloutFlags(cmd);
  return cmd.action(async (args: string[], flags: RestartFlags) => {
    requireResources(args, flags);
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      const { infos, errors } = await rolloutTargets(ctx, cluster, target, args, flags);
      const allErrs: Error[] = [...errors];
      const stamp = rfc3339(cluster.now());
      for (const info of infos) {
        const { patch, err } = objectPatch(info, (obj) => restart(obj, stamp));
        if (err) {
          allErrs.push(new Error(`error: ${resourceString(info)} "${info.name}" ${err.message}`));
          continue;
        }
        // kubectl reports an empty patch (a second restart within the same second) and sends it anyway.
        if (!patch || Object.keys(patch).length === 0) allErrs.push(new Error(`failed to create patch for ${info.name}: empty patch`));
        let patched: KubeObject;
        try {
          patched = cluster.api.patch(info.resource, info.namespace, info.name, 'merge', patch ?? {}, { fieldManager: flags.fieldManager });
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
          allErrs.push(new Error(`failed to patch: ${e.status.message}`));
          continue;
        }
        await printWriteResult(ctx.io, patched, flags.output, 'restarted');
      }
      await settle(cluster);
      const agg = newAggregate(allErrs);
      if (agg) throw agg;
    } finally {
      cluster.store.close();
    }
  });
}

/** defaultObjectRestarter. */
export function restart(obj: KubeObject, stamp: string): void {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : '';
  const restartable = (obj.kind === 'Deployment' && ['apps', 'extensions'].includes(group))
    || (obj.kind === 'DaemonSet' && ['apps', 'extensions'].includes(group))
    || (obj.kind === 'StatefulSet' && group === 'apps');
  if (!restartable) throw new Error('restarting is not supported');
  const spec = obj.spec as { paused?: boolean; template?: { metadata?: { annotations?: Record<string, string> } } };
  if (obj.kind === 'Deployment' && spec.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  const template = (spec.template ??= {});
  const meta = (template.metadata ??= {});
  meta.annotations = { ...meta.annotations, [RESTARTED_AT_ANNOTATION]: stamp };
}

/** Go's time.Format(time.RFC3339) in the local time zone: `2025-01-01T00:00:00Z` or `...+01:00`. */
export function rfc3339(ms: number): string {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const offset = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + offset * 60_000);
  const base = local.toISOString().slice(0, 19);
  if (offset === 0) return `${base}Z`;
  const sign = offset > 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return `${base}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
