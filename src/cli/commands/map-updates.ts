// What `mk label` and `mk annotate` share: parsing `key=value` / `key-` arguments, applying them
// to one metadata map with kubectl's --overwrite rules, and selecting the objects to change.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { qualifiedKind, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { enableSelectors, enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext, Target } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { parseResourceArgs } from '../resource-args.js';

export interface MapUpdate {
  set: Record<string, string>;
  remove: string[];
}

/** Splits positional args into resource args and `k=v` / `k-` updates (the updates come last). */
export function splitUpdates(args: string[], what: 'label' | 'annotation'): { resourceArgs: string[]; update: MapUpdate } {
  const firstUpdate = args.findIndex((a) => a.includes('=') || (a.endsWith('-') && a.length > 1));
  const resourceArgs = firstUpdate < 0 ? args : args.slice(0, firstUpdate);
  const updates = firstUpdate < 0 ? [] : args.slice(firstUpdate);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const u of updates) {
    if (u.includes('=')) {
      const i = u.indexOf('=');
      const key = u.slice(0, i);
      if (!key) throw new RawError(`error: invalid ${what} spec: ${u}`);
      set[key] = u.slice(i + 1);
    } else if (u.endsWith('-')) {
      remove.push(u.slice(0, -1));
    } else {
      throw new RawError(`error: invalid ${what} spec: ${u}`);
    }
  }
  for (const k of remove) {
    if (k in set) throw new RawError(`error: can not both modify and remove ${what}s in the same command`);
  }
  return { resourceArgs, update: { set, remove } };
}

/** kubernetes.io/change-cause: annotate may always overwrite it. */
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/**
 * The new map, or throws kubectl's --overwrite error: label's validateNoOverwrites names the
 * first conflict, annotate's validateNoAnnotationOverwrites lists them all.
 */
export function applyMapUpdate(current: Record<string, string> | undefined, u: MapUpdate, overwrite: boolean,
  what: 'label' | 'annotation' = 'label'): Record<string, string> {
  const next = { ...current };
  const conflicts = overwrite ? [] : Object.entries(u.set)
    .filter(([k, v]) => k in next && next[k] !== v && !(what === 'annotation' && k === CHANGE_CAUSE))
    .map(([k]) => `'${k}' already has a value (${next[k]})`);
  if (conflicts.length && what === 'label') throw new RawError(`error: ${conflicts[0]}, and --overwrite is false`);
  if (conflicts.length) throw new RawError(`error: --overwrite is false but found the following declared annotation(s): ${conflicts.join('; ')}`);
  for (const [k, v] of Object.entries(u.set)) next[k] = v;
  for (const k of u.remove) delete next[k];
  return next;
}

export interface Selected {
  kind: KindInfo;
  obj: KubeObject;
}

export function selectObjects(cluster: ClusterHandle, target: Target, resourceArgs: string[],
  flags: { selector?: string; all?: boolean; allNamespaces?: boolean }, verb: string): { selected: Selected[]; errors: string[] } {
  const parsed = parseResourceArgs(resourceArgs, verb);
  const selected: Selected[] = [];
  const errors: string[] = [];
  for (const r of parsed.requests) {
    const resource = qualifiedResource(r.kind);
    if (r.names.length) {
      for (const name of r.names) {
        const obj = cluster.api.tryGet(resource, r.kind.namespaced ? target.namespace : undefined, name);
        if (obj) selected.push({ kind: r.kind, obj });
        else errors.push(`Error from server (NotFound): ${resource} "${name}" not found`);
      }
    } else if (flags.selector || flags.all) {
      const namespace = r.kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
      for (const obj of cluster.api.list(resource, { namespace, labelSelector: flags.selector })) selected.push({ kind: r.kind, obj });
    } else {
      throw new RawError('error: resource(s) were provided, but no name was specified');
    }
  }
  return { selected, errors };
}

export interface MapCommandSpec {
  verb: 'label' | 'annotate';
  /** The metadata field and the word kubectl uses for one entry. */
  field: 'labels' | 'annotations';
  what: 'label' | 'annotation';
  description: string;
  /** The `... labeled` / `... annotated` word, given whether anything changed and whether entries were only removed. */
  message(changed: boolean, removedOnly: boolean): string;
}

interface MapFlags { overwrite?: boolean; selector?: string; all?: boolean; allNamespaces?: boolean; list?: boolean;
  resourceVersion?: string; dryRun?: string; output?: string }

/** `mk label` and `mk annotate`: one metadata map updated through a JSON merge patch, as kubectl does. */
export function mapCommand(ctx: CliContext, spec: MapCommandSpec): Command {
  const { verb, field, what } = spec;
  return new Command(verb)
    .description(spec.description)
    .argument('<args...>', 'TYPE NAME KEY_1=VAL_1 ... KEY_N=VAL_N')
    .option('--overwrite', `If true, allow ${what}s to be overwritten, otherwise reject ${what} updates that overwrite existing ${what}s.`)
    .option('-l, --selector <selector>', 'Selector (label query) to filter on.')
    .option('--all', 'Select all resources, in the namespace of the specified resource types.')
    .option('-A, --all-namespaces', 'If true, check the specified action in all namespaces.')
    .option('--list', `If true, display the ${what}s for a given resource.`)
    .option('--resource-version <version>', `If non-empty, the ${what}s update will only succeed if this is the current resource-version for the object.`)
    .option('--dry-run <strategy>', 'Must be "none", "server", or "client".')
    .option('-o, --output <format>', 'Output format. One of: (name).')
    .action(async (args: string[], flags: MapFlags) => {
      const { resourceArgs, update } = splitUpdates(args, what);
      if (!flags.list && !Object.keys(update.set).length && !update.remove.length) {
        throw new RawError(`error: at least one ${what} update is required`);
      }
      const { target, cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        if (flags.selector) await enableSelectors(cluster);
        const { selected, errors } = selectObjects(cluster, target, resourceArgs, flags, verb);
        for (const { kind, obj } of selected) {
          const ref = `${qualifiedKind(kind)}/${obj.metadata.name}`;
          const before = obj.metadata[field] ?? {};
          if (flags.list) {
            for (const [k, v] of Object.entries(before).sort()) ctx.io.out(`${k}=${v}\n`);
            continue;
          }
          const after = applyMapUpdate(before, update, !!flags.overwrite, what);
          if (what === 'label') for (const k of update.remove) if (!(k in before)) ctx.io.out(`label "${k}" not found.\n`);
          const patch = diffPatch(before, after);
          const changed = Object.keys(patch).length > 0;
          let result = obj;
          if (changed) {
            const metadata: Record<string, unknown> = { [field]: patch };
            if (flags.resourceVersion) metadata.resourceVersion = flags.resourceVersion;
            result = cluster.api.patch(qualifiedResource(kind), obj.metadata.namespace, obj.metadata.name, 'merge', { metadata },
              { dryRun: flags.dryRun === 'server' || flags.dryRun === 'client', fieldManager: `kubectl-${verb}` });
          }
          if (flags.output && flags.output !== 'name') {
            const { printObjects } = await import('../flags/print-flags.js');
            ctx.io.out(await printObjects(flags.output, [result], { single: true, io: ctx.io }));
            continue;
          }
          const removedOnly = !flags.overwrite && Object.keys(after).length < Object.keys(before).length;
          ctx.io.out(flags.output === 'name' ? `${ref}\n` : `${ref} ${spec.message(changed, removedOnly)}${dryRunSuffix(flags.dryRun)}\n`);
        }
        await settle(cluster);
        for (const e of errors) ctx.io.err(e + '\n');
        if (errors.length) ctx.exitCode = 1;
      } finally {
        cluster.store.close();
      }
    });
}

function dryRunSuffix(d: string | undefined): string {
  return d === 'server' ? ' (server dry run)' : d === 'client' ? ' (dry run)' : '';
}

/** A JSON merge patch turning `before` into `after` (null removes a key). */
export function diffPatch(before: Record<string, string>, after: Record<string, string>): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const k of Object.keys(before)) if (!(k in after)) patch[k] = null;
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) patch[k] = v;
  return patch;
}
