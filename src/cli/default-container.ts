// podcmd.FindOrDefaultContainerByName for commands that take `-c` (exec, cp): the container named
// by the kubectl.kubernetes.io/default-container annotation, else the first one, said on stderr
// when the pod has others (`Defaulted container "a" out of: a, b, setup (init)`).
import type { Pod } from '../api/core/pod/schema.js';
import { RawError } from './errors.js';

const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** podcmd.AllContainerNames: regular, then ephemeral, then init containers. */
function allContainerNames(pod: Pod): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...(pod.spec.ephemeralContainers ?? []).map((c) => `${(c as { name?: string }).name ?? ''} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** podcmd.FindOrDefaultContainerByName with no name given: the annotated default, else the first (said on `warn`). */
export function defaultContainer(pod: Pod, quiet: boolean, warn: (s: string) => void): string {
  if (!pod.spec.containers.length) throw new RawError(`error: pod ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && pod.spec.containers.some((c) => c.name === annotated)) return annotated;
  const first = pod.spec.containers[0].name;
  const others = pod.spec.containers.length > 1 || (pod.spec.initContainers?.length ?? 0) > 0
    || (pod.spec.ephemeralContainers?.length ?? 0) > 0;
  if (!quiet && others) warn(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}
