// `mk delete`: kubectl delete's selection (TYPE NAME..., TYPE/NAME, -f, -l, --all, -A), its
// grace-period rules (--now, --force needs --grace-period=0 for immediate removal), its messages
// (`pod "x" deleted`, `force deleted`) and its default --wait for the objects to be gone.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { qualifiedKind, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableSelectors, enableWrites, settle } from '../../cluster/runtime.js';
import { parseGoDuration } from '../../api/go-duration.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { apiErrorMessage, enhanceListError, RawError, UsageError } from '../errors.js';
import { parseResourceArgs } from '../resource-args.js';
import { waitUntil } from '../wait.js';

interface DeleteFlags {
  filename: string[];
  recursive?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
  gracePeriod?: string;
  now?: boolean;
  force?: boolean;
  wait?: boolean;
  timeout?: string;
  ignoreNotFound?: boolean;
  output?: string;
  dryRun?: string;
  cascade?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];

export function deleteCommand(ctx: CliContext): Command {
  return new Command('delete')
    .description('Delete resources by file names, stdin, resources and names, or by resources and label selector')
    .argument('[TYPE[.VERSION][.GROUP] [NAME | -l label | --all] | TYPE[.VERSION][.GROUP]/NAME ...]')
    .option('-f, --filename <file>', 'containing the resource to delete.', collect, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively.')
    .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
    .option('--field-selector <selector>', 'Selector (field query) to filter on.')
    .option('--all', 'Delete all resources, in the namespace of the specified resource types.')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces.')
    .option('--grace-period <seconds>', 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative.', '-1')
    .option('--now', 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).')
    .option('--force', 'If true, immediately remove resources from API and bypass graceful deletion.')
    .option('--wait [bool]', 'If true, wait for resources to be gone before returning. This waits for finalizers.', parseBool, true)
    .option('--timeout <duration>', 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object', '0s')
    .option('--ignore-not-found', 'Treat "resource not found" as a successful delete.')
    .option('-o, --output <format>', "Output mode. Use \"-o name\" for shorter output (resource/name).")
    .option('--dry-run <strategy>', 'Must be "none", "server", or "client".')
    .option('--cascade <strategy>', 'Must be "background", "orphan", or "foreground".', 'background')
    .action(async (args: string[], flags: DeleteFlags) => runDelete(ctx, args, flags));
}

function parseBool(v: string | undefined): boolean {
  return v === undefined || v === 'true';
}

interface Victim {
  kind: KindInfo;
  obj: KubeObject;
}

async function runDelete(ctx: CliContext, args: string[], flags: DeleteFlags): Promise<void> {
  let grace = Number(flags.gracePeriod ?? '-1');
  if (!Number.isInteger(grace)) throw new UsageError(`invalid argument "${flags.gracePeriod}" for "--grace-period" flag: strconv.ParseInt: parsing "${flags.gracePeriod}": invalid syntax`);
  if (flags.now) {
    if (grace !== -1) throw new UsageError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (flags.force && grace === -1) grace = 0;
  if (flags.force && grace === 0) {
    ctx.io.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  }
  const dryRun = flags.dryRun && flags.dryRun !== 'none' ? flags.dryRun : undefined;
  if (dryRun && !['client', 'server'].includes(dryRun)) {
    throw new UsageError(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  }
  const hasSelection = args.length > 0 || flags.filename.length > 0;
  if (!hasSelection) {
    throw new UsageError('You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   \'-f rsrc.yaml\'\n   \'--filename=rsrc.json\'\n   \'<resource> <name>\'\n   \'<resource>\'');
  }
  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    if (flags.selector || flags.fieldSelector) await enableSelectors(cluster);
    const errors: string[] = [];
    const victims: Victim[] = [];
    if (flags.filename.length) {
      const { readSources } = await import('../flags/filename-flags.js');
      const { decodeSources } = await import('../manifests.js');
      const { docs, failures } = decodeSources(await readSources(flags.filename, !!flags.recursive, ctx.io));
      for (const f of failures) errors.push(f.message);
      for (const d of docs) {
        const ns = d.kind.namespaced ? d.obj.metadata.namespace ?? target.namespace : undefined;
        const obj = cluster.api.tryGet(qualifiedResource(d.kind), ns, d.obj.metadata.name);
        if (obj) victims.push({ kind: d.kind, obj });
        else if (!flags.ignoreNotFound) errors.push(notFoundLine(d.kind, d.obj.metadata.name));
      }
    } else {
      const parsed = parseResourceArgs(args, 'delete');
      const named = parsed.requests.some((r) => r.names.length);
      if (!named && !flags.all && !flags.selector && !flags.fieldSelector) {
        throw new RawError(`error: resource(s) were provided, but no name was specified`);
      }
      if (named && (flags.all || flags.selector)) throw new RawError('error: name cannot be provided when a selector is specified');
      for (const r of parsed.requests) {
        const resource = qualifiedResource(r.kind);
        if (r.names.length) {
          for (const name of r.names) {
            const obj = cluster.api.tryGet(resource, r.kind.namespaced ? target.namespace : undefined, name);
            if (obj) victims.push({ kind: r.kind, obj });
            else if (!flags.ignoreNotFound) errors.push(notFoundLine(r.kind, name));
          }
        } else {
          const namespace = r.kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
          const selectors = { labelSelector: flags.selector, fieldSelector: flags.fieldSelector };
          let listed;
          try {
            listed = cluster.api.list(resource, { namespace, ...selectors });
          } catch (e) {
            throw enhanceListError(e, selectors, r.kind);
          }
          for (const obj of listed) victims.push({ kind: r.kind, obj });
        }
      }
      if (!victims.length && !errors.length && !named) ctx.io.out('No resources found\n');
    }
    const deleted: Victim[] = [];
    for (const v of victims) {
      const resource = qualifiedResource(v.kind);
      try {
        // A client dry run sends nothing: kubectl only says what it would delete.
        if (dryRun !== 'client') cluster.api.delete(resource, v.obj.metadata.namespace, v.obj.metadata.name, {
          gracePeriodSeconds: grace >= 0 ? grace : undefined,
          dryRun: dryRun === 'server',
          propagationPolicy: cascadePolicy(flags.cascade),
        });
      } catch (e) {
        if (e instanceof ApiError && e.status.reason === 'NotFound' && flags.ignoreNotFound) continue;
        if (e instanceof ApiError) {
          errors.push(apiErrorMessage(e));
          continue;
        }
        throw e;
      }
      deleted.push(v);
      const verb = flags.force && grace === 0 ? 'force deleted' : 'deleted';
      const suffix = dryRun === 'server' ? ' (server dry run)' : dryRun === 'client' ? ' (dry run)' : '';
      if (flags.output === 'name') ctx.io.out(`${qualifiedKind(v.kind)}/${v.obj.metadata.name}\n`);
      else ctx.io.out(`${qualifiedKind(v.kind)} "${v.obj.metadata.name}" ${verb}${suffix}\n`);
    }
    await settle(cluster);
    if (flags.wait !== false && !dryRun && deleted.length) {
      const timeoutMs = parseGoDuration(flags.timeout ?? '0s') || 7 * 24 * 3600 * 1000;
      const gone = () => deleted.every((v) => !cluster.api.tryGet(qualifiedResource(v.kind), v.obj.metadata.namespace, v.obj.metadata.name)
        || cluster.api.tryGet(qualifiedResource(v.kind), v.obj.metadata.namespace, v.obj.metadata.name)?.metadata.uid !== v.obj.metadata.uid);
      if (!(await waitUntil(cluster, gone, timeoutMs))) {
        errors.push(`error: timed out waiting for the condition on ${deleted.map((v) => `${v.kind.resource}/${v.obj.metadata.name}`).join(', ')}`);
      }
    }
    for (const e of errors) ctx.io.err(e + '\n');
    if (errors.length) ctx.exitCode = 1;
  } finally {
    cluster.store.close();
  }
}

function cascadePolicy(c: string | undefined): 'Background' | 'Foreground' | 'Orphan' {
  switch (c) {
    case 'orphan': case 'false': return 'Orphan';
    case 'foreground': return 'Foreground';
    case 'background': case 'true': case undefined: return 'Background';
    default: throw new UsageError(`invalid cascade value (${c}). Must be "background", "foreground", or "orphan"`);
  }
}

function notFoundLine(kind: KindInfo, name: string): string {
  return `Error from server (NotFound): ${qualifiedResource(kind)} "${name}" not found`;
}
