// What the rollout subcommands share: their resource flags, the builder call they all make
// (ResourceTypeOrNameArgs(true, ...): a bare type means every object of it), and the way
// pause/resume/restart turn an object change into a patch.
import type { Command } from 'commander';
import type { KubeObject } from '../../../api/object.js';
import type { ClusterHandle } from '../../../cluster/runtime.js';
import type { CliContext, Target } from '../../context.js';
import { addFilenameFlags, createMergePatch, resolveTargets, type Info, type Resolved, type TargetFlags } from '../workload-targets.js';

export interface RolloutFlags extends TargetFlags {
  output?: string;
}

export const OUTPUT_HELP = 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).';

export function addRolloutFlags(cmd: Command, opts: { selector?: boolean; output?: boolean } = {}): Command {
  addFilenameFlags(cmd, 'identifying the resource to get from a server.');
  if (opts.selector !== false) {
    cmd.option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.");
  }
  if (opts.output !== false) cmd.option('-o, --output <format>', OUTPUT_HELP);
  return cmd;
}

/** Validate()'s first check in every rollout subcommand. */
export function requireResources(args: string[], flags: TargetFlags): void {
  if (args.length === 0 && !(flags.filename ?? []).length) throw new Error('required resource not specified');
}

export function rolloutTargets(ctx: CliContext, cluster: ClusterHandle, target: Target, args: string[], flags: TargetFlags): Promise<Resolved> {
  return resolveTargets(ctx, cluster, target, args, flags, { allowEmptySelector: true, verb: 'rollout' });
}

/** `deployments.apps`, as the per-object errors of pause, resume and restart name the resource. */
export function resourceString(info: Info): string {
  return info.kind.group ? `${info.kind.resource}.${info.kind.group}` : info.kind.resource;
}

/**
 * set.CalculatePatches with a polymorphichelpers object function: the function changes a copy
 * of the object or throws the reason it cannot; the patch is the difference.
 */
export function objectPatch(info: Info, change: (obj: KubeObject) => void): { patch?: Record<string, unknown>; err?: Error } {
  const after = structuredClone(info.obj);
  try {
    change(after);
  } catch (e) {
    return { err: e as Error };
  }
  return { patch: createMergePatch(info.obj, after) };
}
