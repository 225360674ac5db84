// core/v1 PersistentVolume (k8s.io/api/core/v1/types.go). The volume sources mk only stores and
// prints are kept opaque; the ones the simulation reads (hostPath, local, nfs, csi) are typed.
import { z } from 'zod';
import { ObjectMeta, Quantity, StringMap } from '../../meta/schema.js';
import { NodeSelectorTerm } from '../pod/schema.js';
import { ObjectReference } from '../event/schema.js';

const Opaque = z.record(z.string(), z.unknown());
const SecretReference = z.strictObject({ name: z.string().optional(), namespace: z.string().optional() });

export const VolumeNodeAffinity = z.strictObject({
  required: z.strictObject({ nodeSelectorTerms: z.array(NodeSelectorTerm) }).optional(),
});

export const PersistentVolumeSpec = z.strictObject({
  capacity: z.record(z.string(), Quantity).optional(),
  hostPath: z.strictObject({ path: z.string(), type: z.string().optional() }).optional(),
  local: z.strictObject({ path: z.string(), fsType: z.string().optional() }).optional(),
  nfs: z.strictObject({ server: z.string(), path: z.string(), readOnly: z.boolean().optional() }).optional(),
  csi: z.strictObject({
    driver: z.string(), volumeHandle: z.string(), readOnly: z.boolean().optional(), fsType: z.string().optional(),
    volumeAttributes: StringMap.optional(), controllerPublishSecretRef: SecretReference.optional(),
    nodeStageSecretRef: SecretReference.optional(), nodePublishSecretRef: SecretReference.optional(),
    controllerExpandSecretRef: SecretReference.optional(), nodeExpandSecretRef: SecretReference.optional(),
  }).optional(),
  gcePersistentDisk: Opaque.optional(),
  awsElasticBlockStore: Opaque.optional(),
  glusterfs: Opaque.optional(),
  rbd: Opaque.optional(),
  iscsi: Opaque.optional(),
  cinder: Opaque.optional(),
  cephfs: Opaque.optional(),
  fc: Opaque.optional(),
  flocker: Opaque.optional(),
  flexVolume: Opaque.optional(),
  azureFile: Opaque.optional(),
  vsphereVolume: Opaque.optional(),
  quobyte: Opaque.optional(),
  azureDisk: Opaque.optional(),
  photonPersistentDisk: Opaque.optional(),
  portworxVolume: Opaque.optional(),
  scaleIO: Opaque.optional(),
  storageos: Opaque.optional(),
  accessModes: z.array(z.string()).optional(),
  claimRef: ObjectReference.optional(),
  persistentVolumeReclaimPolicy: z.string().optional(),
  storageClassName: z.string().optional(),
  mountOptions: z.array(z.string()).optional(),
  volumeMode: z.string().optional(),
  nodeAffinity: VolumeNodeAffinity.optional(),
  volumeAttributesClassName: z.string().optional(),
});

export const PersistentVolumeStatus = z.strictObject({
  phase: z.string().optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  lastPhaseTransitionTime: z.string().optional(),
});

export const PersistentVolume = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('PersistentVolume'),
  metadata: ObjectMeta,
  spec: PersistentVolumeSpec.optional(),
  status: PersistentVolumeStatus.optional(),
});
export type PersistentVolume = z.infer<typeof PersistentVolume> & { metadata: { name: string } };
export type PersistentVolumeSpec = z.infer<typeof PersistentVolumeSpec>;
export type VolumeNodeAffinity = z.infer<typeof VolumeNodeAffinity>;

/** The volume sources of PersistentVolumeSource, in the order upstream validation visits them. */
export const PV_SOURCES = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd',
  'quobyte', 'cephfs', 'iscsi', 'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk',
  'portworxVolume', 'azureDisk', 'scaleIO', 'local', 'storageos', 'csi'] as const;
