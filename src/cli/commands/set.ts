// `mk set image|env|resources`: kubectl 1.32's cmd/set. Each subcommand finds the pod spec of
// every selected object (UpdatePodSpecForObject), changes a copy, and sends the difference as
// a patch — nothing at all when the copy did not change, which kubectl does not mention either.
// Errors about single containers or objects are gathered and reported after the successes.
import { Command } from 'commander';
import type { Container, PodSpec } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource, resolveResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext, Target } from '../context.js';
import { connect } from '../context.js';
import { ExitError, newAggregate, RawError } from '../errors.js';
import { printWriteResult, writeFlagsFrom } from './write-flags.js';
import {
  addFilenameFlags, CHANGE_CAUSE_ANNOTATION, changeCause, createMergePatch, infoFor, objectName, RECORD_DEPRECATION, RECORD_HELP, recording,
  resolveTargets, withDryRun, type Info, type TargetFlags } from './workload-targets.js';

interface CommonSetFlags extends TargetFlags {
  record?: string | boolean;
  local?: boolean;
  dryRun?: string;
  output?: string;
  fieldManager: string;
}

type EnvVar = NonNullable<Container['env']>[number];

const LOCAL_RESOURCE_ERROR = 'error: you must specify resources by --filename when --local is set.';

const collect = (v: string, prev: string[]) => [...prev, v];
const collectSlice = (v: string, prev: string[]) => [...prev, ...v.split(',')];
const parseBoolOpt = (v: string | undefined) => v === undefined || ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v);

export function setCommand(ctx: CliContext): Command {
  const set = new Command('set')
    .description('Set specific features on objects')
    .usage('SUBCOMMAND [options]');
  set.addCommand(imageCommand(ctx));
  set.addCommand(envCommand(ctx));
  set.addCommand(resourcesCommand(ctx));
  // cmdutil.DefaultSubCommandRun: bare, the help and exit 1; with an unknown subcommand, an error.
  return set.allowExcessArguments(true).action(() => {
    if (set.args.length) throw new RawError(`error: unknown command "${set.args[0]}"\nSee 'mk set -h' for help and examples`);
    ctx.io.out(set.helpInformation());
    throw new ExitError(1);
  });
}

function addCommonFlags(cmd: Command, what: string): Command {
  addFilenameFlags(cmd, 'identifying the resource to get from a server.');
  return cmd
    .option('--all', 'Select all resources, in the namespace of the specified resource types')
    .option('--local', `If true, set ${what} will NOT contact api-server but run locally.`)
    .option('--dry-run [strategy]', 'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.")
    .option('--field-manager <name>', 'Name of the manager used to track field ownership.', 'kubectl-set');
}

// ---- set image ---------------------------------------------------------------------------------

function imageCommand(ctx: CliContext): Command {
  const cmd = new Command('image')
    .description('Update the image of a pod template')
    .usage('(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]')
    .argument('[args...]')
    .option('--record [bool]', RECORD_HELP);
  addCommonFlags(cmd, 'image');
  return cmd.action(async (args: string[], flags: CommonSetFlags) => {
    const record = recordFlag(ctx, cmd, flags);
    const write = writeFlagsFrom({ dryRun: flags.dryRun });
    const { resources, pairs } = splitPairs(args, 'image');
    const images = parsePairs(pairs, 'image', false).set;
    await withTargets(ctx, resources, flags, async (infos, errors) => {
      if (errors.length) throw newAggregate(errors);
      const problems: string[] = [];
      if (flags.all && flags.selector) problems.push('cannot set --all and --selector at the same time');
      if (resources.length < 1 && !(flags.filename ?? []).length) problems.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
      if (images.size < 1) problems.push('at least one image update is required');
      else if (images.size > 1 && images.has('*')) problems.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
      if (flags.local && write.dryRun === 'server') problems.push('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
      if (problems.length) throw newAggregate(problems.map((p) => new Error(p)));
      const allErrs: Error[] = [];
      const patches = calculatePatches(infos, (spec) => {
        for (const [name, image] of images) {
          const init = setImage(spec.initContainers, name, image);
          const regular = setImage(spec.containers, name, image);
          if (!init && !regular) allErrs.push(new Error(`error: unable to find container named "${name}"`));
        }
      }, undefined, record);
      return { patches, allErrs, operation: 'image updated', failure: 'failed to patch image update to pod template: ' };
    });
  });
}

function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (c.name === name || name === '*') {
      found = true;
      c.image = image;
    }
  }
  return found;
}

// ---- set env -------------------------------------------------------------------------------

interface EnvFlags extends CommonSetFlags {
  containers: string;
  env: string[];
  from?: string;
  prefix?: string;
  keys: string[];
  list?: boolean;
  resolve?: boolean;
  overwrite: boolean;
}

function envCommand(ctx: CliContext): Command {
  const cmd = new Command('env')
    .description('Update environment variables on a pod template')
    .usage('RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]')
    .argument('[args...]')
    .option('-c, --containers <names>', 'The names of containers in the selected pod templates to change - may use wildcards', '*')
    .option('-e, --env <pair>', 'Specify a key-value pair for an environment variable to set into each container.', collect, [])
    .option('--from <resource>', 'The name of a resource from which to inject environment variables')
    .option('--keys <keys>', 'Comma-separated list of keys to import from specified resource', collectSlice, [])
    .option('--list', 'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.')
    .option('--overwrite [bool]', 'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.', parseBoolOpt, true)
    .option('--prefix <prefix>', 'Prefix to append to variable names')
    .option('--resolve', 'If true, show secret or configmap references when listing variables');
  addCommonFlags(cmd, 'env');
  return cmd.action(async (args: string[], flags: EnvFlags) => {
    if (flags.all && flags.selector) throw new Error('cannot set --all and --selector at the same time');
    const split = splitEnvironmentFromResources(args);
    if (!split) throw new Error(`all resources must be specified before environment changes: ${args.join(' ')}`);
    const write = writeFlagsFrom({ dryRun: flags.dryRun });
    if (flags.local && write.dryRun === 'server') throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (!(flags.filename ?? []).length && split.resources.length < 1) throw new Error('one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (flags.list && flags.output) throw new Error('--list and --output may not be specified together');
    if (flags.keys.length && !flags.from) throw new Error('when specifying --keys, a configmap or secret must be provided with --from');
    const needsStdin = [...flags.env, ...split.envArgs].includes('-');
    const { isEnvVarName } = await import('../../api/validation.js');
    const { env, remove } = parseEnv([...flags.env, ...split.envArgs], needsStdin ? await ctx.io.readStdin() : undefined, isEnvVarName);
    await withTargets(ctx, split.resources, flags, async (infos, errors, cluster, target) => {
      // With --local nothing is read from a server, --from included.
      if (flags.from && cluster) env.push(...envFrom(cluster, target, flags.from, flags.keys, (w) => ctx.io.err(w)));
      if (flags.prefix) for (const e of env) e.name = `${flags.prefix}${e.name}`;
      if (errors.length) throw newAggregate(errors);
      const patches = calculatePatches(infos, (spec, info) => {
        const selected = [...selectContainers(spec.containers, flags.containers), ...selectContainers(spec.initContainers, flags.containers)];
        if (!selected.length) {
          ctx.io.err(`Warning: ${info.obj.kind}/${info.name} does not have any containers matching "${flags.containers}"\n`);
          return;
        }
        let resolutionFailed = false;
        for (const c of selected) {
          if (!flags.overwrite) {
            for (const e of env) {
              const current = c.env?.find((x) => x.name === e.name);
              if (current && current.value !== e.value) throw new Error(`'${current.name}' already has a value (${current.value ?? ''}), and --overwrite is false`);
            }
          }
          const updated = updateEnv(c.env, env, remove);
          if (updated.length) c.env = updated;
          else delete c.env;
          if (flags.list) {
            const listed = listEnv(info, c, flags.resolve && cluster ? (from) => resolveEnvRef(cluster, info, from) : undefined);
            ctx.io.out(listed.text);
            for (const e of listed.errors) ctx.io.err(e + '\n');
            if (listed.errors.length) resolutionFailed = true;
          }
        }
        if (resolutionFailed) throw new Error('failed to retrieve valueFrom references');
      });
      if (flags.list) return { patches: [], allErrs: [], operation: '', failure: '' };
      return {
        patches, allErrs: [], operation: 'env updated', failure: 'failed to patch env update to pod template: ',
        // kubectl only then notices that nothing was asked for.
        afterPatch: () => {
          if (!env.length && !split.envArgs.length) throw new Error('at least one environment variable must be provided');
        },
      };
    });
  });
}

const ARGUMENT_ENVIRONMENT = /^(.+)=(.*)$/s;

/** envutil.SplitEnvironmentFromResources: resources first, then KEY=VALUE / KEY- changes; undefined when mixed. */
export function splitEnvironmentFromResources(args: string[]): { resources: string[]; envArgs: string[] } | undefined {
  const resources: string[] = [];
  const envArgs: string[] = [];
  let first = true;
  for (const s of args) {
    const isEnv = ARGUMENT_ENVIRONMENT.test(s) || s.endsWith('-');
    if (isEnv) {
      first = false;
      envArgs.push(s);
    } else if (first) resources.push(s);
    else return undefined;
  }
  return { resources, envArgs };
}

/** envutil.ParseEnv: variables to set (stdin read for `-`) and names to remove. */
export function parseEnv(spec: string[], stdin: string | undefined, isEnvVarName: (name: string) => string[]): { env: EnvVar[]; remove: string[] } {
  const env: EnvVar[] = [];
  const exists = new Set<string>();
  const remove: string[] = [];
  for (const s of spec) {
    if (s === '-') {
      if (stdin === undefined) throw new Error("when '-' is used, STDIN must be open");
      env.push(...readEnv(stdin));
    } else if (s.includes('=')) {
      const i = s.indexOf('=');
      const name = s.slice(0, i);
      const errs = isEnvVarName(name);
      if (errs.length) throw new Error(`${JSON.stringify(name)} is not a valid key name: ${errs.join(';')}`);
      exists.add(name);
      env.push({ name, value: s.slice(i + 1) });
    } else if (s.endsWith('-')) {
      remove.push(s.slice(0, -1));
    } else {
      throw new Error(`unknown environment variable: ${s}`);
    }
  }
  for (const r of remove) {
    if (exists.has(r)) throw new Error('can not both modify and remove the same environment variable in the same command');
  }
  return { env, remove };
}

function readEnv(text: string): EnvVar[] {
  const env: EnvVar[] = [];
  for (let line of text.split('\n')) {
    const hash = line.indexOf('#');
    if (hash >= 0) line = line.slice(0, hash);
    if (line.includes('=')) {
      const i = line.indexOf('=');
      env.push({ name: line.slice(0, i), value: line.slice(i + 1) });
    }
  }
  return env;
}

/** helper.go updateEnv: existing variables updated in place or removed, new ones appended in order. */
export function updateEnv(existing: EnvVar[] | undefined, env: EnvVar[], remove: string[]): EnvVar[] {
  const out: EnvVar[] = [];
  const covered = new Set(remove);
  for (const e of existing ?? []) {
    if (covered.has(e.name)) continue;
    const newer = env.find((x) => x.name === e.name);
    if (newer) {
      covered.add(e.name);
      out.push(newer);
      continue;
    }
    out.push(e);
  }
  for (const e of env) {
    if (covered.has(e.name)) continue;
    covered.add(e.name);
    out.push(e);
  }
  return out;
}

/** `# Deployment web, container nginx` and one line per variable, as --list prints them. */
function listEnv(info: Info, c: Container, resolve?: (from: NonNullable<EnvVar['valueFrom']>) => string | Error | undefined): { text: string; errors: string[] } {
  let text = `# ${info.obj.kind} ${info.name}, container ${c.name}\n`;
  const failures = new Map<string, string[]>();
  for (const e of c.env ?? []) {
    if (!e.valueFrom) {
      text += `${e.name}=${e.value ?? ''}\n`;
      continue;
    }
    const resolved = resolve?.(e.valueFrom);
    if (resolved !== undefined && !(resolved instanceof Error)) {
      text += `${e.name}=${resolved}\n`;
      continue;
    }
    text += `# ${e.name} from ${envVarRefString(e.valueFrom)}\n`;
    if (resolved instanceof Error) failures.set(resolved.message, [...(failures.get(resolved.message) ?? []), e.name]);
  }
  const errors = [...failures].map(([err, vars]) => `error retrieving reference for ${[...vars].sort().join(', ')}: ${err}`).sort();
  return { text, errors };
}

/** envutil.GetEnvVarRefString. */
export function envVarRefString(from: NonNullable<EnvVar['valueFrom']>): string {
  if (from.configMapKeyRef) return `configmap ${from.configMapKeyRef.name ?? ''}, key ${from.configMapKeyRef.key}`;
  if (from.secretKeyRef) return `secret ${from.secretKeyRef.name ?? ''}, key ${from.secretKeyRef.key}`;
  if (from.fieldRef) return `field path ${from.fieldRef.fieldPath}`;
  if (from.resourceFieldRef) {
    const prefix = from.resourceFieldRef.containerName ? `${from.resourceFieldRef.containerName}/` : '';
    return `resource field ${prefix}${from.resourceFieldRef.resource}`;
  }
  return 'invalid valueFrom';
}

/** envutil.GetEnvVarRefValue for --resolve: config map and secret keys, and the object's own metadata. */
function resolveEnvRef(cluster: ClusterHandle, info: Info, from: NonNullable<EnvVar['valueFrom']>): string | Error | undefined {
  const ns = info.namespace;
  if (from.secretKeyRef) {
    const { name = '', key } = from.secretKeyRef;
    const secret = cluster.api.tryGet('secrets', ns, name);
    if (!secret) return new Error(`secrets "${name}" not found`);
    const data = (secret.data ?? {}) as Record<string, string>;
    if (!(key in data)) return new Error(`key ${key} not found in secret ${name}`);
    return Buffer.from(data[key], 'base64').toString('utf8');
  }
  if (from.configMapKeyRef) {
    const { name = '', key } = from.configMapKeyRef;
    const cm = cluster.api.tryGet('configmaps', ns, name);
    if (!cm) return new Error(`configmaps "${name}" not found`);
    const data = (cm.data ?? {}) as Record<string, string>;
    if (!(key in data)) return new Error(`key ${key} not found in config map ${name}`);
    return data[key];
  }
  if (from.fieldRef) {
    const path = from.fieldRef.fieldPath;
    const meta = info.obj.metadata;
    const m = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
    if (m) return (meta[m[1] as 'labels' | 'annotations'] ?? {})[m[2]] ?? '';
    switch (path) {
      case 'metadata.name': return meta.name;
      case 'metadata.namespace': return meta.namespace ?? '';
      case 'metadata.uid': return meta.uid ?? '';
      default: return new Error(`unsupported fieldPath: ${path}`);
    }
  }
  return undefined;
}

/**
 * --from=secret/x or configmap/x: one variable per key (--keys limits which), named as a C
 * identifier, with a warning for each key that had to be renamed. Keys go in sorted order where
 * kubectl's follow Go's map iteration.
 */
function envFrom(cluster: ClusterHandle, target: Target, from: string, keys: string[], warn: (s: string) => void): EnvVar[] {
  const slash = from.indexOf('/');
  const kind = slash > 0 ? resolveResource(from.slice(0, slash)) : undefined;
  if (!kind) throw new RawError(`error: the server doesn't have a resource type "${slash > 0 ? from.slice(0, slash) : from}"`);
  const name = from.slice(slash + 1);
  const obj = cluster.api.tryGet(qualifiedResource(kind), target.namespace, name);
  if (!obj) throw new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${qualifiedResource(kind)} "${name}" not found` });
  if (kind.kind !== 'Secret' && kind.kind !== 'ConfigMap') throw new Error('unsupported resource specified in --from');
  const data = Object.keys((obj.data ?? {}) as Record<string, string>).sort();
  const wanted = (k: string) => keys.length === 0 || keys.includes(k);
  const envName = (k: string) => k.replace(/[^a-zA-Z0-9_]/g, '_').toUpperCase();
  return data.filter(wanted).map((key) => {
    if (envName(key) !== key) warn(`Warning: key ${key} transferred to ${envName(key)}\n`);
    return {
      name: envName(key),
      valueFrom: kind.kind === 'Secret' ? { secretKeyRef: { key, name } } : { configMapKeyRef: { key, name } },
    };
  });
}

// ---- set resources -----------------------------------------------------------------------

interface ResourcesFlags extends CommonSetFlags {
  containers: string;
  limits?: string;
  requests?: string;
}

function resourcesCommand(ctx: CliContext): Command {
  const cmd = new Command('resources')
    .description('Update resource requests/limits on objects with pod templates')
    .usage('(-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]')
    .argument('[args...]')
    .option('-c, --containers <names>', 'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards', '*')
    .option('--limits <list>', "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.")
    .option('--requests <list>', "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.")
    .option('--record [bool]', RECORD_HELP);
  addCommonFlags(cmd, 'resources');
  return cmd.action(async (args: string[], flags: ResourcesFlags) => {
    const record = recordFlag(ctx, cmd, flags);
    const write = writeFlagsFrom({ dryRun: flags.dryRun });
    await withTargets(ctx, args, flags, async (infos, errors) => {
      if (errors.length) throw newAggregate(errors);
      if (flags.local && write.dryRun === 'server') throw new Error('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
      if (flags.all && flags.selector) throw new Error('cannot set --all and --selector at the same time');
      if (!flags.limits && !flags.requests) throw new Error('you must specify an update to requests or limits (in the form of --requests/--limits)');
      const { canonicalQuantity } = await import('../../api/quantity.js');
      const limits = populateResourceList(flags.limits ?? '', canonicalQuantity);
      const requests = populateResourceList(flags.requests ?? '', canonicalQuantity);
      const allErrs: Error[] = [];
      const patches = calculatePatches(infos, (spec) => {
        const selected = [...selectContainers(spec.containers, flags.containers), ...selectContainers(spec.initContainers, flags.containers)];
        if (!selected.length) {
          allErrs.push(new Error(`error: unable to find container named ${flags.containers}`));
          return false;
        }
        for (const c of selected) {
          const res = (c.resources ??= {});
          if (limits) res.limits = { ...canonicalList(res.limits, canonicalQuantity), ...limits };
          if (requests) res.requests = { ...canonicalList(res.requests, canonicalQuantity), ...requests };
        }
      }, (spec) => canonicalizeResources(spec, canonicalQuantity), record);
      return { patches, allErrs, operation: 'resource requirements updated', failure: 'failed to patch resources update to pod template ' };
    });
  });
}

/** populateResourceListV1: `cpu=100m,memory=256Mi` as canonical quantities; undefined for none. */
export function populateResourceList(spec: string, canonical: (q: string) => string): Record<string, string> | undefined {
  if (spec === '') return undefined;
  const out: Record<string, string> = {};
  for (const statement of spec.split(',')) {
    const parts = statement.split('=');
    if (parts.length !== 2) throw new Error(`Invalid argument syntax ${statement}, expected <resource>=<value>`);
    out[parts[0]] = canonical(parts[1]);
  }
  return out;
}

function canonicalList(list: Record<string, string | number> | undefined, canonical: (q: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list ?? {})) {
    try {
      out[k] = canonical(String(v));
    } catch {
      out[k] = String(v);
    }
  }
  return out;
}

/** Quantities as a decoded object re-encodes them, so `1000m` and `1` compare equal. */
function canonicalizeResources(spec: PodSpec, canonical: (q: string) => string): void {
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    if (c.resources?.limits) c.resources.limits = canonicalList(c.resources.limits, canonical);
    if (c.resources?.requests) c.resources.requests = canonicalList(c.resources.requests, canonical);
  }
}

// ---- shared ------------------------------------------------------------------------------

/** --record: the deprecation notice when given at all, and the change-cause when true. */
function recordFlag(ctx: CliContext, cmd: Command, flags: { record?: string | boolean }): string | undefined {
  if (flags.record === undefined) return undefined;
  ctx.io.err(RECORD_DEPRECATION);
  return recording(flags.record) ? changeCause(cmd) : undefined;
}

/** selectString: `*` matches all; otherwise exact, or a pattern with non-greedy `*` wildcards. */
export function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  let pos = 0;
  const parts = spec.split('*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part) continue;
    const found = s.slice(pos).indexOf(part);
    // Upstream compares the index within the rest of the string with the absolute position.
    if (found < pos) return false;
    if (i === 0 && pos !== 0) return false;
    if (i === parts.length - 1 && s.length !== part.length + found) return false;
    pos = found;
  }
  return true;
}

export function selectContainers(containers: Container[] | undefined, spec: string): Container[] {
  return (containers ?? []).filter((c) => selectString(c.name, spec));
}

/** cmdutil.GetResourcesAndPairs: resource arguments first, then `k=v` / `k-` pairs. */
export function splitPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const isPair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (isPair) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else throw new Error(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}

/** cmdutil.ParsePairs, keeping the order the pairs were given in. */
export function parsePairs(pairs: string[], pairType: string, supportRemove: boolean): { set: Map<string, string>; remove: string[] } {
  const set = new Map<string, string>();
  const remove: string[] = [];
  const invalid: string[] = [];
  for (const p of pairs) {
    if (p.includes('=') && p[0] !== '=') {
      const i = p.indexOf('=');
      set.set(p.slice(0, i), p.slice(i + 1));
    } else if (supportRemove && p.endsWith('-') && p !== '-') {
      remove.push(p.slice(0, -1));
    } else {
      invalid.push(p);
    }
  }
  if (invalid.length) throw new Error(`invalid ${pairType} format: ${invalid.join(', ')}`);
  return { set, remove };
}

/** UpdatePodSpecForObject: where each kind keeps its pod spec. */
const POD_SPEC_PATHS: Record<string, readonly string[]> = {
  Pod: ['spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

export function podSpecOf(info: Info, obj: KubeObject): PodSpec {
  const path = POD_SPEC_PATHS[info.kind.kind];
  if (!path) throw new Error(`the object is not a pod or does not have a pod template: *${info.kind.version}.${info.kind.kind}`);
  let cur: Record<string, unknown> = obj;
  for (const key of path) cur = (cur[key] ??= {}) as Record<string, unknown>;
  return cur as unknown as PodSpec;
}

export interface Patch {
  info: Info;
  /** The changed object; undefined when the change failed (err) or changed nothing. */
  after?: KubeObject;
  err?: Error;
  /** A JSON merge patch from the object to `after`; empty when nothing changed. */
  patch?: Record<string, unknown>;
}

/**
 * CalculatePatches: the change applied to a copy of each object; a mutate that returns false
 * leaves that object out, one that throws records the error against it. `normalize` is applied
 * to both sides before comparing, as decoding into typed objects would; `record` is a
 * change-cause to write with the change (--record).
 */
export function calculatePatches(infos: Info[], mutate: (spec: PodSpec, info: Info) => void | boolean,
  normalize?: (spec: PodSpec) => void, record?: string): Patch[] {
  const out: Patch[] = [];
  for (const info of infos) {
    const before = structuredClone(info.obj);
    const after = structuredClone(info.obj);
    try {
      const spec = podSpecOf(info, after);
      if (mutate(spec, info) === false) continue;
      // The change-cause goes into the same patch (ChangeCauseRecorder.Record).
      if (record !== undefined) after.metadata.annotations = { ...after.metadata.annotations, [CHANGE_CAUSE_ANNOTATION]: record };
      if (normalize) {
        normalize(podSpecOf(info, before));
        normalize(spec);
      }
    } catch (e) {
      out.push({ info, err: e as Error });
      continue;
    }
    out.push({ info, after, patch: createMergePatch(before, after) });
  }
  return out;
}

interface RunResult {
  patches: Patch[];
  /** Errors met while changing the objects, reported before those of sending the changes. */
  allErrs: Error[];
  /** `image updated`: what the success line says. */
  operation: string;
  /** `failed to patch image update to pod template: `: what precedes a refused patch's message. */
  failure: string;
  afterPatch?: () => void;
}

/**
 * The part every set subcommand shares: find the objects (or read them with --local), let the
 * subcommand compute its patches, then print or send them and report what failed.
 */
async function withTargets(ctx: CliContext, resources: string[], flags: CommonSetFlags,
  compute: (infos: Info[], errors: Error[], cluster: ClusterHandle | undefined, target: Target) => Promise<RunResult>): Promise<void> {
  const write = writeFlagsFrom({ dryRun: flags.dryRun });
  if (flags.local) {
    if (resources.length > 0) throw new RawError(LOCAL_RESOURCE_ERROR);
    const { readSources } = await import('../flags/filename-flags.js');
    const { decodeSources } = await import('../manifests.js');
    const { docs, failures } = decodeSources(await readSources(flags.filename ?? [], !!flags.recursive, ctx.io));
    const errors: Error[] = failures.map((f) => new RawError(f.message));
    const infos = docs.map((d) => infoFor(d.kind, d.obj));
    const result = await compute(infos, errors, undefined, { contextName: '', clusterName: '', namespace: ctx.flags.namespace ?? 'default', explicitNamespace: false });
    await report(ctx, result, undefined, 'client', flags.output, true);
    return;
  }
  const { target, cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const { infos, errors } = await resolveTargets(ctx, cluster, target, resources, flags, { allowEmptySelector: false, verb: 'set' });
    const result = await compute(infos, errors, cluster, target);
    await report(ctx, result, cluster, write.dryRun, flags.output, false, flags.fieldManager);
    await settle(cluster);
  } finally {
    cluster.store.close();
  }
}

async function report(ctx: CliContext, r: RunResult, cluster: ClusterHandle | undefined, dryRun: 'client' | 'server' | undefined,
  output: string | undefined, local: boolean, fieldManager?: string): Promise<void> {
  const allErrs = [...r.allErrs];
  for (const p of r.patches) {
    if (p.err) {
      allErrs.push(new Error(`error: ${objectName(p.info)} ${p.err.message}\n`));
      continue;
    }
    if (!p.patch || Object.keys(p.patch).length === 0) continue;
    if (local || dryRun === 'client' || !cluster) {
      await printWriteResult(ctx.io, p.after!, output, withDryRun(r.operation, local ? undefined : dryRun));
      continue;
    }
    let actual: KubeObject;
    try {
      actual = cluster.api.patch(p.info.resource, p.info.namespace, p.info.name, 'merge', p.patch, { dryRun: dryRun === 'server', fieldManager });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      allErrs.push(new Error(`${r.failure}${e.status.message}`));
      continue;
    }
    r.afterPatch?.();
    await printWriteResult(ctx.io, actual, output, withDryRun(r.operation, dryRun));
  }
  const agg = newAggregate(allErrs);
  if (agg) throw agg;
}
