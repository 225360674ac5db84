// What the DaemonSet controller decides per node and per pod (pkg/controller/daemon/util and
// daemon_controller.go's NodeShouldRunDaemonPod, release-1.32): the tolerations every daemon pod
// gets, the node affinity that pins it to its node for the default scheduler, whether a node
// should run the daemon, and whether a pod is of the current template.
import type { DaemonSet } from '../../api/apps/daemonset/schema.js';
import type { Node } from '../../api/core/node/schema.js';
import type { Affinity, Pod, PodTemplateSpec, Toleration } from '../../api/core/pod/schema.js';
import { deepEqual } from '../../api/semantic-equal.js';
import { requiredNodeAffinity } from '../../scheduler/node-affinity.js';
import { findMatchingUntoleratedTaint } from '../../scheduler/taints.js';

/** The pod and revision label of the current template's hash (apps.DefaultDaemonSetUniqueLabelKey). */
export const DefaultDaemonSetUniqueLabelKey = 'controller-revision-hash';
/** The pod label of the template generation (extensions.DaemonSetTemplateGenerationKey). */
export const DaemonSetTemplateGenerationKey = 'pod-template-generation';
/** Where apps/v1 keeps spec.templateGeneration. */
export const DeprecatedTemplateGeneration = 'deprecated.daemonset.template.generation';

/** util.AddOrUpdateDaemonPodTolerations: daemons survive node conditions and cordons. */
export function addOrUpdateDaemonPodTolerations(spec: PodTemplateSpec['spec']): void {
  const t = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });
  const wanted = [
    t('node.kubernetes.io/not-ready', 'NoExecute'),
    t('node.kubernetes.io/unreachable', 'NoExecute'),
    t('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    t('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    t('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    t('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  if (spec.hostNetwork) wanted.push(t('node.kubernetes.io/network-unavailable', 'NoSchedule'));
  for (const toleration of wanted) addOrUpdateTolerationInPodSpec(spec, toleration);
}

/**
 * v1helper.AddOrUpdateTolerationInPodSpec: a toleration with the same key, operator, value and
 * effect (MatchToleration) is replaced, unless it is already identical; otherwise it is appended.
 */
function addOrUpdateTolerationInPodSpec(spec: PodTemplateSpec['spec'], toleration: Toleration): void {
  const list = spec.tolerations ?? [];
  const same = (a: Toleration) => (a.key ?? '') === (toleration.key ?? '') && (a.operator ?? '') === (toleration.operator ?? '')
    && (a.value ?? '') === (toleration.value ?? '') && (a.effect ?? '') === (toleration.effect ?? '');
  const i = list.findIndex(same);
  if (i >= 0) {
    if (deepEqual(list[i], toleration)) return;
    spec.tolerations = list.map((t, j) => (j === i ? toleration : t));
    return;
  }
  spec.tolerations = [...list, toleration];
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes this node's name alone. */
export function replaceDaemonSetPodNodeNameNodeAffinity(affinity: Affinity | undefined, nodeName: string): Affinity {
  const selector = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
  if (!affinity) return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  if (!affinity.nodeAffinity) return { ...affinity, nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: selector } };
  return { ...affinity, nodeAffinity: { ...affinity.nodeAffinity, requiredDuringSchedulingIgnoredDuringExecution: selector } };
}

/** util.GetTemplateGeneration: the generation annotation as a number, undefined when absent or unparsable. */
export function getTemplateGeneration(ds: DaemonSet): number | undefined {
  const v = ds.metadata.annotations?.[DeprecatedTemplateGeneration];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return parseInt(v, 10);
}

/** util.CreatePodTemplate: the template with the daemon tolerations and the generation and hash labels. */
export function createPodTemplate(template: PodTemplateSpec, generation: number | undefined, hash: string): PodTemplateSpec {
  const t = structuredClone(template);
  addOrUpdateDaemonPodTolerations(t.spec);
  const labels = { ...(t.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[DaemonSetTemplateGenerationKey] = String(generation);
  if (hash) labels[DefaultDaemonSetUniqueLabelKey] = hash;
  t.metadata = { ...t.metadata, labels };
  return t;
}

/** util.IsPodUpdated: the pod carries the current hash, or the current template generation. */
export function isPodUpdated(pod: Pod, hash: string, generation: number | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  const templateMatches = generation !== undefined && labels[DaemonSetTemplateGenerationKey] === String(generation);
  const hashMatches = hash.length > 0 && labels[DefaultDaemonSetUniqueLabelKey] === hash;
  return hashMatches || templateMatches;
}

/** util.GetTargetNodeName: spec.nodeName, or the node the daemon affinity pins an unscheduled pod to. */
export function getTargetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const req of term.matchFields ?? []) {
      if (req.key === 'metadata.name' && req.operator === 'In' && req.values?.length === 1) return req.values[0];
    }
  }
  return undefined;
}

/** NewPod: the pod the DaemonSet would run on a node, as the predicates see it. */
export function newPod(ds: DaemonSet, nodeName: string): Pod {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: structuredClone(ds.spec.template.metadata ?? {}), spec: structuredClone(ds.spec.template.spec) } as Pod;
  pod.metadata.namespace = ds.metadata.namespace;
  pod.spec.nodeName = nodeName;
  addOrUpdateDaemonPodTolerations(pod.spec);
  return pod;
}

/** predicates: the pod's node name, its required node affinity and the NoSchedule/NoExecute taints. */
function predicates(pod: Pod, node: Node): { fitsNodeName: boolean; fitsNodeAffinity: boolean; fitsTaints: boolean } {
  const fitsNodeName = !pod.spec.nodeName || pod.spec.nodeName === node.metadata.name;
  const fitsNodeAffinity = requiredNodeAffinity(pod)(node);
  const fitsTaints = !findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations,
    (t) => t.effect === 'NoExecute' || t.effect === 'NoSchedule');
  return { fitsNodeName, fitsNodeAffinity, fitsTaints };
}

/**
 * NodeShouldRunDaemonPod: whether a daemon pod should be created on the node, and whether one
 * already there may keep running (it may while it tolerates the node's NoExecute taints).
 */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const pod = newPod(ds, node.metadata.name);
  const templateNode = ds.spec.template.spec.nodeName;
  if (templateNode && templateNode !== node.metadata.name) return { shouldRun: false, shouldContinueRunning: false };
  const { fitsNodeName, fitsNodeAffinity, fitsTaints } = predicates(pod, node);
  if (!fitsNodeName || !fitsNodeAffinity) return { shouldRun: false, shouldContinueRunning: false };
  if (!fitsTaints) {
    const untolerated = findMatchingUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, (t) => t.effect === 'NoExecute');
    return { shouldRun: false, shouldContinueRunning: !untolerated };
  }
  return { shouldRun: true, shouldContinueRunning: true };
}

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name. */
export function comparePodsByCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const sa = !!a.spec.nodeName;
  const sb = !!b.spec.nodeName;
  if (sa !== sb) return sa ? -1 : 1;
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0;
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0;
  if (ta === tb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return ta - tb;
}
