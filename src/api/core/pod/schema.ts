// core/v1 Pod (k8s.io/api/core/v1/types.go). Strict objects: an unknown field is an error, as
// kube-apiserver's strict field validation reports it.
import { z } from 'zod';
import { Condition, IntOrString, LabelSelector, ObjectMeta, Quantity, StringMap } from '../../meta/schema.js';

const KeyToPath = z.strictObject({ key: z.string(), path: z.string(), mode: z.number().int().optional() });
const ObjectFieldSelector = z.strictObject({ apiVersion: z.string().optional(), fieldPath: z.string() });
const ResourceFieldSelector = z.strictObject({
  containerName: z.string().optional(), resource: z.string(), divisor: Quantity.optional(),
});
const KeySelector = z.strictObject({ name: z.string().optional(), key: z.string(), optional: z.boolean().optional() });

export const EnvVar = z.strictObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z.strictObject({
    fieldRef: ObjectFieldSelector.optional(),
    resourceFieldRef: ResourceFieldSelector.optional(),
    configMapKeyRef: KeySelector.optional(),
    secretKeyRef: KeySelector.optional(),
  }).optional(),
});
const EnvFromSource = z.strictObject({
  prefix: z.string().optional(),
  configMapRef: z.strictObject({ name: z.string().optional(), optional: z.boolean().optional() }).optional(),
  secretRef: z.strictObject({ name: z.string().optional(), optional: z.boolean().optional() }).optional(),
});
export const ContainerPort = z.strictObject({
  name: z.string().optional(),
  hostPort: z.number().int().optional(),
  containerPort: z.number().int(),
  protocol: z.string().optional(),
  hostIP: z.string().optional(),
});
export const ResourceRequirements = z.strictObject({
  limits: z.record(z.string(), Quantity).optional(),
  requests: z.record(z.string(), Quantity).optional(),
  claims: z.array(z.strictObject({ name: z.string(), request: z.string().optional() })).optional(),
});
const VolumeMount = z.strictObject({
  name: z.string(),
  readOnly: z.boolean().optional(),
  recursiveReadOnly: z.string().optional(),
  mountPath: z.string(),
  subPath: z.string().optional(),
  mountPropagation: z.string().optional(),
  subPathExpr: z.string().optional(),
});
const HTTPHeader = z.strictObject({ name: z.string(), value: z.string() });
const ProbeHandler = {
  exec: z.strictObject({ command: z.array(z.string()).optional() }).optional(),
  httpGet: z.strictObject({
    path: z.string().optional(), port: IntOrString, host: z.string().optional(),
    scheme: z.string().optional(), httpHeaders: z.array(HTTPHeader).optional(),
  }).optional(),
  tcpSocket: z.strictObject({ port: IntOrString, host: z.string().optional() }).optional(),
  grpc: z.strictObject({ port: z.number().int(), service: z.string().optional() }).optional(),
};
export const Probe = z.strictObject({
  ...ProbeHandler,
  initialDelaySeconds: z.number().int().optional(),
  timeoutSeconds: z.number().int().optional(),
  periodSeconds: z.number().int().optional(),
  successThreshold: z.number().int().optional(),
  failureThreshold: z.number().int().optional(),
  terminationGracePeriodSeconds: z.number().int().optional(),
});
const LifecycleHandler = z.strictObject({
  exec: ProbeHandler.exec, httpGet: ProbeHandler.httpGet, tcpSocket: ProbeHandler.tcpSocket,
  sleep: z.strictObject({ seconds: z.number().int() }).optional(),
});
/** In-tree volume plugins and Windows options: accepted as decoded, not modelled further. */
const Opaque = z.record(z.string(), z.unknown());
const Capabilities = z.strictObject({ add: z.array(z.string()).optional(), drop: z.array(z.string()).optional() });
const SeccompProfile = z.strictObject({ type: z.string(), localhostProfile: z.string().optional() });
const SELinuxOptions = z.strictObject({
  user: z.string().optional(), role: z.string().optional(), type: z.string().optional(), level: z.string().optional(),
});
const SecurityContext = z.strictObject({
  capabilities: Capabilities.optional(),
  privileged: z.boolean().optional(),
  seLinuxOptions: SELinuxOptions.optional(),
  runAsUser: z.number().int().optional(),
  runAsGroup: z.number().int().optional(),
  runAsNonRoot: z.boolean().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  procMount: z.string().optional(),
  seccompProfile: SeccompProfile.optional(),
  appArmorProfile: SeccompProfile.optional(),
  windowsOptions: Opaque.optional(),
});

export const Container = z.strictObject({
  name: z.string(),
  image: z.string().optional(),
  command: z.array(z.string()).optional(),
  args: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  ports: z.array(ContainerPort).optional(),
  envFrom: z.array(EnvFromSource).optional(),
  env: z.array(EnvVar).optional(),
  resources: ResourceRequirements.optional(),
  resizePolicy: z.array(z.strictObject({ resourceName: z.string(), restartPolicy: z.string() })).optional(),
  restartPolicy: z.string().optional(),
  volumeMounts: z.array(VolumeMount).optional(),
  volumeDevices: z.array(z.strictObject({ name: z.string(), devicePath: z.string() })).optional(),
  livenessProbe: Probe.optional(),
  readinessProbe: Probe.optional(),
  startupProbe: Probe.optional(),
  lifecycle: z.strictObject({
    postStart: LifecycleHandler.optional(), preStop: LifecycleHandler.optional(), stopSignal: z.string().optional(),
  }).optional(),
  terminationMessagePath: z.string().optional(),
  terminationMessagePolicy: z.string().optional(),
  imagePullPolicy: z.string().optional(),
  securityContext: SecurityContext.optional(),
  stdin: z.boolean().optional(),
  stdinOnce: z.boolean().optional(),
  tty: z.boolean().optional(),
});

const ProjectionSource = z.strictObject({
  secret: z.strictObject({ name: z.string().optional(), items: z.array(KeyToPath).optional(), optional: z.boolean().optional() }).optional(),
  configMap: z.strictObject({ name: z.string().optional(), items: z.array(KeyToPath).optional(), optional: z.boolean().optional() }).optional(),
  downwardAPI: z.strictObject({
    items: z.array(z.strictObject({
      path: z.string(), fieldRef: ObjectFieldSelector.optional(), resourceFieldRef: ResourceFieldSelector.optional(),
      mode: z.number().int().optional(),
    })).optional(),
  }).optional(),
  serviceAccountToken: z.strictObject({
    audience: z.string().optional(), expirationSeconds: z.number().int().optional(), path: z.string(),
  }).optional(),
  clusterTrustBundle: z.unknown().optional(),
});

export const Volume = z.strictObject({
  name: z.string(),
  hostPath: z.strictObject({ path: z.string(), type: z.string().optional() }).optional(),
  emptyDir: z.strictObject({ medium: z.string().optional(), sizeLimit: Quantity.optional() }).optional(),
  secret: z.strictObject({
    secretName: z.string().optional(), items: z.array(KeyToPath).optional(),
    defaultMode: z.number().int().optional(), optional: z.boolean().optional(),
  }).optional(),
  configMap: z.strictObject({
    name: z.string().optional(), items: z.array(KeyToPath).optional(),
    defaultMode: z.number().int().optional(), optional: z.boolean().optional(),
  }).optional(),
  persistentVolumeClaim: z.strictObject({ claimName: z.string(), readOnly: z.boolean().optional() }).optional(),
  nfs: z.strictObject({ server: z.string(), path: z.string(), readOnly: z.boolean().optional() }).optional(),
  downwardAPI: z.strictObject({
    items: z.array(z.strictObject({
      path: z.string(), fieldRef: ObjectFieldSelector.optional(), resourceFieldRef: ResourceFieldSelector.optional(),
      mode: z.number().int().optional(),
    })).optional(),
    defaultMode: z.number().int().optional(),
  }).optional(),
  projected: z.strictObject({
    sources: z.array(ProjectionSource).optional(), defaultMode: z.number().int().optional(),
  }).optional(),
  ephemeral: z.strictObject({ volumeClaimTemplate: z.unknown().optional() }).optional(),
  csi: z.strictObject({
    driver: z.string(), readOnly: z.boolean().optional(), fsType: z.string().optional(),
    volumeAttributes: StringMap.optional(), nodePublishSecretRef: z.strictObject({ name: z.string().optional() }).optional(),
  }).optional(),
  image: z.strictObject({ reference: z.string().optional(), pullPolicy: z.string().optional() }).optional(),
  gcePersistentDisk: Opaque.optional(),
  awsElasticBlockStore: Opaque.optional(),
  gitRepo: Opaque.optional(),
  iscsi: Opaque.optional(),
  glusterfs: Opaque.optional(),
  rbd: Opaque.optional(),
  flexVolume: Opaque.optional(),
  cinder: Opaque.optional(),
  cephfs: Opaque.optional(),
  flocker: Opaque.optional(),
  fc: Opaque.optional(),
  azureFile: Opaque.optional(),
  vsphereVolume: Opaque.optional(),
  quobyte: Opaque.optional(),
  azureDisk: Opaque.optional(),
  photonPersistentDisk: Opaque.optional(),
  portworxVolume: Opaque.optional(),
  scaleIO: Opaque.optional(),
  storageos: Opaque.optional(),
});

export const Toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.string().optional(),
  value: z.string().optional(),
  effect: z.string().optional(),
  tolerationSeconds: z.number().int().optional(),
});

export const NodeSelectorRequirement = z.strictObject({
  key: z.string(), operator: z.string(), values: z.array(z.string()).optional(),
});
export const NodeSelectorTerm = z.strictObject({
  matchExpressions: z.array(NodeSelectorRequirement).optional(),
  matchFields: z.array(NodeSelectorRequirement).optional(),
});
const PodAffinityTerm = z.strictObject({
  labelSelector: LabelSelector.optional(),
  namespaces: z.array(z.string()).optional(),
  topologyKey: z.string(),
  namespaceSelector: LabelSelector.optional(),
  matchLabelKeys: z.array(z.string()).optional(),
  mismatchLabelKeys: z.array(z.string()).optional(),
});
const WeightedPodAffinityTerm = z.strictObject({ weight: z.number().int(), podAffinityTerm: PodAffinityTerm });
const PodAffinityRules = z.strictObject({
  requiredDuringSchedulingIgnoredDuringExecution: z.array(PodAffinityTerm).optional(),
  preferredDuringSchedulingIgnoredDuringExecution: z.array(WeightedPodAffinityTerm).optional(),
});
export const Affinity = z.strictObject({
  nodeAffinity: z.strictObject({
    requiredDuringSchedulingIgnoredDuringExecution: z.strictObject({ nodeSelectorTerms: z.array(NodeSelectorTerm) }).optional(),
    preferredDuringSchedulingIgnoredDuringExecution: z.array(z.strictObject({
      weight: z.number().int(), preference: NodeSelectorTerm,
    })).optional(),
  }).optional(),
  podAffinity: PodAffinityRules.optional(),
  podAntiAffinity: PodAffinityRules.optional(),
});

export const PodSpec = z.strictObject({
  volumes: z.array(Volume).optional(),
  initContainers: z.array(Container).optional(),
  containers: z.array(Container),
  ephemeralContainers: z.array(z.unknown()).optional(),
  restartPolicy: z.string().optional(),
  terminationGracePeriodSeconds: z.number().int().optional(),
  activeDeadlineSeconds: z.number().int().optional(),
  dnsPolicy: z.string().optional(),
  nodeSelector: StringMap.optional(),
  serviceAccountName: z.string().optional(),
  serviceAccount: z.string().optional(),
  automountServiceAccountToken: z.boolean().optional(),
  nodeName: z.string().optional(),
  hostNetwork: z.boolean().optional(),
  hostPID: z.boolean().optional(),
  hostIPC: z.boolean().optional(),
  shareProcessNamespace: z.boolean().optional(),
  securityContext: z.strictObject({
    seLinuxOptions: SELinuxOptions.optional(),
    runAsUser: z.number().int().optional(),
    runAsGroup: z.number().int().optional(),
    runAsNonRoot: z.boolean().optional(),
    supplementalGroups: z.array(z.number().int()).optional(),
    supplementalGroupsPolicy: z.string().optional(),
    fsGroup: z.number().int().optional(),
    fsGroupChangePolicy: z.string().optional(),
    sysctls: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
    seccompProfile: SeccompProfile.optional(),
    appArmorProfile: SeccompProfile.optional(),
    seLinuxChangePolicy: z.string().optional(),
    windowsOptions: Opaque.optional(),
  }).optional(),
  imagePullSecrets: z.array(z.strictObject({ name: z.string().optional() })).optional(),
  hostname: z.string().optional(),
  subdomain: z.string().optional(),
  affinity: Affinity.optional(),
  schedulerName: z.string().optional(),
  tolerations: z.array(Toleration).optional(),
  hostAliases: z.array(z.strictObject({ ip: z.string(), hostnames: z.array(z.string()).optional() })).optional(),
  priorityClassName: z.string().optional(),
  priority: z.number().int().optional(),
  dnsConfig: z.strictObject({
    nameservers: z.array(z.string()).optional(),
    searches: z.array(z.string()).optional(),
    options: z.array(z.strictObject({ name: z.string().optional(), value: z.string().optional() })).optional(),
  }).optional(),
  readinessGates: z.array(z.strictObject({ conditionType: z.string() })).optional(),
  runtimeClassName: z.string().optional(),
  enableServiceLinks: z.boolean().optional(),
  preemptionPolicy: z.string().optional(),
  overhead: z.record(z.string(), Quantity).optional(),
  topologySpreadConstraints: z.array(z.strictObject({
    maxSkew: z.number().int(),
    topologyKey: z.string(),
    whenUnsatisfiable: z.string(),
    labelSelector: LabelSelector.optional(),
    minDomains: z.number().int().optional(),
    nodeAffinityPolicy: z.string().optional(),
    nodeTaintsPolicy: z.string().optional(),
    matchLabelKeys: z.array(z.string()).optional(),
  })).optional(),
  setHostnameAsFQDN: z.boolean().optional(),
  os: z.strictObject({ name: z.string() }).optional(),
  hostUsers: z.boolean().optional(),
  schedulingGates: z.array(z.strictObject({ name: z.string() })).optional(),
  resourceClaims: z.array(z.unknown()).optional(),
  resources: ResourceRequirements.optional(),
});

const ContainerStateWaiting = z.strictObject({ reason: z.string().optional(), message: z.string().optional() });
const ContainerStateRunning = z.strictObject({ startedAt: z.string().optional() });
const ContainerStateTerminated = z.strictObject({
  exitCode: z.number().int(),
  signal: z.number().int().optional(),
  reason: z.string().optional(),
  message: z.string().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  containerID: z.string().optional(),
});
export const ContainerState = z.strictObject({
  waiting: ContainerStateWaiting.optional(),
  running: ContainerStateRunning.optional(),
  terminated: ContainerStateTerminated.optional(),
});
export const ContainerStatus = z.strictObject({
  name: z.string(),
  state: ContainerState.optional(),
  lastState: ContainerState.optional(),
  ready: z.boolean(),
  restartCount: z.number().int(),
  image: z.string(),
  imageID: z.string(),
  containerID: z.string().optional(),
  started: z.boolean().optional(),
  allocatedResources: z.record(z.string(), Quantity).optional(),
  resources: ResourceRequirements.optional(),
  volumeMounts: z.array(z.strictObject({
    name: z.string(), mountPath: z.string(), readOnly: z.boolean().optional(),
    recursiveReadOnly: z.string().optional(),
  })).optional(),
  user: z.unknown().optional(),
  allocatedResourcesStatus: z.array(z.unknown()).optional(),
});

export const PodCondition = Condition.extend({ lastProbeTime: z.string().nullable().optional() });

export const PodStatus = z.strictObject({
  phase: z.string().optional(),
  conditions: z.array(PodCondition).optional(),
  message: z.string().optional(),
  reason: z.string().optional(),
  nominatedNodeName: z.string().optional(),
  hostIP: z.string().optional(),
  hostIPs: z.array(z.strictObject({ ip: z.string() })).optional(),
  podIP: z.string().optional(),
  podIPs: z.array(z.strictObject({ ip: z.string() })).optional(),
  startTime: z.string().optional(),
  initContainerStatuses: z.array(ContainerStatus).optional(),
  containerStatuses: z.array(ContainerStatus).optional(),
  qosClass: z.string().optional(),
  ephemeralContainerStatuses: z.array(ContainerStatus).optional(),
  resize: z.string().optional(),
  resourceClaimStatuses: z.array(z.unknown()).optional(),
});

export const Pod = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('Pod'),
  metadata: ObjectMeta,
  spec: PodSpec,
  status: PodStatus.optional(),
});

export const PodTemplateSpec = z.strictObject({ metadata: ObjectMeta.optional(), spec: PodSpec });

export type Pod = z.infer<typeof Pod> & { metadata: { name: string } };
export type PodSpec = z.infer<typeof PodSpec>;
export type PodStatus = z.infer<typeof PodStatus>;
export type Container = z.infer<typeof Container>;
export type ContainerStatus = z.infer<typeof ContainerStatus>;
export type ContainerState = z.infer<typeof ContainerState>;
export type PodCondition = z.infer<typeof PodCondition>;
export type Toleration = z.infer<typeof Toleration>;
export type Volume = z.infer<typeof Volume>;
export type Probe = z.infer<typeof Probe>;
export type Affinity = z.infer<typeof Affinity>;
export type NodeSelectorTerm = z.infer<typeof NodeSelectorTerm>;
export type NodeSelectorRequirement = z.infer<typeof NodeSelectorRequirement>;
export type PodTemplateSpec = z.infer<typeof PodTemplateSpec>;
