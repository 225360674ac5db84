// `kubectl get priorityclasses` columns: printPriorityClass from pkg/printers/internalversion/printers.go (v1.32).
import type { PriorityClass } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const priorityClassColumnDefinitions = columns([
  nameColumn,
  { name: 'Value', type: 'integer', description: 'value represents the integer value of this priority class. This is the actual priority that pods receive when they have the name of this class in their pod spec.' },
  { name: 'Global-Default', type: 'boolean', description: 'globalDefault specifies whether this PriorityClass should be considered as the default priority for pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the smallest value of such global default PriorityClasses will be used as the default priority.' },
  ageColumn,
  { name: 'PreemptionPolicy', type: 'string', description: 'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.' },
]);

export function printPriorityClass(pc: PriorityClass, options: GenerateOptions): TableRow<PriorityClass>[] {
  return [{
    cells: [pc.metadata.name, pc.value ?? 0, pc.globalDefault ?? false,
      translateTimestampSince(pc.metadata.creationTimestamp, options.now), pc.preemptionPolicy ?? 'PreemptLowerPriority'],
    object: pc,
  }];
}

export const priorityClassTable: TableHandler<PriorityClass> = { columns: priorityClassColumnDefinitions, rows: printPriorityClass };
