// The Priority admission plugin (plugin/pkg/admission/priority): resolves spec.priorityClassName to
// spec.priority and spec.preemptionPolicy on pod create, and keeps them on update. Without a
// globalDefault PriorityClass a pod gets priority 0 and PreemptLowerPriority.
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { forbidden } from '../errors.js';
import { type AdmissionContext, nameForMessages } from './context.js';
import type { KindAdmission } from './index.js';
import { PriorityClass as PriorityClassSchema, type PriorityClass } from '../../api/scheduling/priorityclass/schema.js';
import { setObjectDefaultsPriorityClass } from '../../api/scheduling/priorityclass/defaults.js';
import { validatePriorityClass, validatePriorityClassUpdate } from '../../api/scheduling/priorityclass/validate.js';
import { SYSTEM_PRIORITY_CLASSES as SYSTEM_CLASSES } from '../../api/scheduling/priorityclass/system.js';

export const PRIORITY_CLASS_RESOURCE = 'priorityclasses.scheduling.k8s.io';

interface PriorityClassInfo {
  name: string;
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** The classes every cluster has; the API server creates them at start-up. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClassInfo[] = SYSTEM_CLASSES.map((c) => ({
  name: c.name, value: c.value, preemptionPolicy: 'PreemptLowerPriority',
}));

function asInfo(o: KubeObject): PriorityClassInfo {
  return {
    name: o.metadata.name,
    value: typeof o.value === 'number' ? o.value : 0,
    globalDefault: o.globalDefault === true,
    preemptionPolicy: typeof o.preemptionPolicy === 'string' ? o.preemptionPolicy : 'PreemptLowerPriority',
  };
}

function lookup(name: string, ctx: AdmissionContext): PriorityClassInfo | undefined {
  const stored = ctx.get?.(PRIORITY_CLASS_RESOURCE, undefined, name);
  if (stored) return asInfo(stored);
  return SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
}

/** With several global defaults (a race upstream tolerates), the lowest value wins. */
function defaultClass(ctx: AdmissionContext): PriorityClassInfo | undefined {
  let best: PriorityClassInfo | undefined;
  for (const o of ctx.list?.(PRIORITY_CLASS_RESOURCE) ?? []) {
    const pc = asInfo(o);
    if (pc.globalDefault && (!best || pc.value < best.value)) best = pc;
  }
  return best;
}

export function admitPriorityCreate(pod: Pod, ctx: AdmissionContext): void {
  const spec = pod.spec;
  const deny = (msg: string) => forbidden(`pods "${nameForMessages(pod.metadata)}" is forbidden: ${msg}`);
  let priority: number;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const dpc = defaultClass(ctx);
    priority = dpc?.value ?? 0;
    policy = dpc?.preemptionPolicy ?? 'PreemptLowerPriority';
    if (dpc) spec.priorityClassName = dpc.name;
  } else {
    const pc = lookup(spec.priorityClassName, ctx);
    if (!pc) throw deny(`no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value;
    policy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    throw deny(`the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      throw deny(`the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec.preemptionPolicy = policy;
  }
}

/** On update the plugin only restores a priority the request dropped. */
export function admitPriorityUpdate(pod: Pod, old: Pod): void {
  if (pod.spec.priority === undefined && old.spec.priority !== undefined) pod.spec.priority = old.spec.priority;
}

const asPriorityClass = (o: KubeObject) => o as unknown as PriorityClass;

/** The registry's PriorityClass handling: decoding, SetDefaults_PriorityClass, validation. */
export const priorityClassAdmission: KindAdmission = {
  qualifiedKind: 'PriorityClass.scheduling.k8s.io',
  schema: PriorityClassSchema,
  defaults: (o) => { setObjectDefaultsPriorityClass(asPriorityClass(o)); },
  validateCreate: (o) => validatePriorityClass(asPriorityClass(o)),
  validateUpdate: (o, old) => validatePriorityClassUpdate(asPriorityClass(o), asPriorityClass(old)),
};

/**
 * The plugin's validatePriorityClass: a second globalDefault class is refused, on create and on
 * an update that marks another class as the default.
 */
export function admitPriorityClass(op: 'create' | 'update', o: KubeObject, ctx: AdmissionContext): void {
  const pc = asPriorityClass(o);
  if (!pc.globalDefault) return;
  const dpc = defaultClass(ctx);
  if (dpc && (op === 'create' || dpc.name !== pc.metadata.name)) {
    throw forbidden(`${PRIORITY_CLASS_RESOURCE} "${pc.metadata.name}" is forbidden: PriorityClass ${dpc.name} is already marked as default. Only one default can exist`);
  }
}
