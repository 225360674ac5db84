// The Priority admission plugin (plugin/pkg/admission/priority): resolves spec.priorityClassName to
// spec.priority and spec.preemptionPolicy on pod create, and keeps them on update. Without a
// globalDefault PriorityClass a pod gets priority 0 and PreemptLowerPriority.
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { forbidden } from '../errors.js';
import { type AdmissionContext, nameForMessages } from './context.js';

export const PRIORITY_CLASS_RESOURCE = 'priorityclasses.scheduling.k8s.io';

interface PriorityClassInfo {
  name: string;
  value: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** The classes every cluster has; the API server creates them at start-up. */
export const SYSTEM_PRIORITY_CLASSES: readonly PriorityClassInfo[] = [
  { name: 'system-node-critical', value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
  { name: 'system-cluster-critical', value: 2000000000, preemptionPolicy: 'PreemptLowerPriority' },
];

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
