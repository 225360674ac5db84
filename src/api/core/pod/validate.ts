// Pod validation: ValidatePodCreate, ValidatePodUpdate and ValidatePodSpec of
// pkg/apis/core/validation/validation.go (release-1.32, default feature gates), with upstream's
// function names so the two can be read side by side. Windows-only and alpha-feature checks are
// left out; everything a Linux user can hit is here, in upstream's order, because the order of a
// multi-error message is part of what kubectl prints.
import type { Container, Pod, PodSpec, PodTemplateSpec, Probe, Toleration, Volume } from './schema.js';
import type { LabelSelector, ObjectMeta } from '../../meta/schema.js';
import {
  type ErrorList, FieldPath, GoRepr, duplicate, forbidden, goQuote, goStringSlice, invalid, notFound,
  notSupported, required,
} from '../../field-errors.js';
import {
  deepEqual, inclusiveRangeError, isConfigMapKey, isDNS1123Label, isEnvVarName, isHTTPHeaderName, isQualifiedName,
  isValidGroupID, isValidIP, isValidLabelValue, isValidPortName, isValidPortNum, isValidUserID,
  nameIsDNSLabel, nameIsDNSSubdomain, validateDNS1123Label, validateDNS1123Subdomain, validateLabelName,
  validateAnnotations, validateLabelSelector, validateLabels, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate,
  validateQualifiedName, IS_NEGATIVE_ERROR_MSG,
} from '../../validation.js';
import { cmpQuantity, formatQuantity, isZero, parseQuantity, type Quantity } from '../../quantity.js';
import { goStructDiff } from '../../go-diff.js';

type Lifecycle = NonNullable<Container['lifecycle']>;
type Handler = NonNullable<Lifecycle['postStart']> | Probe;
type VolumeMount = NonNullable<Container['volumeMounts']>[number];
type EnvVar = NonNullable<Container['env']>[number];
type EnvFrom = NonNullable<Container['envFrom']>[number];
type ContainerPort = NonNullable<Container['ports']>[number];
type Resources = NonNullable<Container['resources']>;
type SecurityContext = NonNullable<Container['securityContext']>;
type PodSecurityContext = NonNullable<PodSpec['securityContext']>;
type Affinity = NonNullable<PodSpec['affinity']>;
type NodeSelectorTerm = NonNullable<NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms']>[number];
type PodAffinityTerm = NonNullable<NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];
type KeyToPath = { key: string; path: string; mode?: number };
type DownwardAPIFile = { path: string; fieldRef?: { apiVersion?: string; fieldPath: string }; resourceFieldRef?: ResourceFieldRef; mode?: number };
type ResourceFieldRef = { containerName?: string; resource: string; divisor?: string | number };

export interface PodValidationOptions {
  /** The object is a Pod, not a PodSpec embedded in a template. */
  resourceIsPod: boolean;
  allowInvalidPodDeletionCost?: boolean;
  allowInvalidLabelValueInSelector?: boolean;
}

const isNotPositiveErrorMsg = 'must be greater than zero';
const fileModeErrorMsg = 'must be a number between 0 and 0777 (octal), both inclusive';
const MAX_INT32 = 2147483647;

// ---- create / update ------------------------------------------------------------------------------

/** ValidatePodCreate. */
export function validatePodCreate(pod: Pod): ErrorList {
  const opts: PodValidationOptions = { resourceIsPod: true };
  const errs = validatePodMetadataAndSpec(pod, opts);
  const specPath = FieldPath.of('spec');
  if ((pod.spec.ephemeralContainers ?? []).length > 0) errs.push(forbidden(specPath.child('ephemeralContainers'), 'cannot be set on create'));
  if (pod.spec.nodeName && (pod.spec.schedulingGates ?? []).length) {
    errs.push(forbidden(specPath.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  errs.push(...validateSeccompAnnotationsAndFields(pod.metadata, pod.spec, specPath));
  return errs;
}

function validatePodMetadataAndSpec(pod: Pod, opts: PodValidationOptions): ErrorList {
  const metaPath = FieldPath.of('metadata');
  const specPath = FieldPath.of('spec');
  const errs = validateObjectMeta(pod.metadata, true, nameIsDNSSubdomain, metaPath);
  errs.push(...validatePodSpecificAnnotations(pod.metadata.annotations, pod.spec, metaPath.child('annotations'), opts));
  errs.push(...validatePodSpec(pod.spec, pod.metadata, specPath, opts));
  if (!pod.spec.serviceAccountName) {
    (pod.spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((src, si) => {
        if (src.serviceAccountToken) {
          errs.push(forbidden(specPath.child('volumes').index(vi).child('projected').child('sources').index(si).child('serviceAccountToken'),
            'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  errs.push(...validateContainersOnlyForPod(pod.spec.containers, specPath.child('containers')));
  errs.push(...validateContainersOnlyForPod(pod.spec.initContainers, specPath.child('initContainers')));
  return errs;
}

export function validatePodSpecificAnnotations(annotations: Record<string, string> | undefined, spec: PodSpec, path: FieldPath,
  opts: PodValidationOptions): ErrorList {
  const errs: ErrorList = [];
  const a = annotations ?? {};
  const mirror = a['kubernetes.io/config.mirror'];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(invalid(path.key('kubernetes.io/config.mirror'), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = a['controller.kubernetes.io/pod-deletion-cost'];
  if (!opts.allowInvalidPodDeletionCost && cost !== undefined && !isInt32String(cost)) {
    errs.push(invalid(path.key('controller.kubernetes.io/pod-deletion-cost'), cost, 'must be a 32bit integer'));
  }
  return errs;
}

function isInt32String(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = Number(s);
  return n >= -2147483648 && n <= MAX_INT32;
}

function validateContainersOnlyForPod(containers: Container[] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  (containers ?? []).forEach((c, i) => {
    const image = c.image ?? '';
    if (image.length !== image.trim().length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return errs;
}

function validateSeccompAnnotationsAndFields(meta: ObjectMeta, spec: PodSpec, specPath: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const a = meta.annotations ?? {};
  const check = (annotation: string | undefined, profile: { type: string; localhostProfile?: string } | undefined, path: FieldPath) => {
    if (annotation === undefined || !profile) return;
    const p = path.child('securityContext').child('seccompProfile');
    switch (profile.type) {
      case 'Unconfined':
        if (annotation !== 'unconfined') errs.push(forbidden(p.child('type'), 'seccomp type in annotation and field must match'));
        break;
      case 'RuntimeDefault':
        if (annotation !== 'runtime/default' && annotation !== 'docker/default') errs.push(forbidden(p.child('type'), 'seccomp type in annotation and field must match'));
        break;
      case 'Localhost':
        if (!annotation.startsWith('localhost/')) errs.push(forbidden(p.child('type'), 'seccomp type in annotation and field must match'));
        else if (annotation.slice('localhost/'.length) !== profile.localhostProfile) errs.push(forbidden(p.child('localhostProfile'), 'seccomp profile in annotation and field must match'));
        break;
    }
  };
  check(a['seccomp.security.alpha.kubernetes.io/pod'], spec.securityContext?.seccompProfile, specPath);
  visitContainersWithPath(spec, specPath, (c, p) => check(a[`container.seccomp.security.alpha.kubernetes.io/${c.name}`], c.securityContext?.seccompProfile, p));
  return errs;
}

function visitContainersWithPath(spec: PodSpec, specPath: FieldPath, fn: (c: Container, p: FieldPath) => void): void {
  (spec.initContainers ?? []).forEach((c, i) => fn(c, specPath.child('initContainers').index(i)));
  (spec.containers ?? []).forEach((c, i) => fn(c, specPath.child('containers').index(i)));
}

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** ValidatePodUpdate: what an end user may change on a live pod. */
export function validatePodUpdate(pod: Pod, old: Pod): ErrorList {
  const opts: PodValidationOptions = { resourceIsPod: true };
  const metaPath = FieldPath.of('metadata');
  const specPath = FieldPath.of('spec');
  const errs = validateObjectMetaUpdate(pod.metadata, old.metadata, metaPath);
  errs.push(...validatePodMetadataAndSpec(pod, opts));
  errs.push(...validatePodSpecificAnnotationUpdates(pod, old, metaPath.child('annotations')));

  let r = validateContainerUpdates(pod.spec.containers ?? [], old.spec.containers ?? [], specPath.child('containers'));
  errs.push(...r.errs);
  if (r.stop) return errs;
  r = validateContainerUpdates(pod.spec.initContainers ?? [], old.spec.initContainers ?? [], specPath.child('initContainers'));
  errs.push(...r.errs);
  if (r.stop) return errs;

  const newADS = pod.spec.activeDeadlineSeconds;
  const oldADS = old.spec.activeDeadlineSeconds;
  if (newADS !== undefined) {
    if (newADS < 0 || newADS > MAX_INT32) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), newADS, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldADS !== undefined && oldADS < newADS) {
      errs.push(invalid(specPath.child('activeDeadlineSeconds'), newADS, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldADS !== undefined) {
    errs.push(invalid(specPath.child('activeDeadlineSeconds'), null, 'must not update from a positive integer to nil value'));
  }

  errs.push(...validateOnlyAddedTolerations(pod.spec.tolerations ?? [], old.spec.tolerations ?? [], specPath.child('tolerations')));
  errs.push(...validateOnlyDeletedSchedulingGates(pod.spec.schedulingGates ?? [], old.spec.schedulingGates ?? [], specPath.child('schedulingGates')));

  if (deepEqual(pod.spec, old.spec)) return errs;

  const oldQOS = (old.status?.qosClass as string | undefined) || computePodQOS(old);
  if (oldQOS !== computePodQOS(pod)) errs.push(invalid(metaPath, pod.status?.qosClass ?? '', 'Pod QoS is immutable'));

  // Munge the fields that may change into the old values; whatever still differs may not change.
  const munged: PodSpec = structuredClone(pod.spec);
  munged.containers = (munged.containers ?? []).map((c, i) => ({ ...c, image: old.spec.containers[i]?.image }));
  if (munged.initContainers) munged.initContainers = munged.initContainers.map((c, i) => ({ ...c, image: old.spec.initContainers?.[i]?.image }));
  munged.activeDeadlineSeconds = oldADS;
  if (munged.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  munged.schedulingGates = old.spec.schedulingGates;
  if (munged.schedulingGates === undefined) delete munged.schedulingGates;
  munged.tolerations = old.spec.tolerations;
  if (munged.tolerations === undefined) delete munged.tolerations;
  const oldGrace = old.spec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = oldGrace;

  if ((old.spec.schedulingGates ?? []).length > 0) {
    // A gated pod may still gain node selector entries and node affinity terms.
    if (!deepEqual(munged.nodeSelector, old.spec.nodeSelector)) {
      errs.push(...validateNodeSelectorMutation(specPath.child('nodeSelector'), munged.nodeSelector ?? {}, old.spec.nodeSelector ?? {}));
      munged.nodeSelector = old.spec.nodeSelector;
      if (munged.nodeSelector === undefined) delete munged.nodeSelector;
    }
    const oldNA = old.spec.affinity?.nodeAffinity;
    const newNA = munged.affinity?.nodeAffinity;
    if (!deepEqual(oldNA, newNA)) {
      if (oldNA?.requiredDuringSchedulingIgnoredDuringExecution) {
        errs.push(forbidden(specPath.child('affinity').child('nodeAffinity').child('requiredDuringSchedulingIgnoredDuringExecution'),
          'only additions to the node affinity terms are allowed'));
      }
      if (munged.affinity) {
        if (oldNA) munged.affinity.nodeAffinity = oldNA;
        else delete munged.affinity.nodeAffinity;
        if (Object.keys(munged.affinity).length === 0 && !old.spec.affinity) delete munged.affinity;
      }
    }
  }

  if (!deepEqual(munged, old.spec)) {
    errs.push(forbidden(specPath, `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${podSpecDiff(old.spec, munged)}`));
  }
  return errs;
}

function validatePodSpecificAnnotationUpdates(pod: Pod, old: Pod, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const na = pod.metadata.annotations ?? {};
  const oa = old.metadata.annotations ?? {};
  for (const k of Object.keys(oa).sort()) {
    if (na[k] === oa[k]) continue;
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/')) errs.push(forbidden(path.key(k), 'may not remove or update AppArmor annotations'));
    if (k === 'kubernetes.io/config.mirror') errs.push(forbidden(path.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(na).sort()) {
    if (k in oa) continue;
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/')) errs.push(forbidden(path.key(k), 'may not add AppArmor annotations'));
    if (k === 'kubernetes.io/config.mirror') errs.push(forbidden(path.key(k), 'may not add mirror pod annotation'));
  }
  return errs;
}

function validateContainerUpdates(newC: Container[], oldC: Container[], path: FieldPath): { errs: ErrorList; stop: boolean } {
  if (newC.length !== oldC.length) return { errs: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: ErrorList = [];
  newC.forEach((c, i) => {
    const image = c.image ?? '';
    if (!image) errs.push(required(path.index(i).child('image')));
    if (image.trim().length !== image.length) errs.push(invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function validateOnlyAddedTolerations(newT: Toleration[], oldT: Toleration[], path: FieldPath): ErrorList {
  for (const o of oldT) {
    const found = newT.some((n) => deepEqual({ ...o, tolerationSeconds: n.tolerationSeconds }, n));
    if (!found) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(newT, path);
}

function validateOnlyDeletedSchedulingGates(newG: { name: string }[], oldG: { name: string }[], path: FieldPath): ErrorList {
  const oldNames = new Set(oldG.map((g) => g.name));
  const errs: ErrorList = [];
  newG.forEach((g, i) => {
    if (!oldNames.has(g.name)) errs.push(forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${g.name}'`));
  });
  return errs;
}

function validateNodeSelectorMutation(path: FieldPath, newSel: Record<string, string>, oldSel: Record<string, string>): ErrorList {
  const errs: ErrorList = [];
  for (const [k, v] of Object.entries(oldSel)) {
    if (!(k in newSel)) errs.push(forbidden(path.key(k), 'field is immutable'));
    else if (newSel[k] !== v) errs.push(invalid(path.key(k), newSel[k], 'field is immutable'));
  }
  return errs;
}

// ---- pod templates ----------------------------------------------------------------------------------

/**
 * ValidatePodTemplateSpec, for the workload kinds that embed a pod (path is e.g. `spec.template`).
 * Labels are reported at `<path>.labels`, not `<path>.metadata.labels`, as upstream does.
 */
export function validatePodTemplateSpec(template: PodTemplateSpec, path: FieldPath,
  opts: PodValidationOptions = { resourceIsPod: false }): ErrorList {
  const meta = template.metadata ?? {};
  const errs = validateLabels(meta.labels, path.child('labels'));
  errs.push(...validateAnnotations(meta.annotations, path.child('annotations')));
  errs.push(...validatePodSpecificAnnotations(meta.annotations, template.spec, path.child('annotations'), opts));
  errs.push(...validatePodSpec(template.spec, undefined, path.child('spec'), opts));
  errs.push(...validateSeccompAnnotationsAndFields(meta, template.spec, path.child('spec')));
  if ((template.spec.ephemeralContainers ?? []).length > 0) {
    errs.push(forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'));
  }
  return errs;
}

// ---- the pod spec ---------------------------------------------------------------------------------

/** ValidatePodSpec; podMeta is the pod's metadata, or undefined for a template. */
export function validatePodSpec(spec: PodSpec, podMeta: ObjectMeta | undefined, path: FieldPath, opts: PodValidationOptions): ErrorList {
  const errs: ErrorList = [];
  if (spec.terminationGracePeriodSeconds === undefined) errs.push(required(path.child('terminationGracePeriodSeconds')));
  const gracePeriod = spec.terminationGracePeriodSeconds;

  const { volumes, errs: vErrs } = validateVolumes(spec.volumes ?? [], podMeta, path.child('volumes'));
  errs.push(...vErrs);
  const claimNames = new Set((spec.resourceClaims ?? []).map((c) => (c as { name?: string }).name ?? '').filter(Boolean));
  errs.push(...validateContainers(spec.containers ?? [], volumes, claimNames, gracePeriod, path.child('containers'), spec.restartPolicy ?? ''));
  errs.push(...validateInitContainers(spec.initContainers ?? [], spec.containers ?? [], volumes, claimNames, gracePeriod, path.child('initContainers'), spec.restartPolicy ?? ''));
  errs.push(...validatePodHostNetworkDeps(spec, path, opts));
  errs.push(...validateRestartPolicy(spec.restartPolicy ?? '', path.child('restartPolicy')));
  errs.push(...validateDNSPolicy(spec.dnsPolicy ?? '', path.child('dnsPolicy')));
  errs.push(...validateLabels(spec.nodeSelector, path.child('nodeSelector')));
  errs.push(...validatePodSpecSecurityContext(spec.securityContext, spec, path.child('securityContext')));
  errs.push(...validateImagePullSecrets(spec.imagePullSecrets ?? [], path.child('imagePullSecrets')));
  errs.push(...validateAffinity(spec.affinity, opts, path.child('affinity')));
  errs.push(...validatePodDNSConfig(spec.dnsConfig, spec.dnsPolicy ?? '', path.child('dnsConfig')));
  errs.push(...validateReadinessGates(spec.readinessGates ?? [], path.child('readinessGates')));
  errs.push(...validateSchedulingGates(spec.schedulingGates ?? [], path.child('schedulingGates')));
  errs.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints ?? [], path.child('topologySpreadConstraints')));
  if (spec.hostUsers === false) {
    if (spec.hostNetwork) errs.push(forbidden(path.child('hostNetwork'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostPID) errs.push(forbidden(path.child('HostPID'), 'when `pod.Spec.HostUsers` is false'));
    if (spec.hostIPC) errs.push(forbidden(path.child('HostIPC'), 'when `pod.Spec.HostUsers` is false'));
  }
  if (spec.serviceAccountName) {
    for (const m of nameIsDNSSubdomain(spec.serviceAccountName, false)) errs.push(invalid(path.child('serviceAccountName'), spec.serviceAccountName, m));
  }
  if (spec.nodeName) {
    for (const m of nameIsDNSSubdomain(spec.nodeName, false)) errs.push(invalid(path.child('nodeName'), spec.nodeName, m));
  }
  if (spec.activeDeadlineSeconds !== undefined) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(invalid(path.child('activeDeadlineSeconds'), v, inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, path.child('hostname')));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, path.child('subdomain')));
  if ((spec.tolerations ?? []).length) errs.push(...validateTolerations(spec.tolerations ?? [], path.child('tolerations')));
  (spec.hostAliases ?? []).forEach((ha, i) => {
    errs.push(...isValidIP(path.child('hostAliases').index(i).child('ip'), ha.ip));
    (ha.hostnames ?? []).forEach((h, j) => errs.push(...validateDNS1123Subdomain(h, path.child('hostAliases').index(i).child('hostnames').index(j))));
  });
  if (spec.priorityClassName) {
    for (const m of nameIsDNSSubdomain(spec.priorityClassName, false)) errs.push(invalid(path.child('priorityClassName'), spec.priorityClassName, m));
  }
  if (spec.runtimeClassName !== undefined) {
    for (const m of nameIsDNSSubdomain(spec.runtimeClassName, false)) errs.push(invalid(path.child('runtimeClassName'), spec.runtimeClassName, m));
  }
  if (spec.preemptionPolicy !== undefined) {
    const pp = spec.preemptionPolicy;
    if (pp === '') errs.push(required(path.child('preemptionPolicy')));
    else if (pp !== 'PreemptLowerPriority' && pp !== 'Never') errs.push(notSupported(path.child('preemptionPolicy'), pp, ['PreemptLowerPriority', 'Never']));
  }
  if (spec.overhead) errs.push(...validateResourceRequirements({ limits: spec.overhead }, new Set(), path.child('overhead')));
  if (spec.os) {
    if (!spec.os.name) errs.push(required(path.child('os').child('name'), 'cannot be empty'));
    else if (spec.os.name !== 'linux' && spec.os.name !== 'windows') errs.push(notSupported(path.child('os'), spec.os.name, ['linux', 'windows']));
  }
  return errs;
}

// ---- volumes ----------------------------------------------------------------------------------------

type VolumeMap = Map<string, Volume>;

const VOLUME_SOURCES: Array<[string, string]> = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
];

function validateVolumes(volumes: Volume[], podMeta: ObjectMeta | undefined, path: FieldPath): { volumes: VolumeMap; errs: ErrorList } {
  const errs: ErrorList = [];
  const all = new Set<string>();
  const vols: VolumeMap = new Map();
  const createdPVCs = new Set<string>();
  if (podMeta?.name) for (const v of volumes) if (v.ephemeral) createdPVCs.add(`${podMeta.name}-${v.name}`);
  volumes.forEach((v, i) => {
    const idxPath = path.index(i);
    const namePath = idxPath.child('name');
    const el = validateVolumeSource(v, idxPath, podMeta);
    if (!v.name) el.push(required(namePath));
    else el.push(...validateDNS1123Label(v.name, namePath));
    if (all.has(v.name)) el.push(duplicate(namePath, v.name));
    if (el.length === 0) {
      all.add(v.name);
      vols.set(v.name, v);
    } else {
      errs.push(...el);
    }
    if (v.persistentVolumeClaim && createdPVCs.has(v.persistentVolumeClaim.claimName)) {
      errs.push(invalid(idxPath.child('persistentVolumeClaim').child('claimName'), v.persistentVolumeClaim.claimName,
        'must not reference a PVC that gets created for an ephemeral volume'));
    }
  });
  return { volumes: vols, errs };
}

function validateVolumeSource(v: Volume, path: FieldPath, podMeta: ObjectMeta | undefined): ErrorList {
  const errs: ErrorList = [];
  let n = 0;
  const rec = v as Record<string, unknown>;
  for (const [key, pathName] of VOLUME_SOURCES) {
    if (rec[key] === undefined) continue;
    if (n > 0 && key !== 'emptyDir') {
      errs.push(forbidden(path.child(pathName), 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    // Upstream names the forbidden duplicate and the validated source differently for a few types.
    const p = path.child(key === 'gcePersistentDisk' ? 'persistentDisk' : key);
    switch (key) {
      case 'emptyDir': {
        const size = v.emptyDir?.sizeLimit;
        if (size !== undefined && cmpQuantity(size, 0) < 0) errs.push(forbidden(path.child('emptyDir').child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        break;
      }
      case 'hostPath':
        errs.push(...validateHostPathVolumeSource(v.hostPath!, p));
        break;
      case 'secret': {
        const s = v.secret!;
        if (!s.secretName) errs.push(required(p.child('secretName')));
        if (s.defaultMode !== undefined && (s.defaultMode > 0o777 || s.defaultMode < 0)) errs.push(invalid(p.child('defaultMode'), s.defaultMode, fileModeErrorMsg));
        (s.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'configMap': {
        const c = v.configMap!;
        if (!c.name) errs.push(required(p.child('name')));
        if (c.defaultMode !== undefined && (c.defaultMode > 0o777 || c.defaultMode < 0)) errs.push(invalid(p.child('defaultMode'), c.defaultMode, fileModeErrorMsg));
        (c.items ?? []).forEach((kp, i) => errs.push(...validateKeyToPath(kp, p.child('items').index(i))));
        break;
      }
      case 'nfs': {
        const nfs = v.nfs!;
        if (!nfs.server) errs.push(required(p.child('server')));
        if (!nfs.path) errs.push(required(p.child('path')));
        if (!nfs.path.startsWith('/')) errs.push(invalid(p.child('path'), nfs.path, 'must be an absolute path'));
        break;
      }
      case 'persistentVolumeClaim':
        if (!v.persistentVolumeClaim!.claimName) errs.push(required(p.child('claimName')));
        break;
      case 'downwardAPI': {
        const d = v.downwardAPI!;
        if (d.defaultMode !== undefined && (d.defaultMode > 0o777 || d.defaultMode < 0)) errs.push(invalid(p.child('defaultMode'), d.defaultMode, fileModeErrorMsg));
        for (const f of d.items ?? []) errs.push(...validateDownwardAPIVolumeFile(f, p));
        break;
      }
      case 'projected':
        errs.push(...validateProjectedVolumeSource(v.projected!, p));
        break;
      case 'csi': {
        const csi = v.csi!;
        if (!csi.driver) errs.push(required(p.child('driver')));
        break;
      }
      case 'ephemeral':
        if (podMeta?.name && v.name) {
          const pvcName = `${podMeta.name}-${v.name}`;
          for (const m of nameIsDNSSubdomain(pvcName, false)) errs.push(invalid(path.child('name'), v.name, `PVC name ${goQuote(pvcName)}: ${m}`));
        }
        break;
      default:
        break;
    }
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validateKeyToPath(kp: KeyToPath, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!kp.key) errs.push(required(path.child('key')));
  if (!kp.path) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(kp.path, path.child('path')));
  if (kp.mode !== undefined && (kp.mode > 0o777 || kp.mode < 0)) errs.push(invalid(path.child('mode'), kp.mode, fileModeErrorMsg));
  return errs;
}

const validVolumeDownwardAPIFieldPathExpressions = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const validEnvDownwardAPIFieldPathExpressions = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
const validContainerResourceFieldPathExpressions = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory',
  'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

function validateDownwardAPIVolumeFile(f: DownwardAPIFile, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!f.path) errs.push(required(path.child('path')));
  errs.push(...validateLocalNonReservedPath(f.path, path.child('path')));
  if (f.fieldRef) {
    errs.push(...validateObjectFieldSelector(f.fieldRef, validVolumeDownwardAPIFieldPathExpressions, path.child('fieldRef')));
    if (f.resourceFieldRef) errs.push(invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
  } else if (f.resourceFieldRef) {
    errs.push(...validateContainerResourceFieldSelector(f.resourceFieldRef, path.child('resourceFieldRef'), true));
  } else {
    errs.push(required(path, 'one of fieldRef and resourceFieldRef is required'));
  }
  if (f.mode !== undefined && (f.mode > 0o777 || f.mode < 0)) errs.push(invalid(path.child('mode'), f.mode, fileModeErrorMsg));
  return errs;
}

function validateProjectedVolumeSource(proj: NonNullable<Volume['projected']>, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (proj.defaultMode !== undefined && (proj.defaultMode > 0o777 || proj.defaultMode < 0)) errs.push(invalid(path.child('defaultMode'), proj.defaultMode, fileModeErrorMsg));
  const allPaths = new Set<string>();
  (proj.sources ?? []).forEach((src, i) => {
    let n = 0;
    const srcPath = path.child('sources').index(i);
    if (src.secret) {
      n++;
      const p = srcPath.child('secret');
      if (!src.secret.name) errs.push(required(p.child('name')));
      (src.secret.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, p.child('items').index(j)));
        if (kp.path) {
          if (allPaths.has(kp.path)) errs.push(invalid(path, src.secret!.name ?? '', 'conflicting duplicate paths'));
          allPaths.add(kp.path);
        }
      });
    }
    if (src.configMap) {
      n++;
      const p = srcPath.child('configMap');
      if (!src.configMap.name) errs.push(required(p.child('name')));
      (src.configMap.items ?? []).forEach((kp, j) => {
        errs.push(...validateKeyToPath(kp, p.child('items').index(j)));
        if (kp.path) {
          if (allPaths.has(kp.path)) errs.push(invalid(path, src.configMap!.name ?? '', 'conflicting duplicate paths'));
          allPaths.add(kp.path);
        }
      });
    }
    if (src.downwardAPI) {
      n++;
      const p = srcPath.child('downwardAPI');
      for (const f of src.downwardAPI.items ?? []) {
        errs.push(...validateDownwardAPIVolumeFile(f, p));
        if (f.path) {
          if (allPaths.has(f.path)) errs.push(invalid(path, f.path, 'conflicting duplicate paths'));
          allPaths.add(f.path);
        }
      }
    }
    if (src.serviceAccountToken) {
      n++;
      const p = srcPath.child('serviceAccountToken');
      const exp = src.serviceAccountToken.expirationSeconds ?? 0;
      if (exp < 600) errs.push(invalid(p.child('expirationSeconds'), exp, 'may not specify a duration less than 10 minutes'));
      if (exp > 2 ** 32) errs.push(invalid(p.child('expirationSeconds'), exp, 'may not specify a duration larger than 2^32 seconds'));
      if (!src.serviceAccountToken.path) errs.push(required(path.child('path')));
      else errs.push(...validateLocalNonReservedPath(src.serviceAccountToken.path, path.child('path')));
    }
    if (n > 1) errs.push(forbidden(srcPath, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

/** validateHostPathVolumeSource, shared by pod volumes and PersistentVolumes. */
export function validateHostPathVolumeSource(hp: { path: string; type?: string }, p: FieldPath): ErrorList {
  if (!hp.path) return [required(p.child('path'))];
  const errs = validatePathNoBacksteps(hp.path, p.child('path'));
  const types = ['', 'Block', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];
  if (hp.type !== undefined && !types.includes(hp.type)) errs.push(notSupported(p.child('type'), hp.type, types));
  return errs;
}

export function validatePathNoBacksteps(target: string, path: FieldPath): ErrorList {
  return target.replaceAll('\\', '/').split('/').includes('..') ? [invalid(path, target, "must not contain '..'")] : [];
}

function validateLocalDescendingPath(target: string, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (target.startsWith('/')) errs.push(invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

function validateLocalNonReservedPath(target: string, path: FieldPath): ErrorList {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(invalid(path, target, "must not start with '..'"));
  return errs;
}

// ---- containers -----------------------------------------------------------------------------------

function validateContainers(containers: Container[], volumes: VolumeMap, claimNames: Set<string>, gracePeriod: number | undefined,
  path: FieldPath, podRestartPolicy: string): ErrorList {
  if (containers.length === 0) return [required(path)];
  const errs: ErrorList = [];
  const names = new Set<string>();
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, claimNames, p, podRestartPolicy));
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, p.child('lifecycle')));
    errs.push(...validateLivenessProbe(c.livenessProbe, gracePeriod, p.child('livenessProbe')));
    errs.push(...validateReadinessProbe(c.readinessProbe, gracePeriod, p.child('readinessProbe')));
    errs.push(...validateStartupProbe(c.startupProbe, gracePeriod, p.child('startupProbe')));
    if (c.restartPolicy !== undefined) errs.push(forbidden(p.child('restartPolicy'), 'may not be set for non-init containers'));
  });
  errs.push(...checkHostPortConflicts(containers, path));
  return errs;
}

function validateInitContainers(containers: Container[], regular: Container[], volumes: VolumeMap, claimNames: Set<string>,
  gracePeriod: number | undefined, path: FieldPath, podRestartPolicy: string): ErrorList {
  const errs: ErrorList = [];
  const names = new Set(regular.map((c) => c.name));
  containers.forEach((c, i) => {
    const p = path.index(i);
    errs.push(...validateContainerCommon(c, volumes, claimNames, p, podRestartPolicy));
    let restartAlways = false;
    if (c.restartPolicy !== undefined) {
      if (c.restartPolicy !== 'Always') errs.push(notSupported(p.child('restartPolicy'), c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(duplicate(p.child('name'), c.name));
    else if (c.name) names.add(c.name);
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle, gracePeriod, p.child('lifecycle')));
      errs.push(...validateLivenessProbe(c.livenessProbe, gracePeriod, p.child('livenessProbe')));
      errs.push(...validateReadinessProbe(c.readinessProbe, gracePeriod, p.child('readinessProbe')));
      errs.push(...validateStartupProbe(c.startupProbe, gracePeriod, p.child('startupProbe')));
    } else {
      const msg = 'may not be set for init containers without restartPolicy=Always';
      if (c.lifecycle) errs.push(forbidden(p.child('lifecycle'), msg));
      if (c.livenessProbe) errs.push(forbidden(p.child('livenessProbe'), msg));
      if (c.readinessProbe) errs.push(forbidden(p.child('readinessProbe'), msg));
      if (c.startupProbe) errs.push(forbidden(p.child('startupProbe'), msg));
    }
    if ((c.resizePolicy ?? []).length > 0) errs.push(invalid(p.child('resizePolicy'), new GoRepr('[]core.ContainerResizePolicy{...}'), 'must not be set for init containers'));
  });
  return errs;
}

function validateContainerCommon(c: Container, volumes: VolumeMap, claimNames: Set<string>, path: FieldPath, podRestartPolicy: string): ErrorList {
  const errs: ErrorList = [];
  const namePath = path.child('name');
  if (!c.name) errs.push(required(namePath));
  else errs.push(...validateDNS1123Label(c.name, namePath));
  if (!c.image) errs.push(required(path.child('image')));
  const tmp = c.terminationMessagePolicy ?? '';
  if (tmp === '') errs.push(required(path.child('terminationMessagePolicy')));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') errs.push(notSupported(path.child('terminationMessagePolicy'), tmp, ['File', 'FallbackToLogsOnError']));
  const mounts = new Map((c.volumeMounts ?? []).map((m) => [m.name, m.mountPath]));
  const devices = new Map((c.volumeDevices ?? []).map((d) => [d.name, d.devicePath]));
  errs.push(...validateContainerPorts(c.ports ?? [], path.child('ports')));
  errs.push(...validateEnv(c.env ?? [], path.child('env')));
  errs.push(...validateEnvFrom(c.envFrom ?? [], path.child('envFrom')));
  errs.push(...validateVolumeMounts(c.volumeMounts ?? [], devices, volumes, c, path.child('volumeMounts')));
  errs.push(...validateVolumeDevices(c.volumeDevices ?? [], mounts, volumes, path.child('volumeDevices')));
  errs.push(...validatePullPolicy(c.imagePullPolicy ?? '', path.child('imagePullPolicy')));
  errs.push(...validateResourceRequirements(c.resources ?? {}, claimNames, path.child('resources')));
  errs.push(...validateResizePolicy(c.resizePolicy ?? [], path.child('resizePolicy'), podRestartPolicy));
  errs.push(...validateSecurityContext(c.securityContext, path.child('securityContext')));
  return errs;
}

const supportedPortProtocols = ['SCTP', 'TCP', 'UDP'];

function validateContainerPorts(ports: ContainerPort[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = path.index(i);
    if (port.name) {
      const msgs = isValidPortName(port.name);
      if (msgs.length) for (const m of msgs) errs.push(invalid(p.child('name'), port.name, m));
      else if (names.has(port.name)) errs.push(duplicate(p.child('name'), port.name));
      else names.add(port.name);
    }
    if (!port.containerPort) errs.push(required(p.child('containerPort')));
    else for (const m of isValidPortNum(port.containerPort)) errs.push(invalid(p.child('containerPort'), port.containerPort, m));
    if (port.hostPort) for (const m of isValidPortNum(port.hostPort)) errs.push(invalid(p.child('hostPort'), port.hostPort, m));
    if (!port.protocol) errs.push(required(p.child('protocol')));
    else if (!supportedPortProtocols.includes(port.protocol)) errs.push(notSupported(p.child('protocol'), port.protocol, supportedPortProtocols));
  });
  return errs;
}

function validateEnv(vars: EnvVar[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  vars.forEach((ev, i) => {
    const p = path.index(i);
    if (!ev.name) errs.push(required(p.child('name')));
    else for (const m of isEnvVarName(ev.name)) errs.push(invalid(p.child('name'), ev.name, m));
    errs.push(...validateEnvVarValueFrom(ev, p.child('valueFrom')));
  });
  return errs;
}

function validateEnvVarValueFrom(ev: EnvVar, path: FieldPath): ErrorList {
  const vf = ev.valueFrom;
  if (!vf) return [];
  const errs: ErrorList = [];
  let n = 0;
  if (vf.fieldRef) {
    n++;
    errs.push(...validateObjectFieldSelector(vf.fieldRef, validEnvDownwardAPIFieldPathExpressions, path.child('fieldRef')));
  }
  if (vf.resourceFieldRef) {
    n++;
    errs.push(...validateContainerResourceFieldSelector(vf.resourceFieldRef, path.child('resourceFieldRef'), false));
  }
  if (vf.configMapKeyRef) {
    n++;
    errs.push(...validateKeySelector(vf.configMapKeyRef, path.child('configMapKeyRef')));
  }
  if (vf.secretKeyRef) {
    n++;
    errs.push(...validateKeySelector(vf.secretKeyRef, path.child('secretKeyRef')));
  }
  if (n === 0) errs.push(invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

function validateObjectFieldSelector(fs: { apiVersion?: string; fieldPath: string }, expressions: string[], path: FieldPath): ErrorList {
  if (!fs.apiVersion) return [required(path.child('apiVersion'))];
  if (!fs.fieldPath) return [required(path.child('fieldPath'))];
  if (fs.apiVersion !== 'v1') {
    return [invalid(path.child('fieldPath'), fs.fieldPath, `error converting fieldPath: field label not supported: ${fs.fieldPath}`)];
  }
  const m = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(fs.fieldPath) ?? /^([^[]+)\['(.*)'\]$/.exec(fs.fieldPath);
  if (m) {
    if (m[1] === 'metadata.annotations') return validateQualifiedName(m[2].toLowerCase(), path);
    if (m[1] === 'metadata.labels') return validateQualifiedName(m[2], path);
    return [invalid(path, m[1], 'does not support subscript')];
  }
  if (!expressions.includes(fs.fieldPath)) return [notSupported(path.child('fieldPath'), fs.fieldPath, expressions)];
  return [];
}

function validateContainerResourceFieldSelector(fs: ResourceFieldRef, path: FieldPath, volume: boolean): ErrorList {
  const errs: ErrorList = [];
  if (volume && !fs.containerName) errs.push(required(path.child('containerName')));
  else if (!fs.resource) errs.push(required(path.child('resource')));
  else if (!validContainerResourceFieldPathExpressions.includes(fs.resource)
    && !fs.resource.startsWith('limits.hugepages-') && !fs.resource.startsWith('requests.hugepages-')) {
    errs.push(notSupported(path.child('resource'), fs.resource, validContainerResourceFieldPathExpressions));
  }
  if (fs.divisor !== undefined && !isZero(fs.divisor)) {
    const d = formatQuantity(parseQuantity(fs.divisor));
    const mem = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
    const memMsg = 'only divisor\'s values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the';
    switch (fs.resource) {
      case 'limits.cpu': case 'requests.cpu':
        if (d !== '1m' && d !== '1') errs.push(invalid(path.child('divisor'), fs.resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
        break;
      case 'limits.memory': case 'requests.memory':
        if (!mem.includes(d)) errs.push(invalid(path.child('divisor'), fs.resource, `${memMsg} memory resource`));
        break;
      case 'limits.ephemeral-storage': case 'requests.ephemeral-storage':
        if (!mem.includes(d)) errs.push(invalid(path.child('divisor'), fs.resource, `${memMsg} local ephemeral storage resource`));
        break;
    }
    if ((fs.resource.startsWith('requests.hugepages-') || fs.resource.startsWith('limits.hugepages-')) && !mem.includes(d)) {
      errs.push(invalid(path.child('divisor'), fs.resource, `${memMsg} hugepages resource`));
    }
  }
  return errs;
}

function validateKeySelector(s: { name?: string; key: string }, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  for (const m of nameIsDNSSubdomain(s.name ?? '', false)) errs.push(invalid(path.child('name'), s.name ?? '', m));
  if (!s.key) errs.push(required(path.child('key')));
  else for (const m of isConfigMapKey(s.key)) errs.push(invalid(path.child('key'), s.key, m));
  return errs;
}

function validateEnvFrom(vars: EnvFrom[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  vars.forEach((ev, i) => {
    const p = path.index(i);
    if (ev.prefix) for (const m of isEnvVarName(ev.prefix)) errs.push(invalid(p.child('prefix'), ev.prefix, m));
    let n = 0;
    for (const [key, ref] of [['configMapRef', ev.configMapRef], ['secretRef', ev.secretRef]] as const) {
      if (!ref) continue;
      n++;
      if (!ref.name) errs.push(required(p.child(key).child('name')));
      else for (const m of nameIsDNSSubdomain(ref.name, true)) errs.push(invalid(p.child(key).child('name'), ref.name, m));
    }
    if (n === 0) errs.push(invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

function validateVolumeMounts(mounts: VolumeMount[], devices: Map<string, string>, volumes: VolumeMap, c: Container, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const mountpoints = new Set<string>();
  const devicePaths = new Set(devices.values());
  mounts.forEach((m, i) => {
    const p = path.index(i);
    if (!m.name) errs.push(required(p.child('name')));
    if (!volumes.has(m.name)) errs.push(notFound(p.child('name'), m.name));
    if (!m.mountPath) errs.push(required(p.child('mountPath')));
    if (mountpoints.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must be unique'));
    mountpoints.add(m.mountPath);
    if (devices.has(m.name)) errs.push(invalid(p.child('name'), m.name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(m.mountPath)) errs.push(invalid(p.child('mountPath'), m.mountPath, 'must not already exist as a path in volumeDevices'));
    // Upstream reports these two under the list's path, not the item's.
    if (m.subPath) errs.push(...validateLocalDescendingPath(m.subPath, path.child('subPath')));
    if (m.subPathExpr) {
      if (m.subPath) errs.push(invalid(p.child('subPathExpr'), m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(m.subPathExpr, path.child('subPathExpr')));
    }
    if (m.mountPropagation !== undefined) {
      const mp = m.mountPropagation;
      const supported = ['Bidirectional', 'HostToContainer', 'None'];
      if (!supported.includes(mp)) errs.push(notSupported(path.child('mountPropagation'), mp, supported));
      if (mp === 'Bidirectional' && !c.securityContext?.privileged) {
        errs.push(forbidden(path.child('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers'));
      }
    }
    if (m.recursiveReadOnly !== undefined) {
      const rro = m.recursiveReadOnly;
      const rp = path.child('recursiveReadOnly');
      if (rro === 'Enabled' || rro === 'IfPossible') {
        if (!m.readOnly) errs.push(forbidden(rp, 'may only be specified when readOnly is true'));
        if (m.mountPropagation !== undefined && m.mountPropagation !== 'None') errs.push(forbidden(rp, 'may only be specified when mountPropagation is None or not specified'));
      } else if (rro !== 'Disabled') {
        errs.push(notSupported(rp, rro, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  return errs;
}

function validateVolumeDevices(devices: { name: string; devicePath: string }[], mounts: Map<string, string>, volumes: VolumeMap, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const paths = new Set<string>();
  const names = new Set<string>();
  const mountPaths = new Set(mounts.values());
  devices.forEach((d, i) => {
    const p = path.index(i);
    const v = volumes.get(d.name);
    if (!d.name) errs.push(required(p.child('name')));
    if (names.has(d.name)) errs.push(invalid(p.child('name'), d.name, 'must be unique'));
    if (v && !v.persistentVolumeClaim && !v.ephemeral) errs.push(invalid(p.child('name'), d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (!v) errs.push(notFound(p.child('name'), d.name));
    if (!d.devicePath) errs.push(required(p.child('devicePath')));
    if (paths.has(d.devicePath)) errs.push(invalid(p.child('devicePath'), d.devicePath, 'must be unique'));
    if (d.devicePath && validatePathNoBacksteps(d.devicePath, path).length) errs.push(invalid(p.child('devicePath'), d.devicePath, "can not contain backsteps ('..')"));
    else paths.add(d.devicePath);
    if (mounts.has(d.name)) errs.push(invalid(p.child('name'), d.name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(d.devicePath)) errs.push(invalid(p.child('devicePath'), d.devicePath, 'must not already exist as a path in volumeMounts'));
    if (d.name) names.add(d.name);
  });
  return errs;
}

function validatePullPolicy(policy: string, path: FieldPath): ErrorList {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, ['Always', 'IfNotPresent', 'Never'])];
}

function validateResizePolicy(list: { resourceName: string; restartPolicy: string }[], path: FieldPath, podRestartPolicy: string): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  list.forEach((p, i) => {
    if (seen.has(p.resourceName)) errs.push(duplicate(path.index(i), p.resourceName));
    seen.add(p.resourceName);
    if (p.resourceName === '') errs.push(required(path));
    else if (p.resourceName !== 'cpu' && p.resourceName !== 'memory') errs.push(notSupported(path, p.resourceName, ['cpu', 'memory']));
    if (p.restartPolicy === '') errs.push(required(path));
    else if (p.restartPolicy !== 'NotRequired' && p.restartPolicy !== 'RestartContainer') errs.push(notSupported(path, p.restartPolicy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && p.restartPolicy !== 'NotRequired') errs.push(invalid(path, p.restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

// ---- resources --------------------------------------------------------------------------------------

const standardContainerResources = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePageResourceName = (n: string) => n.startsWith('hugepages-');
const isNativeResource = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
const isOvercommitAllowed = (n: string) => isNativeResource(n) && !isHugePageResourceName(n);
const isExtendedResourceName = (n: string) => !isNativeResource(n) && !n.startsWith('requests.') && isQualifiedName(`requests.${n}`).length === 0;
const integerResources = new Set(['pods', 'count/pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const standardResources = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers', 'requests.storage']);

function validateResourceName(name: string, path: FieldPath): ErrorList {
  const errs = isQualifiedName(name).map((m) => invalid(path, name, m));
  if (errs.length) return errs;
  if (!name.includes('/') && !standardResources.has(name) && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-')) {
    return [invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

function validateContainerResourceName(name: string, path: FieldPath): ErrorList {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!standardContainerResources.has(name) && !isHugePageResourceName(name)) return [...errs, invalid(path, name, 'must be a standard resource for containers')];
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    return [...errs, invalid(path, name, "doesn't follow extended resource name standard")];
  }
  return errs;
}

export function validateResourceQuantityValue(name: string, value: string | number, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const q = parseQuantity(value);
  if (cmpQuantity(q, 0) < 0) errs.push(invalid(path, formatQuantity(q), IS_NEGATIVE_ERROR_MSG));
  if ((integerResources.has(name) || isExtendedResourceName(name)) && !isWhole(q)) {
    errs.push(invalid(path, goQuantityRepr(q), 'must be an integer'));
  }
  return errs;
}

function isWhole(q: Quantity): boolean {
  // MilliValue() % 1000 == 0
  const milli = q.exponent >= -3 ? q.mantissa * 10n ** BigInt(q.exponent + 3) : q.mantissa / 10n ** BigInt(-3 - q.exponent);
  return milli % 1000n === 0n;
}

/** How Go's `%#v` prints a resource.Quantity held by value. */
export function goQuantityRepr(q: Quantity): GoRepr {
  return new GoRepr(`resource.Quantity{i:resource.int64Amount{value:${q.mantissa}, scale:${q.exponent}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"${q.format}"}`);
}

/** ValidateResourceRequirements. */
export function validateResourceRequirements(req: Resources, claimNames: Set<string>, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const limPath = path.child('limits');
  const reqPath = path.child('requests');
  let limCPUOrMem = false;
  let reqCPUOrMem = false;
  let hugePages = false;
  const limits = req.limits ?? {};
  for (const name of Object.keys(limits).sort()) {
    const p = limPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, limits[name], p));
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCPUOrMem = true;
  }
  const requests = req.requests ?? {};
  for (const name of Object.keys(requests).sort()) {
    const p = reqPath.key(name);
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateResourceQuantityValue(name, requests[name], p));
    const q = formatQuantity(parseQuantity(requests[name]));
    if (name in limits) {
      const lim = formatQuantity(parseQuantity(limits[name]));
      const c = cmpQuantity(requests[name], limits[name]);
      if (c !== 0 && !isOvercommitAllowed(name)) errs.push(invalid(reqPath, q, `must be equal to ${name} limit of ${lim}`));
      else if (c > 0) errs.push(invalid(reqPath, q, `must be less than or equal to ${name} limit of ${lim}`));
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCPUOrMem = true;
  }
  if (!limCPUOrMem && !reqCPUOrMem && hugePages) errs.push(forbidden(path, 'HugePages require cpu or memory'));
  const seen = new Set<string>();
  (req.claims ?? []).forEach((claim, i) => {
    const p = path.child('claims').index(i);
    if (!claim.name) errs.push(required(p));
    else if (seen.has(claim.name)) errs.push(duplicate(p, claim.name));
    else if (!claimNames.has(claim.name)) errs.push(notFound(p, claim.name));
    seen.add(claim.name);
  });
  return errs;
}

// ---- probes and handlers ------------------------------------------------------------------------------

function validateLivenessProbe(probe: Probe | undefined, grace: number | undefined, path: FieldPath): ErrorList {
  if (!probe) return [];
  const errs = validateProbe(probe, grace, path);
  if (probe.successThreshold !== 1) errs.push(invalid(path.child('successThreshold'), probe.successThreshold ?? 0, 'must be 1'));
  return errs;
}

function validateReadinessProbe(probe: Probe | undefined, grace: number | undefined, path: FieldPath): ErrorList {
  if (!probe) return [];
  const errs = validateProbe(probe, grace, path);
  if (probe.terminationGracePeriodSeconds !== undefined) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errs;
}

const validateStartupProbe = validateLivenessProbe;

function validateProbe(probe: Probe, grace: number | undefined, path: FieldPath): ErrorList {
  const errs = validateHandler({ exec: probe.exec, httpGet: probe.httpGet, tcpSocket: probe.tcpSocket, grpc: probe.grpc }, grace, path);
  errs.push(...validateNonnegativeField(probe.initialDelaySeconds ?? 0, path.child('initialDelaySeconds')));
  errs.push(...validateNonnegativeField(probe.timeoutSeconds ?? 0, path.child('timeoutSeconds')));
  errs.push(...validateNonnegativeField(probe.periodSeconds ?? 0, path.child('periodSeconds')));
  errs.push(...validateNonnegativeField(probe.successThreshold ?? 0, path.child('successThreshold')));
  errs.push(...validateNonnegativeField(probe.failureThreshold ?? 0, path.child('failureThreshold')));
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds <= 0) {
    errs.push(invalid(path.child('terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errs;
}

interface CommonHandler {
  exec?: Handler['exec'];
  httpGet?: Handler['httpGet'];
  tcpSocket?: Handler['tcpSocket'];
  grpc?: Probe['grpc'];
  sleep?: NonNullable<Lifecycle['postStart']>['sleep'];
}

function validateHandler(h: CommonHandler, grace: number | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  let n = 0;
  const one = (key: string, check: () => ErrorList) => {
    if (n > 0) errs.push(forbidden(path.child(key), 'may not specify more than 1 handler type'));
    else { n++; errs.push(...check()); }
  };
  if (h.exec) one('exec', () => ((h.exec!.command ?? []).length === 0 ? [required(path.child('exec').child('command'))] : []));
  if (h.httpGet) {
    one('httpGet', () => {
      const g = h.httpGet!;
      const p = path.child('httpGet');
      const e: ErrorList = [];
      if (!g.path) e.push(required(p.child('path')));
      e.push(...validatePortNumOrName(g.port, p.child('port')));
      if (g.scheme !== 'HTTP' && g.scheme !== 'HTTPS') e.push(notSupported(p.child('scheme'), g.scheme ?? '', ['HTTP', 'HTTPS']));
      for (const hdr of g.httpHeaders ?? []) for (const m of isHTTPHeaderName(hdr.name)) e.push(invalid(p.child('httpHeaders'), hdr.name, m));
      return e;
    });
  }
  if (h.tcpSocket) one('tcpSocket', () => validatePortNumOrName(h.tcpSocket!.port, path.child('tcpSocket').child('port')));
  if (h.grpc) one('grpc', () => validatePortNumOrName(h.grpc!.port, path.child('grpc').child('port')));
  if (h.sleep) {
    one('sleep', () => {
      const s = h.sleep!.seconds;
      if (grace !== undefined && (s <= 0 || s > grace)) {
        return [invalid(path.child('sleep'), s, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace})`)];
      }
      return [];
    });
  }
  if (n === 0) errs.push(required(path, 'must specify a handler type'));
  return errs;
}

function validateLifecycle(lc: Lifecycle, grace: number | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (lc.postStart) errs.push(...validateHandler(lc.postStart, grace, path.child('postStart')));
  if (lc.preStop) errs.push(...validateHandler(lc.preStop, grace, path.child('preStop')));
  return errs;
}

export function validatePortNumOrName(port: number | string, path: FieldPath): ErrorList {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  return isValidPortName(port).map((m) => invalid(path, port, m));
}

function checkHostPortConflicts(containers: Container[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      if (!port.hostPort) return;
      const key = `${port.protocol ?? ''}/${port.hostIP ?? ''}/${port.hostPort}`;
      if (seen.has(key)) errs.push(duplicate(path.index(ci).child('ports').index(pi).child('hostPort'), key));
      else seen.add(key);
    });
  });
  return errs;
}

// ---- pod-level fields --------------------------------------------------------------------------------

function validatePodHostNetworkDeps(spec: PodSpec, path: FieldPath, opts: PodValidationOptions): ErrorList {
  if (!spec.hostNetwork) return [];
  const errs: ErrorList = [];
  (spec.containers ?? []).forEach((c, i) => {
    (c.ports ?? []).forEach((port, j) => {
      const hp = port.hostPort ?? 0;
      if ((opts.resourceIsPod || hp !== 0) && hp !== port.containerPort) {
        errs.push(invalid(path.child('containers').index(i).child('ports').index(j).child('hostPort'), hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

function validateRestartPolicy(policy: string, path: FieldPath): ErrorList {
  if (policy === 'Always' || policy === 'OnFailure' || policy === 'Never') return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, ['Always', 'OnFailure', 'Never'])];
}

function validateDNSPolicy(policy: string, path: FieldPath): ErrorList {
  const valid = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (valid.includes(policy)) return [];
  if (policy === '') return [required(path)];
  return [notSupported(path, policy, valid)];
}

function validatePodDNSConfig(cfg: PodSpec['dnsConfig'], policy: string, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (policy === 'None') {
    if (!cfg) return [required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if ((cfg.nameservers ?? []).length === 0) return [required(path.child('nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!cfg) return errs;
  const ns = cfg.nameservers ?? [];
  if (ns.length > 3) errs.push(invalid(path.child('nameservers'), goStringSlice(ns), 'must not have more than 3 nameservers'));
  ns.forEach((n, i) => errs.push(...isValidIP(path.child('nameservers').index(i), n)));
  const searches = cfg.searches ?? [];
  if (searches.length > 32) errs.push(invalid(path.child('searches'), goStringSlice(searches), 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(invalid(path.child('searches'), goStringSlice(searches), 'must not have more than 2048 characters (including spaces) in the search list'));
  searches.forEach((s, i) => errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ''), path.child('searches').index(i))));
  (cfg.options ?? []).forEach((o, i) => { if (!o.name) errs.push(required(path.child('options').index(i), 'must not be empty')); });
  return errs;
}

function validateImagePullSecrets(secrets: { name?: string }[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  secrets.forEach((s, i) => {
    const extra = Object.keys(s).filter((k) => k !== 'name');
    if (extra.length) errs.push(invalid(path.index(i), new GoRepr(`core.LocalObjectReference{Name:${goQuote(s.name ?? '')}}`), 'only name may be set'));
  });
  return errs;
}

function validateReadinessGates(gates: { conditionType: string }[], path: FieldPath): ErrorList {
  return gates.flatMap((g, i) => validateQualifiedName(g.conditionType, path.index(i).child('conditionType')));
}

function validateSchedulingGates(gates: { name: string }[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const seen = new Set<string>();
  gates.forEach((g, i) => {
    errs.push(...validateQualifiedName(g.name, path.index(i)));
    if (seen.has(g.name)) errs.push(duplicate(path.index(i), g.name));
    seen.add(g.name);
  });
  return errs;
}

function validateTopologySpreadConstraints(constraints: NonNullable<PodSpec['topologySpreadConstraints']>, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  constraints.forEach((c, i) => {
    const p = path.index(i);
    if (c.maxSkew <= 0) errs.push(invalid(p.child('maxSkew'), c.maxSkew, isNotPositiveErrorMsg));
    if (!c.topologyKey) errs.push(required(p.child('topologyKey'), 'can not be empty'));
    if (c.whenUnsatisfiable !== 'DoNotSchedule' && c.whenUnsatisfiable !== 'ScheduleAnyway') {
      errs.push(notSupported(p.child('whenUnsatisfiable'), c.whenUnsatisfiable, ['DoNotSchedule', 'ScheduleAnyway']));
    }
    if (constraints.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(duplicate(p.child('{topologyKey, whenUnsatisfiable}'), `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (c.minDomains !== undefined) {
      if (c.minDomains <= 0) errs.push(invalid(p.child('minDomains'), c.minDomains, isNotPositiveErrorMsg));
      if (c.whenUnsatisfiable !== 'DoNotSchedule') {
        errs.push(invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
      }
    }
    for (const key of ['nodeAffinityPolicy', 'nodeTaintsPolicy'] as const) {
      const v = c[key];
      if (v !== undefined && v !== 'Honor' && v !== 'Ignore') errs.push(notSupported(p.child(key), v, ['Honor', 'Ignore']));
    }
    const mlk = c.matchLabelKeys ?? [];
    if (mlk.length) {
      const selKeys = new Set([...Object.keys(c.labelSelector?.matchLabels ?? {}), ...(c.labelSelector?.matchExpressions ?? []).map((e) => e.key)]);
      if (!c.labelSelector) errs.push(forbidden(p.child('matchLabelKeys'), 'must not be specified when labelSelector is not set'));
      mlk.forEach((k, j) => {
        errs.push(...validateLabelName(k, p.child('matchLabelKeys').index(j)));
        if (selKeys.has(k)) errs.push(invalid(p.child('matchLabelKeys').index(j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: Toleration[], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  tolerations.forEach((t, i) => {
    const p = path.index(i);
    const key = t.key ?? '';
    const op = t.operator ?? '';
    const effect = t.effect ?? '';
    if (key) errs.push(...validateLabelName(key, p.child('key')));
    if (!key && op !== 'Exists') {
      errs.push(invalid(p.child('operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && effect !== 'NoExecute') {
      errs.push(invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal': case '': {
        const m = isValidLabelValue(t.value ?? '');
        if (m.length) errs.push(invalid(p.child('operator'), t.value ?? '', m.join(';')));
        break;
      }
      case 'Exists':
        if (t.value) errs.push(invalid(p.child('operator'), goToleration(t), "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(p.child('operator'), op, ['Equal', 'Exists']));
    }
    if (effect && effect !== 'NoSchedule' && effect !== 'PreferNoSchedule' && effect !== 'NoExecute') {
      errs.push(notSupported(p.child('effect'), effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
  });
  return errs;
}

function goToleration(t: Toleration): GoRepr {
  const secs = t.tolerationSeconds === undefined ? '(*int64)(nil)' : `(*int64)(${t.tolerationSeconds})`;
  return new GoRepr(`core.Toleration{Key:${goQuote(t.key ?? '')}, Operator:${goQuote(t.operator ?? '')}, Value:${goQuote(t.value ?? '')}, `
    + `Effect:${goQuote(t.effect ?? '')}, TolerationSeconds:${secs}}`);
}

function validateAffinity(a: Affinity | undefined, opts: PodValidationOptions, path: FieldPath): ErrorList {
  if (!a) return [];
  const errs: ErrorList = [];
  if (a.nodeAffinity) {
    const p = path.child('nodeAffinity');
    const req = a.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
    if (req) {
      const tp = p.child('requiredDuringSchedulingIgnoredDuringExecution').child('nodeSelectorTerms');
      if (req.nodeSelectorTerms.length === 0) errs.push(required(tp, 'must have at least one node selector term'));
      req.nodeSelectorTerms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, tp.index(i))));
    }
    (a.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (t.weight <= 0 || t.weight > 100) errs.push(invalid(tp.child('weight'), t.weight, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(t.preference, tp.child('preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const pa = a[kind];
    if (!pa) continue;
    const p = path.child(kind);
    (pa.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
      errs.push(...validatePodAffinityTerm(t, opts, p.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))));
    (pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      const tp = p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      if (t.weight <= 0 || t.weight > 100) errs.push(invalid(tp.child('weight'), t.weight, 'must be in the range 1-100'));
      errs.push(...validatePodAffinityTerm(t.podAffinityTerm, opts, tp.child('podAffinityTerm')));
    });
  }
  return errs;
}

export function validateNodeSelectorTerm(term: NodeSelectorTerm, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  (term.matchExpressions ?? []).forEach((rq, j) => {
    const p = path.child('matchExpressions').index(j);
    const values = rq.values ?? [];
    switch (rq.operator) {
      case 'In': case 'NotIn':
        if (values.length === 0) errs.push(required(p.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists': case 'DoesNotExist':
        if (values.length > 0) errs.push(forbidden(p.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt': case 'Lt':
        if (values.length !== 1) errs.push(required(p.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        errs.push(invalid(p.child('operator'), rq.operator, 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(rq.key, p.child('key')));
  });
  (term.matchFields ?? []).forEach((rq, j) => {
    const p = path.child('matchFields').index(j);
    const values = rq.values ?? [];
    if (rq.operator === 'In' || rq.operator === 'NotIn') {
      if (values.length !== 1) errs.push(required(p.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else {
      errs.push(invalid(p.child('operator'), rq.operator, 'not a valid selector operator'));
    }
    if (rq.key !== 'metadata.name') errs.push(invalid(p.child('key'), rq.key, 'not a valid field selector key'));
    else values.forEach((v, i) => { for (const m of nameIsDNSSubdomain(v, false)) errs.push(invalid(p.child('values').index(i), v, m)); });
  });
  return errs;
}

function validatePodAffinityTerm(t: PodAffinityTerm, opts: PodValidationOptions, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  errs.push(...validateLabelSelector(t.labelSelector, path.child('labelSelector'), { allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector }));
  errs.push(...validateLabelSelector(t.namespaceSelector, path.child('namespaceSelector'), { allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector }));
  for (const ns of t.namespaces ?? []) for (const m of nameIsDNSLabel(ns, false)) errs.push(invalid(path.child('namespace'), ns, m));
  errs.push(...validateMatchLabelKeysAndMismatchLabelKeys(path, t.matchLabelKeys ?? [], t.mismatchLabelKeys ?? [], t.labelSelector));
  if (!t.topologyKey) errs.push(required(path.child('topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(t.topologyKey, path.child('topologyKey')));
  return errs;
}

function validateMatchLabelKeysAndMismatchLabelKeys(path: FieldPath, match: string[], mismatch: string[], sel: LabelSelector | undefined): ErrorList {
  const errs: ErrorList = [];
  for (const [name, keys] of [['matchLabelKeys', match], ['mismatchLabelKeys', mismatch]] as const) {
    if (!keys.length) continue;
    if (!sel) { errs.push(forbidden(path.child(name), 'must not be specified when labelSelector is not set')); continue; }
    keys.forEach((k, i) => errs.push(...validateLabelName(k, path.child(name).index(i))));
  }
  const mm = new Set(mismatch);
  match.forEach((k, i) => { if (mm.has(k)) errs.push(invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys')); });
  return errs;
}

// ---- security contexts --------------------------------------------------------------------------------

const sysctlSegmentFmt = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const sysctlContainSlashFmt = `(${sysctlSegmentFmt}[\\./])*${sysctlSegmentFmt}`;
const sysctlRegexp = new RegExp(`^${sysctlContainSlashFmt}$`);

function validatePodSpecSecurityContext(sc: PodSecurityContext | undefined, spec: PodSpec, path: FieldPath): ErrorList {
  if (!sc) return [];
  const errs: ErrorList = [];
  if (sc.fsGroup !== undefined) for (const m of isValidGroupID(sc.fsGroup)) errs.push(invalid(path.child('fsGroup'), sc.fsGroup, m));
  if (sc.runAsUser !== undefined) for (const m of isValidUserID(sc.runAsUser)) errs.push(invalid(path.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined) for (const m of isValidGroupID(sc.runAsGroup)) errs.push(invalid(path.child('runAsGroup'), sc.runAsGroup, m));
  (sc.supplementalGroups ?? []).forEach((g, i) => { for (const m of isValidGroupID(g)) errs.push(invalid(path.child('supplementalGroups').index(i), g, m)); });
  if (spec.shareProcessNamespace && spec.hostPID) {
    errs.push(invalid(path.child('shareProcessNamespace'), true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  }
  const names = new Set<string>();
  (sc.sysctls ?? []).forEach((s, i) => {
    const p = path.child('sysctls').index(i).child('name');
    if (!s.name) errs.push(required(p));
    else if (s.name.length > 253 || !sysctlRegexp.test(s.name)) errs.push(invalid(p, s.name, `must have at most 253 characters and match regex ^${sysctlContainSlashFmt}$`));
    else if (names.has(s.name)) errs.push(duplicate(p, s.name));
    const n = s.name.replaceAll('/', '.');
    if (spec.hostNetwork && (n.startsWith('net.') )) errs.push(invalid(p, s.name, "may not be specified when 'hostNetwork' is true"));
    else if (spec.hostIPC && (n.startsWith('kernel.shm') || n.startsWith('kernel.msg') || n === 'kernel.sem' || n.startsWith('fs.mqueue.'))) {
      errs.push(invalid(p, s.name, "may not be specified when 'hostIPC' is true"));
    }
    names.add(s.name);
  });
  if (sc.fsGroupChangePolicy !== undefined && sc.fsGroupChangePolicy !== 'Always' && sc.fsGroupChangePolicy !== 'OnRootMismatch') {
    errs.push(notSupported(path.child('fsGroupChangePolicy'), sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, path.child('seccompProfile')));
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, path.child('appArmorProfile')));
  if (sc.supplementalGroupsPolicy !== undefined && sc.supplementalGroupsPolicy !== 'Merge' && sc.supplementalGroupsPolicy !== 'Strict') {
    errs.push(notSupported(path.child('supplementalGroupsPolicy'), sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  }
  return errs;
}

function validateSecurityContext(sc: SecurityContext | undefined, path: FieldPath): ErrorList {
  if (!sc) return [];
  const errs: ErrorList = [];
  if (sc.runAsUser !== undefined) for (const m of isValidUserID(sc.runAsUser)) errs.push(invalid(path.child('runAsUser'), sc.runAsUser, m));
  if (sc.runAsGroup !== undefined) for (const m of isValidGroupID(sc.runAsGroup)) errs.push(invalid(path.child('runAsGroup'), sc.runAsGroup, m));
  if (sc.procMount !== undefined) {
    if (sc.procMount !== 'Default' && sc.procMount !== 'Unmasked') errs.push(notSupported(path.child('procMount'), sc.procMount, ['Default', 'Unmasked']));
    if (sc.procMount === 'Unmasked') errs.push(invalid(path.child('procMount'), sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  errs.push(...validateSeccompProfileField(sc.seccompProfile, path.child('seccompProfile')));
  if (sc.allowPrivilegeEscalation === false) {
    const repr = new GoRepr('&core.SecurityContext{...}');
    if (sc.privileged) errs.push(invalid(path, repr, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
    for (const cap of sc.capabilities?.add ?? []) {
      if (cap === 'CAP_SYS_ADMIN') errs.push(invalid(path, repr, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
    }
  }
  errs.push(...validateAppArmorProfileField(sc.appArmorProfile, path.child('appArmorProfile')));
  return errs;
}

function validateSeccompProfileField(sp: { type: string; localhostProfile?: string } | undefined, path: FieldPath): ErrorList {
  if (!sp) return [];
  const errs: ErrorList = [];
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (sp.type === '') errs.push(required(path.child('type'), 'type is required when seccompProfile is set'));
  else if (!types.includes(sp.type)) errs.push(notSupported(path.child('type'), sp.type, types));
  if (sp.type === 'Localhost') {
    if (sp.localhostProfile === undefined) errs.push(required(path.child('localhostProfile'), 'must be set when seccomp type is Localhost'));
    else errs.push(...validateLocalDescendingPath(sp.localhostProfile, path.child('localhostProfile')));
  } else if (sp.localhostProfile !== undefined) {
    errs.push(invalid(path.child('localhostProfile'), new GoRepr(`&core.SeccompProfile{Type:${goQuote(sp.type)}, LocalhostProfile:(*string)(...)}`),
      'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

function validateAppArmorProfileField(ap: { type: string; localhostProfile?: string } | undefined, path: FieldPath): ErrorList {
  if (!ap) return [];
  const errs: ErrorList = [];
  switch (ap.type) {
    case 'Localhost':
      if (ap.localhostProfile === undefined) errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      else if (ap.localhostProfile.trim() !== ap.localhostProfile) errs.push(invalid(path.child('localhostProfile'), ap.localhostProfile, 'must not be padded with whitespace'));
      else if (ap.localhostProfile === '') errs.push(required(path.child('localhostProfile'), 'must be set when AppArmor type is Localhost'));
      break;
    case 'RuntimeDefault': case 'Unconfined':
      if (ap.localhostProfile !== undefined) errs.push(invalid(path.child('localhostProfile'), ap.localhostProfile, 'can only be set when AppArmor type is Localhost'));
      break;
    case '':
      errs.push(required(path.child('type'), 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(notSupported(path.child('type'), ap.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

// ---- QoS ----------------------------------------------------------------------------------------

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

/**
 * ComputePodQOS (pkg/apis/core/helper/qos): BestEffort without any cpu/memory request or limit,
 * Guaranteed when every container limits both and requests equal limits, Burstable otherwise.
 * Validation needs it (QoS is immutable) and so does the registry (it stamps status.qosClass).
 */
export function computePodQOS(pod: Pod): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let isGuaranteed = true;
  const add = (m: Map<string, Quantity>, name: string, q: Quantity) => {
    const prev = m.get(name);
    m.set(name, prev ? sumQuantity(prev, q) : q);
  };
  for (const c of [...pod.spec.containers ?? [], ...pod.spec.initContainers ?? []]) {
    for (const [name, v] of Object.entries(c.resources?.requests ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(v);
      if (cmpQuantity(q, 0) > 0) add(requests, name, q);
    }
    const found = new Set<string>();
    for (const [name, v] of Object.entries(c.resources?.limits ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(v);
      if (cmpQuantity(q, 0) > 0) {
        found.add(name);
        add(limits, name, q);
      }
    }
    if (!found.has('cpu') || !found.has('memory')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) { isGuaranteed = false; break; }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

function sumQuantity(a: Quantity, b: Quantity): Quantity {
  const e = Math.min(a.exponent, b.exponent);
  return { mantissa: a.mantissa * 10n ** BigInt(a.exponent - e) + b.mantissa * 10n ** BigInt(b.exponent - e), exponent: e, format: a.format };
}

// ---- the Forbidden diff -------------------------------------------------------------------------------

/**
 * A go-cmp style diff of two pod specs for the `pod updates may not change fields` message:
 * changed fields are shown with their old (-) and new (+) values, runs of identical fields are
 * folded. Field names are Go's (the internal core.PodSpec), values in Go syntax.
 */
export function podSpecDiff(oldSpec: PodSpec, newSpec: PodSpec): string {
  return goStructDiff('core.PodSpec', POD_SPEC_FIELDS, oldSpec, newSpec);
}

const POD_SPEC_FIELDS: Array<[string, string]> = [
  ['volumes', 'Volumes'], ['initContainers', 'InitContainers'], ['containers', 'Containers'], ['ephemeralContainers', 'EphemeralContainers'],
  ['restartPolicy', 'RestartPolicy'], ['terminationGracePeriodSeconds', 'TerminationGracePeriodSeconds'],
  ['activeDeadlineSeconds', 'ActiveDeadlineSeconds'], ['dnsPolicy', 'DNSPolicy'], ['nodeSelector', 'NodeSelector'],
  ['serviceAccountName', 'ServiceAccountName'], ['automountServiceAccountToken', 'AutomountServiceAccountToken'],
  ['nodeName', 'NodeName'], ['securityContext', 'SecurityContext'], ['imagePullSecrets', 'ImagePullSecrets'],
  ['hostname', 'Hostname'], ['subdomain', 'Subdomain'], ['setHostnameAsFQDN', 'SetHostnameAsFQDN'], ['affinity', 'Affinity'],
  ['schedulerName', 'SchedulerName'], ['tolerations', 'Tolerations'], ['hostAliases', 'HostAliases'],
  ['priorityClassName', 'PriorityClassName'], ['priority', 'Priority'], ['preemptionPolicy', 'PreemptionPolicy'],
  ['dnsConfig', 'DNSConfig'], ['readinessGates', 'ReadinessGates'], ['runtimeClassName', 'RuntimeClassName'],
  ['overhead', 'Overhead'], ['enableServiceLinks', 'EnableServiceLinks'], ['topologySpreadConstraints', 'TopologySpreadConstraints'],
  ['os', 'OS'], ['schedulingGates', 'SchedulingGates'], ['resourceClaims', 'ResourceClaims'], ['resources', 'Resources'],
];

