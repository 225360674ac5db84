// `kubectl get deployments` columns: printDeployment from pkg/printers/internalversion/printers.go
// (v1.32), against apps/v1 field names. Type-only schema imports keep zod off the `get` path.
import type { Deployment } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { labelSelectorAsString } from '../label-selector.js';
import { layoutContainerCells } from '../print-helpers.js';

// Upstream describes these columns with extensions/v1beta1's swagger docs.
export const deploymentColumnDefinitions = columns([
  nameColumn,
  { name: 'Ready', type: 'string', description: 'Number of the pod with ready state' },
  { name: 'Up-to-date', type: 'string', description: 'Total number of non-terminated pods targeted by this deployment that have the desired template spec.' },
  { name: 'Available', type: 'string', description: 'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.' },
  ageColumn,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
  { name: 'Selector', type: 'string', priority: 1, description: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.' },
]);

export function printDeployment(obj: Deployment, options: GenerateOptions): TableRow<Deployment>[] {
  const desiredReplicas = obj.spec.replicas ?? 0;
  const updatedReplicas = obj.status?.updatedReplicas ?? 0;
  const readyReplicas = obj.status?.readyReplicas ?? 0;
  const availableReplicas = obj.status?.availableReplicas ?? 0;
  const age = translateTimestampSince(obj.metadata.creationTimestamp, options.now);
  // Unlike FormatLabelSelector, an empty selector prints as "" here, a bad one as "<invalid>".
  const selectorString = labelSelectorAsString(obj.spec.selector) ?? '<invalid>';
  const row: TableRow<Deployment> = {
    cells: [obj.metadata.name, `${readyReplicas}/${desiredReplicas}`, updatedReplicas, availableReplicas, age],
    object: obj,
  };
  if (options.wide) {
    const [containers, images] = layoutContainerCells(obj.spec.template?.spec?.containers);
    row.cells.push(containers, images, selectorString);
  }
  return [row];
}

export const deploymentTable: TableHandler<Deployment> = { columns: deploymentColumnDefinitions, rows: printDeployment };
