// The pvc-protection and pv-protection controllers (pkg/controller/volume/pvcprotection and
// pvprotection, release-1.32): a claim being deleted keeps its finalizer while a pod that is not
// finished uses it; a volume being deleted keeps its finalizer while it is Bound.
import type { PersistentVolume } from '../../api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from '../../api/core/persistentvolume/util.js';
import type { Controller, ControllerContext } from '../controller.js';
import { CLAIM_KEY, PV_RESOURCE, PVC_RESOURCE, VOLUME_KEY, claimKey, syncByKey } from './util.js';


const isShutDown = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** Claims a pod's volumes name, as keys. */
function claimKeysOf(pod: Pod): string[] {
  const ns = pod.metadata.namespace ?? 'default';
  return (pod.spec?.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => `${CLAIM_KEY}${ns}/${v.persistentVolumeClaim!.claimName}`);
}

function removeFinalizer(ctx: ControllerContext, resource: string, obj: KubeObject, finalizer: string): void {
  const { finalizers: old, ...meta } = obj.metadata;
  const finalizers = (old ?? []).filter((f) => f !== finalizer);
  ctx.api.update<KubeObject>(resource, { ...obj, metadata: finalizers.length ? { ...meta, finalizers } : meta });
}

function syncClaim(ctx: ControllerContext, claim: PersistentVolumeClaim): void {
  if (!claim.metadata.deletionTimestamp || !claim.metadata.finalizers?.includes(PVC_PROTECTION_FINALIZER)) return;
  const ns = claim.metadata.namespace ?? 'default';
  const inUse = (ctx.api.list<KubeObject>('pods', { namespace: ns }) as unknown as Pod[]).some((p) => !isShutDown(p)
    && (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
  if (!inUse) removeFinalizer(ctx, PVC_RESOURCE, claim as unknown as KubeObject, PVC_PROTECTION_FINALIZER);
}

function syncVolume(ctx: ControllerContext, pv: PersistentVolume): void {
  if (!pv.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION_FINALIZER)) return;
  if (pv.status?.phase !== 'Bound') removeFinalizer(ctx, PV_RESOURCE, pv as unknown as KubeObject, PV_PROTECTION_FINALIZER);
}

export const storageProtectionController: Controller = {
  name: 'storage-protection',
  watches: [PVC_RESOURCE, PV_RESOURCE, 'pods'],
  keysFor(ev) {
    if (ev.type === 'DELETED' && ev.resource !== 'pods') return [];
    if (ev.resource === PVC_RESOURCE) return [`${CLAIM_KEY}${claimKey(ev.object as unknown as PersistentVolumeClaim)}`];
    if (ev.resource === PV_RESOURCE) return [`${VOLUME_KEY}${ev.object.metadata.name}`];
    const pod = ev.object as unknown as Pod;
    return ev.type === 'DELETED' || isShutDown(pod) ? claimKeysOf(pod) : [];
  },
  reconcile(key, ctx) {
    syncByKey(ctx.api, key, (c) => syncClaim(ctx, c), (pv) => syncVolume(ctx, pv));
  },
};
