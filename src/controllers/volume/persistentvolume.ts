// The persistentvolume-binder (pkg/controller/volume/persistentvolume/pv_controller.go,
// release-1.32): binds claims to volumes, starts provisioning for claims no volume fits, moves
// volumes through Available / Bound / Released / Failed and reclaims released ones.
//
// Keys: `claim:ns/name` and `volume:name`. A pending claim is looked at again on the controller's
// 15 s resync only when a volume changed since (what a resync could find); the repeated Events of
// a claim that keeps waiting are recorded as a repetition instead of one write per resync.
import type { PersistentVolume } from '../../api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import type { StorageClass } from '../../api/storage/storageclass/schema.js';
import { persistentVolumeClaimClass } from '../../api/core/persistentvolume/util.js';
import type { KubeObject } from '../../api/object.js';
import { formatTime } from '../../apiserver/time.js';
import type { Controller, ControllerContext } from '../controller.js';
import {
  ANN_BETA_STORAGE_PROVISIONER, ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_DYNAMICALLY_PROVISIONED, ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER, CLAIM_KEY, PV_RESOURCE, PV_RESYNC_MS, PVC_RESOURCE, SC_RESOURCE, VOLUME_KEY, claimByKey, claimKey, claimStorageClass,
  findMatchingVolume, isDelayBindingMode, isVolumeBoundToClaim, syncByKey, volumeByName,
} from './util.js';

export const COMPONENT = 'persistentvolume-controller';
const GONE_KEY = 'gone:';

const asObject = (o: PersistentVolume | PersistentVolumeClaim) => o as unknown as KubeObject;

export const WAIT_FOR_FIRST_CONSUMER_MSG = 'waiting for first consumer to be created before binding';
export const NO_CLASS_MSG = 'no persistent volumes available for this claim and no storage class is set';
export const externalProvisioningMessage = (provisioner: string) =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. `
  + 'If volume creation is delayed, please verify that the provisioner is running and correctly registered.';

/** The next resync after `now`: resyncs tick on a fixed 15 s grid. */
const nextResync = (now: number) => (Math.floor(now / PV_RESYNC_MS) + 1) * PV_RESYNC_MS;

function listClasses(ctx: ControllerContext): StorageClass[] {
  return ctx.api.list<KubeObject>(SC_RESOURCE) as unknown as StorageClass[];
}

function listVolumes(ctx: ControllerContext): PersistentVolume[] {
  return ctx.api.list<KubeObject>(PV_RESOURCE) as unknown as PersistentVolume[];
}

/**
 * A claim's Event that every resync records again while the claim waits: recorded once as a
 * repetition (a later sync finds it and leaves it to count on). `count` 2: the sync that changed
 * the claim ran again at once for its own update.
 */
function waitingEvent(ctx: ControllerContext, claim: PersistentVolumeClaim, type: 'Normal' | 'Warning', reason: string, message: string,
  count = 1): void {
  if (hasEvent(ctx, claim, reason)) return;
  ctx.recorder.event(asObject(claim), type, reason, message, { component: COMPONENT, count, repeat: { every: PV_RESYNC_MS } });
}

/** Ends the repetitions of a claim's waiting Events: it does not wait any more. */
function endWaiting(ctx: ControllerContext, claim: PersistentVolumeClaim): void {
  const provisioner = claim.metadata.annotations?.[ANN_STORAGE_PROVISIONER];
  const ended: Array<['Normal' | 'Warning', string, string]> = [
    ['Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MSG], ['Normal', 'FailedBinding', NO_CLASS_MSG],
  ];
  if (provisioner) ended.push(['Normal', 'ExternalProvisioning', externalProvisioningMessage(provisioner)]);
  for (const [type, reason, message] of ended) {
    if (hasEvent(ctx, claim, reason)) ctx.recorder.event(asObject(claim), type, reason, message, { component: COMPONENT, count: 0 });
  }
}

function hasEvent(ctx: ControllerContext, claim: PersistentVolumeClaim, reason: string): boolean {
  return ctx.api.list<KubeObject>('events', { namespace: claim.metadata.namespace }).some((e) => {
    const ev = e as unknown as { involvedObject?: { uid?: string }; reason?: string };
    return ev.involvedObject?.uid === claim.metadata.uid && ev.reason === reason;
  });
}

function setVolumePhase(ctx: ControllerContext, pv: PersistentVolume, phase: string, message?: string): PersistentVolume {
  if (pv.status?.phase === phase && (message === undefined || pv.status?.message === message)) return pv;
  const status = { ...pv.status, phase, lastPhaseTransitionTime: formatTime(ctx.now()) };
  if (pv.status?.phase === phase) status.lastPhaseTransitionTime = pv.status.lastPhaseTransitionTime ?? status.lastPhaseTransitionTime;
  if (message !== undefined) status.message = message;
  else delete status.message;
  return ctx.api.updateStatus<KubeObject>(PV_RESOURCE, asObject({ ...pv, status })) as unknown as PersistentVolume;
}

function setClaimStatus(ctx: ControllerContext, claim: PersistentVolumeClaim, phase: string, pv?: PersistentVolume): PersistentVolumeClaim {
  const status = { ...claim.status, phase };
  if (pv) {
    status.accessModes = pv.spec?.accessModes;
    status.capacity = pv.spec?.capacity;
  } else if (phase !== 'Bound') {
    delete status.accessModes;
    delete status.capacity;
  }
  if (JSON.stringify(status) === JSON.stringify(claim.status)) return claim;
  return ctx.api.updateStatus<KubeObject>(PVC_RESOURCE, asObject({ ...claim, status })) as unknown as PersistentVolumeClaim;
}

/** bind(): the volume's claimRef, its phase, the claim's volumeName and annotations, the claim's status. */
function bind(ctx: ControllerContext, pv: PersistentVolume, claim: PersistentVolumeClaim): void {
  let volume = pv;
  if (!isVolumeBoundToClaim(pv, claim) || !pv.spec?.claimRef?.uid) {
    const annotations = { ...pv.metadata.annotations };
    if (!pv.spec?.claimRef) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    volume = ctx.api.update<KubeObject>(PV_RESOURCE, asObject({
      ...pv,
      metadata: { ...pv.metadata, annotations },
      spec: { ...pv.spec, claimRef: {
        kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace ?? 'default', name: claim.metadata.name,
        uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion,
      } },
    })) as unknown as PersistentVolume;
  }
  volume = setVolumePhase(ctx, volume, 'Bound');
  let c = claim;
  const annotations = { ...claim.metadata.annotations };
  let changed = false;
  if (claim.spec?.volumeName !== volume.metadata.name) {
    annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    changed = true;
  }
  if (annotations[ANN_BIND_COMPLETED] !== 'yes') {
    annotations[ANN_BIND_COMPLETED] = 'yes';
    changed = true;
  }
  if (changed) {
    c = ctx.api.update<KubeObject>(PVC_RESOURCE, asObject({
      ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...claim.spec, volumeName: volume.metadata.name },
    })) as unknown as PersistentVolumeClaim;
  }
  setClaimStatus(ctx, c, 'Bound', volume);
  endWaiting(ctx, claim);
}

/** syncUnboundClaim. */
function syncUnboundClaim(ctx: ControllerContext, claim: PersistentVolumeClaim): void {
  const classes = listClasses(ctx);
  const volumes = listVolumes(ctx);
  if (claim.spec?.volumeName) {
    // Pre-bound by the user: bind to that volume once it exists and is free.
    const pv = volumes.find((v) => v.metadata.name === claim.spec!.volumeName);
    if (!pv || (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim))) {
      setClaimStatus(ctx, claim, 'Pending');
      if (pv) waitingEvent(ctx, claim, 'Warning', 'FailedBinding', `volume "${pv.metadata.name}" already bound to a different claim.`);
      return;
    }
    bind(ctx, pv, claim);
    return;
  }
  const delayBinding = isDelayBindingMode(claim, classes) && !claim.metadata.annotations?.[ANN_SELECTED_NODE];
  const pv = findMatchingVolume(claim, volumes, undefined, delayBinding);
  if (pv) {
    bind(ctx, pv, claim);
    return;
  }
  setClaimStatus(ctx, claim, 'Pending');
  if (delayBinding) {
    waitingEvent(ctx, claim, 'Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MSG);
    return;
  }
  if (!persistentVolumeClaimClass(claim)) {
    waitingEvent(ctx, claim, 'Normal', 'FailedBinding', NO_CLASS_MSG);
    return;
  }
  provisionClaim(ctx, claim, classes);
}

/** provisionClaim for an external provisioner: announce it on the claim and wait for its volume. */
function provisionClaim(ctx: ControllerContext, claim: PersistentVolumeClaim, classes: readonly StorageClass[]): void {
  const sc = claimStorageClass(claim, classes);
  if (!sc) {
    waitingEvent(ctx, claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${persistentVolumeClaimClass(claim)}" not found`);
    return;
  }
  const annotations = claim.metadata.annotations ?? {};
  let c = claim;
  const announce = annotations[ANN_STORAGE_PROVISIONER] !== sc.provisioner || annotations[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner;
  if (announce) {
    c = ctx.api.update<KubeObject>(PVC_RESOURCE, asObject({
      ...claim,
      metadata: { ...claim.metadata, annotations: { ...annotations, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner } },
    })) as unknown as PersistentVolumeClaim;
  }
  if (hasEvent(ctx, c, 'WaitForFirstConsumer')) {
    ctx.recorder.event(asObject(c), 'Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MSG, { component: COMPONENT, count: 0 });
  }
  waitingEvent(ctx, c, 'Normal', 'ExternalProvisioning', externalProvisioningMessage(sc.provisioner), announce ? 2 : 1);
}

/** syncClaim. */
function syncClaim(ctx: ControllerContext, claim: PersistentVolumeClaim): void {
  if (claim.metadata.deletionTimestamp) return;
  if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== 'yes') {
    syncUnboundClaim(ctx, claim);
    return;
  }
  // syncBoundClaim: the volume must still be there and bound to this claim.
  const pv = volumeByName(ctx.api, claim.spec?.volumeName ?? '');
  if (!pv || (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim))) {
    if (claim.status?.phase !== 'Lost') {
      setClaimStatus(ctx, claim, 'Lost');
      const message = pv ? 'Two claims are bound to the same volume, this one is bound incorrectly' : 'Bound claim has lost its PersistentVolume. Data on the volume is lost!';
      ctx.recorder.event(asObject(claim), 'Warning', 'ClaimLost', message, { component: COMPONENT });
    }
    return;
  }
  if (!pv.spec?.claimRef) {
    bind(ctx, pv, claim);
    return;
  }
  if (pv.status?.phase !== 'Bound') setVolumePhase(ctx, pv, 'Bound');
  setClaimStatus(ctx, claim, 'Bound', pv);
}

/** syncVolume. */
function syncVolume(ctx: ControllerContext, pv: PersistentVolume): void {
  const ref = pv.spec?.claimRef;
  if (!ref) {
    setVolumePhase(ctx, pv, 'Available');
    return;
  }
  if (!ref.uid) {
    // Pre-bound by the user to a claim: it waits for that claim.
    setVolumePhase(ctx, pv, 'Available');
    const claim = claimByKey(ctx.api, `${ref.namespace ?? ''}/${ref.name ?? ''}`);
    if (claim) ctx.requeueAt(ctx.now(), `${CLAIM_KEY}${claimKey(claim)}`);
    return;
  }
  const claim = claimByKey(ctx.api, `${ref.namespace ?? ''}/${ref.name ?? ''}`);
  if (claim && claim.metadata.uid === ref.uid) {
    if (!claim.spec?.volumeName) {
      // The provisioner (or the scheduler) set the claimRef: the claim's sync completes the binding.
      ctx.requeueAt(ctx.now(), `${CLAIM_KEY}${claimKey(claim)}`);
      return;
    }
    if (claim.spec.volumeName === pv.metadata.name) {
      setVolumePhase(ctx, pv, 'Bound');
      return;
    }
  }
  if (claim && claim.metadata.uid === ref.uid && claim.spec?.volumeName !== pv.metadata.name) {
    // The claim is bound to another volume: this one goes back to the pool if we bound it.
    if (pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === 'yes') unbindVolume(ctx, pv);
    return;
  }
  // The claim is gone: release the volume and reclaim it.
  let volume = pv;
  if (pv.status?.phase !== 'Released' && pv.status?.phase !== 'Failed') volume = setVolumePhase(ctx, pv, 'Released');
  reclaimVolume(ctx, volume);
}

function unbindVolume(ctx: ControllerContext, pv: PersistentVolume): void {
  const { [ANN_BOUND_BY_CONTROLLER]: _a, ...annotations } = pv.metadata.annotations ?? {};
  const { claimRef: _c, ...spec } = pv.spec ?? {};
  const updated = ctx.api.update<KubeObject>(PV_RESOURCE, asObject({ ...pv, metadata: { ...pv.metadata, annotations }, spec })) as unknown as PersistentVolume;
  setVolumePhase(ctx, updated, 'Available');
}

/** reclaimVolume: Retain keeps the volume Released; Delete is the provisioner's job for its volumes. */
function reclaimVolume(ctx: ControllerContext, pv: PersistentVolume): void {
  const policy = pv.spec?.persistentVolumeReclaimPolicy;
  if (policy !== 'Delete' || pv.status?.phase === 'Failed' || pv.metadata.deletionTimestamp) return;
  // A volume an external provisioner made is deleted by that provisioner.
  if (pv.metadata.annotations?.[ANN_DYNAMICALLY_PROVISIONED]) return;
  const hostPath = pv.spec?.hostPath?.path;
  if (hostPath !== undefined && /^\/tmp\/.+/.test(hostPath)) {
    ctx.api.delete(PV_RESOURCE, undefined, pv.metadata.name);
    return;
  }
  const message = hostPath !== undefined
    ? `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`
    : `error getting deleter volume plugin for volume "${pv.metadata.name}": no deletable volume plugin matched`;
  setVolumePhase(ctx, pv, 'Failed', message);
  ctx.recorder.event(asObject(pv), 'Warning', 'VolumeFailedDelete', message, { component: COMPONENT });
}

export const persistentVolumeController: Controller = {
  name: 'persistentvolume-binder',
  watches: [PVC_RESOURCE, PV_RESOURCE, SC_RESOURCE],
  keysFor(ev) {
    if (ev.resource === PVC_RESOURCE) {
      const claim = ev.object as unknown as PersistentVolumeClaim;
      if (ev.type === 'DELETED') {
        // The claim's waiting Events stop repeating: nothing syncs it any more.
        const { name, namespace, uid, annotations } = claim.metadata;
        const gone = `${GONE_KEY}${JSON.stringify({ name, namespace, uid, annotations })}`;
        return claim.spec?.volumeName ? [`${VOLUME_KEY}${claim.spec.volumeName}`, gone] : [gone];
      }
      return [`${CLAIM_KEY}${claimKey(claim)}`];
    }
    if (ev.resource === PV_RESOURCE) {
      const pv = ev.object as unknown as PersistentVolume;
      if (ev.type === 'DELETED') {
        const ref = pv.spec?.claimRef;
        return ref?.name ? [`${CLAIM_KEY}${ref.namespace ?? 'default'}/${ref.name}`] : [];
      }
      // A new or changed volume may fit a pending claim: they look again at the next resync.
      return [`${VOLUME_KEY}${pv.metadata.name}`, 'resync'];
    }
    return ['resync'];
  },
  reconcile(key, ctx) {
    if (key.startsWith(GONE_KEY)) {
      const metadata = JSON.parse(key.slice(GONE_KEY.length)) as PersistentVolumeClaim['metadata'];
      endWaiting(ctx, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata });
      return;
    }
    if (key === 'resync') {
      const due = nextResync(ctx.now());
      for (const o of ctx.api.list<KubeObject>(PVC_RESOURCE)) {
        const claim = o as unknown as PersistentVolumeClaim;
        if (claim.status?.phase === 'Pending' && !claim.metadata.deletionTimestamp) ctx.requeueAt(due, `${CLAIM_KEY}${claimKey(claim)}`);
      }
      return;
    }
    syncByKey(ctx.api, key, (c) => syncClaim(ctx, c), (pv) => syncVolume(ctx, pv));
  },
};
