// ImageLocality (plugins/imagelocality): prefers nodes that already have the pod's images,
// weighted by image size and discounted when many nodes have them (no point herding pods).
import type { Pod } from '../../api/core/pod/schema.js';
import { MAX_NODE_SCORE, type FrameworkHandle, type ScorePlugin } from '../framework.js';
import type { ImageStateSummary, NodeInfo } from '../node-info.js';

export const Name = 'ImageLocality';

const mb = 1024 * 1024;
/** Below this, an image is treated as not present: small images pull quickly anyway. */
export const minThreshold = 23 * mb;
export const maxContainerThreshold = 1000 * mb;

/** `nginx` and `nginx:latest` are the same image; a digest or explicit tag is kept. */
export function normalizedImageName(name: string): string {
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) name = name + ':latest';
  return name;
}

const scaledImageScore = (s: ImageStateSummary, totalNumNodes: number) => Math.trunc(s.size * (s.numNodes / totalNumNodes));

/** The pod's normalized image names, once per pod rather than once per node scored. */
const podImagesCache = new WeakMap<Pod, string[]>();
// Score asks for the same pod's images once per node: the last answer is kept at hand.
let lastPod: Pod | undefined;
let lastImages: string[] = [];
function podImages(pod: Pod): string[] {
  if (pod === lastPod) return lastImages;
  let names = podImagesCache.get(pod);
  if (!names) {
    names = [];
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) if (c.image) names.push(normalizedImageName(c.image));
    podImagesCache.set(pod, names);
  }
  lastPod = pod;
  lastImages = names;
  return names;
}

export function sumImageScores(nodeInfo: NodeInfo, pod: Pod, totalNumNodes: number): number {
  const states = nodeInfo.imageStates;
  if (states.size === 0) return 0;
  const names = podImages(pod);
  let sum = 0;
  for (let i = 0; i < names.length; i++) {
    const s = states.get(names[i]);
    if (s) sum += scaledImageScore(s, totalNumNodes);
  }
  return sum;
}

export function calculatePriority(sumScores: number, numContainers: number): number {
  const maxThreshold = maxContainerThreshold * numContainers;
  if (sumScores < minThreshold) sumScores = minThreshold;
  else if (sumScores > maxThreshold) sumScores = maxThreshold;
  return Math.trunc((MAX_NODE_SCORE * (sumScores - minThreshold)) / (maxThreshold - minThreshold));
}

/** New(handle): the spread discount needs the number of nodes in the cycle's snapshot. */
export function newImageLocality(handle: Pick<FrameworkHandle, 'nodeInfos'>) {
  return {
    name: Name,
    score(_state, pod, nodeInfo) {
      const n = Math.max(handle.nodeInfos.length, 1);
      return calculatePriority(sumImageScores(nodeInfo, pod, n), (pod.spec.initContainers ?? []).length + pod.spec.containers.length);
    },
  } satisfies ScorePlugin;
}
