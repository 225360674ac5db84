// `mk create cronjob NAME --image=IMAGE --schedule='0/5 * * * ?' [--restart] [-- COMMAND...]`: the
// CronJob kubectl 1.32's create_cronjob.go builds (one container named after it, restartPolicy
// OnFailure unless --restart says otherwise).
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import type { CliContext } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { argsBeforeDash } from './create-deployment.js';
import { generatedPodTemplate } from './create-job.js';
import { failedToCreate, type CreateGenerated } from './create-pdb.js';
import { addWriteFlags, type WriteFlags } from './write-flags.js';

interface CreateCronJobFlags extends WriteFlags {
  image?: string;
  schedule?: string;
  restart?: string;
}

export function createCronJobCommand(ctx: CliContext, createGenerated: CreateGenerated): Command {
  const cmd = new Command('cronjob').alias('cj')
    .description('Create a cron job with the specified name')
    .usage('NAME --image=image --schedule=\'0/5 * * * ?\' -- [COMMAND] [args...] [options]')
    .argument('[name]')
    .argument('[command...]')
    .option('--image <image>', 'Image name to run.')
    .option('--schedule <schedule>', 'A schedule in the Cron format the job should be run with.')
    .option('--restart <policy>', "job's restart policy. supported values: OnFailure, Never");
  addWriteFlags(cmd);
  return cmd.action(async (name: string | undefined, command: string[], flags: CreateCronJobFlags, self: Command) => {
    const missing = [flags.image === undefined ? '"image"' : '', flags.schedule === undefined ? '"schedule"' : ''].filter(Boolean);
    if (missing.length) throw new RawError(`error: required flag(s) ${missing.join(', ')} not set`);
    const args = name === undefined ? [] : [name, ...command];
    const beforeDash = argsBeforeDash(self, args.length);
    if (beforeDash !== 1) {
      throw new UsageError(`exactly one NAME is required, got ${beforeDash}`, "See 'mk create cronjob -h' for help and examples");
    }
    const cj = buildCronJob(args[0], flags.image!, flags.schedule!, flags.restart || 'OnFailure', args.slice(1));
    if (ctx.flags.namespace) cj.metadata.namespace = ctx.flags.namespace;
    await createGenerated(ctx, flags, cj, { failure: failedToCreate('cronjob: ') });
  });
}

/** createCronJob, in the field order kubectl's YAML printer shows. */
export function buildCronJob(name: string, image: string, schedule: string, restartPolicy: string, command: string[]): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { creationTimestamp: null, name },
    spec: {
      jobTemplate: {
        metadata: { creationTimestamp: null, name },
        spec: {
          template: generatedPodTemplate(name, image, command, restartPolicy),
        },
      },
      schedule,
    },
    status: {},
  };
}
