// `mk scale --replicas=N (TYPE NAME | TYPE/NAME | -l | --all | -f)`: kubectl 1.32's scale.go.
// Each object is scaled through what its /scale subresource would do (a merge patch of
// spec.replicas), after the --current-replicas / --resource-version preconditions when given,
// and optionally waited on until its status reports the new size (--timeout).
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { ApiError } from '../../apiserver/errors.js';
import { noScaleSubresource, SCALABLE_KINDS } from '../../apiserver/scale.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { newAggregate, RawError } from '../errors.js';
import { waitUntil } from '../wait.js';
import { printWriteResult, writeFlagsFrom } from './write-flags.js';
import {
  addFilenameFlags, CHANGE_CAUSE_ANNOTATION, changeCause, durationFlag, intFlag, RECORD_DEPRECATION, RECORD_HELP, recording, resolveTargets,
  withDryRun, type Info, type TargetFlags,
} from './workload-targets.js';

interface ScaleFlags extends TargetFlags {
  record?: string | boolean;
  replicas?: string;
  currentReplicas?: string;
  resourceVersion?: string;
  timeout?: string;
  dryRun?: string;
  output?: string;
}


export function scaleCommand(ctx: CliContext): Command {
  const cmd = new Command('scale')
    .description('Set a new size for a deployment, replica set, or replication controller')
    .usage('[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]')
    .argument('[args...]')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('--current-replicas <count>', 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.')
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .option('--record [bool]', RECORD_HELP)
    .option('--replicas <count>', 'The new desired number of replicas. Required.')
    .option('--resource-version <version>', 'Precondition for resource version. Requires that the current resource version match this value in order to scale.')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--timeout <duration>', "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).");
  addFilenameFlags(cmd, 'identifying the resource to set a new size');
  return cmd.action(async (args: string[], flags: ScaleFlags) => runScale(ctx, args, flags, cmd));
}

async function runScale(ctx: CliContext, args: string[], flags: ScaleFlags, cmd: Command): Promise<void> {
  if (flags.replicas === undefined) throw new RawError('error: required flag(s) "replicas" not set');
  if (flags.record !== undefined) ctx.io.err(RECORD_DEPRECATION);
  const record = recording(flags.record) ? changeCause(cmd) : undefined;
  const replicas = intFlag(flags.replicas, '--replicas', 0, 'scale');
  const currentReplicas = intFlag(flags.currentReplicas, '--current-replicas', -1, 'scale');
  const timeoutMs = await durationFlag(flags.timeout, '--timeout', 0, 'scale');
  const { dryRun } = writeFlagsFrom({ dryRun: flags.dryRun });
  if (replicas < 0) throw new Error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (currentReplicas < -1) throw new Error('The --current-replicas must specify an integer of -1 or greater');

  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const { infos, errors } = await resolveTargets(ctx, cluster, target, args, flags, { allowEmptySelector: false, verb: 'scale' });
    const infoErr = newAggregate(errors);
    if (flags.resourceVersion && infos.length > 1) throw new Error('cannot use --resource-version with multiple resources');
    if (infos.length === 0) {
      if (infoErr) throw infoErr;
      throw new Error('no objects passed to scale');
    }
    const precondition = currentReplicas !== -1 || flags.resourceVersion ? { size: currentReplicas, resourceVersion: flags.resourceVersion ?? '' } : undefined;
    for (const info of infos) {
      if (dryRun !== 'client') {
        scaleOne(cluster.api, info, replicas, precondition, dryRun === 'server');
        if (record !== undefined && info.obj.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION] !== record) {
          // Recording is best effort: kubectl only logs a failure to write the change-cause.
          try {
            cluster.api.patch(info.resource, info.namespace, info.name, 'merge', { metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: record } } },
              { fieldManager: 'kubectl' });
          } catch (e) {
            if (!(e instanceof ApiError)) throw e;
          }
        }
        await settle(cluster);
        if (timeoutMs !== 0 && !dryRun) await waitForReplicas(cluster, info, replicas, timeoutMs);
      }
      // kubectl 1.32 prints the object as it fetched it, before scaling.
      await printWriteResult(ctx.io, info.obj, flags.output, withDryRun('scaled', dryRun));
    }
    if (infoErr) throw infoErr;
  } finally {
    cluster.store.close();
  }
}

interface Precondition {
  /** -1: no condition on the size. */
  size: number;
  /** '': no condition on the resource version. */
  resourceVersion: string;
}

type ScaleApi = Pick<import('../../apiserver/api.js').Api, 'get' | 'patch'>;

/** genericScaler.ScaleSimple, against what the /scale subresource reads and writes. */
export function scaleOne(api: ScaleApi, info: Info, replicas: number, precondition: Precondition | undefined, dryRun: boolean): KubeObject {
  if (!SCALABLE_KINDS.has(`${info.kind.group}/${info.kind.kind}`)) throw noScaleSubresource();
  if (precondition) {
    const current = api.get(info.resource, info.namespace, info.name);
    const specReplicas = (current.spec as { replicas?: number } | undefined)?.replicas ?? 0;
    if (precondition.size !== -1 && specReplicas !== precondition.size) {
      throw new Error(`Expected replicas to be ${precondition.size}, was ${specReplicas}`);
    }
    if (precondition.resourceVersion && current.metadata.resourceVersion !== precondition.resourceVersion) {
      throw new Error(`Expected resource version to be ${precondition.resourceVersion}, was ${current.metadata.resourceVersion ?? ''}`);
    }
  }
  return api.patch(info.resource, info.namespace, info.name, 'merge', { spec: { replicas } }, { dryRun, fieldManager: 'kubectl', subresource: 'scale' });
}

/** WaitForScaleHasDesiredReplicas: until spec and status agree on the new size, or someone else changed the spec. */
async function waitForReplicas(cluster: import('../../cluster/runtime.js').ClusterHandle, info: Info, replicas: number, timeoutMs: number): Promise<void> {
  const synced = () => {
    const obj = cluster.api.tryGet(info.resource, info.namespace, info.name);
    if (!obj) return true;
    const spec = (obj.spec as { replicas?: number } | undefined)?.replicas ?? 0;
    const status = (obj.status as { replicas?: number } | undefined)?.replicas ?? 0;
    if (spec !== replicas) return true;
    return spec === status && status === replicas;
  };
  if (!(await waitUntil(cluster, synced, timeoutMs))) throw new Error(`timed out waiting for "${info.name}" to be synced`);
}
