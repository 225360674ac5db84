// `kubectl get controllerrevisions` columns: printControllerRevision from
// pkg/printers/internalversion/printers.go (v1.32). Type-only schema imports keep zod off the `get` path.
import type { ControllerRevision } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const controllerRevisionColumnDefinitions = columns([
  nameColumn,
  { name: 'Controller', type: 'string', description: 'Controller of the object' },
  { name: 'Revision', type: 'string', description: 'Revision indicates the revision of the state represented by Data.' },
  ageColumn,
]);

/** formatResourceName with the kind: the controller as `daemonset.apps/name`. */
function controllerName(obj: ControllerRevision): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller === true);
  if (!ref) return '<none>';
  const slash = ref.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : ref.apiVersion.slice(0, slash);
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return `${groupKind.toLowerCase()}/${ref.name}`;
}

export function printControllerRevision(obj: ControllerRevision, options: GenerateOptions): TableRow<ControllerRevision>[] {
  return [{
    cells: [obj.metadata.name, controllerName(obj), obj.revision, translateTimestampSince(obj.metadata.creationTimestamp, options.now)],
    object: obj,
  }];
}

export const controllerRevisionTable: TableHandler<ControllerRevision> = { columns: controllerRevisionColumnDefinitions, rows: printControllerRevision };
