// `kubectl get replicasets` columns: printReplicaSet from pkg/printers/internalversion/printers.go
// (v1.32), against apps/v1 field names. Type-only schema imports keep zod off the `get` path.
import type { ReplicaSet } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { formatLabelSelector } from '../label-selector.js';
import { layoutContainerCells } from '../print-helpers.js';

// Upstream describes these columns with extensions/v1beta1's swagger docs.
export const replicaSetColumnDefinitions = columns([
  nameColumn,
  { name: 'Desired', type: 'integer', description: 'Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller' },
  { name: 'Current', type: 'integer', description: 'Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller' },
  { name: 'Ready', type: 'integer', description: 'The number of ready replicas for this replica set.' },
  ageColumn,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
  { name: 'Selector', type: 'string', priority: 1, description: 'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors' },
]);

export function printReplicaSet(obj: ReplicaSet, options: GenerateOptions): TableRow<ReplicaSet>[] {
  const desiredReplicas = obj.spec.replicas ?? 0;
  const currentReplicas = obj.status?.replicas ?? 0;
  const readyReplicas = obj.status?.readyReplicas ?? 0;
  const row: TableRow<ReplicaSet> = {
    cells: [obj.metadata.name, desiredReplicas, currentReplicas, readyReplicas, translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  };
  if (options.wide) {
    const [names, images] = layoutContainerCells(obj.spec.template?.spec?.containers);
    row.cells.push(names, images, formatLabelSelector(obj.spec.selector));
  }
  return [row];
}

export const replicaSetTable: TableHandler<ReplicaSet> = { columns: replicaSetColumnDefinitions, rows: printReplicaSet };
