// `mk autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]`:
// kubectl 1.32's autoscale.go. For each object with a /scale subresource it creates an
// autoscaling/v1 HorizontalPodAutoscaler (the server keeps it as v2) and prints
// `horizontalpodautoscaler.autoscaling/NAME autoscaled`.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import { SCALABLE_KINDS } from '../../apiserver/scale.js';
import { addFilenameFlags, intFlag, resolveTargets, withDryRun, type Info, type TargetFlags } from './workload-targets.js';
import { printWriteResult, writeFlagsFrom } from './write-flags.js';

interface AutoscaleFlags extends TargetFlags {
  min?: string;
  max?: string;
  cpuPercent?: string;
  name?: string;
  dryRun?: string;
  output?: string;
}

export function autoscaleCommand(ctx: CliContext): Command {
  const cmd = new Command('autoscale')
    .description('Auto-scale a deployment, replica set, stateful set, or replication controller')
    .usage('(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU] [options]')
    .argument('[args...]')
    .option('--cpu-percent <n>', "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.")
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
    .option('--max <n>', 'The upper limit for the number of pods that can be set by the autoscaler. Required.')
    .option('--min <n>', "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.")
    .option('--name <name>', 'The name for the newly created object. If not specified, the name of the input resource will be used.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).');
  addFilenameFlags(cmd, 'identifying the resource to autoscale.');
  return cmd.action(async (args: string[], flags: AutoscaleFlags) => runAutoscale(ctx, args, flags));
}

/** createHorizontalPodAutoscaler: the autoscaling/v1 object kubectl sends. */
export function createHorizontalPodAutoscaler(info: Info, name: string, min: number, max: number, cpuPercent: number): KubeObject {
  return {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: name || info.name },
    spec: {
      scaleTargetRef: { apiVersion: info.kind.group ? `${info.kind.group}/${info.kind.version}` : info.kind.version, kind: info.kind.kind, name: info.name },
      ...(min > 0 ? { minReplicas: min } : {}),
      maxReplicas: max,
      ...(cpuPercent >= 0 ? { targetCPUUtilizationPercentage: cpuPercent } : {}),
    },
  } as unknown as KubeObject;
}

async function runAutoscale(ctx: CliContext, args: string[], flags: AutoscaleFlags): Promise<void> {
  if (flags.max === undefined) throw new RawError('error: required flag(s) "max" not set');
  const min = intFlag(flags.min, '--min', -1, 'autoscale', 32);
  const max = intFlag(flags.max, '--max', -1, 'autoscale', 32);
  const cpuPercent = intFlag(flags.cpuPercent, '--cpu-percent', -1, 'autoscale', 32);
  const { dryRun } = writeFlagsFrom({ dryRun: flags.dryRun });
  // Validate.
  if (max < 1) throw new Error(`--max=MAXPODS is required and must be at least 1, max: ${max}`);
  if (max < min) throw new Error(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);

  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const { ordered } = await resolveTargets(ctx, cluster, target, args, flags, { allowEmptySelector: false, verb: 'autoscale' });
    let count = 0;
    for (const item of ordered) {
      if (item instanceof Error) throw item;
      const k = item.kind;
      if (!SCALABLE_KINDS.has(`${k.group}/${k.kind}`)) {
        const gvr = `${k.group}/${k.version}, Resource=${k.resource}`;
        throw new Error(`cannot autoscale a ${k.kind}: could not find scale subresource for ${gvr} in discovery information`);
      }
      const hpa = createHorizontalPodAutoscaler(item, flags.name ?? '', min, max, cpuPercent);
      count++;
      if (dryRun === 'client') {
        await printWriteResult(ctx.io, withClientDefaults(hpa), flags.output, withDryRun('created', dryRun));
        continue;
      }
      hpa.metadata.namespace = item.namespace;
      const created = cluster.api.create('horizontalpodautoscalers.autoscaling', hpa, { dryRun: dryRun === 'server', fieldManager: 'kubectl-autoscale' });
      await settle(cluster);
      // The client asked through autoscaling/v1 and prints the object as that version reads.
      const { convertV2ToV1 } = await import('../../api/autoscaling/horizontalpodautoscaler/conversion.js');
      const v1 = convertV2ToV1(created as never) as unknown as KubeObject;
      await printWriteResult(ctx.io, v1, flags.output, withDryRun('autoscaled', dryRun));
    }
    if (count === 0) throw new Error('no objects passed to autoscale');
  } finally {
    cluster.store.close();
  }
}

/** The typed v1 object as kubectl's printer shows it: creationTimestamp null and the status zero values. */
function withClientDefaults(hpa: KubeObject): KubeObject {
  return { ...hpa, metadata: { creationTimestamp: null, ...hpa.metadata }, status: { currentReplicas: 0, desiredReplicas: 0 } } as unknown as KubeObject;
}
