// `mk run NAME --image=...`: the Pod kubectl run's generator builds (labels run=NAME unless
// --labels, args or --command, env, port, restart policy), created or printed for --dry-run=client,
// or created and attached to with -i/--attach (run-attach.ts).
import { Command } from 'commander';
import type { Pod } from '../../api/core/pod/schema.js';
import { parseGoDuration } from '../../api/go-duration.js';
import type { KubeObject } from '../../api/object.js';
import { enableWrites, releaseLease, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { addWriteFlags, printWriteResult, writeFlagsFrom, type WriteFlags } from './write-flags.js';

interface RunFlags extends WriteFlags {
  image?: string;
  restart?: string;
  command?: boolean;
  env: string[];
  labels?: string;
  port?: string;
  imagePullPolicy?: string;
  annotations: string[];
  serviceaccount?: string;
  rm?: boolean;
  stdin?: boolean;
  tty?: boolean;
  attach?: string | boolean;
  leaveStdinOpen?: boolean;
  quiet?: boolean;
  podRunningTimeout: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function runCommand(ctx: CliContext): Command {
  const cmd = new Command('run')
    .description('Run a particular image on the cluster')
    .argument('<name>')
    .argument('[args...]')
    .option('--image <image>', 'The image for the container to run.')
    .option('--restart <policy>', 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].', 'Always')
    .option('--command', 'If true and extra arguments are present, use them as the \'command\' field in the container, rather than the \'args\' field which is the default.')
    .option('--env <env>', 'Environment variables to set in the container.', collect, [])
    .option('-l, --labels <labels>', 'Comma separated labels to apply to the pod. Will override previous values.')
    .option('--port <port>', 'The port that this container exposes.')
    .option('--image-pull-policy <policy>', "The image pull policy for the container.")
    .option('--annotations <annotation>', 'Annotations to apply to the pod.', collect, [])
    .option('--serviceaccount <name>', 'Service account to set in the pod spec.')
    .option('--rm', 'If true, delete the pod after it exits.')
    .option('-i, --stdin', 'Keep stdin open on the container in the pod, even if nothing is attached.')
    .option('-t, --tty', 'Allocate a TTY for the container in the pod.')
    .option('--attach [bool]', "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.")
    .option('--leave-stdin-open', 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.')
    .option('-q, --quiet', 'If true, suppress prompt messages.')
    .option('--pod-running-timeout <duration>', 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running', '1m0s');
  addWriteFlags(cmd);
  return cmd.action(async (name: string, args: string[], flags: RunFlags) => {
    if (!flags.image) throw new RawError('error: required flag(s) "image" not set');
    if (flags.tty && !flags.stdin) throw new RawError('error: -i/--stdin is required for containers with -t/--tty=true');
    if (!['Always', 'OnFailure', 'Never'].includes(flags.restart ?? 'Always')) {
      throw new RawError(`error: invalid restart policy: ${flags.restart}`);
    }
    // --attach defaults to true with -i.
    const attach = flags.attach === undefined ? !!flags.stdin : flags.attach !== 'false';
    if (flags.rm && !attach) throw new RawError('error: --rm should only be used for attached containers');
    const write = writeFlagsFrom(flags);
    if (attach && write.dryRun) {
      throw new RawError("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
    }
    const timeoutMs = parseGoDuration(flags.podRunningTimeout);
    if (timeoutMs === undefined) {
      throw new RawError(`error: invalid argument "${flags.podRunningTimeout}" for "--pod-running-timeout" flag: time: invalid duration "${flags.podRunningTimeout}"\nSee 'mk run --help' for usage.`);
    }
    const pod = buildPod(name, args, flags);
    if (write.dryRun === 'client') {
      if (ctx.flags.namespace) pod.metadata.namespace = ctx.flags.namespace;
      await printWriteResult(ctx.io, pod, flags.output, 'created (dry run)');
      return;
    }
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      const toCreate = structuredClone(pod);
      delete toCreate.status;
      toCreate.metadata.namespace = target.namespace;
      const created = cluster.api.create('pods', toCreate, { dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: 'kubectl-run' });
      if (attach) {
        // An attached run prints the container's streams instead of the object.
        await settle(cluster);
        const { attachRun } = await import('./run-attach.js');
        await attachRun(ctx, cluster, created as unknown as Pod, {
          stdin: !!flags.stdin, tty: !!flags.tty, quiet: !!flags.quiet, remove: !!flags.rm,
          // A zero timeout is none (watchtools.ContextWithOptionalTimeout).
          restartPolicy: flags.restart ?? 'Always', timeoutMs: timeoutMs > 0 ? timeoutMs : Infinity, leaveStdinOpen: !!flags.leaveStdinOpen,
        });
        return;
      }
      await printWriteResult(ctx.io, created, flags.output, write.dryRun === 'server' ? 'created (server dry run)' : 'created');
      await settle(cluster);
    } finally {
      // An attached run follows the pod holding the cluster's lease, as logs -f does.
      releaseLease(cluster);
      cluster.store.close();
    }
  });
}

function parseLabels(spec: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const i = part.indexOf('=');
    if (i <= 0) throw new UsageError(`invalid label spec: ${part}`);
    labels[part.slice(0, i)] = part.slice(i + 1);
  }
  return labels;
}

export function buildPod(name: string, args: string[], flags: RunFlags): KubeObject {
  const env = flags.env.map((e) => {
    const i = e.indexOf('=');
    if (i <= 0) throw new RawError(`error: invalid env: ${e}`);
    return { name: e.slice(0, i), value: e.slice(i + 1) };
  });
  const annotations: Record<string, string> = {};
  for (const a of flags.annotations) {
    const i = a.indexOf('=');
    if (i <= 0) throw new RawError(`error: invalid annotation spec: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const port = flags.port !== undefined ? Number(flags.port) : undefined;
  if (port !== undefined && !Number.isInteger(port)) throw new RawError(`error: strconv.Atoi: parsing "${flags.port}": invalid syntax`);
  const container: Record<string, unknown> = {
    ...(args.length ? { [flags.command ? 'command' : 'args']: args } : {}),
    ...(env.length ? { env } : {}),
    image: flags.image,
    ...(flags.imagePullPolicy ? { imagePullPolicy: flags.imagePullPolicy } : {}),
    name,
    ...(port !== undefined ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
    ...(flags.stdin ? { stdin: true } : {}),
    ...(flags.tty ? { tty: true } : {}),
  };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(Object.keys(annotations).length ? { annotations } : {}),
      creationTimestamp: null,
      labels: flags.labels ? parseLabels(flags.labels) : { run: name },
      name,
    },
    spec: {
      containers: [container],
      dnsPolicy: 'ClusterFirst',
      restartPolicy: flags.restart ?? 'Always',
      ...(flags.serviceaccount ? { serviceAccountName: flags.serviceaccount } : {}),
    },
    status: {},
  };
}
