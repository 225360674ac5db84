// The rollout history of the kinds that keep it in ControllerRevisions — DaemonSets and
// StatefulSets — as kubectl 1.32's polymorphichelpers read it: the revisions the object controls
// (history.go's daemonSetHistory / statefulSetHistory), each revision's template from its patch
// (applyDaemonSetHistory / applyStatefulSetHistory), and the Rollbackers' undo, which sends the
// revision's patch back to the object.
import type { ControllerRevision } from '../../../api/apps/controllerrevision/schema.js';
import type { PodTemplateSpec } from '../../../api/core/pod/schema.js';
import type { LabelSelector } from '../../../api/meta/schema.js';
import type { KubeObject } from '../../../api/object.js';
import type { Api } from '../../../apiserver/api.js';
import { ApiError } from '../../../apiserver/errors.js';
import { labelSelectorMatches } from '../../../api/apps/label-selector.js';
import { matchRevision } from '../../../controllers/history.js';

type Client = Pick<Api, 'get' | 'tryGet' | 'list'>;

interface RevisionParent extends KubeObject {
  metadata: KubeObject['metadata'] & { name: string };
  spec: { selector?: LabelSelector; template: PodTemplateSpec };
}

/** The kinds whose history is ControllerRevisions, and how their history errors name them. */
const PARENTS: Record<string, { resource: string; named: string }> = {
  DaemonSet: { resource: 'daemonsets.apps', named: 'DaemonSet' },
  StatefulSet: { resource: 'statefulsets.apps', named: 'Statefulset' },
};

/** Whether the kind (of group apps) keeps its history in ControllerRevisions. */
export const hasRevisionHistory = (group: string, kind: string) => group === 'apps' && kind in PARENTS;

/** daemonSetHistory / statefulSetHistory: the object and the revisions it controls. */
export function revisionHistory(client: Client, kind: string, namespace: string | undefined, name: string): { parent: RevisionParent; history: ControllerRevision[] } {
  const { resource, named } = PARENTS[kind];
  let parent: RevisionParent;
  try {
    parent = client.get<KubeObject>(resource, namespace, name) as RevisionParent;
  } catch (e) {
    if (e instanceof ApiError) throw new Error(`failed to retrieve ${named} ${name}: ${e.status.message}`);
    throw e;
  }
  const history = (client.list<KubeObject>('controllerrevisions.apps', { namespace: parent.metadata.namespace }) as unknown as ControllerRevision[])
    .filter((h) => labelSelectorMatches(parent.spec.selector, h.metadata.labels)
      && h.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === parent.metadata.uid));
  return { parent, history };
}

/** The template a revision's patch restores: it replaces the template whole. */
export function revisionTemplate(history: ControllerRevision): PodTemplateSpec {
  const spec = history.data?.spec as { template?: Record<string, unknown> } | undefined;
  const { $patch: _replace, ...template } = structuredClone(spec?.template ?? {});
  return template as unknown as PodTemplateSpec;
}

/** applyDaemonSetHistory / applyStatefulSetHistory: the object as that revision left it (what -o prints). */
export function applyRevision(parent: RevisionParent, history: ControllerRevision): KubeObject {
  return { ...structuredClone(parent), spec: { ...structuredClone(parent.spec), template: revisionTemplate(history) } } as KubeObject;
}

/**
 * The revisions by number, each with its template; for the history table, with the change-cause
 * the revision's annotations carry.
 */
export function revisionTemplates(client: Client, kind: string, namespace: string | undefined, name: string, withChangeCause: boolean): Map<number, PodTemplateSpec> {
  const out = new Map<number, PodTemplateSpec>();
  for (const h of revisionHistory(client, kind, namespace, name).history) {
    const template = revisionTemplate(h);
    if (!withChangeCause) {
      out.set(h.revision, template);
      continue;
    }
    const cause = h.metadata.annotations?.['kubernetes.io/change-cause'];
    // historyTable reads the change-cause from the template's annotations.
    template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations } };
    if (cause) template.metadata.annotations!['kubernetes.io/change-cause'] = cause;
    else delete template.metadata.annotations!['kubernetes.io/change-cause'];
    out.set(h.revision, template);
  }
  return out;
}

/** findHistory: the revision asked for, or for 0 the one before the latest. */
export function findHistory(toRevision: number, all: ControllerRevision[]): ControllerRevision | undefined {
  if (toRevision === 0) {
    if (all.length <= 1) return undefined;
    return [...all].sort((a, b) => a.revision - b.revision)[all.length - 2];
  }
  return all.find((h) => h.revision === toRevision);
}

/** daemonSetMatch / statefulsetMatch: the object's template is the revision's. */
export function revisionMatches(parent: RevisionParent, history: ControllerRevision): boolean {
  return matchRevision(parent, history);
}
