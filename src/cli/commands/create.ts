// `mk create -f` and the generators `create namespace|configmap|secret generic`: objects built as
// kubectl builds them client-side, then created (or printed with --dry-run=client -o yaml).
import { Command } from 'commander';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { KubeObject } from '../../api/object.js';
import { kindInfo, qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { readSources } from '../flags/filename-flags.js';
import { addWriteFlags, printWriteResult, sourceError, writeFlagsFrom, type WriteFlags } from './write-flags.js';

const collect = (v: string, prev: string[]) => [...prev, v];

interface CreateFlags extends WriteFlags {
  filename: string[];
  recursive?: boolean;
  saveConfig?: boolean;
}

export function createCommand(ctx: CliContext): Command {
  const cmd = new Command('create')
    .description('Create a resource from a file or from stdin')
    .option('-f, --filename <file>', 'Filename, directory, or URL to files to use to create the resource', collect, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--save-config', 'If true, the configuration of current object will be saved in its annotation.');
  addWriteFlags(cmd);
  cmd.action(async (flags: CreateFlags) => {
    if (!flags.filename.length) {
      throw new UsageError('must specify one of -f and -k', "See 'mk create -h' for help and examples");
    }
    await createFromFiles(ctx, flags);
  });

  cmd.addCommand(addWriteFlags(new Command('namespace').alias('ns')
    .description('Create a namespace with the specified name')
    .argument('<name>'))
    .action(async (name: string, flags: WriteFlags) => {
      await createGenerated(ctx, flags, { apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: null }, spec: {}, status: {} });
    }));

  cmd.addCommand(addWriteFlags(new Command('configmap').alias('cm')
    .description('Create a config map from a local file, directory or literal value')
    .argument('<name>')
    .option('--from-literal <key=value>', 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)', collect, [])
    .option('--from-file <[key=]source>', 'Key file can be specified using its file path, in which case file basename will be used as configmap key', collect, [])
    .option('--from-env-file <file>', 'Specify the path to a file to read lines of key=val pairs to create a configmap.', collect, []))
    .action(async (name: string, flags: WriteFlags & { fromLiteral: string[]; fromFile: string[]; fromEnvFile: string[] }) => {
      const data = collectData(flags, false);
      await createGenerated(ctx, flags, {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, creationTimestamp: null },
        ...(Object.keys(data).length ? { data } : {}),
      });
    }));

  const secret = new Command('secret').description('Create a secret using a specified subcommand');
  secret.addCommand(addWriteFlags(new Command('generic')
    .description('Create a secret from a local file, directory, or literal value')
    .argument('<name>')
    .option('--from-literal <key=value>', 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)', collect, [])
    .option('--from-file <[key=]source>', 'Key files can be specified using their file path', collect, [])
    .option('--from-env-file <file>', 'Specify the path to a file to read lines of key=val pairs to create a secret.', collect, [])
    .option('--type <type>', 'The type of secret to create'))
    .action(async (name: string, flags: WriteFlags & { fromLiteral: string[]; fromFile: string[]; fromEnvFile: string[]; type?: string }) => {
      const data = collectData(flags, true);
      await createGenerated(ctx, flags, {
        apiVersion: 'v1', kind: 'Secret', metadata: { name, creationTimestamp: null },
        ...(Object.keys(data).length ? { data } : {}),
        ...(flags.type ? { type: flags.type } : {}),
      });
    }));
  cmd.addCommand(secret);
  return cmd;
}

/** --from-literal / --from-file / --from-env-file, with kubectl's duplicate-key error. */
function collectData(flags: { fromLiteral: string[]; fromFile: string[]; fromEnvFile: string[] }, base64: boolean): Record<string, string> {
  const data: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (key in data) throw new RawError(`error: cannot add key ${key}, another key by that name already exists in data: ${JSON.stringify(data)}`);
    data[key] = base64 ? Buffer.from(value).toString('base64') : value;
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
        if (statSync(p).isFile()) put(f, readFileSync(p, 'utf8'));
      }
    } else {
      put(key ?? basename(path), readFileSync(path, 'utf8'));
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

async function createGenerated(ctx: CliContext, flags: WriteFlags, obj: KubeObject): Promise<void> {
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
    const created = cluster.api.create(qualifiedResource(kind), toCreate, { dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation });
    await printWriteResult(ctx.io, created, flags.output, write.dryRun === 'server' ? 'created (server dry run)' : 'created');
    await settle(cluster);
  } finally {
    cluster.store.close();
  }
}

async function createFromFiles(ctx: CliContext, flags: CreateFlags): Promise<void> {
  const write = writeFlagsFrom(flags);
  const sources = await readSources(flags.filename, !!flags.recursive, ctx.io);
  const { decodeSources } = await import('../manifests.js');
  const { docs, failures } = decodeSources(sources);
  const errors = failures.map((f) => f.message);
  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const { withLastApplied } = flags.saveConfig ? await import('../../apiserver/apply.js') : { withLastApplied: undefined };
    for (const doc of docs) {
      const meta = doc.obj.metadata;
      if (doc.kind.namespaced) {
        if (meta.namespace && target.explicitNamespace && meta.namespace !== target.namespace) {
          errors.push(`error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${target.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`);
          continue;
        }
        meta.namespace ??= target.namespace;
      }
      try {
        const obj = withLastApplied ? withLastApplied(doc.obj) : doc.obj;
        const created = write.dryRun === 'client' ? obj
          : cluster.api.create(qualifiedResource(doc.kind), obj, { dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation });
        for (const w of cluster.api.warnings) ctx.io.err(`Warning: ${w}\n`);
        const suffix = write.dryRun === 'server' ? ' (server dry run)' : write.dryRun === 'client' ? ' (dry run)' : '';
        await printWriteResult(ctx.io, created, flags.output, `created${suffix}`);
      } catch (e) {
        if (e instanceof ApiError) errors.push(sourceError(e, 'creating', doc.source));
        else throw e;
      }
    }
    await settle(cluster);
    for (const e of errors) ctx.io.err(e + '\n');
    if (errors.length) ctx.exitCode = 1;
  } finally {
    cluster.store.close();
  }
}
