// Pod defaulting: SetObjectDefaults_Pod of pkg/apis/core/v1 (zz_generated.defaults.go with the
// SetDefaults_* functions of defaults.go it calls), for release-1.32 with its default feature gates.
// Fields that Go always serializes even when empty (a container's `resources: {}`) are
// materialized here too, so `-o yaml` shows what a real cluster shows.
import type { Container, Pod, PodSpec, PodTemplateSpec, Probe, Volume } from './schema.js';
import { formatQuantity, parseQuantity } from '../../quantity.js';

type ResourceList = Record<string, string | number>;
type HTTPGet = NonNullable<Probe['httpGet']>;
type FieldRef = { apiVersion?: string; fieldPath: string };

/** SetObjectDefaults_Pod. Mutates and returns the pod. */
export function setObjectDefaultsPod(pod: Pod): Pod {
  setDefaultsPod(pod);
  setObjectDefaultsPodSpec(pod.spec);
  pod.spec.overhead = setDefaultsResourceList(pod.spec.overhead);
  return pod;
}

/**
 * What a pod template in a Deployment, ReplicaSet, Job, ... gets: the PodSpec part of the
 * defaults, without SetDefaults_Pod (requests from limits, enableServiceLinks, host ports).
 */
export function setObjectDefaultsPodTemplateSpec(template: PodTemplateSpec): PodTemplateSpec {
  // A template's ObjectMeta is a Go struct whose zero creationTimestamp encodes as null: every
  // stored template shows `creationTimestamp: null`.
  template.metadata ??= {};
  if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  convertDeprecatedServiceAccount(template.spec, 'in');
  setObjectDefaultsPodSpec(template.spec);
  convertDeprecatedServiceAccount(template.spec, 'out');
  return template;
}

/**
 * The v1 encoding of a pod spec repeats serviceAccountName in the deprecated serviceAccount field;
 * on the way in, serviceAccount is honoured when serviceAccountName is empty.
 */
export function convertDeprecatedServiceAccount(spec: { serviceAccountName?: string; serviceAccount?: string }, direction: 'in' | 'out'): void {
  if (direction === 'in') {
    if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
    delete spec.serviceAccount;
  } else if (spec.serviceAccountName) {
    spec.serviceAccount = spec.serviceAccountName;
  } else {
    delete spec.serviceAccount;
  }
}

function setObjectDefaultsPodSpec(spec: PodSpec): void {
  setDefaultsPodSpec(spec);
  for (const v of spec.volumes ?? []) setDefaultsVolume(v);
  for (const c of spec.initContainers ?? []) setDefaultsContainer(c);
  for (const c of spec.containers ?? []) setDefaultsContainer(c);
}

/** SetDefaults_Pod. */
function setDefaultsPod(pod: Pod): void {
  const spec = pod.spec;
  // Requests default to limits only on a Pod, not on a template: the template's owner may rely
  // on a LimitRange to fill requests in later.
  for (const c of [...spec.containers ?? [], ...spec.initContainers ?? []]) {
    const limits = c.resources?.limits;
    if (!limits) continue;
    c.resources ??= {};
    const requests = c.resources.requests ?? {};
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
    c.resources.requests = requests;
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork) {
    for (const c of [...spec.containers ?? [], ...spec.initContainers ?? []]) {
      for (const port of c.ports ?? []) if (!port.hostPort) port.hostPort = port.containerPort;
    }
  }
}

/** SetDefaults_PodSpec. */
function setDefaultsPodSpec(spec: PodSpec): void {
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ||= 'default-scheduler';
}

function setDefaultsVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name');
  if (sources.length === 0) v.emptyDir = {};
  if (v.hostPath) v.hostPath.type ??= '';
  if (v.secret) v.secret.defaultMode ??= 0o644;
  if (v.configMap) v.configMap.defaultMode ??= 0o644;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= 0o644;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef) setDefaultsObjectFieldSelector(item.fieldRef);
  }
  if (v.projected) {
    v.projected.defaultMode ??= 0o644;
    for (const src of v.projected.sources ?? []) {
      for (const item of src.downwardAPI?.items ?? []) if (item.fieldRef) setDefaultsObjectFieldSelector(item.fieldRef);
      if (src.serviceAccountToken) src.serviceAccountToken.expirationSeconds ??= 3600;
    }
  }
}

/** SetDefaults_Container plus the generated per-field defaults of a container. */
function setDefaultsContainer(c: Container): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  for (const port of c.ports ?? []) port.protocol ||= 'TCP';
  for (const env of c.env ?? []) if (env.valueFrom?.fieldRef) setDefaultsObjectFieldSelector(env.valueFrom.fieldRef);
  // ResourceRequirements is a struct field in Go, so it is serialized even when empty.
  c.resources ??= {};
  const limits = setDefaultsResourceList(c.resources.limits);
  const requests = setDefaultsResourceList(c.resources.requests);
  if (limits) c.resources.limits = limits;
  if (requests) c.resources.requests = requests;
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) setDefaultsProbe(probe);
  if (c.lifecycle?.postStart?.httpGet) setDefaultsHTTPGetAction(c.lifecycle.postStart.httpGet);
  if (c.lifecycle?.preStop?.httpGet) setDefaultsHTTPGetAction(c.lifecycle.preStop.httpGet);
}

function setDefaultsProbe(p: Probe): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) setDefaultsHTTPGetAction(p.httpGet);
  if (p.grpc) p.grpc.service ??= '';
}

function setDefaultsHTTPGetAction(h: HTTPGet): void {
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

function setDefaultsObjectFieldSelector(f: FieldRef): void {
  f.apiVersion ||= 'v1';
}

/**
 * SetDefaults_ResourceList: every quantity rounded up to milli precision and written in canonical
 * form (`0.5` → `500m`, `1024Mi` → `1Gi`). Returns undefined for an absent list.
 */
export function setDefaultsResourceList(list: ResourceList | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(list)) out[k] = roundUpToMilli(v);
  return out;
}

function roundUpToMilli(v: string | number): string {
  const q = parseQuantity(typeof v === 'number' ? String(v) : v);
  if (q.exponent >= -3) return formatQuantity(q);
  const d = 10n ** BigInt(-3 - q.exponent);
  let m = q.mantissa / d;
  if (m * d !== q.mantissa) m += q.mantissa < 0n ? -1n : 1n;
  return formatQuantity({ mantissa: m, exponent: -3, format: q.format });
}

/**
 * The tag parsers.ParseImageName reports: the explicit tag, `latest` when there is neither tag nor
 * digest, and '' for an image reference that does not parse (which then pulls IfNotPresent).
 */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const digest = at >= 0 ? image.slice(at + 1) : '';
  if (at >= 0 && !/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest)) return '';
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > slash;
  const repo = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) : '';
  if (hasTag && !/^[\w][\w.-]{0,127}$/.test(tag)) return '';
  if (!validRepository(repo)) return '';
  if (tag) return tag;
  return digest ? '' : 'latest';
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?$|^\[[0-9a-fA-F:]+\](?::[0-9]+)?$/;

function validRepository(repo: string): boolean {
  if (!repo || repo.length > 255) return false;
  const parts = repo.split('/');
  const first = parts[0];
  // The first component is a registry host when it looks like one (has a dot or port, or is localhost).
  const isDomain = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || /[A-Z]/.test(first));
  if (isDomain && !DOMAIN.test(first)) return false;
  return (isDomain ? parts.slice(1) : parts).every((p) => PATH_COMPONENT.test(p));
}
