// What kubectl reports for a named object it could not get. cli-runtime's resource builder, on a
// NotFound for an object in a namespace, asks for the namespace too and reports the namespace's
// NotFound instead when that is what is missing.
import { qualifiedResource, type KindInfo } from '../api/registry.js';
import type { ApiServer } from '../apiserver/server.js';

export function notFoundMessage(api: Pick<ApiServer, 'tryGet'>, kind: KindInfo, namespace: string | undefined, name: string): string {
  if (kind.namespaced && namespace && !api.tryGet('namespaces', undefined, namespace)) {
    return `Error from server (NotFound): namespaces "${namespace}" not found`;
  }
  return `Error from server (NotFound): ${qualifiedResource(kind)} "${name}" not found`;
}
