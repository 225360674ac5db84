// `kubectl get daemonsets` columns: printDaemonSet from pkg/printers/internalversion/printers.go
// (v1.32), against apps/v1 field names. Type-only schema imports keep zod off the `get` path.
import type { DaemonSet } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, formatLabels, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { formatLabelSelector } from '../label-selector.js';
import { layoutContainerCells } from '../print-helpers.js';

// Upstream describes these columns with extensions/v1beta1's swagger docs.
export const daemonSetColumnDefinitions = columns([
  nameColumn,
  { name: 'Desired', type: 'integer', description: 'The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/' },
  { name: 'Current', type: 'integer', description: 'The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/' },
  { name: 'Ready', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.' },
  { name: 'Up-to-date', type: 'integer', description: 'The total number of nodes that are running updated daemon pod' },
  { name: 'Available', type: 'integer', description: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)' },
  { name: 'Node Selector', type: 'string', description: "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/" },
  ageColumn,
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
  { name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors' },
]);

export function printDaemonSet(obj: DaemonSet, options: GenerateOptions): TableRow<DaemonSet>[] {
  const s = obj.status;
  const row: TableRow<DaemonSet> = {
    cells: [obj.metadata.name, s?.desiredNumberScheduled ?? 0, s?.currentNumberScheduled ?? 0, s?.numberReady ?? 0,
      s?.updatedNumberScheduled ?? 0, s?.numberAvailable ?? 0, formatLabels(obj.spec.template?.spec?.nodeSelector),
      translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  };
  if (options.wide) {
    const [names, images] = layoutContainerCells(obj.spec.template?.spec?.containers);
    row.cells.push(names, images, formatLabelSelector(obj.spec.selector));
  }
  return [row];
}

export const daemonSetTable: TableHandler<DaemonSet> = { columns: daemonSetColumnDefinitions, rows: printDaemonSet };
