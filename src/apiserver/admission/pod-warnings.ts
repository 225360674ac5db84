// The warnings the pod strategy returns with a successful write (pkg/api/pod/warnings.go,
// GetWarningsForPod / GetWarningsForPodTemplate): deprecated node labels and annotations, retired
// volume plugins, duplicates that `kubectl apply` handles badly, fractional byte quantities.
// kubectl prints each as `Warning: <text>`.
import type { Container, PodSpec } from '../../api/core/pod/schema.js';
import type { ObjectMeta } from '../../api/meta/schema.js';
import { goQuote } from '../../api/field-errors.js';
import { formatQuantity, parseQuantity } from '../../api/quantity.js';

const deprecatedNodeLabels: Record<string, string> = {
  'beta.kubernetes.io/arch': 'deprecated since v1.14; use "kubernetes.io/arch" instead',
  'beta.kubernetes.io/os': 'deprecated since v1.14; use "kubernetes.io/os" instead',
  'failure-domain.beta.kubernetes.io/region': 'deprecated since v1.17; use "topology.kubernetes.io/region" instead',
  'failure-domain.beta.kubernetes.io/zone': 'deprecated since v1.17; use "topology.kubernetes.io/zone" instead',
  'beta.kubernetes.io/instance-type': 'deprecated since v1.17; use "node.kubernetes.io/instance-type" instead',
};

const deprecatedAnnotations: Array<[string, string]> = [
  ['scheduler.alpha.kubernetes.io/critical-pod', 'non-functional in v1.16+; use the "priorityClassName" field instead'],
  ['security.alpha.kubernetes.io/sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
  ['security.alpha.kubernetes.io/unsafe-sysctls', 'non-functional in v1.11+; use the "sysctls" field instead'],
];

const retiredVolumes: Array<[string, string, string]> = [
  ['photonPersistentDisk', 'photonPersistentDisk', 'deprecated in v1.11, non-functional in v1.16+'],
  ['gitRepo', 'gitRepo', 'deprecated in v1.11'],
  ['scaleIO', 'scaleIO', 'deprecated in v1.16, non-functional in v1.22+'],
  ['flocker', 'flocker', 'deprecated in v1.22, non-functional in v1.25+'],
  ['storageos', 'storageOS', 'deprecated in v1.22, non-functional in v1.25+'],
  ['quobyte', 'quobyte', 'deprecated in v1.22, non-functional in v1.25+'],
  ['glusterfs', 'glusterfs', 'deprecated in v1.25, non-functional in v1.26+'],
  ['cephfs', 'cephfs', 'deprecated in v1.28, non-functional in v1.31+'],
  ['rbd', 'rbd', 'deprecated in v1.28, non-functional in v1.31+'],
];

/** GetWarningsForPod. */
export function getWarningsForPod(spec: PodSpec, meta: ObjectMeta): string[] {
  return warningsForPodSpecAndMeta('', spec, meta);
}

/** GetWarningsForPodTemplate; prefix is the template's path, e.g. `spec.template`. */
export function getWarningsForPodTemplate(prefix: string, template: { metadata?: ObjectMeta; spec: PodSpec }): string[] {
  return warningsForPodSpecAndMeta(prefix, template.spec, template.metadata ?? {});
}

function warningsForPodSpecAndMeta(prefix: string, spec: PodSpec, meta: ObjectMeta): string[] {
  const at = (p: string) => (prefix ? `${prefix}.${p}` : p);
  const w: string[] = [];
  for (const k of Object.keys(spec.nodeSelector ?? {})) {
    const msg = deprecatedNodeLabels[k];
    if (msg) w.push(`${at('spec.nodeSelector')}[${k}]: ${msg}`);
  }
  const na = spec.affinity?.nodeAffinity;
  const termWarnings = (exprs: { key: string }[] | undefined, path: string) => (exprs ?? []).forEach((e, i) => {
    const msg = deprecatedNodeLabels[e.key];
    if (msg) w.push(`${path}.matchExpressions[${i}].key: ${e.key} is ${msg}`);
  });
  (na?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).forEach((t, i) =>
    termWarnings(t.matchExpressions, `${at('spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms')}[${i}]`));
  (na?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
    termWarnings(t.preference.matchExpressions, `${at('spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution')}[${i}].preference`));
  (spec.topologySpreadConstraints ?? []).forEach((t, i) => {
    const msg = deprecatedNodeLabels[t.topologyKey];
    const p = `${at('spec.topologySpreadConstraints')}[${i}]`;
    if (msg) w.push(`${p}.topologyKey: ${t.topologyKey} is ${msg}`);
    if (!t.labelSelector) w.push(`${p}.labelSelector: a null labelSelector results in matching no pod`);
  });
  for (const [key, msg] of deprecatedAnnotations) {
    if (meta.annotations && key in meta.annotations) w.push(`${at('metadata.annotations')}[${key}]: ${msg}`);
  }
  (spec.volumes ?? []).forEach((v, i) => {
    for (const [field, pathName, msg] of retiredVolumes) {
      if ((v as Record<string, unknown>)[field] !== undefined) w.push(`${at('spec.volumes')}[${i}].${pathName}: ${msg}`);
    }
  });
  const tokenPaths = new Set<string>();
  for (const v of spec.volumes ?? []) for (const s of v.projected?.sources ?? []) if (s.serviceAccountToken) tokenPaths.add(s.serviceAccountToken.path);
  if (tokenPaths.size) {
    (spec.volumes ?? []).forEach((v, i) => {
      for (const s of v.projected?.sources ?? []) {
        const base = `${at('spec.volumes')}[${i}].projected.sources`;
        (s.configMap?.items ?? []).forEach((it, j) => { if (tokenPaths.has(it.path)) w.push(`${base}.configMap[${j}]: has duplicated path with ServiceAccountToken ${goQuote(it.path)}`); });
        (s.secret?.items ?? []).forEach((it, j) => { if (tokenPaths.has(it.path)) w.push(`${base}.secrets[${j}]: has duplicated path with ServiceAccountToken ${goQuote(it.path)}`); });
        (s.downwardAPI?.items ?? []).forEach((it, j) => { if (tokenPaths.has(it.path)) w.push(`${base}.downwardAPI[${j}]: has duplicated path with ServiceAccountToken ${goQuote(it.path)}`); });
      }
    });
  }
  const seenIPs = new Set<string>();
  if ((spec.hostAliases ?? []).length > 1) {
    spec.hostAliases!.forEach((h, i) => {
      if (seenIPs.has(h.ip)) w.push(`${at('spec.hostAliases')}[${i}].ip: duplicate ip ${goQuote(h.ip)}`);
      else seenIPs.add(h.ip);
    });
  }
  const pullSecrets = spec.imagePullSecrets ?? [];
  if (pullSecrets.length > 1) {
    const seen = new Set<string>();
    pullSecrets.forEach((s, i) => {
      const name = s.name ?? '';
      if (seen.has(name)) w.push(`${at('spec.imagePullSecrets')}[${i}].name: duplicate name ${goQuote(name)}`);
      else seen.add(name);
    });
  }
  pullSecrets.forEach((s, i) => { if (!s.name) w.push(`${at('spec.imagePullSecrets')}[${i}].name: invalid empty name ""`); });
  for (const res of ['memory', 'ephemeral-storage']) {
    const v = spec.overhead?.[res];
    if (v !== undefined && isFractional(v)) w.push(`${at('spec.overhead')}[${res}]: fractional byte value ${goQuote(formatQuantity(parseQuantity(v)))} is invalid, must be an integer`);
  }
  if (!spec.securityContext?.seccompProfile && meta.annotations?.['seccomp.security.alpha.kubernetes.io/pod'] !== undefined) {
    w.push(`${at('metadata.annotations')}[seccomp.security.alpha.kubernetes.io/pod]: non-functional in v1.27+; use the "seccompProfile" field instead`);
  }
  visitContainers(spec, at('spec'), (c, p) => {
    const key = `container.seccomp.security.alpha.kubernetes.io/${c.name}`;
    if (!c.securityContext?.seccompProfile && meta.annotations?.[key] !== undefined) {
      w.push(`${at('metadata.annotations')}[${key}]: non-functional in v1.27+; use the "seccompProfile" field instead`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      for (const res of ['memory', 'ephemeral-storage']) {
        const v = c.resources?.[kind]?.[res];
        if (v !== undefined && isFractional(v)) w.push(`${p}.resources.${kind}[${res}]: fractional byte value ${goQuote(formatQuantity(parseQuantity(v)))} is invalid, must be an integer`);
      }
    }
    const env = c.env ?? [];
    if (env.length > 1) {
      const seen = new Set<string>();
      env.forEach((e, i) => {
        if (!seen.has(e.name)) { seen.add(e.name); return; }
        const ref = `$(${e.name})`;
        const value = e.value ?? '';
        if (e.valueFrom || value === ref || !value.includes(ref)) {
          w.push(`${p}.env[${i}]: hides previous definition of ${goQuote(e.name)}, which may be dropped when using apply`);
        }
      });
    }
  });
  const allPorts = new Map<string, Array<{ path: string; hostIP: string; hostPort: number }>>();
  visitContainers(spec, at('spec'), (c, p) => {
    (c.ports ?? []).forEach((port, i) => {
      const path = `${p}.ports[${i}]`;
      const hostIP = port.hostIP ?? '';
      const hostPort = port.hostPort ?? 0;
      const k = `${port.containerPort}/${port.protocol ?? ''}`;
      for (const other of allPorts.get(k) ?? []) {
        if (hostIP === other.hostIP && hostPort === other.hostPort) w.push(`${path}: duplicate port definition with ${other.path}`);
        else if (hostPort === 0 || other.hostPort === 0) w.push(`${path}: overlapping port definition with ${other.path}`);
        else if (hostPort === other.hostPort && (hostIP === '') !== (other.hostIP === '')) w.push(`${path}: dangerously ambiguous port definition with ${other.path}`);
      }
      allPorts.set(k, [...allPorts.get(k) ?? [], { path, hostIP, hostPort }]);
    });
  });
  if (spec.terminationGracePeriodSeconds !== undefined && spec.terminationGracePeriodSeconds < 0) {
    w.push(`${at('spec.terminationGracePeriodSeconds')}: must be >= 0; negative values are invalid and will be treated as 1`);
  }
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = spec.affinity?.[kind];
    const base = `${at(`spec.affinity.${kind}`)}`;
    (a?.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (!t.labelSelector) w.push(`${base}.requiredDuringSchedulingIgnoredDuringExecution[${i}].labelSelector: a null labelSelector results in matching no pod`);
    });
    (a?.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) => {
      if (!t.podAffinityTerm.labelSelector) w.push(`${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm.labelSelector: a null labelSelector results in matching no pod`);
    });
  }
  return w;
}

function visitContainers(spec: PodSpec, specPath: string, fn: (c: Container, p: string) => void): void {
  (spec.initContainers ?? []).forEach((c, i) => fn(c, `${specPath}.initContainers[${i}]`));
  (spec.containers ?? []).forEach((c, i) => fn(c, `${specPath}.containers[${i}]`));
}

function isFractional(v: string | number): boolean {
  const q = parseQuantity(v);
  if (q.exponent >= 0) return false;
  return q.mantissa % 10n ** BigInt(-q.exponent) !== 0n;
}
