// Small builders for scheduler tests, after pkg/scheduler/testing (st.MakePod(), st.MakeNode()).
import type { Node, Taint } from '../../api/core/node/schema.js';
import type { Affinity, Container, NodeSelectorRequirement, Pod, Toleration } from '../../api/core/pod/schema.js';

type Quantities = Record<string, string>;

export class PodWrapper {
  readonly pod: Pod;
  private n = 0;

  constructor(name = 'pod', namespace = 'default') {
    this.pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `uid-${namespace}-${name}` }, spec: { containers: [] } };
  }

  uid(uid: string): this { this.pod.metadata.uid = uid; return this; }
  namespace(ns: string): this { this.pod.metadata.namespace = ns; return this; }
  node(name: string): this { this.pod.spec.nodeName = name; return this; }
  priority(p: number): this { this.pod.spec.priority = p; return this; }
  phase(phase: string): this { this.pod.status = { ...this.pod.status, phase }; return this; }
  startTime(t: string): this { this.pod.status = { ...this.pod.status, startTime: t }; return this; }
  nominatedNodeName(n: string): this { this.pod.status = { ...this.pod.status, nominatedNodeName: n }; return this; }
  schedulerName(n: string): this { this.pod.spec.schedulerName = n; return this; }
  created(t: string): this { this.pod.metadata.creationTimestamp = t; return this; }
  terminating(t = '2024-01-01T00:00:00Z'): this { this.pod.metadata.deletionTimestamp = t; return this; }
  preemptionPolicy(p: string): this { this.pod.spec.preemptionPolicy = p; return this; }
  label(k: string, v: string): this { this.pod.metadata.labels = { ...this.pod.metadata.labels, [k]: v }; return this; }

  /** A container with these requests (st.MakePod().Req). */
  req(requests: Quantities, extra: Partial<Container> = {}): this {
    this.pod.spec.containers.push({ name: `c${this.n++}`, image: 'pause', resources: { requests }, ...extra });
    return this;
  }

  /** A container without resources. */
  container(image = 'pause', extra: Partial<Container> = {}): this {
    this.pod.spec.containers.push({ name: `c${this.n++}`, image, ...extra });
    return this;
  }

  initReq(requests: Quantities, extra: Partial<Container> = {}): this {
    (this.pod.spec.initContainers ??= []).push({ name: `i${this.n++}`, image: 'pause', resources: { requests }, ...extra });
    return this;
  }

  sidecarReq(requests: Quantities): this {
    return this.initReq(requests, { restartPolicy: 'Always' });
  }

  overhead(o: Quantities): this { this.pod.spec.overhead = o; return this; }
  tolerations(...t: Toleration[]): this { this.pod.spec.tolerations = t; return this; }
  nodeSelector(s: Record<string, string>): this { this.pod.spec.nodeSelector = s; return this; }
  affinity(a: Affinity): this { this.pod.spec.affinity = a; return this; }

  /** Required node affinity with one term per argument. */
  nodeAffinityTerms(...terms: Array<{ matchExpressions?: NodeSelectorRequirement[]; matchFields?: NodeSelectorRequirement[] }>): this {
    this.pod.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } };
    return this;
  }

  hostPort(hostPort: number, protocol?: string, hostIP?: string): this {
    const c = this.pod.spec.containers[0] ?? (this.container(), this.pod.spec.containers[0]);
    (c.ports ??= []).push({ containerPort: hostPort, hostPort, protocol, hostIP });
    return this;
  }

  obj(): Pod { return structuredClone(this.pod); }
}

export class NodeWrapper {
  readonly node: Node;

  constructor(name = 'node') {
    this.node = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, spec: {}, status: {} };
  }

  /** Capacity and allocatable alike (st.MakeNode().Capacity). */
  capacity(c: Quantities): this {
    this.node.status = { ...this.node.status, capacity: { ...c }, allocatable: { ...c } };
    return this;
  }

  label(k: string, v: string): this { this.node.metadata.labels = { ...this.node.metadata.labels, [k]: v }; return this; }
  taints(...t: Taint[]): this { this.node.spec = { ...this.node.spec, taints: t }; return this; }
  unschedulable(u = true): this { this.node.spec = { ...this.node.spec, unschedulable: u }; return this; }
  images(images: Record<string, number>): this {
    this.node.status = { ...this.node.status, images: Object.entries(images).map(([n, size]) => ({ names: [n], sizeBytes: size })) };
    return this;
  }

  obj(): Node { return structuredClone(this.node); }
}

export const makePod = (name?: string, namespace?: string) => new PodWrapper(name, namespace);
export const makeNode = (name?: string) => new NodeWrapper(name);
