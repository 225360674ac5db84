// The /scale subresource (autoscaling/v1 Scale) of the kinds that have one: what it reads from
// and writes to the object. `kubectl scale` and the HPA controller go through it.
import type { KubeObject } from '../api/object.js';
import type { KindInfo } from '../api/registry.js';
import { labelSelectorAsString } from '../api/apps/label-selector.js';
import type { LabelSelector } from '../api/meta/schema.js';
import type { Api } from './api.js';
import { ApiError } from './errors.js';

/** `group/Kind` of the kinds serving /scale: apps Deployment, ReplicaSet, StatefulSet and core ReplicationController. */
export const SCALABLE_KINDS: ReadonlySet<string> = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', '/ReplicationController']);

export interface Scale {
  specReplicas: number;
  statusReplicas: number;
  /** status.selector: the label selector in its string form ('' when the object has none). */
  selector: string;
}

/** The 404 a kind without the subresource answers with. */
export const noScaleSubresource = () => new ApiError({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404,
  message: 'the server could not find the requested resource' });

const scaleResource = (k: KindInfo) => (k.group ? `${k.resource}.${k.group}` : k.resource);

/** GET .../{name}/scale. */
export function getScale(api: Pick<Api, 'get'>, k: KindInfo, namespace: string, name: string): Scale {
  if (!SCALABLE_KINDS.has(`${k.group}/${k.kind}`)) throw noScaleSubresource();
  const obj = api.get<KubeObject>(scaleResource(k), namespace, name);
  const spec = (obj.spec ?? {}) as { replicas?: number; selector?: LabelSelector | Record<string, string> };
  const status = (obj.status ?? {}) as { replicas?: number };
  // A ReplicationController's selector is a plain map.
  const sel = k.kind === 'ReplicationController'
    ? labelSelectorAsString({ matchLabels: spec.selector as Record<string, string> })
    : labelSelectorAsString(spec.selector as LabelSelector | undefined);
  return { specReplicas: spec.replicas ?? 0, statusReplicas: status.replicas ?? 0, selector: sel ?? '' };
}

/** PUT .../{name}/scale with spec.replicas. */
export function updateScale(api: Pick<Api, 'patch'>, k: KindInfo, namespace: string, name: string, replicas: number,
  fieldManager?: string): void {
  if (!SCALABLE_KINDS.has(`${k.group}/${k.kind}`)) throw noScaleSubresource();
  api.patch(scaleResource(k), namespace, name, 'merge', { spec: { replicas } }, { fieldManager, subresource: 'scale' });
}
