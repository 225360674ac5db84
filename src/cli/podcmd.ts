// kubectl's container choice within a pod (staging/src/k8s.io/kubectl/pkg/cmd/util/podcmd): the
// default-container annotation, then the first container, and the `Defaulted container "a" out
// of: a, b, setup (init)` notice.
import type { Pod } from '../api/core/pod/schema.js';

/** podcmd.DefaultContainerAnnotationName */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

type ContainerRef = { name: string; fieldPath: string };

const ephemeralNames = (pod: Pod): string[] =>
  (pod.spec.ephemeralContainers ?? []).flatMap((c) => {
    const name = (c as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name] : [];
  });

/** podcmd.FindContainerByName: the container and its field path (`spec.containers{a}`), else undefined. */
export function findContainerByName(pod: Pod, name: string): ContainerRef | undefined {
  if (pod.spec.containers.some((c) => c.name === name)) return { name, fieldPath: `spec.containers{${name}}` };
  if ((pod.spec.initContainers ?? []).some((c) => c.name === name)) return { name, fieldPath: `spec.initContainers{${name}}` };
  if (ephemeralNames(pod).includes(name)) return { name, fieldPath: `spec.ephemeralContainers{${name}}` };
  return undefined;
}

/** podcmd.AllContainerNames: `a, b, debug (ephem), setup (init)`. */
export function allContainerNames(pod: Pod): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...ephemeralNames(pod).map((n) => `${n} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/** Whether kubectl tells the user which container it defaulted to: more than one to choose from. */
export function hasOtherContainers(pod: Pod): boolean {
  return pod.spec.containers.length > 1 || (pod.spec.initContainers ?? []).length > 0 || ephemeralNames(pod).length > 0;
}

/**
 * podcmd.FindOrDefaultContainerByName, as exec and attach use it: the named container, else the
 * annotated default, else the first (with the notice on `warn` unless quiet).
 */
export function findOrDefaultContainerByName(pod: Pod, name: string | undefined, quiet: boolean, warn: (text: string) => void): string {
  if (name) {
    if (!findContainerByName(pod, name)) throw new Error(`container ${name} not found in pod ${pod.metadata.name}`);
    return name;
  }
  if (pod.spec.containers.length === 0) throw new Error(`pod ${pod.metadata.namespace}/${pod.metadata.name} does not have any containers`);
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && findContainerByName(pod, annotated)) return annotated;
  const first = pod.spec.containers[0].name;
  if (!quiet && hasOtherContainers(pod)) warn(`Defaulted container "${first}" out of: ${allContainerNames(pod)}\n`);
  return first;
}
