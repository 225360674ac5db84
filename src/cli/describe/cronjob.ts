// kubectl describe cronjob (CronJobDescriber in kubectl 1.32's describe.go): the schedule and
// policies, the job template, the last schedule time, the active Jobs and Events.
import type { CronJob } from '../../api/batch/cronjob/schema.js';
import type { Event } from '../../api/core/event/schema.js';
import type { KubeObject } from '../../api/object.js';
import { labelSelectorAsString } from '../../api/apps/label-selector.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { describePodTemplate } from './pod-template.js';
import { formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';

export function describeCronJobObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const cj = obj as unknown as CronJob;
  const events = opts.showEvents ? searchEvents(client, refFor(cj)) : undefined;
  return describeCronJob(cj, events, opts.now);
}

const printBoolPtr = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');
const orUnset = (v: number | undefined, unit = '') => (v === undefined ? '<unset>' : `${v}${unit}`);

export function describeCronJob(cj: CronJob, events: Event[] | undefined, now: number): string {
  const { metadata: meta, spec } = cj;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${meta.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
    w.write(LEVEL_0, `Successful Job History Limit:\t${orUnset(spec.successfulJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Failed Job History Limit:\t${orUnset(spec.failedJobsHistoryLimit)}\n`);
    w.write(LEVEL_0, `Starting Deadline Seconds:\t${orUnset(spec.startingDeadlineSeconds, 's')}\n`);
    // describeJobTemplate
    const js = spec.jobTemplate.spec;
    if (js.selector) {
      const s = labelSelectorAsString(js.selector);
      w.write(LEVEL_0, s === undefined ? 'Selector:\tFailed to get selector\n' : `Selector:\t${s}\n`);
    } else {
      w.write(LEVEL_0, 'Selector:\t<unset>\n');
    }
    w.write(LEVEL_0, `Parallelism:\t${orUnset(js.parallelism)}\n`);
    w.write(LEVEL_0, `Completions:\t${orUnset(js.completions)}\n`);
    if (js.activeDeadlineSeconds !== undefined) w.write(LEVEL_0, `Active Deadline Seconds:\t${js.activeDeadlineSeconds}s\n`);
    describePodTemplate(js.template, w);
    const last = cj.status?.lastScheduleTime;
    w.write(LEVEL_0, `Last Schedule Time:\t${last ? formatRFC1123Z(last) : '<unset>'}\n`);
    const active = cj.status?.active ?? [];
    w.write(LEVEL_0, `Active Jobs:\t${active.length ? active.map((j) => j.name ?? '').join(', ') : '<none>'}\n`);
    if (events) describeEvents(events, w, now);
  });
}
