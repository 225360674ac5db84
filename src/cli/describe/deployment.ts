// kubectl describe deployment (DeploymentDescriber in kubectl 1.32's describe.go): replica counts,
// strategy, pod template, conditions, the old and new ReplicaSets (kubectl's
// deploymentutil.GetAllReplicaSetsInChunks) and Events.
import type { Deployment } from '../../api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { Event } from '../../api/core/event/schema.js';
import type { PodTemplateSpec } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { labelSelectorAsString, labelSelectorMatches } from '../../api/apps/label-selector.js';
import { deepEqual } from '../../api/semantic-equal.js';
import { parseTimestamp } from '../../api/duration.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { goSort } from '../printers/go-sort.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { describePodTemplate } from './pod-template.js';
import { describeConditions } from './replicaset.js';
import { formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';

/** appsv1.DefaultDeploymentUniqueLabelKey. */
const POD_TEMPLATE_HASH = 'pod-template-hash';

export function describeDeploymentObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const d = obj as unknown as Deployment;
  const events = opts.showEvents ? searchEvents(client, refFor(d)) : undefined;
  const { allOld, newRS } = getAllReplicaSets(d, client);
  return describeDeployment(d, allOld, newRS ? [newRS] : [], events, opts.now);
}

/**
 * deploymentutil.GetAllReplicaSetsInChunks as the describer uses it: the ReplicaSets the
 * Deployment controls, the new one (the oldest whose template equals the Deployment's, ignoring
 * pod-template-hash) and every other, in creation order.
 */
export function getAllReplicaSets(d: Deployment, client: DescribeClient): { allOld: ReplicaSet[]; newRS: ReplicaSet | undefined } {
  // listReplicaSets: by the Deployment's selector, then only those it controls.
  const owned = client.list<KubeObject>('replicasets.apps', { namespace: d.metadata.namespace })
    .map((o) => o as unknown as ReplicaSet)
    .filter((rs) => labelSelectorMatches(d.spec.selector, rs.metadata.labels))
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.controller === true && r.uid === d.metadata.uid));
  const byCreation = goSort(owned, (a, b) => {
    const ta = parseTimestamp(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTimestamp(b.metadata.creationTimestamp) ?? 0;
    return ta === tb ? a.metadata.name < b.metadata.name : ta < tb;
  });
  const newRS = byCreation.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
  const allOld = byCreation.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
  return { allOld, newRS };
}

/** EqualIgnoreHash: templates equal once pod-template-hash is removed from their labels. */
function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    if (!t) return t;
    const labels = { ...t.metadata?.labels };
    delete labels[POD_TEMPLATE_HASH];
    return { ...t, metadata: { ...t.metadata, labels } };
  };
  return deepEqual(strip(a), strip(b));
}

/** IntOrString.String(). */
function intOrString(v: number | string | undefined): string {
  return typeof v === 'string' ? v : String(v ?? 0);
}

export function describeDeployment(d: Deployment, oldRSs: ReplicaSet[], newRSs: ReplicaSet[], events: Event[] | undefined,
  now: number): string {
  const meta = d.metadata;
  const spec = d.spec;
  const status = d.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Selector:\t${labelSelectorAsString(spec.selector) ?? ''}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | `
      + `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) {
      w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    }
    describePodTemplate(spec.template, w);
    describeConditions(status.conditions, w);
    if (oldRSs.length > 0 || newRSs.length > 0) {
      w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSetsByLabels(newRSs)}\n`);
    }
    if (events) describeEvents(events, w, now);
  });
}

/** printReplicaSetsByLabels: `name (current/desired replicas created)`, comma-separated, or `<none>`. */
function printReplicaSetsByLabels(rss: ReplicaSet[]): string {
  const list = rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ');
  return list || '<none>';
}
