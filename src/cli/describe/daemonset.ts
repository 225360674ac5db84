// kubectl describe daemonset (DaemonSetDescriber in kubectl 1.32's describe.go): the scheduling
// counts from status, the pods it controls counted by phase, its pod template and Events.
import type { DaemonSet } from '../../api/apps/daemonset/schema.js';
import type { Event } from '../../api/core/event/schema.js';
import type { KubeObject } from '../../api/object.js';
import { labelSelectorAsString } from '../../api/apps/label-selector.js';
import { formatLabels } from '../../api/table.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { describePodTemplate } from './pod-template.js';
import { printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';
import { getPodStatusForController, type PodPhaseCounts } from './replicaset.js';

export function describeDaemonSetObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const ds = obj as unknown as DaemonSet;
  const pods = getPodStatusForController(client, ds.metadata.namespace, ds.spec.selector, ds.metadata.uid);
  const events = opts.showEvents ? searchEvents(client, refFor(ds)) : undefined;
  return describeDaemonSet(ds, events, pods, opts.now);
}

export function describeDaemonSet(ds: DaemonSet, events: Event[] | undefined, pods: PodPhaseCounts, now: number): string {
  const meta = ds.metadata;
  const s = ds.status;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorAsString(ds.spec.selector) ?? ''}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(ds.spec.template.spec.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${pods.running} Running / ${pods.waiting} Waiting / ${pods.succeeded} Succeeded / ${pods.failed} Failed\n`);
    describePodTemplate(ds.spec.template, w);
    if (events) describeEvents(events, w, now);
  });
}
