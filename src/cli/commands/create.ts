// `mk create -f` and the generators `create namespace|configmap|secret generic`: objects built as
// kubectl builds them client-side, then created (or printed with --dry-run=client -o yaml).
import { Command } from 'commander';
import { isUtf8 } from 'node:buffer';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { KubeObject } from '../../api/object.js';
import { kindInfo, qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { addSourceToErr, RawError, UsageError } from '../errors.js';
import { collectFilenames, readSources } from '../flags/filename-flags.js';
import { addWriteFlags, printWriteResult, writeFlagsFrom, type WriteFlags } from './write-flags.js';
import { createDeploymentCommand } from './create-deployment.js';
import { createPdbCommand, failedToCreate, type CreateOptions } from './create-pdb.js';
import { createIngressCommand } from './create-ingress.js';
import { createJobCommand } from './create-job.js';
import { createCronJobCommand } from './create-cronjob.js';
import { createServiceCommand } from './create-service.js';

const collect = (v: string, prev: string[]) => [...prev, v];

interface CreateFlags extends WriteFlags {
  filename: string[];
  recursive?: boolean;
  saveConfig?: boolean;
}

export function createCommand(ctx: CliContext): Command {
  const cmd = new Command('create')
    .description('Create a resource from a file or from stdin')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files to use to create the resource', collectFilenames, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.');
  addWriteFlags(cmd);
  // Flags after a generator's name are the generator's own (`create cm x --dry-run=client`).
  cmd.enablePositionalOptions().allowExcessArguments(true).argument('[args...]');
  cmd.action(async (args: string[], flags: CreateFlags) => {
    if (!flags.filename.length) {
      if (args.length) throw new UsageError(`Unexpected args: [${args.join(' ')}]`, "See 'mk create -h' for help and examples");
      throw new UsageError('must specify one of -f and -k');
    }
    await createFromFiles(ctx, flags);
  });

  cmd.addCommand(addWriteFlags(new Command('namespace').alias('ns')
    .description('Create a namespace with the specified name')
    .argument('[name...]'))
    .action(async (names: string[], flags: WriteFlags) => {
      const name = oneName(names, 'namespace');
      await createGenerated(ctx, flags, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: null }, spec: {}, status: {} });
    }));

  cmd.addCommand(addWriteFlags(new Command('configmap').alias('cm')
    .description('Create a config map from a local file, directory or literal value')
    .argument('[name...]')
    .option('--from-literal <key=value>', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)', collect, [])
    .option('--from-file <[key=]source>', 'Key file can be specified using its file path, in which case file basename will be used as configmap key', collect, [])
    .option('--from-env-file <file>', 'Specify the path to a file to read lines of key=val pairs to create a configmap.', collect, []))
    .action(async (names: string[], flags: WriteFlags & { fromLiteral: string[]; fromFile: string[]; fromEnvFile: string[] }) => {
      const name = oneName(names, 'configmap');
      // As kubectl: a value that is not UTF-8 goes to binaryData.
      const values = Object.entries(collectData(flags));
      const data = Object.fromEntries(values.filter(([, v]) => isUtf8(v)).map(([k, v]) => [k, v.toString('utf8')]));
      const binaryData = Object.fromEntries(values.filter(([, v]) => !isUtf8(v)).map(([k, v]) => [k, v.toString('base64')]));
      await createGenerated(ctx, flags, {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, creationTimestamp: null },
        ...(Object.keys(data).length ? { data } : {}),
        ...(Object.keys(binaryData).length ? { binaryData } : {}),
      }, { failure: failedToCreate('configmap: ') });
    }));

  const secret = new Command('secret').description('Create a secret using a specified subcommand');
  secret.addCommand(addWriteFlags(new Command('generic')
    .description('Create a secret from a local file, directory, or literal value')
    .argument('[name...]')
    .option('--from-literal <key=value>', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)', collect, [])
    .option('--from-file <[key=]source>', 'Key files can be specified using their file path', collect, [])
    .option('--from-env-file <file>', 'Specify the path to a file to read lines of key=val pairs to create a secret.', collect, [])
    .option('--type <type>', 'The type of secret to create'))
    .action(async (names: string[], flags: WriteFlags & { fromLiteral: string[]; fromFile: string[]; fromEnvFile: string[]; type?: string }) => {
      const name = oneName(names, 'secret generic');
      const data = Object.fromEntries(Object.entries(collectData(flags)).map(([k, v]) => [k, v.toString('base64')]));
      await createGenerated(ctx, flags, {
        apiVersion: 'v1', kind: 'Secret', metadata: { name, creationTimestamp: null },
        ...(Object.keys(data).length ? { data } : {}),
        ...(flags.type ? { type: flags.type } : {}),
      }, { failure: failedToCreate('secret ') });
    }));
  cmd.addCommand(secret);
  cmd.addCommand(createDeploymentCommand(ctx));
  cmd.addCommand(createPdbCommand(ctx, createGenerated));
  cmd.addCommand(createIngressCommand(ctx, createGenerated));
  cmd.addCommand(createJobCommand(ctx, createGenerated));
  cmd.addCommand(createCronJobCommand(ctx, createGenerated));
  cmd.addCommand(createServiceCommand(ctx, createGenerated));
  return cmd;
}

/** The generators' NameFromCommandArgs. */
function oneName(names: string[], path: string): string {
  if (names.length !== 1) {
    throw new UsageError(`exactly one NAME is required, got ${names.length}`, `See 'mk create ${path} -h' for help and examples`);
  }
  return names[0];
}

/** --from-literal / --from-file / --from-env-file, with kubectl's duplicate-key error. */
/** The keys and their bytes (files are read as bytes, not text). */
function collectData(flags: { fromLiteral: string[]; fromFile: string[]; fromEnvFile: string[] }): Record<string, Buffer> {
  const data: Record<string, Buffer> = {};
  const put = (key: string, value: string | Buffer) => {
    if (key in data) {
      const shown = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.toString('utf8')]));
      throw new RawError(`error: cannot add key ${key}, another key by that name already exists in data: ${JSON.stringify(shown)}`);
    }
    data[key] = Buffer.from(value);
  };
  for (const lit of flags.fromLiteral) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new RawError(`error: invalid literal source ${lit}, expected key=value`);
    put(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const spec of flags.fromFile) {
    const i = spec.indexOf('=');
    const [key, path] = i > 0 ? [spec.slice(0, i), spec.slice(i + 1)] : [undefined, spec];
    let st;
    try {
      st = statSync(path);
    } catch {
      throw new RawError(`error: error reading ${path}: no such file or directory`);
    }
    if (st.isDirectory()) {
      if (key) throw new RawError(`error: cannot give a key name for a directory path`);
      for (const f of readdirSync(path).sort()) {
        const p = join(path, f);
        if (statSync(p).isFile()) put(f, readFileSync(p));
      }
    } else {
      put(key ?? basename(path), readFileSync(path));
    }
  }
  for (const envFile of flags.fromEnvFile) {
    for (const raw of readFileSync(envFile, 'utf8').split('\n')) {
      const lineText = raw.replace(/^\uFEFF/, '').trim();
      if (!lineText || lineText.startsWith('#')) continue;
      const i = lineText.indexOf('=');
      if (i < 0) put(lineText, process.env[lineText] ?? '');
      else put(lineText.slice(0, i), lineText.slice(i + 1));
    }
  }
  return data;
}

async function createGenerated(ctx: CliContext, flags: WriteFlags, obj: KubeObject, opts: CreateOptions = {}): Promise<void> {
  const write = writeFlagsFrom(flags);
  const kind = kindInfo(obj.kind)!;
  if (write.dryRun === 'client') {
    if (kind.namespaced && ctx.flags.namespace) obj.metadata.namespace = ctx.flags.namespace;
    await printWriteResult(ctx.io, obj, flags.output, 'created (dry run)');
    return;
  }
  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const toCreate = structuredClone(obj);
    delete toCreate.status;
    if (kind.namespaced) toCreate.metadata.namespace = target.namespace;
    let created: KubeObject;
    try {
      created = cluster.api.create(qualifiedResource(kind), toCreate, {
        dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: opts.fieldManager,
      });
    } catch (e) {
      throw opts.failure ? opts.failure(e) : e;
    }
    await printWriteResult(ctx.io, created, flags.output, write.dryRun === 'server' ? 'created (server dry run)' : 'created');
    await settle(cluster);
  } finally {
    cluster.store.close();
  }
}

/**
 * `create -f`: objects are created as they are decoded (RunCreate visits the builder's result),
 * so a bad document stops nothing but itself; the errors are reported after the successes.
 */
async function createFromFiles(ctx: CliContext, flags: CreateFlags): Promise<void> {
  const write = writeFlagsFrom(flags);
  const sources = await readSources(flags.filename, !!flags.recursive, ctx.io);
  const { target, cluster } = await connect(ctx.flags);
  let error: Error | undefined;
  let count = 0;
  try {
    await enableWrites(cluster);
    const { visitManifests } = await import('../manifests.js');
    const { withLastApplied } = flags.saveConfig ? await import('../../apiserver/apply.js') : { withLastApplied: undefined };
    const suffix = write.dryRun === 'server' ? ' (server dry run)' : write.dryRun === 'client' ? ' (dry run)' : '';
    error = await visitManifests(sources, {
      validation: write.fieldValidation, namespace: target.namespace, enforceNamespace: target.explicitNamespace,
    }, async (info) => {
      const obj = withLastApplied ? withLastApplied(info.obj) : info.obj;
      let created = obj;
      if (write.dryRun !== 'client') {
        try {
          created = cluster.api.create(qualifiedResource(info.kind), obj, {
            dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: 'kubectl-create',
          });
        } catch (e) {
          if (e instanceof ApiError) throw addSourceToErr('creating', info.source, e);
          throw e;
        }
        for (const w of cluster.api.warnings) ctx.io.err(`Warning: ${w}\n`);
      }
      count++;
      await printWriteResult(ctx.io, created, flags.output, `created${suffix}`);
    });
    await settle(cluster);
  } finally {
    cluster.store.close();
  }
  if (error) throw error;
  if (count === 0) throw new Error('no objects passed to create');
}
