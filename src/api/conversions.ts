// Reading a stored object in another version the server serves for its kind (the request's URL
// version): what a client asking through autoscaling/v1 gets for a HorizontalPodAutoscaler kept
// as autoscaling/v2. Plain functions, cheap to import.
import type { KubeObject } from './object.js';
import type { HorizontalPodAutoscaler } from './autoscaling/horizontalpodautoscaler/schema.js';
import { AUTOSCALING_V1, convertV2ToV1 } from './autoscaling/horizontalpodautoscaler/conversion.js';

/** The object as `apiVersion` reads it, or undefined when it is stored in that version or has no such version. */
export function convertToVersion(obj: KubeObject, apiVersion: string): KubeObject | undefined {
  if (obj.apiVersion === apiVersion) return undefined;
  if (obj.kind === 'HorizontalPodAutoscaler' && apiVersion === AUTOSCALING_V1) {
    return convertV2ToV1(obj as unknown as HorizontalPodAutoscaler) as unknown as KubeObject;
  }
  return undefined;
}
