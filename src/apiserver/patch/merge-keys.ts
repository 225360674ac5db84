// Where strategic merge patch merges lists by key instead of replacing them: the
// `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api 1.32 (core/v1, apps/v1, batch/v1,
// autoscaling/v2, policy/v1, storage/v1) and metav1.ObjectMeta, as data. Only the structs on a
// path to a tagged field are listed; every other field has no patch metadata, which is what the
// tags say for it too (lists are replaced, maps are merged key by key).
//
// A field's `type` names the struct of its value, or of its elements for a list.

export interface PatchFieldMeta {
  /** The `patchStrategy` tag: 'merge', 'replace', 'retainKeys' or 'merge,retainKeys'. */
  readonly strategy?: string;
  readonly mergeKey?: string;
  readonly type?: string;
}

export type PatchStruct = Readonly<Record<string, PatchFieldMeta>>;

export const patchStructs: Readonly<Record<string, PatchStruct>> = {
  /** The root of any built-in kind not listed in patchKindRoots: only metadata is special. */
  'meta/v1.Object': { metadata: { type: 'meta/v1.ObjectMeta' } },
  'meta/v1.ObjectMeta': { ownerReferences: { strategy: 'merge', mergeKey: 'uid' }, finalizers: { strategy: 'merge' } },
  'core/v1.PersistentVolumeClaim': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    status: { type: 'core/v1.PersistentVolumeClaimStatus' },
  },
  'core/v1.PersistentVolumeClaimStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'core/v1.Pod': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'core/v1.PodSpec' },
    status: { type: 'core/v1.PodStatus' },
  },
  'core/v1.PodSpec': {
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name', type: 'core/v1.Volume' },
    initContainers: { strategy: 'merge', mergeKey: 'name', type: 'core/v1.Container' },
    containers: { strategy: 'merge', mergeKey: 'name', type: 'core/v1.Container' },
    ephemeralContainers: { strategy: 'merge', mergeKey: 'name', type: 'core/v1.EphemeralContainer' },
    imagePullSecrets: { strategy: 'merge', mergeKey: 'name' },
    hostAliases: { strategy: 'merge', mergeKey: 'ip' },
    topologySpreadConstraints: { strategy: 'merge', mergeKey: 'topologyKey' },
    schedulingGates: { strategy: 'merge', mergeKey: 'name' },
    resourceClaims: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  'core/v1.Volume': { ephemeral: { type: 'core/v1.EphemeralVolumeSource' } },
  'core/v1.EphemeralVolumeSource': { volumeClaimTemplate: { type: 'core/v1.PersistentVolumeClaimTemplate' } },
  'core/v1.PersistentVolumeClaimTemplate': { metadata: { type: 'meta/v1.ObjectMeta' } },
  'core/v1.Container': {
    ports: { strategy: 'merge', mergeKey: 'containerPort' },
    env: { strategy: 'merge', mergeKey: 'name' },
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
    volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
  },
  'core/v1.EphemeralContainer': {
    ports: { strategy: 'merge', mergeKey: 'containerPort' },
    env: { strategy: 'merge', mergeKey: 'name' },
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
    volumeDevices: { strategy: 'merge', mergeKey: 'devicePath' },
  },
  'core/v1.PodStatus': {
    conditions: { strategy: 'merge', mergeKey: 'type' },
    hostIPs: { strategy: 'merge', mergeKey: 'ip' },
    podIPs: { strategy: 'merge', mergeKey: 'ip' },
    initContainerStatuses: { type: 'core/v1.ContainerStatus' },
    containerStatuses: { type: 'core/v1.ContainerStatus' },
    ephemeralContainerStatuses: { type: 'core/v1.ContainerStatus' },
    resourceClaimStatuses: { strategy: 'merge,retainKeys', mergeKey: 'name' },
  },
  'core/v1.ContainerStatus': {
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
    allocatedResourcesStatus: { strategy: 'merge', mergeKey: 'name' },
  },
  'core/v1.PodTemplate': { metadata: { type: 'meta/v1.ObjectMeta' }, template: { type: 'core/v1.PodTemplateSpec' } },
  'core/v1.PodTemplateSpec': { metadata: { type: 'meta/v1.ObjectMeta' }, spec: { type: 'core/v1.PodSpec' } },
  'core/v1.ReplicationController': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'core/v1.ReplicationControllerSpec' },
    status: { type: 'core/v1.ReplicationControllerStatus' },
  },
  'core/v1.ReplicationControllerSpec': { template: { type: 'core/v1.PodTemplateSpec' } },
  'core/v1.ReplicationControllerStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'core/v1.Service': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'core/v1.ServiceSpec' },
    status: { type: 'core/v1.ServiceStatus' },
  },
  'core/v1.ServiceSpec': { ports: { strategy: 'merge', mergeKey: 'port' } },
  'core/v1.ServiceStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'core/v1.ServiceAccount': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    secrets: { strategy: 'merge', mergeKey: 'name' },
  },
  'core/v1.Node': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'core/v1.NodeSpec' },
    status: { type: 'core/v1.NodeStatus' },
  },
  'core/v1.NodeSpec': { podCIDRs: { strategy: 'merge' } },
  'core/v1.NodeStatus': {
    conditions: { strategy: 'merge', mergeKey: 'type' },
    addresses: { strategy: 'merge', mergeKey: 'type' },
  },
  'core/v1.Namespace': { metadata: { type: 'meta/v1.ObjectMeta' }, status: { type: 'core/v1.NamespaceStatus' } },
  'core/v1.NamespaceStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'core/v1.ComponentStatus': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    conditions: { strategy: 'merge', mergeKey: 'type' },
  },
  'apps/v1.StatefulSet': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'apps/v1.StatefulSetSpec' },
    status: { type: 'apps/v1.StatefulSetStatus' },
  },
  'apps/v1.StatefulSetSpec': {
    template: { type: 'core/v1.PodTemplateSpec' },
    volumeClaimTemplates: { type: 'core/v1.PersistentVolumeClaim' },
  },
  'apps/v1.StatefulSetStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'apps/v1.Deployment': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'apps/v1.DeploymentSpec' },
    status: { type: 'apps/v1.DeploymentStatus' },
  },
  'apps/v1.DeploymentSpec': { template: { type: 'core/v1.PodTemplateSpec' }, strategy: { strategy: 'retainKeys' } },
  'apps/v1.DeploymentStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'apps/v1.DaemonSet': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'apps/v1.DaemonSetSpec' },
    status: { type: 'apps/v1.DaemonSetStatus' },
  },
  'apps/v1.DaemonSetSpec': { template: { type: 'core/v1.PodTemplateSpec' } },
  'apps/v1.DaemonSetStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'apps/v1.ReplicaSet': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'apps/v1.ReplicaSetSpec' },
    status: { type: 'apps/v1.ReplicaSetStatus' },
  },
  'apps/v1.ReplicaSetSpec': { template: { type: 'core/v1.PodTemplateSpec' } },
  'apps/v1.ReplicaSetStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'batch/v1.Job': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'batch/v1.JobSpec' },
    status: { type: 'batch/v1.JobStatus' },
  },
  'batch/v1.JobSpec': { template: { type: 'core/v1.PodTemplateSpec' } },
  'batch/v1.JobStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'batch/v1.CronJob': { metadata: { type: 'meta/v1.ObjectMeta' }, spec: { type: 'batch/v1.CronJobSpec' } },
  'batch/v1.CronJobSpec': { jobTemplate: { type: 'batch/v1.JobTemplateSpec' } },
  'batch/v1.JobTemplateSpec': { metadata: { type: 'meta/v1.ObjectMeta' }, spec: { type: 'batch/v1.JobSpec' } },
  'autoscaling/v2.HorizontalPodAutoscaler': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    status: { type: 'autoscaling/v2.HorizontalPodAutoscalerStatus' },
  },
  'autoscaling/v2.HorizontalPodAutoscalerStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'policy/v1.PodDisruptionBudget': {
    metadata: { type: 'meta/v1.ObjectMeta' },
    spec: { type: 'policy/v1.PodDisruptionBudgetSpec' },
    status: { type: 'policy/v1.PodDisruptionBudgetStatus' },
  },
  'policy/v1.PodDisruptionBudgetSpec': { selector: { strategy: 'replace' } },
  'policy/v1.PodDisruptionBudgetStatus': { conditions: { strategy: 'merge', mergeKey: 'type' } },
  'storage/v1.CSINode': { metadata: { type: 'meta/v1.ObjectMeta' }, spec: { type: 'storage/v1.CSINodeSpec' } },
  'storage/v1.CSINodeSpec': { drivers: { strategy: 'merge', mergeKey: 'name' } },
};

/** `apiVersion/Kind` → root struct, for kinds with tagged fields outside metadata. */
export const patchKindRoots: Readonly<Record<string, string>> = {
  'v1/PersistentVolumeClaim': 'core/v1.PersistentVolumeClaim',
  'v1/Pod': 'core/v1.Pod',
  'v1/PodTemplate': 'core/v1.PodTemplate',
  'v1/ReplicationController': 'core/v1.ReplicationController',
  'v1/Service': 'core/v1.Service',
  'v1/ServiceAccount': 'core/v1.ServiceAccount',
  'v1/Node': 'core/v1.Node',
  'v1/Namespace': 'core/v1.Namespace',
  'v1/ComponentStatus': 'core/v1.ComponentStatus',
  'apps/v1/StatefulSet': 'apps/v1.StatefulSet',
  'apps/v1/Deployment': 'apps/v1.Deployment',
  'apps/v1/DaemonSet': 'apps/v1.DaemonSet',
  'apps/v1/ReplicaSet': 'apps/v1.ReplicaSet',
  'batch/v1/Job': 'batch/v1.Job',
  'batch/v1/CronJob': 'batch/v1.CronJob',
  'autoscaling/v2/HorizontalPodAutoscaler': 'autoscaling/v2.HorizontalPodAutoscaler',
  'policy/v1/PodDisruptionBudget': 'policy/v1.PodDisruptionBudget',
  'storage/v1/CSINode': 'storage/v1.CSINode',
};

/** API groups served by the built-in API server (their kinds accept strategic merge patch). */
export const builtinGroups: ReadonlySet<string> = new Set([
  '', 'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps',
  'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io',
  'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io', 'extensions', 'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'policy', 'rbac.authorization.k8s.io',
  'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
]);

/**
 * The root struct for a kind, or undefined when the kind is not built in (custom resources
 * have no struct tags: the server refuses strategic merge patch for them and kubectl apply
 * falls back to a JSON merge patch). Legacy versions (extensions/v1beta1, apps/v1beta2, ...)
 * carry the same tags as the current version of the kind.
 */
export function patchRootFor(apiVersion: string, kind: string): string | undefined {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (!builtinGroups.has(group)) return undefined;
  const exact = patchKindRoots[`${apiVersion}/${kind}`];
  if (exact) return exact;
  for (const [key, root] of Object.entries(patchKindRoots)) {
    if (key.slice(key.lastIndexOf('/') + 1) === kind) return root;
  }
  return 'meta/v1.Object';
}
