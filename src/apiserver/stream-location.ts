// The API server's checks before it connects a stream (exec, attach, port-forward) to the pod's
// kubelet (registry/core/pod's streamLocation): a valid container, defaulted only when the pod has
// one, and a node to connect to.
import type { Pod } from '../api/core/pod/schema.js';
import { logContainerName } from '../kubelet/logs.js';
import { badRequest } from './errors.js';

/** The container the stream is for; a BadRequest when there is none to choose or no node. */
export function streamContainer(pod: Pod, container: string | undefined): string {
  const name = logContainerName(pod, container);
  requireHost(pod);
  return name;
}

/** portForwardLocation's check: the pod must be on a node. */
export function requireHost(pod: Pod): void {
  if (!pod.spec.nodeName) throw badRequest(`pod ${pod.metadata.name} does not have a host assigned`);
}
