// `mk rollout status`: kubectl 1.32's rollout_status.go. Each selected object in turn is watched
// and its status line printed for every event, as kubectl's UntilWithSync loop does — so a
// status write that leaves the line unchanged prints it again — until the rollout is done,
// fails (progress deadline exceeded, the object deleted), or --timeout passes.
import { Command } from 'commander';
import { qualifiedResource } from '../../../api/registry.js';
import type { CliContext } from '../../context.js';
import { connect } from '../../context.js';
import { newAggregate } from '../../errors.js';
import { boolFlag, durationFlag, intFlag } from '../workload-targets.js';
import { addRolloutFlags, requireResources, rolloutTargets, type RolloutFlags } from './common.js';

interface StatusFlags extends RolloutFlags {
  watch?: string | boolean;
  revision?: string;
  timeout?: string;
}

/**
 * Manual clocks: with no --timeout, a rollout whose Deployment has seen no change for this long
 * (or its progress deadline and a minute, if longer) is taken as stuck rather than waited on
 * forever, so a script on a manual clock always finishes.
 */
const MANUAL_QUIET_MS = 60 * 60 * 1000;

export function statusCommand(ctx: CliContext): Command {
  const cmd = new Command('status')
    .description('Show the status of the rollout')
    .usage('(TYPE NAME | TYPE/NAME) [flags] [options]')
    .argument('[args...]')
    .option('-w, --watch [bool]', "Watch the status of the rollout until it's done.")
    .option('--revision <n>', 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).')
    .option('--timeout <duration>', 'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).');
  addRolloutFlags(cmd, { output: false });
  return cmd.action(async (rawArgs: string[], flags: StatusFlags) => {
    const args = [...rawArgs];
    // `-w deploy/x`: a bool flag never takes the next argument as its value.
    let watchValue = flags.watch;
    if (typeof watchValue === 'string' && !isBoolText(watchValue)) {
      args.unshift(watchValue);
      watchValue = true;
    }
    const watch = boolFlag(watchValue, '-w, --watch', true, 'rollout status');
    const revision = intFlag(flags.revision, '--revision', 0, 'rollout status');
    const timeoutMs = await durationFlag(flags.timeout, '--timeout', 0, 'rollout status');
    requireResources(args, flags);
    if (revision < 0) throw new Error(`revision must be a positive integer: ${revision}`);
    const { target, cluster } = await connect(ctx.flags);
    try {
      const { ordered } = await rolloutTargets(ctx, cluster, target, args, flags);
      const allErrs: Error[] = [];
      const { statusViewerFor } = await import('./status-viewer.js');
      const { untilWithSync } = await import('../watch-object.js');
      // Each object in turn, each with its own --timeout; a failure is reported with the others at the end.
      for (const info of ordered) {
        if (info instanceof Error) {
          allErrs.push(info);
          continue;
        }
        const viewer = statusViewerFor(info.kind.group, info.kind.kind);
        if (!viewer) {
          allErrs.push(new Error(`no status viewer has been implemented for ${info.kind.kind}${info.kind.group ? `.${info.kind.group}` : ''}`));
          continue;
        }
        const deadlineSeconds = (info.obj.spec as { progressDeadlineSeconds?: number } | undefined)?.progressDeadlineSeconds;
        try {
          const outcome = await untilWithSync(cluster, { resource: qualifiedResource(info.kind), namespace: info.namespace, name: info.name }, (type, obj) => {
            // A watch that sees the object go aborts rather than follow a new object of the same name.
            if (type === 'DELETED') throw new Error('object has been deleted');
            const { message, done } = viewer(obj, revision);
            ctx.io.out(message);
            return done || !watch;
          }, {
            timeoutMs: timeoutMs > 0 ? timeoutMs : Infinity,
            quietMs: Math.max(MANUAL_QUIET_MS, (deadlineSeconds ?? 0) * 1000 + 60_000),
          });
          if (outcome !== 'met') throw new Error('timed out waiting for the condition');
        } catch (e) {
          if (!(e instanceof Error) || e instanceof TypeError) throw e;
          allErrs.push(e);
        }
      }
      const agg = newAggregate(allErrs);
      if (agg) throw agg;
    } finally {
      cluster.store.close();
    }
  });
}

function isBoolText(v: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v);
}
