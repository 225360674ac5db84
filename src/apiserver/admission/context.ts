// What the admission chain may ask of the rest of the server. Kept small on purpose: the clock
// and random source the server already passes, plus read access for the plugins that look other
// objects up (ServiceAccount, Priority). Without `get`, those plugins assume what a fresh kubeadm
// cluster has: every namespace's `default` service account, no default PriorityClass.
import type { AdmissionContext as ServerAdmissionContext } from '../server.js';
import type { KubeObject } from '../../api/object.js';

export interface AdmissionContext extends ServerAdmissionContext {
  /** Reads one stored object; resource is the qualified plural (`serviceaccounts`, `priorityclasses.scheduling.k8s.io`). */
  get?(resource: string, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Lists stored objects of a cluster-scoped resource (the Priority plugin's default-class lookup). */
  list?(resource: string): KubeObject[];
  /**
   * The subresource being written. `binding` is how the scheduler sets spec.nodeName; a plain
   * update may not change it.
   */
  subresource?: 'binding';
  /**
   * Set by the patch handler: a patched object that does not decode is reported without the
   * `Pod in version "v1" cannot be handled as a Pod:` prefix, as upstream's patch path does.
   */
  patch?: boolean;
}

/**
 * The name an admission error shows for a pod: the generateName prefix when the server made the
 * name up (`pods "web-7d4b9c8f5d-" is forbidden: ...`), as upstream, which admits before naming.
 */
export function nameForMessages(meta: { name?: string; generateName?: string }): string {
  const { name = '', generateName } = meta;
  if (generateName && name.startsWith(generateName) && name.length === generateName.length + 5) return generateName;
  return name || generateName || 'Unknown';
}
