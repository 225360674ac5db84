// The PriorityClasses every cluster has (SystemPriorityClasses of pkg/apis/scheduling/v1/
// helpers.go); the API server's post-start hook creates them, and validation reserves the
// `system-` prefix for exactly these.

export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
/** HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
export const SYSTEM_CRITICAL_PRIORITY = 2 * HIGHEST_USER_DEFINABLE_PRIORITY;

export interface SystemPriorityClass {
  name: string;
  value: number;
  globalDefault: boolean;
  description: string;
}

export const SYSTEM_PRIORITY_CLASSES: readonly SystemPriorityClass[] = [
  {
    name: 'system-node-critical', value: SYSTEM_CRITICAL_PRIORITY + 1000, globalDefault: false,
    description: 'Used for system critical pods that must not be moved from their current node.',
  },
  {
    name: 'system-cluster-critical', value: SYSTEM_CRITICAL_PRIORITY, globalDefault: false,
    description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
  },
];

/** IsKnownSystemPriorityClass: undefined when the class is one of them, else upstream's reason. */
export function knownSystemPriorityClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const spc = SYSTEM_PRIORITY_CLASSES.find((c) => c.name === name);
  if (!spc) return `${name} is not a known system priority class`;
  if (spc.value !== value) return `value of ${spc.name} PriorityClass must be ${spc.value}`;
  if (spc.globalDefault !== globalDefault) return `globalDefault of ${spc.name} PriorityClass must be ${spc.globalDefault}`;
  return undefined;
}

/** The objects the API server creates at start-up, as `kubectl get pc -o yaml` shows them. */
export function systemPriorityClassObjects(): { apiVersion: string; kind: string; metadata: { name: string }; value: number; description: string; preemptionPolicy: string }[] {
  return SYSTEM_PRIORITY_CLASSES.map((c) => ({
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: c.name },
    value: c.value, description: c.description, preemptionPolicy: 'PreemptLowerPriority',
  }));
}
