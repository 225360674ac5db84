// kind's local-path-provisioner (rancher/local-path-provisioner on sig-storage-lib-external-provisioner):
// provisions a claim of its class once the scheduler picked a node (the selected-node annotation),
// as a hostPath volume under /var/local-path-provisioner on that node, pinned there by node
// affinity; and deletes its released volumes whose reclaim policy is Delete, with their data.
// The helper pod that makes and removes the directory is not modelled: provisioning takes its
// couple of seconds, then the volume appears.
import type { PersistentVolume } from '../../api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import type { StorageClass } from '../../api/storage/storageclass/schema.js';
import type { KubeObject } from '../../api/object.js';
import type { Controller, ControllerContext } from '../controller.js';
import { persistentVolumeDataKey } from '../../kubelet/volume-data.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE, ANN_STORAGE_PROVISIONER, PV_RESOURCE, PVC_RESOURCE,
  SC_RESOURCE, CLAIM_KEY, VOLUME_KEY, claimKey, syncByKey, volumeByName,
} from './util.js';

export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
const NAMESPACE = 'local-path-storage';
const LEASE = 'rancher.io-local-path';
export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';
/** How long the helper pod takes to create the volume's directory. */
export const PROVISION_MS = 2_000;
const ANN_SELECTED_NODE_PV = 'local.path.provisioner/selected-node';

const startedKey = (uid: string) => `local-path/provisioning/${uid}`;

/** The Events' source: the provisioner's leader identity, as its Lease names it. */
function component(ctx: ControllerContext): string {
  const lease = ctx.api.tryGet<KubeObject>('leases.coordination.k8s.io', NAMESPACE, LEASE) as unknown as { spec?: { holderIdentity?: string } } | undefined;
  return `${LOCAL_PATH_PROVISIONER}_${lease?.spec?.holderIdentity ?? 'local-path-provisioner'}`;
}

const wantsProvisioning = (claim: PersistentVolumeClaim) => {
  const a = claim.metadata.annotations ?? {};
  return (a[ANN_STORAGE_PROVISIONER] ?? a[ANN_BETA_STORAGE_PROVISIONER]) === LOCAL_PATH_PROVISIONER && !!a[ANN_SELECTED_NODE]
    && !claim.spec?.volumeName && !claim.metadata.deletionTimestamp;
};

function provision(ctx: ControllerContext, claim: PersistentVolumeClaim): void {
  const uid = claim.metadata.uid ?? '';
  const name = `pvc-${uid}`;
  if (volumeByName(ctx.api, name)) return;
  const ns = claim.metadata.namespace ?? 'default';
  const started = ctx.store.getMeta(startedKey(uid));
  if (started === undefined) {
    ctx.recorder.event(claim as unknown as KubeObject, 'Normal', 'Provisioning',
      `External provisioner is provisioning volume for claim "${ns}/${claim.metadata.name}"`, { component: component(ctx) });
    ctx.store.setMeta(startedKey(uid), String(ctx.now()));
    ctx.requeueAt(ctx.now() + PROVISION_MS, `${CLAIM_KEY}${claimKey(claim)}`);
    return;
  }
  if (ctx.now() < Number(started) + PROVISION_MS) {
    ctx.requeueAt(Number(started) + PROVISION_MS, `${CLAIM_KEY}${claimKey(claim)}`);
    return;
  }
  const node = claim.metadata.annotations![ANN_SELECTED_NODE];
  const sc = ctx.api.tryGet<KubeObject>(SC_RESOURCE, undefined, claim.spec?.storageClassName ?? '') as unknown as StorageClass | undefined;
  const pv = {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: { name, annotations: { [ANN_SELECTED_NODE_PV]: node, [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER } },
    spec: {
      accessModes: claim.spec?.accessModes,
      capacity: { storage: claim.spec?.resources?.requests?.storage },
      claimRef: {
        apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: claim.metadata.name, namespace: ns,
        resourceVersion: claim.metadata.resourceVersion, uid,
      },
      hostPath: { path: `${LOCAL_PATH_ROOT}/${name}_${ns}_${claim.metadata.name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: sc?.reclaimPolicy ?? 'Delete',
      storageClassName: claim.spec?.storageClassName,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
    },
  } as unknown as KubeObject;
  ctx.api.create(PV_RESOURCE, pv);
  ctx.store.setMeta(startedKey(uid), undefined);
  ctx.recorder.event(claim as unknown as KubeObject, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`,
    { component: component(ctx) });
}

/** Deletes a released volume of ours whose policy is Delete, and the files it held. */
function reclaim(ctx: ControllerContext, pv: PersistentVolume): void {
  if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== LOCAL_PATH_PROVISIONER) return;
  if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete' || pv.metadata.deletionTimestamp) return;
  ctx.store.setMeta(persistentVolumeDataKey(pv.metadata.name), undefined);
  ctx.api.delete(PV_RESOURCE, undefined, pv.metadata.name);
}

export const localPathProvisioner: Controller = {
  name: 'local-path-provisioner',
  watches: [PVC_RESOURCE, PV_RESOURCE],
  keysFor(ev) {
    if (ev.type === 'DELETED') return [];
    if (ev.resource === PVC_RESOURCE) return [`${CLAIM_KEY}${claimKey(ev.object as unknown as PersistentVolumeClaim)}`];
    return [`${VOLUME_KEY}${ev.object.metadata.name}`];
  },
  reconcile(key, ctx) {
    syncByKey(ctx.api, key, (c) => { if (wantsProvisioning(c)) provision(ctx, c); }, (pv) => reclaim(ctx, pv));
  },
};
