// kubectl describe replicaset (ReplicaSetDescriber in kubectl 1.32's describe.go): the pods it
// controls counted by phase, its pod template, conditions and Events.
import type { ReplicaSet } from '../../api/apps/replicaset/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { formatLabelSelector, labelSelectorMatches } from '../../api/apps/label-selector.js';
import { LEVEL_0, LEVEL_1, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { describePodTemplate } from './pod-template.js';
import { printAnnotationsMultiline, printController, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';
import type { Event } from '../../api/core/event/schema.js';

export interface PodPhaseCounts {
  running: number;
  waiting: number;
  succeeded: number;
  failed: number;
}

/**
 * getPodStatusForController: the pods the selector matches whose controller is `uid`, counted by
 * phase (Pending counts as waiting).
 */
export function getPodStatusForController(client: DescribeClient, namespace: string | undefined,
  selector: ReplicaSet['spec']['selector'], uid: string | undefined): PodPhaseCounts {
  const counts = { running: 0, waiting: 0, succeeded: 0, failed: 0 };
  for (const pod of client.list<Pod>('pods', { namespace })) {
    if (!labelSelectorMatches(selector, pod.metadata.labels)) continue;
    const ref = pod.metadata.ownerReferences?.find((r) => r.controller === true);
    if (!ref || ref.uid !== uid) continue;
    switch (pod.status?.phase) {
      case 'Running': counts.running++; break;
      case 'Pending': counts.waiting++; break;
      case 'Succeeded': counts.succeeded++; break;
      case 'Failed': counts.failed++; break;
    }
  }
  return counts;
}

export function describeReplicaSetObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const rs = obj as unknown as ReplicaSet;
  const pods = getPodStatusForController(client, rs.metadata.namespace, rs.spec.selector, rs.metadata.uid);
  const events = opts.showEvents ? searchEvents(client, refFor(rs)) : undefined;
  return describeReplicaSet(rs, events, pods, opts.now);
}

export function describeReplicaSet(rs: ReplicaSet, events: Event[] | undefined, pods: PodPhaseCounts, now: number): string {
  const meta = rs.metadata;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(rs.spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    const controlledBy = printController(rs as unknown as KubeObject);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${pods.running} Running / ${pods.waiting} Waiting / ${pods.succeeded} Succeeded / ${pods.failed} Failed\n`);
    describePodTemplate(rs.spec.template ?? { spec: { containers: [] } }, w);
    describeConditions(rs.status?.conditions, w);
    if (events) describeEvents(events, w, now);
  });
}

/** The Type/Status/Reason table the workload describers share. */
export function describeConditions(conditions: readonly { type: string; status: string; reason?: string }[] | undefined, w: PrefixWriter): void {
  if (!conditions?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
}
