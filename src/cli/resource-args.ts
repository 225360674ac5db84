// How kubectl reads `TYPE[.group] [NAME...]`, `TYPE/NAME ...`, `po,svc` and `all` (the resource
// builder's ResourceTypeOrNameArgs), resolved against the kinds this cluster serves.
import { builtinKinds, resolveResource, type KindInfo } from '../api/registry.js';
import { servedResources } from '../apiserver/discovery.js';
import { RawError, UsageError } from './errors.js';

export interface ResourceRequest {
  kind: KindInfo;
  /** Empty: every object of the kind (a list). */
  names: string[];
}

export interface ParsedArgs {
  requests: ResourceRequest[];
  /** Several kinds requested (multipleGVKsRequested): tables print `kind/name`, one table per kind. */
  multipleKinds: boolean;
}

function resolveOrFail(type: string): KindInfo {
  const k = resolveResource(type) ?? resolveMetrics(type);
  if (!k) throw new RawError(`error: the server doesn't have a resource type "${type}"`);
  return atVersion(type, k);
}

/**
 * `horizontalpodautoscalers.v1.autoscaling`: the kind as served at the version the argument names
 * (objects are then converted to it), when the server serves the kind there. A short name loses
 * the version, as kubectl's shortcut expander drops it: `hpa.v1.autoscaling` reads the stored version.
 */
function atVersion(type: string, k: KindInfo): KindInfo {
  const parts = type.split('.');
  if (parts.length < 3 || !/^v\d/.test(parts[1])) return k;
  const name = parts[0].toLowerCase();
  if (name !== k.resource && name !== k.singular && name !== k.kind.toLowerCase()) return k;
  return servedResources({ group: k.group, version: parts[1] }).find((r) => r.kind === k.kind) ?? k;
}

/** metrics-server's resources, after every built-in one (`pods` is the core group's): `nodes.metrics.k8s.io`, `podmetrics`. */
function resolveMetrics(type: string): KindInfo | undefined {
  const [name, ...rest] = type.split('.');
  const lower = name.toLowerCase();
  const group = rest.length ? rest.slice(/^v\d/.test(rest[0]) ? 1 : 0).join('.') : undefined;
  if (group !== undefined && group !== 'metrics.k8s.io') return undefined;
  return servedResources({ group: 'metrics.k8s.io', version: 'v1beta1' })
    .find((k) => k.kind.toLowerCase() === lower || (group !== undefined && k.resource === lower));
}

function expandType(type: string): KindInfo[] {
  if (type === 'all') {
    return (builtinKinds as readonly KindInfo[]).filter((k) => k.categories?.includes('all'));
  }
  return [resolveOrFail(type)];
}

export function parseResourceArgs(args: string[], verb: string): ParsedArgs {
  if (args.length === 0) {
    if (verb === 'get') {
      // get.go prints the suggestion itself, then a usage error (no `explain` hint: mk has no explain).
      throw new RawError('You must specify the type of resource to get. Use "mk api-resources" for a complete list of supported resources.\n\n'
        + "error: Required resource not specified.\nSee 'mk get -h' for help and examples");
    }
    throw new UsageError(
      `You must specify the type of resource to ${verb}. Use "mk api-resources" for a complete list of supported resources.\n`,
    );
  }
  if (args.some((a) => a.includes('/'))) {
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0) {
        throw new UsageError(`there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'mk get resource/<resource_name>' instead of 'mk get resource resource/<resource_name>'`);
      }
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!name) throw new UsageError(`arguments in resource/name form must have a single resource and name`);
      const kind = resolveOrFail(type);
      const prev = requests.find((r) => r.kind === kind);
      if (prev) prev.names.push(name);
      else requests.push({ kind, names: [name] });
    }
    return { requests, multipleKinds: requests.length > 1 };
  }
  const [types, ...names] = args;
  const typeList = types.split(',').filter(Boolean);
  const kinds: KindInfo[] = [];
  for (const t of typeList) for (const k of expandType(t)) if (!kinds.includes(k)) kinds.push(k);
  if (names.length && typeList.includes('all')) throw new UsageError(`resource(s) were provided, but no name was specified`);
  return {
    requests: kinds.map((kind) => ({ kind, names: [...names] })),
    multipleKinds: kinds.length > 1,
  };
}
