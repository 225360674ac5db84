// Namespace defaulting (SetObjectDefaults_Namespace): the immutable `kubernetes.io/metadata.name`
// label that lets selectors pick namespaces by name, and phase Active.
import type { Namespace } from './schema.js';

export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';

export function setObjectDefaultsNamespace(ns: Namespace): Namespace {
  // A namespace without a name (generateName) gets the label once it has one.
  if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, [LABEL_METADATA_NAME]: ns.metadata.name };
  // NamespaceSpec and NamespaceStatus are structs in Go: always serialized.
  ns.spec ??= {};
  ns.status ??= {};
  ns.status.phase ||= 'Active';
  return ns;
}
