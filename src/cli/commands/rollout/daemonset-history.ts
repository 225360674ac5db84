// A DaemonSet's rollout history as kubectl 1.32's polymorphichelpers read it: the
// ControllerRevisions it controls (history.go's daemonSetHistory), each revision's template from
// its patch (applyDaemonSetHistory), and DaemonSetRollbacker's undo, which sends the revision's
// patch back to the DaemonSet.
import type { ControllerRevision } from '../../../api/apps/controllerrevision/schema.js';
import type { DaemonSet } from '../../../api/apps/daemonset/schema.js';
import type { PodTemplateSpec } from '../../../api/core/pod/schema.js';
import type { KubeObject } from '../../../api/object.js';
import type { Api } from '../../../apiserver/api.js';
import { ApiError } from '../../../apiserver/errors.js';
import { labelSelectorMatches } from '../../../api/apps/label-selector.js';
import { getPatch } from '../../../controllers/daemonset/history.js';

type Client = Pick<Api, 'get' | 'tryGet' | 'list'>;

/** daemonSetHistory: the DaemonSet and the revisions it controls. */
export function daemonSetHistory(client: Client, namespace: string | undefined, name: string): { ds: DaemonSet; history: ControllerRevision[] } {
  let ds: DaemonSet;
  try {
    ds = client.get<KubeObject>('daemonsets.apps', namespace, name) as unknown as DaemonSet;
  } catch (e) {
    if (e instanceof ApiError) throw new Error(`failed to retrieve DaemonSet ${name}: ${e.status.message}`);
    throw e;
  }
  const history = (client.list<KubeObject>('controllerrevisions.apps', { namespace: ds.metadata.namespace }) as unknown as ControllerRevision[])
    .filter((h) => labelSelectorMatches(ds.spec.selector, h.metadata.labels)
      && h.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === ds.metadata.uid));
  return { ds, history };
}

/** applyDaemonSetHistory's template: the revision's patch replaces the template whole. */
export function revisionTemplate(history: ControllerRevision): PodTemplateSpec {
  const spec = history.data?.spec as { template?: Record<string, unknown> } | undefined;
  const { $patch: _replace, ...template } = structuredClone(spec?.template ?? {});
  return template as unknown as PodTemplateSpec;
}

/** The revisions by number, each with its template and the change-cause its annotations carry. */
export function daemonSetTemplates(client: Client, namespace: string | undefined, name: string): Map<number, PodTemplateSpec> {
  const out = new Map<number, PodTemplateSpec>();
  for (const h of daemonSetHistory(client, namespace, name).history) {
    const template = revisionTemplate(h);
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

/** daemonSetMatch: the DaemonSet's template is the revision's. */
export function daemonSetMatch(ds: DaemonSet, history: ControllerRevision): boolean {
  return JSON.stringify(getPatch(ds)) === JSON.stringify(history.data ?? null);
}
