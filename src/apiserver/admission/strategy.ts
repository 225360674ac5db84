// What the registry's strategies do around validation (pkg/registry/core/*/strategy.go and the
// generic BeforeCreate/BeforeUpdate), release-1.32: reset status on create, carry status and
// immutable metadata over on update, initialize IP families for Services, compute a pod's QoS.
import type { KubeObject } from '../../api/object.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { Namespace } from '../../api/core/namespace/schema.js';
import type { Service } from '../../api/core/service/schema.js';
import { externallyAccessible } from '../../api/core/service/defaults.js';
import { computePodQOS } from '../../api/core/pod/validate.js';
export { convertDeprecatedServiceAccount } from '../../api/core/pod/defaults.js';
import { parseIPSloppy } from '../../api/validation.js';
import { type ErrorList, FieldPath, invalid } from '../../api/field-errors.js';

// ---- Pod ------------------------------------------------------------------------------------------

export function podPrepareForCreate(pod: Pod): void {
  pod.status = { phase: 'Pending', qosClass: computePodQOS(pod) };
  dropDisabledPodFields(pod);
  if ((pod.spec.schedulingGates ?? []).length > 0) {
    pod.status.conditions = [{
      type: 'PodScheduled', status: 'False', reason: 'SchedulingGated',
      message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null,
    }];
  }
}

export function podPrepareForUpdate(pod: Pod, old: Pod): void {
  if (old.status === undefined) delete pod.status;
  else pod.status = structuredClone(old.status);
}

/** pod.DropDisabledTemplateFields: the same fields, dropped from a workload's pod template. */
export function dropDisabledTemplateFields(template: { spec: Pod['spec'] }): void {
  dropDisabledPodFields({ spec: template.spec } as Pod);
}

/**
 * podutil.DropDisabledPodFields for the gates a 1.32 cluster has off by default: the fields are
 * accepted by decoding but not kept.
 */
function dropDisabledPodFields(pod: Pod): void {
  const spec = pod.spec;
  delete spec.hostUsers; // UserNamespacesSupport
  delete spec.resources; // PodLevelResources
  delete spec.resourceClaims; // DynamicResourceAllocation
  if (spec.securityContext) {
    delete spec.securityContext.supplementalGroupsPolicy; // SupplementalGroupsPolicy
    delete spec.securityContext.seLinuxChangePolicy; // SELinuxChangePolicy
  }
  for (const c of [...spec.initContainers ?? [], ...spec.containers ?? []]) {
    delete c.resizePolicy; // InPlacePodVerticalScaling
    if (c.resources) delete c.resources.claims;
  }
  for (const v of spec.volumes ?? []) delete v.image; // ImageVolume
}

// ---- Namespace ------------------------------------------------------------------------------------

export function namespacePrepareForCreate(ns: Namespace): void {
  ns.status = { phase: 'Active' };
  const finalizers = ns.spec?.finalizers ?? [];
  if (!finalizers.includes('kubernetes')) ns.spec = { ...ns.spec, finalizers: [...finalizers, 'kubernetes'] };
}

export function namespacePrepareForUpdate(ns: Namespace, old: Namespace): void {
  ns.spec = { ...ns.spec };
  // Upstream only lets the /finalize subresource change spec.finalizers; the namespace controller
  // finalizes a terminating namespace with a plain update, so that case is let through.
  if (!old.metadata.deletionTimestamp) {
    if (old.spec?.finalizers) ns.spec.finalizers = [...old.spec.finalizers];
    else delete ns.spec.finalizers;
  }
  ns.status = structuredClone(old.status ?? {});
}

// ---- Service --------------------------------------------------------------------------------------

type ServiceSpec = NonNullable<Service['spec']>;

/** The families this cluster serves: single-stack IPv4, as kubeadm sets up by default. */
export const CLUSTER_IP_FAMILIES = ['IPv4'] as const;

export function servicePrepareForCreate(svc: Service): ErrorList {
  const spec = (svc.spec ??= {});
  svc.status = { loadBalancer: {} };
  if (spec.clusterIP && !(spec.clusterIPs ?? []).length) spec.clusterIPs = [spec.clusterIP];
  return initIPFamilyFields(spec);
}

export function servicePrepareForUpdate(svc: Service, old: Service): ErrorList {
  const spec = (svc.spec ??= {});
  const oldSpec = old.spec ?? {};
  svc.status = structuredClone(old.status ?? { loadBalancer: {} });
  dropTypeDependentFields(svc, old);
  patchAllocatedValues(spec, oldSpec);
  normalizeClusterIPsOnUpdate(spec, oldSpec);
  return initIPFamilyFields(spec);
}

/**
 * dropTypeDependentFields: a change of type wipes what the old type needed and the new one does
 * not (its allocated addresses and ports, its load-balancer settings and status), unless the user
 * changed those fields too, which validation then judges.
 */
function dropTypeDependentFields(svc: Service, old: Service): void {
  const spec = svc.spec ??= {};
  const oldSpec = old.spec ?? {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const needsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName';
  const needsNodePort = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
  const needsHCNodePort = (s: ServiceSpec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsClusterIP(oldSpec) && !needsClusterIP(spec)) {
    if ((oldSpec.clusterIP ?? '') === (spec.clusterIP ?? '') && same(oldSpec.clusterIPs ?? [], spec.clusterIPs ?? [])) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (same(oldSpec.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies;
    if ((oldSpec.ipFamilyPolicy ?? '') === (spec.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
  }
  const nodePorts = (s: ServiceSpec) => new Set((s.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
  const oldNodePorts = nodePorts(oldSpec);
  if (needsNodePort(oldSpec) && !needsNodePort(spec) && [...nodePorts(spec)].every((n) => oldNodePorts.has(n))) {
    for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (needsHCNodePort(oldSpec) && !needsHCNodePort(spec) && oldSpec.healthCheckNodePort === spec.healthCheckNodePort) {
    delete spec.healthCheckNodePort;
  }
  if (oldSpec.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts === oldSpec.allocateLoadBalancerNodePorts) {
      delete spec.allocateLoadBalancerNodePorts;
    }
    if (spec.loadBalancerClass === oldSpec.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(oldSpec) && !externallyAccessible(spec) && spec.externalTrafficPolicy === oldSpec.externalTrafficPolicy) {
    delete spec.externalTrafficPolicy;
  }
  if (spec.type !== 'LoadBalancer') svc.status = { ...svc.status, loadBalancer: {} };
}

/** Values the allocator gave the old object stay when the new one leaves them out. */
function patchAllocatedValues(spec: ServiceSpec, old: ServiceSpec): void {
  const needsClusterIP = (s: ServiceSpec) => s.type !== 'ExternalName';
  const needsNodePort = (s: ServiceSpec) => s.type === 'NodePort' || s.type === 'LoadBalancer';
  if (needsClusterIP(old) && needsClusterIP(spec)) {
    if (!spec.clusterIP && old.clusterIP) spec.clusterIP = old.clusterIP;
    if (!(spec.clusterIPs ?? []).length && (old.clusterIPs ?? []).length) spec.clusterIPs = [...old.clusterIPs!];
  }
  if (needsNodePort(old) && needsNodePort(spec)) {
    const used = (s: ServiceSpec) => new Set((s.ports ?? []).map((p) => p.nodePort).filter((n): n is number => !!n));
    const newUsed = used(spec);
    const inBoth = new Set([...used(old)].filter((n) => newUsed.has(n)));
    const byName = new Map((old.ports ?? []).map((p) => [p.name ?? '', p.nodePort]));
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '');
      if (prev && !inBoth.has(prev)) p.nodePort = prev;
    }
  }
  const needsHC = (s: ServiceSpec) => s.type === 'LoadBalancer' && s.externalTrafficPolicy === 'Local';
  if (needsHC(old) && needsHC(spec) && !spec.healthCheckNodePort) spec.healthCheckNodePort = old.healthCheckNodePort;
}

function normalizeClusterIPsOnUpdate(spec: ServiceSpec, old: ServiceSpec): void {
  const oldIPs = old.clusterIPs ?? [];
  if (oldIPs.length && !(spec.clusterIPs ?? []).length && old.clusterIP === spec.clusterIP) spec.clusterIPs = [...oldIPs];
  if ((old.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    const same = JSON.stringify(old.clusterIPs ?? []) === JSON.stringify(spec.clusterIPs ?? []);
    if (old.clusterIP && !spec.clusterIP) {
      if (same) delete spec.clusterIPs;
    } else if (same) {
      spec.clusterIPs = [spec.clusterIP ?? ''];
    }
  }
}

/**
 * The service registry's initIPFamilyFields on a single-stack IPv4 cluster: ipFamilyPolicy
 * defaults to SingleStack (RequireDualStack for a headless Service without a selector) and
 * ipFamilies to the families of the given cluster IPs, else the cluster's.
 */
function initIPFamilyFields(spec: ServiceSpec): ErrorList {
  if (spec.type === 'ExternalName') return [];
  const errs: ErrorList = [];
  const ips = spec.clusterIPs ?? [];
  const headless = ips.length === 1 && ips[0] === 'None';
  const selectorless = Object.keys(spec.selector ?? {}).length === 0;
  if (spec.ipFamilyPolicy === undefined) {
    if ((spec.ipFamilies ?? []).length >= 2 || ips.length >= 2 || (headless && selectorless)) spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const families = [...spec.ipFamilies ?? []];
  ips.forEach((ip, i) => {
    if (ip === 'None') return;
    const fam = parseIPSloppy(ip) === 6 ? 'IPv6' : 'IPv4';
    if (families.length <= i) families.push(fam);
  });
  if (headless && selectorless && spec.ipFamilyPolicy === 'RequireDualStack') {
    for (const f of CLUSTER_IP_FAMILIES) if (!families.includes(f)) families.push(f);
  }
  if (families.length === 0) families.push(CLUSTER_IP_FAMILIES[0]);
  const policyPath = FieldPath.of('spec', 'ipFamilyPolicy');
  if (spec.ipFamilyPolicy === 'RequireDualStack' && !(headless && selectorless)) {
    errs.push(invalid(policyPath, spec.ipFamilyPolicy, 'this cluster is not configured for dual-stack services'));
  }
  families.forEach((f, i) => {
    if (!(CLUSTER_IP_FAMILIES as readonly string[]).includes(f) && (f === 'IPv4' || f === 'IPv6')) {
      errs.push(invalid(FieldPath.of('spec', 'ipFamilies').index(i), f, 'not configured on this cluster'));
    }
  });
  spec.ipFamilies = spec.ipFamilyPolicy === 'PreferDualStack' ? families.slice(0, 1) : families;
  return errs;
}

// ---- every kind -----------------------------------------------------------------------------------

/**
 * rest.BeforeUpdate's metadata rules: a request that leaves out uid, creationTimestamp, deletion
 * fields or resourceVersion keeps the stored ones (an unconditional update), and generation is
 * the registry's, never the client's.
 */
export function beforeUpdateMetadata(obj: KubeObject, old: KubeObject): void {
  const m = obj.metadata;
  const o = old.metadata;
  if (!m.resourceVersion && o.resourceVersion) m.resourceVersion = o.resourceVersion;
  if (!m.uid && o.uid) m.uid = o.uid;
  if (o.creationTimestamp) m.creationTimestamp = o.creationTimestamp;
  if (o.deletionTimestamp && m.deletionTimestamp !== o.deletionTimestamp) m.deletionTimestamp = o.deletionTimestamp;
  if (o.deletionGracePeriodSeconds !== undefined && m.deletionGracePeriodSeconds === undefined) m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  if (o.generation !== undefined) m.generation = o.generation;
  else delete m.generation;
}
