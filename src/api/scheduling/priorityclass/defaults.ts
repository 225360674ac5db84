// PriorityClass defaulting: SetDefaults_PriorityClass of pkg/apis/scheduling/v1 (release-1.32).
import type { PriorityClass } from './schema.js';

export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

export function setObjectDefaultsPriorityClass(pc: PriorityClass): PriorityClass {
  pc.preemptionPolicy ??= PREEMPT_LOWER_PRIORITY;
  return pc;
}
