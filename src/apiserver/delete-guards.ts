// Deletes a kind's REST storage refuses before the generic store runs: the Delete overrides of
// pkg/registry/*/storage (release-1.32). Plain data and strings, cheap to load on every delete.
import type { KindInfo } from '../api/registry.js';
import { qualifiedResource } from '../api/registry.js';
import { SYSTEM_PRIORITY_CLASSES } from '../api/scheduling/priorityclass/system.js';
import { forbidden, type ApiError } from './errors.js';

/** apierrors.NewForbidden: `<resource> "<name>" is forbidden: <reason>`, with the details it carries. */
function forbiddenFor(k: KindInfo, name: string, reason: string): ApiError {
  const err = forbidden(`${qualifiedResource(k)} "${name}" is forbidden: ${reason}`);
  err.status.details = { name, ...(k.group ? { group: k.group } : {}), kind: k.resource };
  return err;
}

/** The error a delete of `name` meets in the kind's storage, or undefined when it may go ahead. */
export function deleteRefusal(k: KindInfo, name: string): ApiError | undefined {
  // pkg/registry/scheduling/priorityclass/storage: the system classes stay.
  if (k.kind === 'PriorityClass' && SYSTEM_PRIORITY_CLASSES.some((c) => c.name === name)) {
    return forbiddenFor(k, name, 'this is a system priority class and cannot be deleted');
  }
  return undefined;
}
