// What `mk label` and `mk annotate` share: parsing `key=value` / `key-` arguments, applying them
// to one metadata map with kubectl's --overwrite rules, and selecting the objects to change.
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource, type KindInfo } from '../../api/registry.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { Target } from '../context.js';
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

/** The new map, or throws kubectl's --overwrite error. */
export function applyMapUpdate(current: Record<string, string> | undefined, u: MapUpdate, overwrite: boolean,
  what: 'label' | 'annotation'): Record<string, string> {
  const next = { ...current };
  for (const [k, v] of Object.entries(u.set)) {
    if (!overwrite && k in next && next[k] !== v) {
      throw new RawError(`error: '${k}' already has a value (${next[k]}), and --overwrite is false`);
    }
    next[k] = v;
  }
  for (const k of u.remove) delete next[k];
  void what;
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
