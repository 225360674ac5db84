// kubectl describe pod (PodDescriber in kubectl 1.32's describe.go). describeContainers,
// describeVolumes and describeResources are exported for the describers of kinds that embed a
// pod template.
import type { Container, ContainerState, ContainerStatus, Pod, Probe, Volume } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, nestedPrefixWriter, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, searchEvents } from './events.js';
import { goSort } from '../printers/go-sort.js';
import {
  formatLabelSelector, formatRFC1123Z, showQuantity, printAnnotationsMultiline, printBool, printController, printLabelsMultiline,
  printLabelsMultilineWithIndent, printPodTolerationsMultiline, sortStrings, stringOrNone, translateTimestampSince,
  type DescribeClient, type DescribeOptions,
} from './helpers.js';
import {
  addQuantity, cmpQuantity, formatQuantity, isZero, milliValue, newQuantity, quantityValue, tryParseQuantity,
  type Quantity,
} from '../../api/quantity.js';

type ResourceList = Record<string, string | number>;

const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

type Resources = Container['resources'];
type EnvVar = NonNullable<Container['env']>[number];
type EnvResolver = (e: EnvVar) => string;

export function describePodObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const pod = obj as Pod;
  let events;
  if (opts.showEvents) {
    // Events are searched without a kind (the kubelet's and the scheduler's references
    // differ), and a mirror pod's Events carry the uid of the static pod it mirrors.
    const mirrorUid = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION];
    events = searchEvents(client, {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace ?? '',
      uid: (mirrorUid !== undefined ? mirrorUid : pod.metadata.uid) || undefined,
    });
  }
  return describePod(pod, events, opts.now);
}

export function describePod(pod: Pod, events: ReturnType<typeof searchEvents> | undefined, now: number): string {
  const spec = pod.spec;
  const status = pod.status ?? {};
  const meta = pod.metadata;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    describePodIPs(pod, w, '');
    const controlledBy = printController(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec.resources, w, LEVEL_1);
    }
    const resolver = envValueRetriever(pod);
    if (spec.initContainers?.length) {
      describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, resolver, w, '');
    }
    describeContainers('Containers', spec.containers, status.containerStatuses, resolver, w, '');
    if (spec.ephemeralContainers?.length) {
      describeContainers('Ephemeral Containers', spec.ephemeralContainers as Container[], status.ephemeralContainerStatuses,
        resolver, w, '');
    }
    if (spec.readinessGates?.length) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = status.conditions?.find((c) => c.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${getPodQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printPodTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    if (events) describeEvents(events, w, now);
  });
}

function describePodIPs(pod: Pod, w: PrefixWriter, space: string): void {
  const ips = pod.status?.podIPs ?? [];
  if (ips.length === 0) {
    w.write(LEVEL_0, `${space}IPs:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

type TopologySpreadConstraint = NonNullable<Pod['spec']['topologySpreadConstraints']>[number];

export function describeTopologySpreadConstraints(tscs: TopologySpreadConstraint[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs?.length) return;
  const sorted = goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey);
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((tsc, i) => {
    if (i !== 0) {
      w.write(LEVEL_0, space);
      w.write(LEVEL_0, '\t');
    }
    w.write(LEVEL_0, `${tsc.topologyKey}:`);
    w.write(LEVEL_0, tsc.whenUnsatisfiable);
    w.write(LEVEL_0, ` when max skew ${tsc.maxSkew} is exceeded`);
    if (tsc.labelSelector) w.write(LEVEL_0, ` for selector ${formatLabelSelector(tsc.labelSelector)}`);
    w.write(LEVEL_0, '\n');
  });
}

// ---- containers ----

export function describeContainers(label: string, containers: Container[], statuses: ContainerStatus[] | undefined,
  resolver: EnvResolver | undefined, w: PrefixWriter, space: string): void {
  const byName = new Map<string, ContainerStatus>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const container of containers) {
    const status = byName.get(container.name);
    describeContainerBasicInfo(container, status, space, w);
    describeContainerCommand(container, w);
    if (status) describeContainerState(status, w);
    describeResources(container.resources ?? {}, w, LEVEL_2);
    describeContainerProbe(container, w);
    if (container.envFrom?.length) describeContainerEnvFrom(container, w);
    describeContainerEnvVars(container, resolver, w);
    describeContainerVolumes(container, w);
  }
}

function describeContainerBasicInfo(container: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  const nameIndent = space ? ' ' : '';
  w.write(LEVEL_1, `${nameIndent}${container.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${container.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID}\n`);
  const ports = container.ports ?? [];
  const portString = ports.map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ');
  if (portString.includes(',')) w.write(LEVEL_2, `Ports:\t${portString}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(portString)}\n`);
  const hostPortString = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  if (hostPortString.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPortString}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPortString)}\n`);
  const seccomp = container.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeContainerCommand(container: Container, w: PrefixWriter): void {
  if (container.command?.length) {
    w.write(LEVEL_2, 'Command:\n');
    for (const c of container.command) for (const s of c.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  if (container.args?.length) {
    w.write(LEVEL_2, 'Args:\n');
    for (const a of container.args) for (const s of a.split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/** Limits then Requests, each sorted by resource name, values in canonical form. */
export function describeResources(resources: NonNullable<Resources>, w: PrefixWriter, level: number): void {
  const limits = resources.limits ?? {};
  const requests = resources.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n');
  for (const name of sortStrings(Object.keys(limits))) w.write(level + 1, `${name}:\t${showQuantity(limits[name])}\n`);
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n');
  for (const name of sortStrings(Object.keys(requests))) w.write(level + 1, `${name}:\t${showQuantity(requests[name])}\n`);
}

function describeContainerState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state ?? {}, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${printBool(status.ready)}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount}\n`);
}

function describeStatus(stateName: string, state: ContainerState, w: PrefixWriter): void {
  if (state.running) {
    w.write(LEVEL_2, `${stateName}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${stateName}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${formatRFC1123Z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${formatRFC1123Z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${stateName}:\tWaiting\n`);
  }
}

function describeContainerProbe(container: Container, w: PrefixWriter): void {
  if (container.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(container.livenessProbe)}\n`);
  if (container.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(container.readinessProbe)}\n`);
  if (container.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(container.startupProbe)}\n`);
}

/** net.JoinHostPort: IPv6 hosts are bracketed. */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** DescribeProbe: `http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(probe: Probe): string {
  const attrs = `delay=${probe.initialDelaySeconds ?? 0}s timeout=${probe.timeoutSeconds ?? 0}s `
    + `period=${probe.periodSeconds ?? 0}s #success=${probe.successThreshold ?? 0} #failure=${probe.failureThreshold ?? 0}`;
  if (probe.exec) return `exec [${(probe.exec.command ?? []).join(' ')}] ${attrs}`;
  if (probe.httpGet) {
    const g = probe.httpGet;
    const port = String(g.port ?? '');
    const host = port.length > 0 ? joinHostPort(g.host ?? '', port) : g.host ?? '';
    const scheme = (g.scheme ?? '').toLowerCase();
    let path = g.path ?? '';
    if (path && !path.startsWith('/') && host) path = `/${path}`;
    const url = `${scheme ? `${scheme}:` : ''}${scheme || host ? `//${host}` : ''}${path}`;
    return `http-get ${url} ${attrs}`;
  }
  if (probe.tcpSocket) return `tcp-socket ${probe.tcpSocket.host ?? ''}:${probe.tcpSocket.port} ${attrs}`;
  if (probe.grpc) return `grpc <pod>:${probe.grpc.port} ${probe.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainerEnvFrom(container: Container, w: PrefixWriter): void {
  w.write(LEVEL_2, `Environment Variables from:${container.envFrom?.length ? '' : '\t<none>'}\n`);
  for (const e of container.envFrom ?? []) {
    let from = '';
    let name = '';
    let optional = false;
    if (e.configMapRef) {
      from = 'ConfigMap';
      name = e.configMapRef.name ?? '';
      optional = e.configMapRef.optional === true;
    } else if (e.secretRef) {
      from = 'Secret';
      name = e.secretRef.name ?? '';
      optional = e.secretRef.optional === true;
    }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeContainerEnvVars(container: Container, resolver: EnvResolver | undefined, w: PrefixWriter): void {
  const env = container.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      (e.value ?? '').split('\n').forEach((s, i) => {
        w.write(LEVEL_3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`);
      });
      continue;
    }
    if (vf.fieldRef) {
      const value = resolver ? resolver(e) : '';
      w.write(LEVEL_3, `${e.name}:\t${value} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath})\n`);
    } else if (vf.resourceFieldRef) {
      const resource = vf.resourceFieldRef.resource;
      let value = extractContainerResourceValue(vf.resourceFieldRef, container) ?? '';
      if (value === '0' && (resource === 'limits.cpu' || resource === 'limits.memory')) value = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${value} (${resource})\n`);
    } else if (vf.secretKeyRef) {
      const r = vf.secretKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' in secret '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      const r = vf.configMapKeyRef;
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${r.key}' of config map '${r.name ?? ''}'>\tOptional: ${r.optional === true}\n`);
    }
  }
}

/**
 * EnvValueRetriever as kubectl 1.32 behaves: its scheme has no field-label conversions for
 * Pod, so only metadata.name and metadata.namespace resolve; every other fieldRef shows empty.
 */
function envValueRetriever(pod: Pod): EnvResolver {
  return (e) => {
    const ref = e.valueFrom?.fieldRef;
    if (!ref || (ref.apiVersion ?? '').split('/').length > 2) return '';
    if (ref.fieldPath === 'metadata.name') return pod.metadata.name;
    if (ref.fieldPath === 'metadata.namespace') return pod.metadata.namespace ?? '';
    return '';
  };
}

type ResourceFieldSelector = NonNullable<NonNullable<EnvVar['valueFrom']>['resourceFieldRef']>;

/** kubectl's ExtractContainerResourceValue: the container's own value over the divisor, rounded up. */
function extractContainerResourceValue(fs: ResourceFieldSelector, container: Container): string | undefined {
  const parsedDivisor = fs.divisor !== undefined ? tryParseQuantity(fs.divisor) : undefined;
  const divisor = parsedDivisor && !isZero(parsedDivisor) ? parsedDivisor : newQuantity(1);
  const [kind, name] = fs.resource.split(/\.(.*)/s);
  const list = kind === 'limits' ? container.resources?.limits : kind === 'requests' ? container.resources?.requests : undefined;
  if (list === undefined && kind !== 'limits' && kind !== 'requests') return undefined;
  const raw = list?.[name];
  const q = (raw !== undefined ? tryParseQuantity(raw) : undefined) ?? newQuantity(0);
  if (name === 'cpu') return String(Math.ceil(milliValue(q) / milliValue(divisor)));
  if (name === 'memory' || name === 'ephemeral-storage' || name?.startsWith('hugepages-')) {
    return String(Math.ceil(quantityValue(q) / quantityValue(divisor)));
  }
  return undefined;
}

function describeContainerVolumes(container: Container, w: PrefixWriter): void {
  const mounts = container.volumeMounts ?? [];
  const none = mounts.length === 0 ? '\t<none>' : '';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  for (const m of goSort([...mounts], (a, b) => a.mountPath < b.mountPath)) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
  if (container.volumeDevices?.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort([...container.volumeDevices], (a, b) => a.devicePath < b.devicePath)) {
      w.write(LEVEL_3, `${d.devicePath} from ${d.name}\n`);
    }
  }
}

// ---- volumes ----

export function describeVolumes(volumes: Volume[] | undefined, w: PrefixWriter, space: string): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v.hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n`
        + `    HostPathType:\t${v.hostPath.type ?? '<none>'}\n`);
    } else if (v.emptyDir) {
      const limit = v.emptyDir.sizeLimit !== undefined ? tryParseQuantity(v.emptyDir.sizeLimit) : undefined;
      const sizeLimit = limit && cmpQuantity(limit, 0) > 0 ? formatQuantity(limit) : '<unset>';
      w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n`
        + `    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`);
    } else if (v.secret) {
      w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n`
        + `    Optional:\t${v.secret.optional === true}\n`);
    } else if (v.configMap) {
      w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n`
        + `    Optional:\t${v.configMap.optional === true}\n`);
    } else if (v.nfs) {
      w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n`
        + `    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
    } else if (v.persistentVolumeClaim) {
      w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n`
        + `    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
    } else if (v.ephemeral) {
      printEphemeralVolumeSource(v.ephemeral, w);
    } else if (v.downwardAPI) {
      w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
      for (const item of v.downwardAPI.items ?? []) {
        if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
        if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
      }
    } else if (v.projected) {
      printProjectedVolumeSource(v.projected, w);
    } else if (v.csi) {
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n`
        + `    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
      printCSIVolumeAttributesMultiline(w, 'VolumeAttributes', v.csi.volumeAttributes);
    } else if (v.image) {
      w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${v.image.reference ?? ''}\n`
        + `    PullPolicy:\t${v.image.pullPolicy ?? ''}\n`);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
  }
}

function printProjectedVolumeSource(projected: NonNullable<Volume['projected']>, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  for (const source of projected.sources ?? []) {
    // kubectl 1.32 prints the `optional` pointer itself (%v of *bool): <nil> when unset and a
    // memory address when set. An address cannot be reproduced, so a set value prints as a bool.
    if (source.secret) {
      w.write(LEVEL_2, `SecretName:\t${source.secret.name ?? ''}\n    SecretOptionalName:\t${source.secret.optional ?? '<nil>'}\n`);
    } else if (source.downwardAPI) {
      w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    } else if (source.configMap) {
      w.write(LEVEL_2, `ConfigMapName:\t${source.configMap.name ?? ''}\n    ConfigMapOptional:\t${source.configMap.optional ?? '<nil>'}\n`);
    } else if (source.serviceAccountToken) {
      // The API server defaults expirationSeconds to one hour.
      w.write(LEVEL_2, `TokenExpirationSeconds:\t${source.serviceAccountToken.expirationSeconds ?? 3600}\n`);
    }
  }
}

export function printCSIVolumeAttributesMultiline(w: PrefixWriter, title: string, attributes: Record<string, string> | undefined): void {
  w.write(LEVEL_2, `${title}:\t`);
  const keys = sortStrings(Object.keys(attributes ?? {}));
  if (!attributes || keys.length === 0) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes[key]}`;
    w.write(LEVEL_2, Buffer.byteLength(line) > 140 ? `${Buffer.from(line).subarray(0, 140).toString()}...\n` : `${line}\n`);
  });
}

interface PvcTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: {
    storageClassName?: string;
    volumeName?: string;
    volumeMode?: string;
    dataSource?: { apiGroup?: string; kind?: string; name?: string };
  };
}

/** An inline claim template: printPersistentVolumeClaim without the fields a template lacks. */
function printEphemeralVolumeSource(ephemeral: NonNullable<Volume['ephemeral']>, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
  const tpl = ephemeral.volumeClaimTemplate as PvcTemplate | undefined;
  if (!tpl) return;
  const nw = nestedPrefixWriter(w, LEVEL_2);
  const spec = tpl.spec ?? {};
  const storageClass = spec.storageClassName ?? tpl.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  nw.write(LEVEL_0, `StorageClass:\t${storageClass}\n`);
  nw.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultilineWithIndent(nw, '', 'Labels', '\t', tpl.metadata?.labels);
  printAnnotationsMultiline(nw, 'Annotations', tpl.metadata?.annotations);
  nw.write(LEVEL_0, 'Capacity:\t\n');
  nw.write(LEVEL_0, 'Access Modes:\t\n');
  if (spec.volumeMode) nw.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    nw.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined) nw.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    nw.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    nw.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
}

// ---- QoS ----

/** qos.GetPodQOS: the status's class when the kubelet has set it, else computed from the spec. */
export function getPodQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  return computePodQOS(pod);
}

function computePodQOS(pod: Pod): string {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let isGuaranteed = true;
  const supported = (name: string) => name === 'cpu' || name === 'memory';
  const accumulate = (into: Map<string, Quantity>, list: ResourceList | undefined, found?: Set<string>) => {
    for (const [name, raw] of Object.entries(list ?? {})) {
      if (!supported(name)) continue;
      const q = tryParseQuantity(raw);
      if (!q || cmpQuantity(q, 0) <= 0) continue;
      found?.add(name);
      const prev = into.get(name);
      into.set(name, prev ? addQuantity(q, prev) : q);
    }
  };
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    accumulate(requests, c.resources?.requests);
    const found = new Set<string>();
    accumulate(limits, c.resources?.limits, found);
    if (!found.has('memory') || !found.has('cpu')) isGuaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (isGuaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) {
        isGuaranteed = false;
        break;
      }
    }
  }
  return isGuaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
