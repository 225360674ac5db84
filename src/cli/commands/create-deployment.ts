// `mk create deployment NAME --image=... [--replicas] [--port] [-- COMMAND...]`: the Deployment
// kubectl 1.32's create_deployment.go builds (labels and selector app=NAME, one container per
// image named after it), created, or printed as built for --dry-run=client.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import { NAME_ALPHABET } from '../../sim/rand.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { addWriteFlags, printWriteResult, writeFlagsFrom, type WriteFlags } from './write-flags.js';
import { parseInt64 } from './rollout/deployment-util.js';

interface CreateDeploymentFlags extends WriteFlags {
  image: string[];
  replicas?: string;
  port?: string;
  saveConfig?: boolean;
  fieldManager: string;
}

// StringSlice: every occurrence, each split on commas.
const collectSlice = (v: string, prev: string[]) => [...prev, ...v.split(',')];

export function createDeploymentCommand(ctx: CliContext): Command {
  const cmd = new Command('deployment').alias('deploy')
    .description('Create a deployment with the specified name')
    .usage('NAME --image=image -- [COMMAND] [args...] [options]')
    .argument('[name]')
    .argument('[command...]')
    .option('--image <image>', 'Image names to run. A deployment can have multiple images set for multi-container pod.', collectSlice, [])
    .option('-r, --replicas <n>', 'Number of replicas to create. Default is 1.')
    .option('--port <port>', 'The containerPort that this deployment exposes.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-create');
  addWriteFlags(cmd);
  return cmd.action(async (name: string | undefined, command: string[], flags: CreateDeploymentFlags, self: Command) => {
    // cobra checks required flags before anything else.
    if (!flags.image.length) throw new RawError('error: required flag(s) "image" not set');
    const replicas = int32Flag(flags.replicas, '-r, --replicas', 1);
    const port = int32Flag(flags.port, '--port', -1);
    const args = name === undefined ? [] : [name, ...command];
    // NameFromCommandArgs: the arguments before `--` name the deployment, the rest is its command.
    const beforeDash = argsBeforeDash(self, args.length);
    if (beforeDash !== 1) {
      throw new UsageError(`exactly one NAME is required, got ${beforeDash}`, "See 'mk create deployment -h' for help and examples");
    }
    const cmdline = args.slice(1);
    if (flags.image.length > 1 && cmdline.length > 0) throw new Error('cannot specify multiple --image options and command');
    const write = writeFlagsFrom(flags);
    if (write.dryRun === 'client') {
      let deploy = buildDeployment({ name: args[0], images: flags.image, replicas, port, command: cmdline, namespace: ctx.flags.namespace }, randomSuffix);
      if (flags.saveConfig) deploy = await withLastApplied(deploy);
      await printWriteResult(ctx.io, deploy, flags.output, 'created (dry run)');
      return;
    }
    const { target, cluster } = await connect(ctx.flags);
    try {
      await enableWrites(cluster);
      let deploy = buildDeployment({ name: args[0], images: flags.image, replicas, port, command: cmdline, namespace: ctx.flags.namespace },
        (n) => cluster.rand.string(n, NAME_ALPHABET));
      if (flags.saveConfig) deploy = await withLastApplied(deploy);
      const toCreate = structuredClone(deploy);
      delete toCreate.status;
      toCreate.metadata.namespace = target.namespace;
      let created: KubeObject;
      try {
        created = cluster.api.create('deployments.apps', toCreate, {
          dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: flags.fieldManager,
        });
      } catch (e) {
        throw new Error(`failed to create deployment: ${(e as Error).message}`);
      }
      await printWriteResult(ctx.io, created, flags.output, write.dryRun === 'server' ? 'created (server dry run)' : 'created');
      await settle(cluster);
    } finally {
      cluster.store.close();
    }
  });
}

export interface DeploymentParams {
  name: string;
  images: string[];
  replicas: number;
  /** -1: no port. */
  port: number;
  command: string[];
  /** Set only when -n was given (EnforceNamespace). */
  namespace?: string;
}

/** createDeployment + buildPodSpec, in the field order kubectl's YAML printer shows. */
export function buildDeployment(p: DeploymentParams, suffix: (n: number) => string): KubeObject {
  const labels = () => ({ app: p.name });
  const containers = p.images.map((image, i) => {
    const c: Record<string, unknown> = {
      ...(p.command.length ? { command: [...p.command] } : {}),
      image,
      name: containerName(image, suffix),
      ...(i === 0 && p.port >= 0 ? { ports: [{ containerPort: p.port }] } : {}),
      resources: {},
    };
    return c;
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      creationTimestamp: null,
      labels: labels(),
      name: p.name,
      ...(p.namespace ? { namespace: p.namespace } : {}),
    },
    spec: {
      replicas: p.replicas,
      selector: { matchLabels: labels() },
      strategy: {},
      template: {
        metadata: { creationTimestamp: null, labels: labels() },
        spec: { containers },
      },
    },
    status: {},
  };
}

/** The image's last path segment without tag or digest, made a DNS label (sanitizeAndUniquify). */
export function containerName(image: string, suffix: (n: number) => string): string {
  let name = image.split('/').at(-1)!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (/[_.]/.test(name)) name = `${name.replace(/_/g, '-').replace(/\./g, '-')}-${suffix(5)}`;
  return name;
}

function randomSuffix(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
  return s;
}

/** An Int32 flag as pflag parses it, with its error. */
function int32Flag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = parseInt64(value);
  const fail = (why: string) => new RawError(`error: invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": ${why}\nSee 'mk create deployment --help' for usage.`);
  if (n instanceof Error) throw fail(n.message.endsWith('out of range') ? 'value out of range' : 'invalid syntax');
  if (n > 2147483647 || n < -2147483648) throw fail('value out of range');
  return n;
}

/** cobra's ArgsLenAtDash, or the argument count when there was no `--`. */
export function argsBeforeDash(self: Command, count: number): number {
  let root: Command = self;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const dash = raw.indexOf('--');
  if (dash < 0) return count;
  const after = raw.length - dash - 1;
  return Math.max(0, count - after);
}

async function withLastApplied(obj: KubeObject): Promise<KubeObject> {
  const { withLastApplied: annotate } = await import('../../apiserver/apply.js');
  return annotate(obj);
}
