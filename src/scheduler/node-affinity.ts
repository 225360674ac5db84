// Node selectors and node affinity (k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
// Shared by the scheduler, the kubelet's admission and the DaemonSet controller. A term that
// cannot be parsed matches nothing, and the other terms still count (upstream's lazy errors).
import type { Node } from '../api/core/node/schema.js';
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod } from '../api/core/pod/schema.js';

type Labels = Readonly<Record<string, string>>;

const INT64 = /^[+-]?[0-9]+$/;
const parseInt64 = (s: string): bigint | undefined => {
  if (!INT64.test(s)) return undefined;
  const v = BigInt(s);
  return v > 9223372036854775807n || v < -9223372036854775808n ? undefined : v;
};

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validateLabelKey: an optional DNS-subdomain prefix (≤253) and a name (≤63). */
function isValidLabelKey(key: string): boolean {
  const m = QUALIFIED_NAME.exec(key);
  if (!m) return false;
  const slash = key.indexOf('/');
  return (slash < 0 || slash <= 253) && m[5].length <= 63;
}

const isValidLabelValue = (v: string) => v.length <= 63 && LABEL_VALUE.test(v);

/** One requirement as a label selector requirement (labels.NewRequirement); undefined when it's malformed. */
function labelRequirement(r: NodeSelectorRequirement): ((labels: Labels) => boolean) | undefined {
  const values = r.values ?? [];
  if (!isValidLabelKey(r.key) || !values.every(isValidLabelValue)) return undefined;
  const has = (l: Labels) => Object.prototype.hasOwnProperty.call(l, r.key);
  switch (r.operator) {
    case 'In':
      if (values.length === 0) return undefined;
      return (l) => has(l) && values.includes(l[r.key]);
    case 'NotIn':
      if (values.length === 0) return undefined;
      return (l) => !has(l) || !values.includes(l[r.key]);
    case 'Exists':
      if (values.length !== 0) return undefined;
      return (l) => has(l);
    case 'DoesNotExist':
      if (values.length !== 0) return undefined;
      return (l) => !has(l);
    case 'Gt':
    case 'Lt': {
      if (values.length !== 1) return undefined;
      const want = parseInt64(values[0]);
      if (want === undefined) return undefined;
      return (l) => {
        if (!has(l)) return false;
        const got = parseInt64(l[r.key]);
        if (got === undefined) return false;
        return r.operator === 'Gt' ? got > want : got < want;
      };
    }
    default:
      return undefined;
  }
}

/** A matchFields requirement: only In/NotIn with exactly one value (metadata.name). */
function fieldRequirement(r: NodeSelectorRequirement): ((fields: Labels) => boolean) | undefined {
  const values = r.values ?? [];
  if (values.length !== 1) return undefined;
  if (r.operator === 'In') return (f) => (f[r.key] ?? '') === values[0];
  if (r.operator === 'NotIn') return (f) => (f[r.key] ?? '') !== values[0];
  return undefined;
}

const isEmptyTerm = (t: NodeSelectorTerm) => (t.matchExpressions ?? []).length === 0 && (t.matchFields ?? []).length === 0;

export type NodeMatcher = (node: Node) => boolean;

/** A parsed term: all its expressions and fields must match. Malformed terms match no node. */
function compileTerm(term: NodeSelectorTerm): NodeMatcher {
  const labels = (term.matchExpressions ?? []).map(labelRequirement);
  const fields = (term.matchFields ?? []).map(fieldRequirement);
  if (labels.some((m) => !m) || fields.some((m) => !m)) return () => false;
  return (node) => {
    const nodeLabels = node.metadata.labels ?? {};
    const nodeFields = { 'metadata.name': node.metadata.name };
    return labels.every((m) => m!(nodeLabels)) && fields.every((m) => m!(nodeFields));
  };
}

/** NodeSelector (ORed terms); a null or empty term selects nothing. */
export function compileNodeSelector(terms: readonly NodeSelectorTerm[]): NodeMatcher {
  const compiled = terms.filter((t) => !isEmptyTerm(t)).map(compileTerm);
  return (node) => compiled.some((m) => m(node));
}

/** Whether the node matches a single term (as `preferredDuringScheduling` terms are scored). */
export const nodeMatchesTerm = (node: Node, term: NodeSelectorTerm): boolean => !isEmptyTerm(term) && compileTerm(term)(node);

/** GetRequiredNodeAffinity(pod).Match: spec.nodeSelector AND requiredDuringScheduling terms. */
export function requiredNodeAffinity(pod: Pod): NodeMatcher {
  const selector = pod.spec.nodeSelector;
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const terms = required ? compileNodeSelector(required.nodeSelectorTerms) : undefined;
  return (node) => {
    if (selector && Object.keys(selector).length > 0) {
      const labels = node.metadata.labels ?? {};
      for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
    }
    return terms ? terms(node) : true;
  };
}

export interface PreferredSchedulingTerms {
  /** Sum of the weights of the terms this node matches. */
  score(node: Node): number;
}

/** NewPreferredSchedulingTerms: zero-weight and empty terms are dropped. */
export function preferredSchedulingTerms(terms: ReadonlyArray<{ weight: number; preference: NodeSelectorTerm }>): PreferredSchedulingTerms {
  const compiled = terms
    .filter((t) => t.weight !== 0 && !isEmptyTerm(t.preference))
    .map((t) => ({ weight: t.weight, match: compileTerm(t.preference) }));
  return { score: (node) => compiled.reduce((s, t) => (t.match(node) ? s + t.weight : s), 0) };
}
