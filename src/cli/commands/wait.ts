// `mk wait --for=...`: kubectl 1.32's cmd/wait (wait.go, condition.go, json.go, delete.go,
// create.go). Each selected object is watched until the condition holds; the whole command has
// one --timeout (30s by default, negative meaning a week) of cluster time.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { newAggregate } from '../errors.js';
import { printWriteResult } from './write-flags.js';
import { addFilenameFlags, durationFlag, resolveTargets, type Info, type TargetFlags } from './workload-targets.js';

interface WaitFlags extends TargetFlags {
  for?: string;
  timeout?: string;
  output?: string;
  local?: boolean;
}

const WEEK_MS = 168 * 60 * 60 * 1000;
/** IsCreated polls the builder every half second. */
const CREATE_POLL_MS = 500;

export function waitCommand(ctx: CliContext): Command {
  const cmd = new Command('wait')
    .description('Experimental: Wait for a specific condition on one or many resources')
    .usage("([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]")
    .argument('[args...]')
    .option('--all', 'Select all resources in the namespace of the specified resource types')
    .option('-A, --all-namespaces', 'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.')
    .option('--field-selector <selector>', "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.")
    .option('--for <condition>', "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.")
    .option('--local', 'If true, annotation will NOT contact api-server but run locally.')
    .option('-o, --output <format>', 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).')
    .option('-l, --selector <selector>', "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)")
    .option('--timeout <duration>', "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.", '30s');
  addFilenameFlags(cmd, 'identifying the resource.');
  return cmd.action(async (args: string[], flags: WaitFlags) => runWait(ctx, args, flags));
}

/** What one object is checked against; throws kubectl's error when the check itself fails. */
type Check = (obj: KubeObject) => boolean;

type Condition =
  | { type: 'delete' }
  | { type: 'create' }
  | { type: 'check'; check: Check };

async function runWait(ctx: CliContext, args: string[], flags: WaitFlags): Promise<void> {
  const condition = await conditionFor(flags.for ?? '');
  let timeoutMs = await durationFlag(flags.timeout, '--timeout', 30_000, 'wait');
  if (timeoutMs < 0) timeoutMs = WEEK_MS;
  const { target, cluster } = await connect(ctx.flags);
  try {
    const deadline = cluster.now() + timeoutMs;
    const find = () => resolveTargets(ctx, cluster, target, args, { ...flags, recursive: flags.recursive ?? true }, { allowEmptySelector: false, verb: 'wait' });
    if (condition.type === 'create') await waitForCreation(cluster, find, deadline);
    const { ordered } = await find();
    const isForDelete = condition.type === 'delete';
    const allErrs: Error[] = [];
    let visited = 0;
    for (const item of ordered) {
      if (item instanceof Error) {
        // --for=delete: an object already gone is what was asked for.
        if (!(isForDelete && item instanceof ApiError && item.status.reason === 'NotFound')) allErrs.push(item);
        continue;
      }
      visited++;
      try {
        const finalObject = await waitFor(cluster, item, condition, timeoutMs, deadline);
        await printWriteResult(ctx.io, finalObject, flags.output, 'condition met');
      } catch (e) {
        // Programming errors surface; kubectl's own errors are reported with the others.
        if (!(e instanceof Error) || e instanceof TypeError) throw e;
        allErrs.push(e);
      }
    }
    const agg = newAggregate(allErrs);
    if (agg) throw agg;
    if (visited === 0 && !isForDelete) throw new Error('no matching resources found');
  } finally {
    cluster.store.close();
  }
}

/** conditionFuncFor. */
export async function conditionFor(text: string): Promise<Condition> {
  const lower = text.toLowerCase();
  if (lower === 'delete') return { type: 'delete' };
  if (lower === 'create') return { type: 'create' };
  if (text.startsWith('condition=')) {
    let name = text.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { type: 'check', check: (obj) => conditionMet(obj, name, value) };
  }
  if (text.startsWith('jsonpath=')) return { type: 'check', check: await jsonPathCheck(text.slice('jsonpath='.length)) };
  throw new Error(`unrecognized condition: ${JSON.stringify(text)}`);
}

/** ConditionalWait.checkCondition: the first condition of that type decides, unless it describes an older generation. */
export function conditionMet(obj: KubeObject, name: string, value: string): boolean {
  const conditions = (obj.status as { conditions?: unknown } | undefined)?.conditions;
  if (!Array.isArray(conditions)) return false;
  for (const raw of conditions) {
    if (!raw || typeof raw !== 'object') return false;
    const c = raw as { type?: unknown; status?: unknown; observedGeneration?: unknown };
    if (typeof c.type !== 'string' || !equalFold(c.type, name)) continue;
    if (typeof c.status !== 'string') continue;
    const generation = obj.metadata.generation;
    if (typeof generation === 'number') {
      const observed = typeof c.observedGeneration === 'number' ? c.observedGeneration
        : (obj.status as { observedGeneration?: unknown }).observedGeneration;
      if (typeof observed === 'number' && observed < generation) return false;
    }
    return equalFold(c.status, value);
  }
  return false;
}

/** strings.EqualFold, near enough: Unicode simple case folding. */
function equalFold(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

/** processJSONPathInput + JSONPathWait.checkCondition. */
async function jsonPathCheck(input: string): Promise<Check> {
  const parts = splitJSONPathInput(input);
  if (parts.length < 1 || parts.length > 2) {
    throw new Error("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  const { relaxedJSONPathExpression } = await import('../printers/custom-columns.js');
  const expression = relaxedJSONPathExpression(parts[0]);
  let expected: string | undefined;
  if (parts.length === 2) {
    expected = parts[1].replace(/^['"]+|['"]+$/g, '');
    if (expected === '') throw new Error("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  if (expression === '') throw new Error('jsonpath expression cannot be empty');
  const { JSONPath, parseJSONPath, goSprint } = await import('../printers/jsonpath.js');
  const parser = new JSONPath(parseJSONPath(expression), { allowMissingKeys: true });
  return (obj) => {
    const results = parser.findValues(obj as never);
    if (results.length === 0 || results[0].length === 0) return false;
    if (results.length > 1) throw new Error('given jsonpath expression matches more than one list');
    if (results[0].length > 1) throw new Error('given jsonpath expression matches more than one value');
    if (expected === undefined) return true;
    const v = results[0][0];
    if (v !== null && typeof v === 'object') throw new Error('jsonpath leads to a nested object or list which is not supported');
    return goSprint(v).trim() === expected.trim();
  };
}

/** splitJSONPathInput: split on single `=`, keeping `==` inside the expression. */
export function splitJSONPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (i < input.length - 1 && input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}

/** --for=create: look the objects up every half second until they all exist. */
async function waitForCreation(cluster: ClusterHandle, find: () => Promise<{ errors: Error[] }>, deadline: number): Promise<void> {
  const { waitUntil } = await import('../wait.js');
  let failure: Error | undefined;
  let lastPoll = -Infinity;
  let found = false;
  const poll = async () => {
    const { errors } = await find();
    const other = errors.find((e) => !(e instanceof ApiError && e.status.reason === 'NotFound'));
    if (other) failure = other;
    found = errors.length === 0;
    lastPoll = cluster.now();
  };
  await poll();
  while (!found && !failure && cluster.now() < deadline) {
    // waitUntil takes a synchronous test: it stops at the next poll time, the lookup runs here.
    const ok = await waitUntil(cluster, () => cluster.now() - lastPoll >= CREATE_POLL_MS, Math.min(CREATE_POLL_MS, Math.max(0, deadline - cluster.now())));
    if (!ok && cluster.clock.mode === 'manual' && cluster.now() - lastPoll < CREATE_POLL_MS) {
      // Nothing left to happen on a manual clock: no one else will create it.
      await poll();
      break;
    }
    await poll();
  }
  if (failure) throw failure;
  if (!found) throw new Error('timed out waiting for the condition');
}

/** One object: its ConditionFunc, returning the object to print. */
async function waitFor(cluster: ClusterHandle, info: Info, condition: Condition, timeoutMs: number, deadline: number): Promise<KubeObject> {
  const resource = qualifiedResource(info.kind);
  const objectName = `${info.kind.resource}/${info.name}`;
  const timedOut = new Error(`timed out waiting for the condition on ${objectName}`);
  if (condition.type === 'create') return info.obj;
  const { untilWithSync } = await import('./watch-object.js');
  const ref = { resource, namespace: info.namespace, name: info.name };
  if (condition.type === 'delete') {
    const current = cluster.api.tryGet(resource, info.namespace, info.name);
    if (!current) return info.obj;
    if (current.metadata.uid !== info.obj.metadata.uid) return current;
    if (timeoutMs === 0) throw new Error(`condition not met for ${objectName}`);
    if (cluster.now() >= deadline) throw timedOut;
    const outcome = await untilWithSync(cluster, ref, (type) => type === 'DELETED', {
      timeoutMs: deadline - cluster.now(),
      precondition: (obj) => obj === undefined,
    });
    if (outcome !== 'met') throw timedOut;
    return current;
  }
  if (timeoutMs === 0) {
    const current = cluster.api.tryGet(resource, info.namespace, info.name);
    if (!current) throw new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${resource} "${info.name}" not found` });
    if (!condition.check(current)) throw new Error(`condition not met for ${objectName}`);
    return current;
  }
  if (cluster.now() >= deadline) throw timedOut;
  let result: KubeObject | undefined;
  const outcome = await untilWithSync(cluster, ref, (type, obj) => {
    // A deleted object leaves the watch waiting: it may come back.
    if (type === 'DELETED') return false;
    result = obj;
    return condition.check(obj);
  }, {
    timeoutMs: deadline - cluster.now(),
    precondition: (obj) => {
      if (!obj) throw new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${resource} "${info.name}" not found` });
      return false;
    },
  });
  if (outcome !== 'met' || !result) throw timedOut;
  return result;
}
