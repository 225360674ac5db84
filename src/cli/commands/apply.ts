// `mk apply -f`: kubectl's client-side apply. Each document is created with the
// last-applied-configuration annotation, or three-way patched against the live object; documents
// that fail to decode or are rejected are reported at the end and the rest still apply.
import { Command } from 'commander';
import { qualifiedKind, qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { readSources } from '../flags/filename-flags.js';
import { writeFlagsFrom, addWriteFlags, sourceError, type WriteFlags } from './write-flags.js';

interface ApplyFlags extends WriteFlags {
  filename: string[];
  recursive?: boolean;
  serverSide?: boolean;
  prune?: boolean;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function applyCommand(ctx: CliContext): Command {
  const cmd = new Command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .option('-f, --filename <file>', 'The files that contain the configurations to apply.', collect, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--prune', 'Automatically delete resource objects that do not appear in the configs.');
  addWriteFlags(cmd);
  return cmd.action(async (flags: ApplyFlags) => runApply(ctx, flags));
}

async function runApply(ctx: CliContext, flags: ApplyFlags): Promise<void> {
  const write = writeFlagsFrom(flags);
  if (!flags.filename.length) {
    throw new UsageError('must specify one of -f and -k', "See 'mk apply --help' for usage.");
  }
  if (flags.serverSide) throw new RawError('error: --server-side is not supported by mk yet; use client-side apply (the default)');
  if (flags.prune) throw new RawError('error: --prune is not supported by mk yet');
  const sources = await readSources(flags.filename, !!flags.recursive, ctx.io);
  const { decodeSources } = await import('../manifests.js');
  const { computeApplyPatch, withLastApplied, LAST_APPLIED } = await import('../../apiserver/apply.js');
  const { docs, failures } = decodeSources(sources);
  const errors = failures.map((f) => f.message);
  if (!docs.length && !errors.length) throw new RawError('error: no objects passed to apply');
  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    for (const doc of docs) {
      const { kind } = doc;
      const resource = qualifiedResource(kind);
      const meta = doc.obj.metadata;
      if (kind.namespaced) {
        if (meta.namespace && target.explicitNamespace && meta.namespace !== target.namespace) {
          errors.push(`error: the namespace from the provided object "${meta.namespace}" does not match the namespace "${target.namespace}". You must pass '--namespace=${meta.namespace}' to perform this operation.`);
          continue;
        }
        meta.namespace ??= target.namespace;
      }
      const ref = `${qualifiedKind(kind)}/${meta.name ?? ''}`;
      if (!meta.name) {
        errors.push(`error: error when retrieving current configuration of:\nResource: "${resource}", GroupVersionKind: "${kind.group ? `${kind.group}/` : '/'}${kind.version}, Kind=${kind.kind}"\nName: "", Namespace: "${meta.namespace ?? ''}"\nfrom server for: "${doc.source}": resource name may not be empty`);
        continue;
      }
      const live = cluster.api.tryGet(resource, meta.namespace, meta.name);
      try {
        const manifest = withLastApplied(doc.obj);
        let verb: string;
        if (!live) {
          if (write.dryRun !== 'client') {
            cluster.api.create(resource, manifest, { dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: 'kubectl-client-side-apply' });
          }
          verb = 'created';
        } else {
          const lastApplied = live.metadata.annotations?.[LAST_APPLIED];
          const { patch, changed } = computeApplyPatch(lastApplied, manifest, live, kind.kind);
          if (changed && write.dryRun !== 'client') {
            cluster.api.patch(resource, meta.namespace, meta.name, 'strategic', patch,
              { dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: 'kubectl-client-side-apply' });
          }
          verb = changed ? 'configured' : 'unchanged';
        }
        for (const w of cluster.api.warnings) ctx.io.err(`Warning: ${w}\n`);
        ctx.io.out(line(ref, verb, write, flags.output));
      } catch (e) {
        if (e instanceof ApiError) errors.push(sourceError(e, live ? 'patching' : 'creating', doc.source));
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

function line(ref: string, verb: string, write: { dryRun?: string }, output?: string): string {
  if (output === 'name') return `${ref}\n`;
  const suffix = write.dryRun === 'server' ? ' (server dry run)' : write.dryRun === 'client' ? ' (dry run)' : '';
  return `${ref} ${verb}${suffix}\n`;
}

