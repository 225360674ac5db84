// `mk create poddisruptionbudget NAME --selector=... --min-available=N | --max-unavailable=N`
// (alias pdb): the PodDisruptionBudget kubectl 1.32's create_pdb.go builds, with its flag checks.
import { Command } from 'commander';
import { parseIntOrString } from '../../api/intstr.js';
import type { KubeObject } from '../../api/object.js';
import type { CliContext } from '../context.js';
import { errorText, RawError, UsageError } from '../errors.js';
import { addWriteFlags, type WriteFlags } from './write-flags.js';

interface CreatePdbFlags extends WriteFlags {
  selector?: string;
  minAvailable?: string;
  maxUnavailable?: string;
}

/** How a generator's object is created: the field manager, and the words a refusal is wrapped in. */
export interface CreateOptions {
  fieldManager?: string;
  failure?: (e: unknown) => Error;
}

/** kubectl's wrapping of a generator's refused create: `failed to create configmap: <the API error>`. */
export const failedToCreate = (prefix: string) => (e: unknown): Error => new Error(`failed to create ${prefix}${errorText(e)}`);

/** The generator's create step, shared with the other `create` generators. */
export type CreateGenerated = (ctx: CliContext, flags: WriteFlags, obj: KubeObject, opts?: CreateOptions) => Promise<void>;

export function createPdbCommand(ctx: CliContext, createGenerated: CreateGenerated): Command {
  const cmd = new Command('poddisruptionbudget').alias('pdb')
    .description('Create a pod disruption budget with the specified name')
    .usage('NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]')
    .argument('[name...]')
    .option('--min-available <n>', 'The minimum number or percentage of available pods this budget requires.')
    .option('--max-unavailable <n>', 'The maximum number or percentage of unavailable pods this budget requires.')
    .option('--selector <selector>', 'A label selector to use for this budget. Only equality-based selector requirements are supported.');
  addWriteFlags(cmd);
  return cmd.action(async (names: string[], flags: CreatePdbFlags) => {
    if (names.length !== 1) {
      throw new UsageError(`exactly one NAME is required, got ${names.length}`, "See 'mk create poddisruptionbudget -h' for help and examples");
    }
    validate(flags);
    await createGenerated(ctx, flags, await buildPodDisruptionBudget(names[0], flags), { failure: failedToCreate('poddisruptionbudgets: ') });
  });
}

/** PodDisruptionBudgetOpts.Validate. */
function validate(flags: CreatePdbFlags): void {
  const minAvailable = flags.minAvailable ?? '';
  const maxUnavailable = flags.maxUnavailable ?? '';
  if (!flags.selector) throw new RawError('error: a selector must be specified');
  if (!maxUnavailable && !minAvailable) throw new RawError('error: one of min-available or max-unavailable must be specified');
  if (maxUnavailable && minAvailable) throw new RawError('error: min-available and max-unavailable cannot be both specified');
  // A number or a percentage: 10, 30%; not 10Gb.
  const re = /^[0-9]+%?$/;
  if (minAvailable && !re.test(minAvailable)) throw new RawError('error: invalid format specified for min-available');
  if (maxUnavailable && !re.test(maxUnavailable)) throw new RawError('error: invalid format specified for max-unavailable');
}


/** metav1.ParseToLabelSelector: equality requirements become matchLabels, the rest matchExpressions. */
async function parseToLabelSelector(selector: string): Promise<Record<string, unknown>> {
  const { parseLabelSelector, SelectorError } = await import('../../apiserver/selectors.js');
  let reqs;
  try {
    reqs = parseLabelSelector(selector).requirements;
  } catch (e) {
    if (e instanceof SelectorError) throw new RawError(`error: couldn't parse the selector string "${selector}": ${e.message}`);
    throw e;
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: string; values?: string[] }[] = [];
  const ops: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of reqs) {
    if (r.operator === '=' || r.operator === '==') {
      matchLabels[r.key] = r.values[0];
      continue;
    }
    if (r.operator === 'gt' || r.operator === 'lt') throw new RawError(`error: "${r.operator}" isn't supported in label selectors`);
    if (!ops[r.operator]) throw new RawError(`error: "${r.operator}" is not a valid label selector operator`);
    const values = [...r.values].sort();
    matchExpressions.push({ key: r.key, operator: ops[r.operator], ...(values.length ? { values } : {}) });
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/** createPodDisruptionBudgets, in the field order kubectl's YAML printer shows. */
async function buildPodDisruptionBudget(name: string, flags: CreatePdbFlags): Promise<KubeObject> {
  const selector = await parseToLabelSelector(flags.selector ?? '');
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { creationTimestamp: null, name },
    spec: {
      ...(flags.minAvailable ? { minAvailable: parseIntOrString(flags.minAvailable) } : {}),
      ...(flags.maxUnavailable && !flags.minAvailable ? { maxUnavailable: parseIntOrString(flags.maxUnavailable) } : {}),
      selector,
    },
    status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
  } as unknown as KubeObject;
}
