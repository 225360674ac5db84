// CronJob validation: ValidateCronJobCreate / ValidateCronJobUpdate of
// pkg/apis/batch/validation/validation.go (release-1.32).
import type { CronJob } from './schema.js';
import { type ErrorList, FieldPath, invalid, notSupported, required } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { goLabelSelector } from '../../apps/validation.js';
import { validateJobSpecFields } from '../job/validate.js';
import { isKnownTimeZone, scheduleError } from './schedule.js';

/** ValidateJobTemplateSpec: the job spec, without a selector (the Job gets a generated one). */
function validateJobTemplateSpec(spec: CronJob['spec']['jobTemplate'], path: FieldPath): ErrorList {
  const errs = validateJobSpecFields(spec.spec, path.child('spec'));
  if (spec.spec.selector) errs.push(invalid(path.child('spec', 'selector'), goLabelSelector(spec.spec.selector), '`selector` will be auto-generated'));
  if (spec.spec.manualSelector === true) errs.push(notSupported(path.child('spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateScheduleFormat(schedule: string, allowTZInSchedule: boolean, timeZone: string | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const err = scheduleError(schedule);
  if (err !== undefined) errs.push(invalid(path, schedule, err));
  if (allowTZInSchedule && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZInSchedule && schedule.includes('TZ')) {
    errs.push(invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

const validTimeZoneCharacters = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone: an explicit IANA name. */
function validateTimeZone(timeZone: string | undefined, path: FieldPath): ErrorList {
  if (timeZone === undefined) return [];
  if (timeZone.length === 0) return [invalid(path, timeZone, 'timeZone must be nil or non-empty string')];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !validTimeZoneCharacters.test(part)) {
      return [invalid(path, timeZone, `unknown time zone ${timeZone}`)];
    }
  }
  const errs: ErrorList = [];
  if (timeZone.toLowerCase() === 'local') errs.push(invalid(path, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (!isKnownTimeZone(timeZone)) errs.push(invalid(path, timeZone, `unknown time zone ${timeZone}`));
  return errs;
}

function validateCronJobSpec(spec: CronJob['spec'], old: CronJob['spec'] | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!spec.schedule) errs.push(required(path.child('schedule')));
  else errs.push(...validateScheduleFormat(spec.schedule, old ? old.schedule.includes('TZ') : false, spec.timeZone, path.child('schedule')));
  if (spec.startingDeadlineSeconds !== undefined) errs.push(...validateNonnegativeField(spec.startingDeadlineSeconds, path.child('startingDeadlineSeconds')));
  if (!old || old.timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone, path.child('timeZone')));
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') errs.push(required(path.child('concurrencyPolicy')));
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) errs.push(notSupported(path.child('concurrencyPolicy'), policy, ['Allow', 'Forbid', 'Replace']));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, path.child('jobTemplate')));
  if (spec.successfulJobsHistoryLimit !== undefined) errs.push(...validateNonnegativeField(spec.successfulJobsHistoryLimit, path.child('successfulJobsHistoryLimit')));
  if (spec.failedJobsHistoryLimit !== undefined) errs.push(...validateNonnegativeField(spec.failedJobsHistoryLimit, path.child('failedJobsHistoryLimit')));
  return errs;
}

/** ValidateCronJobCreate: the spec, and a name that leaves room for the `-<minutes>` suffix of its jobs. */
export function validateCronJob(cj: CronJob): ErrorList {
  const errs = validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateCronJobSpec(cj.spec, undefined, FieldPath.of('spec')));
  if (cj.metadata.name.length > 63 - 11) errs.push(invalid(FieldPath.of('metadata', 'name'), cj.metadata.name, 'must be no more than 52 characters'));
  return errs;
}

/** ValidateCronJobUpdate: no name length limit, so that old cronjobs can still be changed. */
export function validateCronJobUpdate(cj: CronJob, old: CronJob): ErrorList {
  const errs = validateObjectMetaUpdate(cj.metadata, old.metadata, FieldPath.of('metadata'));
  errs.push(...validateCronJobSpec(cj.spec, old.spec, FieldPath.of('spec')));
  return errs;
}
