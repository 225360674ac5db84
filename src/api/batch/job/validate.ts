// Job validation: ValidateJob / ValidateJobUpdate of pkg/apis/batch/validation/validation.go
// (release-1.32), with the options the registry strategy passes for a new job
// (RequirePrefixedLabels, no elastic indexed jobs without an Indexed mode).
import type { Job, JobSpec } from './schema.js';
import { type ErrorList, FieldPath, invalid, notSupported, required } from '../../field-errors.js';
import {
  isDNS1123Label, nameIsDNSSubdomain, validateImmutableField, validateLabelSelector, validateNonnegativeField,
  validateObjectMeta, validateObjectMetaUpdate,
} from '../../validation.js';
import { validatePodTemplateSpec } from '../../core/pod/validate.js';
import { goLabelSelector, goStringMap } from '../../apps/validation.js';
import { labelSelectorAsString, labelSelectorMatches } from '../../apps/label-selector.js';

export const LegacyControllerUidLabel = 'controller-uid';
export const ControllerUidLabel = 'batch.kubernetes.io/controller-uid';
export const LegacyJobNameLabel = 'job-name';
export const JobNameLabel = 'batch.kubernetes.io/job-name';
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';

const maxParallelismForIndexedJob = 100000;
const maxFailedIndexesForIndexedJob = 100000;
const supportedPodReplacementPolicy = ['Failed', 'TerminatingOrFailed'];

/** apivalidation.ValidateHasLabel. */
function validateHasLabel(labels: Record<string, string> | undefined, path: FieldPath, key: string, expected: string): ErrorList {
  const actual = labels?.[key];
  if (actual === undefined) return [required(path.child('labels').key(key), `must be '${expected}'`)];
  if (actual !== expected) return [invalid(path.child('labels').key(key), goStringMap(labels), `must be '${expected}'`)];
  return [];
}

/** validateGeneratedSelector: the labels and selector generated for a job without manualSelector. */
function validateGeneratedSelector(job: Job): ErrorList {
  const errs: ErrorList = [];
  if (job.spec.manualSelector === true || !job.spec.selector) return errs;
  if (!job.metadata.uid) errs.push(required(FieldPath.of('metadata', 'uid')));
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name;
  const tmplPath = FieldPath.of('spec', 'template', 'metadata');
  const labels = job.spec.template.metadata?.labels;
  errs.push(...validateHasLabel(labels, tmplPath, LegacyControllerUidLabel, uid));
  errs.push(...validateHasLabel(labels, tmplPath, LegacyJobNameLabel, name));
  errs.push(...validateHasLabel(labels, tmplPath, ControllerUidLabel, uid));
  errs.push(...validateHasLabel(labels, tmplPath, JobNameLabel, name));
  const expected = { [ControllerUidLabel]: uid, [JobNameLabel]: name, [LegacyControllerUidLabel]: uid, [LegacyJobNameLabel]: name };
  if (labelSelectorAsString(job.spec.selector) !== undefined && !labelSelectorMatches(job.spec.selector, expected)) {
    errs.push(invalid(FieldPath.of('spec', 'selector'), goLabelSelector(job.spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** validateJobSpec: what a Job and a CronJob's job template share. */
export function validateJobSpecFields(spec: JobSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const nonneg = (v: number | undefined, field: string) => {
    if (v !== undefined) errs.push(...validateNonnegativeField(v, path.child(field)));
  };
  nonneg(spec.parallelism, 'parallelism');
  nonneg(spec.completions, 'completions');
  nonneg(spec.activeDeadlineSeconds, 'activeDeadlineSeconds');
  nonneg(spec.backoffLimit, 'backoffLimit');
  nonneg(spec.ttlSecondsAfterFinished, 'ttlSecondsAfterFinished');
  nonneg(spec.backoffLimitPerIndex, 'backoffLimitPerIndex');
  if (spec.maxFailedIndexes !== undefined) {
    nonneg(spec.maxFailedIndexes, 'maxFailedIndexes');
    if (spec.backoffLimitPerIndex === undefined) errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
      if (spec.parallelism !== undefined && spec.parallelism > maxParallelismForIndexedJob) {
        errs.push(invalid(path.child('parallelism'), spec.parallelism, `must be less than or equal to ${maxParallelismForIndexedJob} when completion mode is Indexed`));
      }
      if (spec.completions !== undefined && spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > spec.completions) {
        errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'must be less than or equal to completions'));
      }
      if (spec.maxFailedIndexes !== undefined && spec.maxFailedIndexes > maxFailedIndexesForIndexedJob) {
        errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, `must be less than or equal to ${maxFailedIndexesForIndexedJob}`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined) errs.push(invalid(path.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (spec.podReplacementPolicy !== undefined) {
    if (spec.podFailurePolicy) {
      if (spec.podReplacementPolicy !== 'Failed') errs.push(notSupported(path.child('podReplacementPolicy'), spec.podReplacementPolicy, ['Failed']));
    } else if (!supportedPodReplacementPolicy.includes(spec.podReplacementPolicy)) {
      errs.push(notSupported(path.child('podReplacementPolicy'), spec.podReplacementPolicy, supportedPodReplacementPolicy));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, path.child('template'), { resourceIsPod: false }));
  // Defaulting turns an unset restartPolicy into Always, so both mean "not set for a Job".
  const restartPolicy = spec.template.spec.restartPolicy ?? '';
  const rpPath = path.child('template', 'spec', 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') {
    errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  } else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') {
    errs.push(notSupported(rpPath, restartPolicy, ['OnFailure', 'Never']));
  } else if (spec.podFailurePolicy && restartPolicy !== 'Never') {
    errs.push(invalid(rpPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  }
  return errs;
}

/** ValidateJobSpec: the shared fields, then the selector and that it selects the template. */
export function validateJobSpec(spec: JobSpec, path: FieldPath): ErrorList {
  const errs = validateJobSpecFields(spec, path);
  if (!spec.selector) errs.push(required(path.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  if (spec.selector && labelSelectorAsString(spec.selector) !== undefined) {
    const labels = spec.template.metadata?.labels;
    if (!labelSelectorMatches(spec.selector, labels)) {
      errs.push(invalid(path.child('template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    }
  }
  return errs;
}

/** ValidateJob: what a create must pass. */
export function validateJob(job: Job): ErrorList {
  const errs = validateObjectMeta(job.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateGeneratedSelector(job));
  errs.push(...validateJobSpec(job.spec, FieldPath.of('spec')));
  const completions = job.spec.completions;
  if (job.spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    // Indexed pods get the hostname `<job>-<index>`, which must stay a DNS label.
    const maxHostname = `${job.metadata.name}-${completions - 1}`;
    if (isDNS1123Label(maxHostname).length) {
      errs.push(invalid(FieldPath.of('metadata', 'name'), job.metadata.name, `will not able to create pod with invalid DNS label: ${maxHostname}`));
    }
  }
  return errs;
}

/** ValidateJobUpdate: ValidateJobSpec and the fields a job cannot change once created. */
export function validateJobUpdate(job: Job, old: Job): ErrorList {
  const errs = validateObjectMetaUpdate(job.metadata, old.metadata, FieldPath.of('metadata'));
  const spec = job.spec;
  const prev = old.spec;
  const path = FieldPath.of('spec');
  errs.push(...validateJobSpec(spec, path));
  errs.push(...validateCompletionsUpdate(spec, prev, path.child('completions')));
  errs.push(...validateImmutableField(spec.selector ?? null, prev.selector ?? null, path.child('selector'),
    spec.selector ? goLabelSelector(spec.selector) : 'null'));
  errs.push(...validateImmutableField(spec.template, prev.template, path.child('template')));
  errs.push(...validateImmutableField(spec.completionMode ?? null, prev.completionMode ?? null, path.child('completionMode')));
  errs.push(...validateImmutableField(spec.podFailurePolicy ?? null, prev.podFailurePolicy ?? null, path.child('podFailurePolicy')));
  errs.push(...validateImmutableField(spec.backoffLimitPerIndex ?? null, prev.backoffLimitPerIndex ?? null, path.child('backoffLimitPerIndex')));
  errs.push(...validateImmutableField(spec.managedBy ?? null, prev.managedBy ?? null, path.child('managedBy')));
  errs.push(...validateImmutableField(spec.successPolicy ?? null, prev.successPolicy ?? null, path.child('successPolicy')));
  return errs;
}

/** validateCompletions: immutable, except for Indexed jobs changing it together with parallelism. */
function validateCompletionsUpdate(spec: JobSpec, prev: JobSpec, path: FieldPath): ErrorList {
  if (spec.completionMode !== 'Indexed') return validateImmutableField(spec.completions ?? null, prev.completions ?? null, path);
  if (spec.completions === prev.completions || spec.completions === undefined) return [];
  if (spec.completions !== spec.parallelism) return [invalid(path, spec.completions, 'can only be modified in tandem with spec.parallelism')];
  return [];
}
