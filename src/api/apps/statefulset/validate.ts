// StatefulSet validation: ValidateStatefulSet / ValidateStatefulSetUpdate of
// pkg/apis/apps/validation/validation.go as the registry strategy runs them
// (pkg/registry/apps/statefulset/strategy.go), release-1.32, in upstream's order. Upstream checks
// only the template's labels and annotations, not its pod spec.
import type { StatefulSet, StatefulSetSpec } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, forbidden, goQuote, invalid, notSupported, required } from '../../field-errors.js';
import { nameIsDNSLabel, validateAnnotations, validateLabelSelector, validateLabels, validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { validatePodSpecificAnnotations } from '../../core/pod/validate.js';
import { deepEqual } from '../../semantic-equal.js';
import { labelSelectorAsString, labelSelectorMatches } from '../label-selector.js';
import { goLabelSelector, goStringMap } from '../validation.js';

type UpdateStrategy = NonNullable<StatefulSetSpec['updateStrategy']>;

/** The `apps.StatefulSetUpdateStrategy{...}` an unsupported strategy shows; Go prints a set pointer as its address. */
function goUpdateStrategy(s: UpdateStrategy): GoRepr {
  const ru = s.rollingUpdate ? '(*apps.RollingUpdateStatefulSetStrategy)(0xc000a2e1b0)' : '(*apps.RollingUpdateStatefulSetStrategy)(nil)';
  return new GoRepr(`apps.StatefulSetUpdateStrategy{Type:${goQuote(s.type ?? '')}, RollingUpdate:${ru}}`);
}

function goRollingUpdate(ru: NonNullable<UpdateStrategy['rollingUpdate']>): GoRepr {
  const max = ru.maxUnavailable === undefined ? '(*intstr.IntOrString)(nil)' : '(*intstr.IntOrString)(0xc000a2e1c0)';
  return new GoRepr(`apps.RollingUpdateStatefulSetStrategy{Partition:${ru.partition ?? 0}, MaxUnavailable:${max}}`);
}

/** ValidatePersistentVolumeClaimRetentionPolicyType. */
function validateRetentionPolicyType(policy: string | undefined, path: FieldPath): ErrorList {
  if (policy === 'Retain' || policy === 'Delete') return [];
  return [notSupported(path, policy ?? '', ['Retain', 'Delete'])];
}

/** ValidateStatefulSetSpec. */
export function validateStatefulSetSpec(spec: StatefulSetSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const policy = spec.podManagementPolicy ?? '';
  if (policy === '') errs.push(required(path.child('podManagementPolicy')));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    errs.push(invalid(path.child('podManagementPolicy'), policy, "must be 'OrderedReady' or 'Parallel'"));
  }

  const strategy = spec.updateStrategy ?? {};
  const strategyPath = path.child('updateStrategy');
  switch (strategy.type ?? '') {
    case '':
      errs.push(required(strategyPath));
      break;
    case 'OnDelete':
      if (strategy.rollingUpdate) {
        errs.push(invalid(strategyPath.child('rollingUpdate'), goRollingUpdate(strategy.rollingUpdate), "only allowed for updateStrategy 'RollingUpdate'"));
      }
      break;
    case 'RollingUpdate':
      if (strategy.rollingUpdate) {
        errs.push(...validateNonnegativeField(strategy.rollingUpdate.partition ?? 0, strategyPath.child('rollingUpdate', 'partition')));
      }
      break;
    default:
      errs.push(invalid(strategyPath, goUpdateStrategy(strategy), "must be 'RollingUpdate' or 'OnDelete'"));
  }

  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    const p = path.child('persistentVolumeClaimRetentionPolicy');
    errs.push(...validateRetentionPolicyType(retention.whenDeleted, p.child('whenDeleted')));
    errs.push(...validateRetentionPolicyType(retention.whenScaled, p.child('whenScaled')));
  }

  errs.push(...validateNonnegativeField(spec.replicas ?? 0, path.child('replicas')));
  errs.push(...validateNonnegativeField(spec.minReadySeconds ?? 0, path.child('minReadySeconds')));
  if (spec.ordinals) errs.push(...validateNonnegativeField(spec.ordinals.start ?? 0, path.child('ordinals.start')));

  const selPath = path.child('selector');
  // apps/v1 decodes a missing selector as nil.
  if (!spec.selector) {
    errs.push(required(selPath));
  } else {
    errs.push(...validateLabelSelector(spec.selector, selPath));
    if (Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid(selPath, goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
    }
  }

  const template = spec.template ?? { spec: { containers: [] } };
  const templatePath = path.child('template');
  if (spec.selector && labelSelectorAsString(spec.selector) === undefined) {
    errs.push(invalid(selPath, goLabelSelector(spec.selector), ''));
  } else {
    // ValidatePodTemplateSpecForStatefulSet: an empty (or nil) selector matches everything.
    const labels = template.metadata?.labels;
    const empty = !spec.selector || Object.keys(spec.selector.matchLabels ?? {}).length + (spec.selector.matchExpressions ?? []).length === 0;
    if (!empty && !labelSelectorMatches(spec.selector, labels)) {
      errs.push(invalid(templatePath.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    }
    errs.push(...validateLabels(labels, templatePath.child('labels')));
    errs.push(...validateAnnotations(template.metadata?.annotations, templatePath.child('annotations')));
    errs.push(...validatePodSpecificAnnotations(template.metadata?.annotations, template.spec, templatePath.child('annotations'), { resourceIsPod: false }));
  }

  const restartPolicy = template.spec.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(templatePath.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template.spec.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(templatePath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** ValidateStatefulSet: what a create must pass. A StatefulSet's name is a DNS label: it names pods and hosts. */
export function validateStatefulSet(sts: StatefulSet): ErrorList {
  const errs = validateObjectMeta(sts.metadata, true, nameIsDNSLabel, FieldPath.of('metadata'));
  errs.push(...validateStatefulSetSpec(sts.spec, FieldPath.of('spec')));
  return errs;
}

export const FORBIDDEN_SPEC_UPDATE = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

/** The strategy's ValidateUpdate: ValidateStatefulSet, then ValidateStatefulSetUpdate. */
export function validateStatefulSetUpdate(sts: StatefulSet, old: StatefulSet): ErrorList {
  const errs = validateStatefulSet(sts);
  errs.push(...validateObjectMetaUpdate(sts.metadata, old.metadata, FieldPath.of('metadata')));
  errs.push(...validateStatefulSetSpec(sts.spec, FieldPath.of('spec')));
  const mutable = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'] as const;
  const clone: Record<string, unknown> = { ...sts.spec };
  const oldSpec: Record<string, unknown> = { ...old.spec };
  for (const k of mutable) {
    if (oldSpec[k] === undefined) delete clone[k];
    else clone[k] = oldSpec[k];
  }
  if (!deepEqual(clone, oldSpec)) errs.push(forbidden(FieldPath.of('spec'), FORBIDDEN_SPEC_UPDATE));
  return errs;
}
