// The batch/v1 kinds through the admission chain: decoding, SetObjectDefaults_*, the registry
// strategies of pkg/registry/batch/{job,cronjob}/strategy.go (release-1.32) and validation.
// index.ts registers them; this module only describes them.
import type { KubeObject } from '../../api/object.js';
import type { KindAdmission } from './index.js';
import { Job as JobSchema, type Job } from '../../api/batch/job/schema.js';
import { setObjectDefaultsJob } from '../../api/batch/job/defaults.js';
import {
  ControllerUidLabel, JobNameLabel, LegacyControllerUidLabel, LegacyJobNameLabel, validateJob, validateJobUpdate,
} from '../../api/batch/job/validate.js';
import { CronJob as CronJobSchema, type CronJob } from '../../api/batch/cronjob/schema.js';
import { setObjectDefaultsCronJob } from '../../api/batch/cronjob/defaults.js';
import { validateCronJob, validateCronJobUpdate } from '../../api/batch/cronjob/validate.js';
import { canonicalizeSpec, workloadWarningsOnCreate } from './apps.js';
import { dropDisabledTemplateFields } from './strategy.js';

const asJob = (o: KubeObject) => o as unknown as Job;

/**
 * generateSelector: the job-name and controller-uid labels (new and legacy spellings) on the
 * template, unless the user set them, and a selector on the new controller-uid label.
 */
export function generateSelector(job: Job, uid: string): void {
  const tm = (job.spec.template.metadata ??= {});
  const labels = (tm.labels ??= {});
  for (const key of [LegacyJobNameLabel, JobNameLabel]) if (!(key in labels)) labels[key] = job.metadata.name;
  for (const key of [LegacyControllerUidLabel, ControllerUidLabel]) if (!(key in labels)) labels[key] = uid;
  const selector = (job.spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!(ControllerUidLabel in matchLabels)) matchLabels[ControllerUidLabel] = uid;
}

export const jobAdmission: KindAdmission = {
  qualifiedKind: 'Job.batch',
  schema: JobSchema,
  defaults: (o) => { setObjectDefaultsJob(asJob(o)); },
  prepareForCreate(o, ctx) {
    const job = asJob(o);
    const uid = ctx.uid?.() ?? '';
    o.metadata.uid = uid;
    if (job.spec.manualSelector !== true) generateSelector(job, uid);
    // The stored job read back through SetDefaults_Job gets the template's labels when it has none.
    if (Object.keys(job.metadata.labels ?? {}).length === 0 && job.spec.template.metadata?.labels) {
      job.metadata.labels = { ...job.spec.template.metadata.labels };
    }
    job.status = {};
    dropDisabledTemplateFields(job.spec.template);
  },
  prepareForUpdate(o, old) {
    const job = asJob(o);
    const prev = asJob(old);
    if (prev.status === undefined) delete job.status;
    else job.status = structuredClone(prev.status);
    dropDisabledTemplateFields(job.spec.template);
  },
  validateCreate: (o) => validateJob(asJob(o)),
  validateUpdate: (o, old) => validateJobUpdate(asJob(o), asJob(old)),
  encode: canonicalizeSpec,
  warningsOnCreate: (o) => workloadWarningsOnCreate(o.metadata.name, asJob(o).spec.template),
};

const asCronJob = (o: KubeObject) => o as unknown as CronJob;

export const cronJobAdmission: KindAdmission = {
  qualifiedKind: 'CronJob.batch',
  schema: CronJobSchema,
  defaults: (o) => { setObjectDefaultsCronJob(asCronJob(o)); },
  prepareForCreate(o) {
    const cj = asCronJob(o);
    cj.status = {};
    dropDisabledTemplateFields(cj.spec.jobTemplate.spec.template);
  },
  prepareForUpdate(o, old) {
    const cj = asCronJob(o);
    const prev = asCronJob(old);
    if (prev.status === undefined) delete cj.status;
    else cj.status = structuredClone(prev.status);
    dropDisabledTemplateFields(cj.spec.jobTemplate.spec.template);
  },
  validateCreate: (o) => validateCronJob(asCronJob(o)),
  validateUpdate: (o, old) => validateCronJobUpdate(asCronJob(o), asCronJob(old)),
  encode: canonicalizeSpec,
  warningsOnCreate(o) {
    const cj = asCronJob(o);
    const warnings = workloadWarningsOnCreate(o.metadata.name, cj.spec.jobTemplate.spec.template, 'spec.jobTemplate.spec.template');
    return cj.spec.schedule.includes('TZ') ? [...warnings, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'] : warnings;
  },
};
