// kubectl describe job (JobDescriber in kubectl 1.32's describe.go): the spec's counts and
// limits, start and completion times, pod statuses, the pod template and Events.
import type { Job } from '../../api/batch/job/schema.js';
import type { Event } from '../../api/core/event/schema.js';
import type { KubeObject } from '../../api/object.js';
import { labelSelectorAsString } from '../../api/apps/label-selector.js';
import { humanDuration, parseTimestamp } from '../../api/duration.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { describePodTemplate } from './pod-template.js';
import { formatRFC1123Z, printAnnotationsMultiline, printController, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';

export function describeJobObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const job = obj as unknown as Job;
  const events = opts.showEvents ? searchEvents(client, refFor(job)) : undefined;
  return describeJob(job, events, opts.now);
}

/** capIndexesListOrNone: the interval list cut after the first comma past softLimit characters. */
export function capIndexesListOrNone(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  return ix >= indexes.length ? indexes : `${indexes.slice(0, ix + 1)}...`;
}

export function describeJob(job: Job, events: Event[] | undefined, now: number): string {
  const { metadata: meta, spec } = job;
  const status = job.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    const selector = labelSelectorAsString(spec.selector);
    w.write(LEVEL_0, selector === undefined ? 'Selector:\tFailed to get selector\n' : `Selector:\t${selector}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    const controlledBy = printController(job as unknown as KubeObject);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (spec.parallelism !== undefined) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
    if (spec.completionMode !== undefined) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (spec.suspend !== undefined) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (spec.backoffLimit !== undefined) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (spec.ttlSecondsAfterFinished !== undefined) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    if (status.completionTime) w.write(LEVEL_0, `Completed At:\t${formatRFC1123Z(status.completionTime)}\n`);
    const start = parseTimestamp(status.startTime);
    const end = parseTimestamp(status.completionTime);
    if (start !== undefined && end !== undefined) w.write(LEVEL_0, `Duration:\t${humanDuration(end - start)}\n`);
    if (spec.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    const counts = `${status.succeeded ?? 0} Succeeded / ${status.failed ?? 0} Failed`;
    w.write(LEVEL_0, status.ready === undefined
      ? `Pods Statuses:\t${status.active ?? 0} Active / ${counts}\n`
      : `Pods Statuses:\t${status.active ?? 0} Active (${status.ready} Ready) / ${counts}\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexesListOrNone(status.completedIndexes, 50)}\n`);
    describePodTemplate(spec.template, w);
    if (events) describeEvents(events, w, now);
  });
}
