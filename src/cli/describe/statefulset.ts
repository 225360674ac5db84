// kubectl describe statefulset (StatefulSetDescriber in kubectl 1.32's describe.go): replicas and
// update strategy, the pods it controls counted by phase, its pod template, its volume claim
// templates and Events.
import type { PersistentVolumeClaimTemplate, StatefulSet } from '../../api/apps/statefulset/schema.js';
import type { Event } from '../../api/core/event/schema.js';
import type { KubeObject } from '../../api/object.js';
import { labelSelectorAsString } from '../../api/apps/label-selector.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { describePodTemplate } from './pod-template.js';
import {
  formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, printLabelsMultilineWithIndent, showQuantity,
  type DescribeClient, type DescribeOptions,
} from './helpers.js';
import { getPodStatusForController, type PodPhaseCounts } from './replicaset.js';

export function describeStatefulSetObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const sts = obj as unknown as StatefulSet;
  const pods = getPodStatusForController(client, sts.metadata.namespace, sts.spec.selector, sts.metadata.uid);
  const events = opts.showEvents ? searchEvents(client, refFor(sts)) : undefined;
  return describeStatefulSet(sts, events, pods, opts.now);
}

export function describeStatefulSet(sts: StatefulSet, events: Event[] | undefined, pods: PodPhaseCounts, now: number): string {
  const meta = sts.metadata;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(meta.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorAsString(sts.spec.selector) ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Replicas:\t${sts.spec.replicas ?? 0} desired | ${sts.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${sts.spec.updateStrategy?.type ?? ''}\n`);
    const ru = sts.spec.updateStrategy?.rollingUpdate;
    if (ru?.partition !== undefined) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined) w.write(LEVEL_1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${pods.running} Running / ${pods.waiting} Waiting / ${pods.succeeded} Succeeded / ${pods.failed} Failed\n`);
    describePodTemplate(sts.spec.template, w);
    describeVolumeClaimTemplates(sts.spec.volumeClaimTemplates, w);
    if (events) describeEvents(events, w, now);
  });
}

/** storageutil.GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function persistentVolumeClaimClass(claim: PersistentVolumeClaimTemplate): string {
  return claim.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? claim.spec?.storageClassName ?? '';
}

function describeVolumeClaimTemplates(templates: PersistentVolumeClaimTemplate[] | undefined, w: PrefixWriter): void {
  if (!templates?.length) {
    w.write(LEVEL_0, 'Volume Claims:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const claim of templates) {
    w.write(LEVEL_1, `Name:\t${claim.metadata?.name ?? ''}\n`);
    w.write(LEVEL_1, `StorageClass:\t${persistentVolumeClaimClass(claim)}\n`);
    printLabelsMultilineWithIndent(w, '  ', 'Labels', '\t', claim.metadata?.labels);
    printLabelsMultilineWithIndent(w, '  ', 'Annotations', '\t', claim.metadata?.annotations);
    const storage = claim.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${storage !== undefined ? showQuantity(storage) : '<default>'}\n`);
    // Go prints a []PersistentVolumeAccessMode with %s as [A B].
    w.write(LEVEL_1, `Access Modes:\t[${(claim.spec?.accessModes ?? []).join(' ')}]\n`);
  }
}
