// The shape every stored object has. Kind-specific types come from each kind's zod schema;
// layers that handle any kind (store, apiserver, printers) work with this one.
import type { ObjectMeta } from './meta/schema.js';

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string };
  [field: string]: unknown;
}

/** `namespace/name` for namespaced objects, `name` otherwise — the key controllers queue. */
export function objectKey(o: { metadata: { name?: string; namespace?: string } }): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : `${o.metadata.name}`;
}
