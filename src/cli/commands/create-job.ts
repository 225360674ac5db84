// `mk create job NAME --image=IMAGE [-- COMMAND...]` and `mk create job NAME --from=cronjob/CJ`:
// the Job kubectl 1.32's create_job.go builds (one container named after the job, restartPolicy
// Never), or a manual run of a CronJob's job template owned by the CronJob.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource, resolveResource } from '../../api/registry.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { goTypeName } from '../attachable-pod.js';
import { UsageError } from '../errors.js';
import { argsBeforeDash } from './create-deployment.js';
import { failedToCreate, type CreateGenerated } from './create-pdb.js';
import { addWriteFlags, type WriteFlags } from './write-flags.js';

interface CreateJobFlags extends WriteFlags {
  image?: string;
  from?: string;
}

export function createJobCommand(ctx: CliContext, createGenerated: CreateGenerated): Command {
  const cmd = new Command('job')
    .description('Create a job with the specified name')
    .usage('NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]')
    .argument('[name]')
    .argument('[command...]')
    .option('--image <image>', 'Image name to run.')
    .option('--from <resource>', 'The name of the resource to create a Job from (only cronjob is supported).');
  addWriteFlags(cmd);
  return cmd.action(async (name: string | undefined, command: string[], flags: CreateJobFlags, self: Command) => {
    const args = name === undefined ? [] : [name, ...command];
    const beforeDash = argsBeforeDash(self, args.length);
    if (beforeDash !== 1) {
      throw new UsageError(`exactly one NAME is required, got ${beforeDash}`, "See 'mk create job -h' for help and examples");
    }
    const cmdline = args.slice(1);
    if ((!flags.image && !flags.from) || (flags.image && flags.from)) throw new Error('either --image or --from must be specified');
    if (cmdline.length && flags.from) throw new Error('cannot specify --from and command');
    const job = flags.from ? await jobFromCronJob(ctx, args[0], flags.from) : buildJob(args[0], flags.image!, cmdline);
    if (ctx.flags.namespace) job.metadata.namespace = ctx.flags.namespace;
    await createGenerated(ctx, flags, job, { failure: failedToCreate('job: ') });
  });
}

/** The pod template kubectl's job and cronjob generators build: one container named after the object. */
export function generatedPodTemplate(name: string, image: string, command: string[], restartPolicy: string): Record<string, unknown> {
  return {
    metadata: { creationTimestamp: null },
    spec: {
      containers: [{ ...(command.length ? { command: [...command] } : {}), image, name, resources: {} }],
      restartPolicy,
    },
  };
}

/** createJob: the job for --image, in the field order kubectl's YAML printer shows. */
export function buildJob(name: string, image: string, command: string[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { creationTimestamp: null, name },
    spec: {
      template: generatedPodTemplate(name, image, command, 'Never'),
    },
    status: {},
  };
}

/** createJobFromCronJob: the CronJob's job template, marked as a manual run and owned by the CronJob. */
async function jobFromCronJob(ctx: CliContext, name: string, from: string): Promise<KubeObject> {
  const slash = from.indexOf('/');
  const kind = resolveResource(slash < 0 ? from : from.slice(0, slash));
  if (slash < 0 || !kind) throw new Error(`the server doesn't have a resource type "${slash < 0 ? from : from.slice(0, slash)}"`);
  const { target, cluster } = await connect(ctx.flags);
  let source: KubeObject;
  try {
    source = cluster.api.get(qualifiedResource(kind), kind.namespaced ? target.namespace : undefined, from.slice(slash + 1));
  } finally {
    cluster.store.close();
  }
  if (kind.kind !== 'CronJob') throw new Error(`unknown object type ${goTypeName(kind)}`);
  const template = (source.spec as { jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: unknown } }).jobTemplate ?? {};
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...template.metadata?.annotations },
      creationTimestamp: null,
      ...(template.metadata?.labels ? { labels: { ...template.metadata.labels } } : {}),
      name,
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: source.metadata.name, uid: source.metadata.uid!, controller: true }],
    },
    spec: structuredClone(template.spec ?? {}),
    status: {},
  };
}
