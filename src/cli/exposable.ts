// What `expose` learns from the object it exposes (kubectl 1.32's polymorphichelpers
// canbeexposed.go, mapbasedselectorforobject.go, portsforobject.go, multiprotocolsforobject.go):
// whether its kind can be exposed, the pods it selects, and the ports and protocols its
// containers (or, for a Service, its own ports) declare.
import type { KindInfo } from '../api/registry.js';
import type { KubeObject } from '../api/object.js';

interface ContainerPort { containerPort?: number; protocol?: string }
interface PodSpecLike { containers?: { ports?: ContainerPort[] }[] }
interface SelectorRequirement { key: string; operator: string; values?: string[] }
interface LabelSelector { matchLabels?: Record<string, string>; matchExpressions?: SelectorRequirement[] }
interface ServiceSpecLike { selector?: Record<string, string>; ports?: { port: number; protocol?: string }[] }

type Exposable = 'Pod' | 'Service' | 'ReplicationController' | 'Deployment' | 'ReplicaSet';

const EXPOSABLE = new Set(['/ReplicationController', '/Service', '/Pod', 'apps/Deployment', 'apps/ReplicaSet',
  'extensions/Deployment', 'extensions/ReplicaSet']);

/** schema.GroupKind.String(): `Kind.group`, or just `Kind` in the core group. */
const groupKind = (k: KindInfo) => (k.group ? `${k.kind}.${k.group}` : k.kind);

/** canBeExposed. */
export function canBeExposed(kind: KindInfo): Error | undefined {
  return EXPOSABLE.has(`${kind.group}/${kind.kind}`) ? undefined : new Error(`cannot expose a ${groupKind(kind)}`);
}

const kindOf = (obj: KubeObject) => obj.kind as Exposable;
const spec = <T>(obj: KubeObject) => (obj.spec ?? {}) as T;
const templateSpec = (obj: KubeObject): PodSpecLike =>
  spec<{ template?: { spec?: PodSpecLike } }>(obj).template?.spec ?? {};

/** MakeLabels: `k=v` pairs joined with commas (Go's map order; the pairs are parsed back into a map). */
export function makeLabels(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
}

/** `%+v` of []metav1.LabelSelectorRequirement. */
function formatRequirements(reqs: SelectorRequirement[]): string {
  return `[${reqs.map((r) => `{Key:${r.key} Operator:${r.operator} Values:[${(r.values ?? []).join(' ')}]}`).join(' ')}]`;
}

/** mapBasedSelectorForObject: the selector as `k=v,...`, or why the object cannot give one. */
export function mapBasedSelectorForObject(obj: KubeObject): string | Error {
  switch (kindOf(obj)) {
    case 'ReplicationController':
      return makeLabels(spec<{ selector?: Record<string, string> }>(obj).selector);
    case 'Pod':
      if (Object.keys(obj.metadata.labels ?? {}).length === 0) return new Error('the pod has no labels and cannot be exposed');
      return makeLabels(obj.metadata.labels);
    case 'Service': {
      const selector = spec<ServiceSpecLike>(obj).selector;
      if (selector === undefined) return new Error('the service has no pod selector set');
      return makeLabels(selector);
    }
    case 'Deployment':
    case 'ReplicaSet': {
      // "apps" workloads must have the selector set.
      const selector = spec<{ selector?: LabelSelector }>(obj).selector;
      const what = obj.kind === 'Deployment' ? 'deployment' : 'replicaset';
      if (!selector || Object.keys(selector.matchLabels ?? {}).length === 0) {
        return new Error(`invalid ${what}: no selectors, therefore cannot be exposed`);
      }
      if ((selector.matchExpressions ?? []).length > 0) {
        return new Error(`couldn't convert expressions - "${formatRequirements(selector.matchExpressions!)}" to map-based selector format`);
      }
      return makeLabels(selector.matchLabels);
    }
  }
  return new Error(`cannot extract pod selector from ${goTypeName(obj)}`);
}

/** portsForObject: the distinct port numbers, in the order the containers (or the Service) list them. */
export function portsForObject(obj: KubeObject): string[] | Error {
  const ports = portProtocols(obj);
  if (ports instanceof Error) return ports;
  return [...new Set(ports.map(([port]) => port))];
}

/** multiProtocolsForObject: each port number with the protocols declared for it, TCP when unset. */
export function multiProtocolsForObject(obj: KubeObject): Map<string, string[]> | Error {
  const ports = portProtocols(obj);
  if (ports instanceof Error) return ports;
  const result = new Map<string, string[]>();
  for (const [port, protocol] of ports) result.set(port, [...(result.get(port) ?? []), protocol]);
  return result;
}

function portProtocols(obj: KubeObject): [string, string][] | Error {
  switch (kindOf(obj)) {
    case 'Pod':
      return containerPorts(spec<PodSpecLike>(obj));
    case 'Service':
      return (spec<ServiceSpecLike>(obj).ports ?? []).map((p) => [String(p.port), p.protocol || 'TCP']);
    case 'ReplicationController':
    case 'Deployment':
    case 'ReplicaSet':
      return containerPorts(templateSpec(obj));
  }
  return new Error(`cannot extract ports from ${goTypeName(obj)}`);
}

function containerPorts(podSpec: PodSpecLike): [string, string][] {
  return (podSpec.containers ?? []).flatMap((c) => (c.ports ?? []).map((p): [string, string] => [String(p.containerPort ?? 0), p.protocol || 'TCP']));
}

/** `%T` of the typed object kubectl would hold. */
function goTypeName(obj: KubeObject): string {
  const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0] : 'core';
  const version = obj.apiVersion.split('/').at(-1)!;
  return `*${group.split('.')[0]}${version}.${obj.kind}`;
}
