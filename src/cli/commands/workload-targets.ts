// kubectl's resource builder as the workload verbs (scale, set, rollout, wait) drive it:
// ContinueOnError + Latest + Flatten over `TYPE NAME...`, `TYPE/NAME...`, `-l`, `--all` and `-f`.
// Builder errors (no resources, unknown type, a type without names) are thrown; objects that
// cannot be found come back as errors beside the ones that were, in argument order, because
// each verb decides whether to go on without them.
import type { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { qualifiedKind, qualifiedResource, type KindInfo } from '../../api/registry.js';
import { notFound } from '../../apiserver/errors.js';
import { enableSelectors, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext, Target } from '../context.js';
import { RawError, UsageError } from '../errors.js';
import { parseResourceArgs } from '../resource-args.js';

export interface TargetFlags {
  filename?: string[];
  recursive?: boolean;
  selector?: string;
  fieldSelector?: string;
  all?: boolean;
  allNamespaces?: boolean;
}

/** resource.Info: one object the verb works on, as fetched from the server. */
export interface Info {
  kind: KindInfo;
  /** `deployments.apps` */
  resource: string;
  namespace: string | undefined;
  name: string;
  obj: KubeObject;
}

export interface Resolved {
  infos: Info[];
  /** NotFound and manifest errors, in the order kubectl's visitor meets them. */
  errors: Error[];
  /** Both, interleaved as the visitor meets them: what verbs that Visit() each item walk. */
  ordered: (Info | Error)[];
}

export const NO_RESOURCES_MESSAGE = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

const collect = (v: string, prev: string[]) => [...prev, v];

/** AddFilenameOptionFlags: -f/--filename and -R/--recursive. */
export function addFilenameFlags(cmd: Command, usage: string): Command {
  return cmd
    .option('-f, --filename <file>', `Filename, directory, or URL to files ${usage}`, collect, [])
    .option('-R, --recursive', 'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.');
}

/** `deployments/x`: resource.Info.ObjectName(), as errors name an object. */
export function objectName(info: Info): string {
  return `${info.kind.resource}/${info.name}`;
}

/** `deployment.apps/x`: what the name printer and the success lines start with. */
export function kindName(info: Info): string {
  return `${qualifiedKind(info.kind)}/${info.name}`;
}

/**
 * Resolves the arguments and flags to objects. `allowEmptySelector`: a bare type selects every
 * object of it (ResourceTypeOrNameArgs(true, ...)), as the rollout verbs allow; otherwise a type
 * without names needs -l or --all.
 */
export async function resolveTargets(ctx: CliContext, cluster: ClusterHandle, target: Target, args: string[],
  flags: TargetFlags, opts: { allowEmptySelector: boolean; verb: string }): Promise<Resolved> {
  const filenames = flags.filename ?? [];
  if (args.length === 0 && filenames.length === 0) throw new UsageError(NO_RESOURCES_MESSAGE);
  const ordered: (Info | Error)[] = [];
  const infos = { push: (i: Info) => ordered.push(i) };
  const errors = { push: (e: Error) => ordered.push(e) };
  const done = (): Resolved => ({
    infos: ordered.filter((x): x is Info => !(x instanceof Error)),
    errors: ordered.filter((x): x is Error => x instanceof Error),
    ordered,
  });
  if (filenames.length) {
    const { readSources } = await import('../flags/filename-flags.js');
    const { decodeSources } = await import('../manifests.js');
    const { docs, failures } = decodeSources(await readSources(filenames, !!flags.recursive, ctx.io));
    for (const f of failures) errors.push(new RawError(f.message));
    for (const d of docs) {
      const ns = d.kind.namespaced ? d.obj.metadata.namespace ?? target.namespace : undefined;
      fetchOne(cluster, d.kind, ns, d.obj.metadata.name, infos, errors);
    }
    if (args.length === 0) return done();
  }
  const parsed = parseResourceArgs(args, opts.verb);
  const named = parsed.requests.some((r) => r.names.length > 0);
  const selecting = flags.selector !== undefined && flags.selector !== '' || !!flags.fieldSelector;
  if (named && (selecting || flags.all)) {
    throw new Error(args.some((a) => a.includes('/'))
      ? 'selectors and the all flag cannot be used when passing resource/name arguments'
      : 'name cannot be provided when a selector is specified');
  }
  if (selecting) await enableSelectors(cluster);
  for (const r of parsed.requests) {
    if (r.names.length) {
      for (const name of r.names) fetchOne(cluster, r.kind, r.kind.namespaced ? target.namespace : undefined, name, infos, errors);
      continue;
    }
    if (!selecting && !flags.all && !opts.allowEmptySelector) {
      throw new RawError('error: resource(s) were provided, but no name was specified');
    }
    const namespace = r.kind.namespaced && !flags.allNamespaces ? target.namespace : undefined;
    const objs = cluster.api.list(qualifiedResource(r.kind), { namespace, labelSelector: flags.selector || undefined, fieldSelector: flags.fieldSelector || undefined });
    for (const obj of objs) infos.push(infoFor(r.kind, obj));
  }
  return done();
}

function fetchOne(cluster: ClusterHandle, kind: KindInfo, namespace: string | undefined, name: string,
  infos: { push(i: Info): void }, errors: { push(e: Error): void }): void {
  const resource = qualifiedResource(kind);
  const obj = cluster.api.tryGet(resource, namespace, name);
  if (obj) infos.push(infoFor(kind, obj));
  else errors.push(notFound(resource, name));
}

export function infoFor(kind: KindInfo, obj: KubeObject): Info {
  return { kind, resource: qualifiedResource(kind), namespace: obj.metadata.namespace, name: obj.metadata.name, obj };
}

/** The operation word of a success line with the dry-run suffix PrintFlagsWithDryRunStrategy adds. */
export function withDryRun(operation: string, dryRun: 'client' | 'server' | undefined): string {
  return dryRun === 'client' ? `${operation} (dry run)` : dryRun === 'server' ? `${operation} (server dry run)` : operation;
}

/** pflag's error for a flag value it cannot parse, with cobra's usage hint. */
function flagError(value: string, flag: string, why: string, commandPath: string): RawError {
  return new RawError(`error: invalid argument "${value}" for "${flag}" flag: ${why}\nSee 'mk ${commandPath} --help' for usage.`);
}

/** An Int/Int64 flag (`bits` 64) or Int32 flag as pflag parses it. */
export function intFlag(value: string | undefined, flag: string, fallback: number, commandPath: string, bits: 32 | 64 = 64): number {
  if (value === undefined) return fallback;
  const ok = /^[+-]?\d+$/.test(value);
  if (!ok) throw flagError(value, flag, `strconv.ParseInt: parsing "${value}": invalid syntax`, commandPath);
  const n = BigInt(value);
  const max = bits === 32 ? 2147483647n : 9223372036854775807n;
  if (n > max || n < -max - 1n) throw flagError(value, flag, `strconv.ParseInt: parsing "${value}": value out of range`, commandPath);
  return Number(n);
}

/** A Duration flag as pflag parses it (time.ParseDuration), in milliseconds. */
export async function durationFlag(value: string | undefined, flag: string, fallback: number, commandPath: string): Promise<number> {
  if (value === undefined) return fallback;
  const { parseGoDuration } = await import('../../api/go-duration.js');
  const ms = parseGoDuration(value);
  if (ms === undefined) throw flagError(value, flag, `time: ${durationProblem(value)}`, commandPath);
  return ms;
}

/** Which of time.ParseDuration's complaints a bad duration earns. */
function durationProblem(value: string): string {
  const quoted = JSON.stringify(value);
  const body = value.replace(/^[+-]/, '');
  if (/^(\d+(\.\d*)?|\.\d+)$/.test(body)) return `missing unit in duration ${quoted}`;
  const unit = /^(?:\d+(?:\.\d*)?|\.\d+)([^\d.]+)/.exec(body);
  if (unit && !['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h'].includes(unit[1])) {
    return `unknown unit ${JSON.stringify(unit[1])} in duration ${quoted}`;
  }
  return `invalid duration ${quoted}`;
}

/** A Bool flag given a value (`-w=false`), as strconv.ParseBool reads it. */
export function boolFlag(value: string | boolean | undefined, flag: string, fallback: boolean, commandPath: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw flagError(value, flag, `strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`, commandPath);
}

/** A JSON merge patch (RFC 7386) turning `before` into `after`: lists replaced whole, removed keys null. */
export function createMergePatch(before: unknown, after: unknown): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(b)) if (!(k in a)) patch[k] = null;
  for (const [k, v] of Object.entries(a)) {
    const old = b[k];
    if (isPlainObject(v) && isPlainObject(old)) {
      const sub = createMergePatch(old, v);
      if (Object.keys(sub).length) patch[k] = sub;
    } else if (!jsonEqual(v, old)) {
      patch[k] = v;
    }
  }
  return patch;
}

/** Equal as JSON values: the order of object keys does not matter, that of list items does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual(a[k], b[k]));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
export const RECORD_DEPRECATION = 'Flag --record has been deprecated, --record will be removed in the future\n';
export const RECORD_HELP = 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.';

/**
 * The change-cause --record writes (RecordFlags' parseCommandArguments): the program name, the
 * arguments, then every flag given, in the order given, as `--long-name=value`.
 */
export function changeCause(self: Command): string {
  let root: Command = self;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const options = [...self.options, ...(self.parent?.options ?? [])];
  const find = (token: string) => options.find((o) => o.long === token || o.short === token);
  const args: string[] = [];
  let flags = '';
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i];
    if (t === '--') {
      args.push(...raw.slice(i + 1));
      break;
    }
    if (!t.startsWith('-') || t === '-') {
      args.push(t);
      continue;
    }
    const eq = t.indexOf('=');
    const name = eq > 0 ? t.slice(0, eq) : t;
    const opt = find(name);
    const long = opt?.long?.replace(/^--/, '') ?? name.replace(/^-+/, '');
    let value: string;
    if (eq > 0) value = t.slice(eq + 1);
    else if (!opt || opt.isBoolean() || (opt.optional && (i + 1 >= raw.length || raw[i + 1].startsWith('-')))) value = 'true';
    else value = raw[++i] ?? '';
    flags += ` --${long}=${value}`;
  }
  return `mk${args.length ? ` ${args.join(' ')}` : ''}${flags}`;
}

/** Whether --record was given true (`--record`, `--record=true`). */
export function recording(value: string | boolean | undefined): boolean {
  return value === true || value === 'true' || value === '1' || value === 't' || value === 'T' || value === 'TRUE' || value === 'True';
}
