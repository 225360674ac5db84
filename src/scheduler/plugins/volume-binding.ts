// VolumeBinding (plugins/volumebinding, 1.32): a pod's claims must be usable on the node. Claims
// already bound bring their volume's node affinity; claims of a WaitForFirstConsumer class are
// matched to a free volume on the node, or provisioned there. PreBind makes it so (the volume's
// claimRef, or the claim's selected-node annotation) and the binding waits for the PV controller
// and the provisioner; scheduler.ts does that part.
import type { Pod } from '../../api/core/pod/schema.js';
import type { Node } from '../../api/core/node/schema.js';
import type { PersistentVolume } from '../../api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import type { StorageClass } from '../../api/storage/storageclass/schema.js';
import type { KubeObject } from '../../api/object.js';
import { stateKey } from '../cycle-state.js';
import { PreFilterResult, type FilterPlugin, type FrameworkHandle, type ObjectLister, type PreFilterPlugin } from '../framework.js';
import { Code, newStatus, type Status } from '../status.js';
import {
  ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, PV_RESOURCE, PVC_RESOURCE, SC_RESOURCE, findMatchingVolume,
  isDelayBindingMode, volumeFitsNode,
} from '../../controllers/volume/util.js';

export const Name = 'VolumeBinding';
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrUnboundImmediate = 'pod has unbound immediate PersistentVolumeClaims';

/** GetPodVolumeClaims, split as the binder splits them. */
export interface PodVolumeClaims {
  bound: PersistentVolumeClaim[];
  unboundDelayed: PersistentVolumeClaim[];
  unboundImmediate: PersistentVolumeClaim[];
}

interface State {
  claims: PodVolumeClaims;
  volumes: PersistentVolume[];
  classes: StorageClass[];
}
const stateKeyName = stateKey<State>(Name);

const claimNames = (pod: Pod) => (pod.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => v.persistentVolumeClaim!.claimName);

/** A claim counts as bound once the PV controller completed the binding. */
export const isClaimBound = (c: PersistentVolumeClaim) => !!c.spec?.volumeName && c.metadata.annotations?.[ANN_BIND_COMPLETED] === 'yes';

/** podHasPVCs and GetPodVolumeClaims: the claims, or the error that keeps the pod from scheduling anywhere. */
export function podVolumeClaims(pod: Pod, lister: ObjectLister): PodVolumeClaims | string {
  const ns = pod.metadata.namespace ?? 'default';
  const classes = lister.list<KubeObject>(SC_RESOURCE) as unknown as StorageClass[];
  const out: PodVolumeClaims = { bound: [], unboundDelayed: [], unboundImmediate: [] };
  for (const name of claimNames(pod)) {
    const c = lister.tryGet<KubeObject>(PVC_RESOURCE, ns, name) as unknown as PersistentVolumeClaim | undefined;
    if (!c) return `persistentvolumeclaim "${name}" not found`;
    if (c.status?.phase === 'Lost') return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${c.spec?.volumeName ?? ''}"`;
    if (c.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if (isClaimBound(c)) out.bound.push(c);
    else if (isDelayBindingMode(c, classes)) out.unboundDelayed.push(c);
    else out.unboundImmediate.push(c);
  }
  return out;
}

/** FindPodVolumes' verdict for one node: the reasons it cannot host the pod's volumes. */
export function volumeConflicts(claims: PodVolumeClaims, volumes: readonly PersistentVolume[], classes: readonly StorageClass[], node: Node): string[] {
  const reasons: string[] = [];
  let pvMissing = false;
  let affinityConflict = false;
  for (const c of claims.bound) {
    const pv = volumes.find((v) => v.metadata.name === c.spec?.volumeName);
    if (!pv) pvMissing = true;
    else if (!volumeFitsNode(pv, node)) affinityConflict = true;
  }
  if (affinityConflict) reasons.push(ErrReasonNodeConflict);
  const taken = new Set<string>();
  let bindConflict = false;
  for (const c of claims.unboundDelayed) {
    const selected = c.metadata.annotations?.[ANN_SELECTED_NODE];
    if (selected !== undefined) {
      if (selected !== node.metadata.name) bindConflict = true;
      continue;
    }
    const pv = findMatchingVolume(c, volumes.filter((v) => !taken.has(v.metadata.name)), node, true);
    if (pv) {
      taken.add(pv.metadata.name);
      continue;
    }
    const sc = classes.find((s) => s.metadata.name === c.spec?.storageClassName);
    if (!sc || sc.provisioner === 'kubernetes.io/no-provisioner') bindConflict = true;
  }
  if (bindConflict) reasons.push(ErrReasonBindConflict);
  if (pvMissing) reasons.push(ErrReasonPVNotExist);
  return reasons;
}

export function newVolumeBinding(handle: FrameworkHandle): PreFilterPlugin & FilterPlugin {
  return {
    name: Name,
    preFilter(state, pod) {
      if (claimNames(pod).length === 0) return newStatus(Code.Skip);
      const claims = podVolumeClaims(pod, handle.lister);
      if (typeof claims === 'string') return newStatus(Code.UnschedulableAndUnresolvable, claims);
      if (claims.unboundImmediate.length > 0) return newStatus(Code.UnschedulableAndUnresolvable, ErrUnboundImmediate);
      const volumes = handle.lister.list<KubeObject>(PV_RESOURCE) as unknown as PersistentVolume[];
      const classes = handle.lister.list<KubeObject>(SC_RESOURCE) as unknown as StorageClass[];
      state.write(stateKeyName, { claims, volumes, classes });
      // GetEligibleNodes: local volumes bound to the pod's claims name the nodes worth filtering.
      let eligible: Set<string> | undefined;
      for (const c of claims.bound) {
        const pv = volumes.find((v) => v.metadata.name === c.spec?.volumeName);
        if (!pv?.spec?.local) continue;
        const names = new Set<string>();
        for (const t of pv.spec.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
          for (const e of t.matchExpressions ?? []) if (e.key === 'kubernetes.io/hostname' && e.operator === 'In') e.values?.forEach((n) => names.add(n));
        }
        if (names.size === 0) continue;
        eligible = eligible ? new Set([...eligible].filter((n) => names.has(n))) : names;
      }
      return eligible ? new PreFilterResult(eligible) : null;
    },
    filter(state, _pod, nodeInfo): Status | null {
      const st = state.read(stateKeyName);
      if (!st) return null;
      const reasons = volumeConflicts(st.claims, st.volumes, st.classes, nodeInfo.node);
      return reasons.length ? newStatus(Code.UnschedulableAndUnresolvable, ...reasons) : null;
    },
  };
}

/** What the binding step does before it binds the pod (BindPodVolumes' API updates). */
export interface VolumeWrites {
  /** Volumes to pre-bind to a claim (static binding). */
  volumes: Array<{ pv: PersistentVolume; claim: PersistentVolumeClaim }>;
  /** Claims to provision on the node. */
  provision: PersistentVolumeClaim[];
}

/** AssumePodVolumes for the chosen node: which volume each waiting claim gets, or that it is provisioned. */
export function assumePodVolumes(pod: Pod, lister: ObjectLister, node: Node): VolumeWrites {
  const out: VolumeWrites = { volumes: [], provision: [] };
  const claims = podVolumeClaims(pod, lister);
  if (typeof claims === 'string') return out;
  const volumes = lister.list<KubeObject>(PV_RESOURCE) as unknown as PersistentVolume[];
  const taken = new Set<string>();
  for (const c of claims.unboundDelayed) {
    if (c.metadata.annotations?.[ANN_SELECTED_NODE]) continue;
    const pv = findMatchingVolume(c, volumes.filter((v) => !taken.has(v.metadata.name)), node, true);
    if (pv) {
      taken.add(pv.metadata.name);
      if (!pv.spec?.claimRef) out.volumes.push({ pv, claim: c });
    } else {
      out.provision.push(c);
    }
  }
  return out;
}

/** The claimRef and annotation the binder writes into a statically bound volume (GetBindVolumeToClaim). */
export function volumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
  return {
    ...pv,
    metadata: { ...pv.metadata, annotations: { ...pv.metadata.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' } },
    spec: { ...pv.spec, claimRef: {
      kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace ?? 'default', name: claim.metadata.name,
      uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion,
    } },
  };
}

/** The claim with the node the scheduler picked, for the provisioner. */
export function claimWithSelectedNode(claim: PersistentVolumeClaim, node: string): PersistentVolumeClaim {
  return { ...claim, metadata: { ...claim.metadata, annotations: { ...claim.metadata.annotations, [ANN_SELECTED_NODE]: node } } };
}
