// `mk apply -f`: kubectl's client-side apply (cmd/apply/apply.go). Every object is decoded first
// (GetObjects); then each one is created with the last-applied-configuration annotation, or
// three-way patched against the live object. Successes print as they happen; the decoding
// errors and then each object's error are reported at the end, as kubectl does, and the
// objects that fail are not stored.
import { Command } from 'commander';
import { convertToVersion } from '../../api/conversions.js';
import { qualifiedKind, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { addSourceToErr, Aggregate, RawError, UsageError } from '../errors.js';
import { collectFilenames, readSources } from '../flags/filename-flags.js';
import type { Info } from '../manifests.js';
import { writeFlagsFrom, addWriteFlags, type WriteFlags, type WriteOptionsResolved } from './write-flags.js';

interface ApplyFlags extends WriteFlags {
  filename: string[];
  recursive?: boolean;
  serverSide?: boolean;
  forceConflicts?: boolean;
  fieldManager?: string;
  prune?: boolean;
}

export function applyCommand(ctx: CliContext): Command {
  const cmd = new Command('apply')
    .description('Apply a configuration to a resource by file name or stdin')
    .option('-f, --filename <file>', 'The files that contain the configurations to apply.', collectFilenames, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('--server-side', 'If true, apply runs in the server instead of the client.')
    .option('--force-conflicts', 'If true, server-side apply will force the changes against conflicts.')
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.')
    .option('--prune', 'Automatically delete resource objects that do not appear in the configs.');
  addWriteFlags(cmd);
  return cmd.action(async (flags: ApplyFlags) => runApply(ctx, flags));
}

/** resource.Info.String(): how kubectl names an object in apply's longer errors. */
export function infoString(info: Pick<Info, 'kind' | 'name' | 'namespace'>): string {
  const k: KindInfo = info.kind;
  return `Resource: "${k.group}/${k.version}, Resource=${k.resource}", GroupVersionKind: "${k.group}/${k.version}, Kind=${k.kind}"\n`
    + `Name: ${JSON.stringify(info.name)}, Namespace: ${JSON.stringify(info.namespace)}`;
}

async function runApply(ctx: CliContext, flags: ApplyFlags): Promise<void> {
  const write = writeFlagsFrom(flags);
  if (!flags.filename.length) throw new UsageError('must specify one of -f and -k');
  if (flags.forceConflicts && !flags.serverSide) throw new Error('--force-conflicts only works with --server-side');
  if (flags.serverSide && write.dryRun === 'client') {
    throw new Error("--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)");
  }
  if (flags.prune) throw new RawError('error: --prune is not supported by mk yet');
  const sources = await readSources(flags.filename, !!flags.recursive, ctx.io);
  const { target, cluster } = await connect(ctx.flags);
  const errors: Error[] = [];
  try {
    const { manifestInfos } = await import('../manifests.js');
    const { infos, error } = await manifestInfos(sources, {
      validation: write.fieldValidation, namespace: target.namespace, enforceNamespace: target.explicitNamespace,
    });
    if (error) errors.push(error);
    if (!infos.length && !errors.length) throw new Error('no objects passed to apply');
    // Admission (every kind's schema) costs more to load than an apply that changes nothing
    // costs to run: it is loaded only when some object will be written.
    if (flags.serverSide || await anyWrites(cluster, infos, write)) await enableWrites(cluster);
    const apply = flags.serverSide ? await serverSideApplier(ctx, cluster, write, flags) : await applier(ctx, cluster, write, flags.output);
    for (const info of infos) {
      try {
        // Reading the live object and writing what was computed from it are one transaction: an
        // apply of the same object by another process at the same moment sees this one's result,
        // or this one sees its, and neither patches from the state before both.
        cluster.store.transaction(() => apply(info));
      } catch (e) {
        errors.push(e instanceof Error ? e : new Error(String(e)));
      }
    }
    await settle(cluster);
  } finally {
    cluster.store.close();
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new Aggregate(errors);
}

type Cluster = Awaited<ReturnType<typeof connect>>['cluster'];

/**
 * Whether applying `infos` may write: every object is live and unchanged by its manifest, or it
 * is a client dry run, or it may write. Anything unusual (an object without a name) counts as a
 * write, so that it takes the full path and fails there with kubectl's message.
 */
async function anyWrites(cluster: Cluster, infos: Info[], write: WriteOptionsResolved): Promise<boolean> {
  if (write.dryRun === 'client') return false;
  const { computeApplyPatch, withLastApplied, LAST_APPLIED } = await import('../../apiserver/apply.js');
  return infos.some((info) => {
    if (!info.name) return true;
    const live = cluster.api.tryGet(qualifiedResource(info.kind), info.kind.namespaced ? info.namespace : undefined, info.name);
    const lastApplied = live?.metadata.annotations?.[LAST_APPLIED];
    if (!live || lastApplied === undefined) return true;
    return computeApplyPatch(lastApplied, withLastApplied(info.obj), live, info.kind.kind).changed;
  });
}

/** applyOneObject, for one decoded object. */
async function applier(ctx: CliContext, cluster: Cluster, write: WriteOptionsResolved, output?: string): Promise<(info: Info) => void> {
  const { computeApplyPatch, withLastApplied, LAST_APPLIED } = await import('../../apiserver/apply.js');
  const { marshalJSON } = await import('../printers/json.js');
  const opts = { dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation, fieldManager: 'kubectl-client-side-apply' };
  const warn = () => {
    for (const w of cluster.api.warnings) ctx.io.err(`Warning: ${w}\n`);
  };
  return (info) => {
    const { kind, source } = info;
    const resource = qualifiedResource(kind);
    if (!info.name) {
      const generateName = info.obj.metadata.generateName;
      if (generateName) throw new Error(`from ${generateName}: cannot use generate name with apply`);
      throw new Error(`error when retrieving current configuration of:\n${infoString(info)}\nfrom server for: ${JSON.stringify(source)}: resource name may not be empty`);
    }
    const ns = kind.namespaced ? info.namespace : undefined;
    const live = cluster.api.tryGet(resource, ns, info.name);
    const manifest = withLastApplied(info.obj);
    if (!live) {
      if (write.dryRun !== 'client') {
        try {
          cluster.api.create(resource, manifest, opts);
        } catch (e) {
          if (e instanceof ApiError) throw addSourceToErr('creating', source, e);
          throw e;
        }
        warn();
      }
      ctx.io.out(line(kind, info.name, 'created', write, output));
      return;
    }
    if (write.dryRun === 'client') {
      ctx.io.out(line(kind, info.name, 'configured', write, output));
      return;
    }
    if (live.metadata.annotations?.[LAST_APPLIED] === undefined) {
      ctx.io.err(`Warning: resource ${kind.resource}/${info.name} is missing the ${LAST_APPLIED} annotation which is required by mk apply. `
        + 'mk apply should only be used on resources created declaratively by either mk create --save-config or mk apply. '
        + 'The missing annotation will be patched automatically.\n');
    }
    // kubectl reads the live object in the manifest's version; the server converts.
    const asRead = convertToVersion(live, manifest.apiVersion) ?? live;
    const { patch, changed, patchType } = computeApplyPatch(live.metadata.annotations?.[LAST_APPLIED], manifest, asRead, kind.kind);
    if (changed) {
      try {
        cluster.api.patch(resource, ns, info.name, patchType, patch, { ...opts, ...(asRead !== live ? { asVersion: manifest.apiVersion } : {}) });
      } catch (e) {
        // The patcher names the source once (`patching`), apply again around the patch it sent.
        if (e instanceof ApiError) {
          throw addSourceToErr(`applying patch:\n${marshalJSON(patch)}\nto:\n${infoString(info)}\nfor:`, source, addSourceToErr('patching', source, e));
        }
        throw e;
      }
      warn();
    }
    ctx.io.out(line(kind, info.name, changed ? 'configured' : 'unchanged', write, output));
  };
}

/** The hint kubectl adds to an apply conflict (cmd/apply/apply.go). */
const CONFLICT_HINT = `
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

/**
 * Server-side apply of one object (`--server-side`): the manifest sent as an apply patch under
 * the field manager `kubectl` (or --field-manager); the server merges and records ownership.
 */
async function serverSideApplier(ctx: CliContext, cluster: Cluster, write: WriteOptionsResolved, flags: ApplyFlags): Promise<(info: Info) => void> {
  const { migrateToServerSideApply } = await import('../csa-upgrade.js');
  const opts = {
    dryRun: write.dryRun === 'server', fieldValidation: write.fieldValidation,
    fieldManager: flags.fieldManager ?? 'kubectl', force: !!flags.forceConflicts,
  };
  return (info) => {
    const { kind } = info;
    if (!info.name) {
      const generateName = info.obj.metadata.generateName;
      if (generateName) throw new Error(`from ${generateName}: cannot use generate name with apply`);
    }
    const ns = kind.namespaced ? info.namespace : undefined;
    const resource = qualifiedResource(kind);
    let applied;
    try {
      applied = cluster.api.patch(resource, ns, info.name, 'apply', structuredClone(info.obj), opts);
    } catch (e) {
      if (e instanceof ApiError && e.status.reason === 'Conflict') {
        throw new Error(`${e.status.message}${CONFLICT_HINT}`);
      }
      throw e;
    }
    for (const w of cluster.api.warnings) ctx.io.err(`Warning: ${w}\n`);
    migrateToServerSideApply(applied, {
      api: cluster.api, resource, namespace: ns, name: info.name, config: info.obj, opts, warn: (text) => ctx.io.err(text),
    });
    ctx.io.out(line(kind, info.name, 'serverside-applied', write, flags.output));
  };
}

function line(kind: KindInfo, name: string, verb: string, write: { dryRun?: string }, output?: string): string {
  const ref = `${qualifiedKind(kind)}/${name}`;
  if (output === 'name') return `${ref}\n`;
  const suffix = write.dryRun === 'server' ? ' (server dry run)' : write.dryRun === 'client' ? ' (dry run)' : '';
  return `${ref} ${verb}${suffix}\n`;
}
