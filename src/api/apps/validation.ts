// What pkg/apis/apps/validation/validation.go (release-1.32) shares between Deployments and
// ReplicaSets: the pod template checked against the selector, int-or-percent fields, and the Go
// `%#v` spellings of the values its messages quote.
import type { PodTemplateSpec } from '../core/pod/schema.js';
import type { LabelSelector } from '../meta/schema.js';
import { type ErrorList, FieldPath, GoRepr, forbidden, goQuote, goStringSlice, invalid, notSupported, required } from '../field-errors.js';
import { regexError, validateLabelSelector, validateNonnegativeField } from '../validation.js';
import { validatePodTemplateSpec } from '../core/pod/validate.js';
import { labelSelectorAsString, labelSelectorMatches } from './label-selector.js';

type IntOrString = number | string;

// ---- Go's %#v of the values messages quote ------------------------------------------------------

/** `map[string]string{"a":"b"}`, `map[string]string(nil)` for an absent map. */
export function goStringMap(m: Readonly<Record<string, string>> | null | undefined): GoRepr {
  if (m == null) return new GoRepr('map[string]string(nil)');
  // fmt prints maps in key order.
  const keys = Object.keys(m).sort();
  return new GoRepr(`map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k])}`).join(', ')}}`);
}

function goStrings(values: readonly string[] | null | undefined): string {
  return values == null ? '[]string(nil)' : goStringSlice(values).text;
}

/** The `v1.LabelSelector{...}` a selector error shows. */
export function goLabelSelector(sel: LabelSelector): GoRepr {
  const exprs = sel.matchExpressions == null
    ? '[]v1.LabelSelectorRequirement(nil)'
    : `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((e) =>
      `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStrings(e.values)}}`).join(', ')}}`;
  return new GoRepr(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels).text}, MatchExpressions:${exprs}}`);
}

/** The `intstr.IntOrString{...}` an int-or-percent error shows. */
export function goIntOrString(v: IntOrString): GoRepr {
  return typeof v === 'number'
    ? new GoRepr(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`)
    : new GoRepr(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
}

// ---- int or percent -------------------------------------------------------------------------------

const percentFmt = '[0-9]+%';
const percentRegexp = new RegExp(`^${percentFmt}$`);

/** validation.IsValidPercent. */
export function isValidPercent(percent: string): string[] {
  return percentRegexp.test(percent)
    ? [] : [regexError("a valid percent string must be a numeric string followed by an ending '%'", percentFmt, '1%', '93%')];
}

/** ValidatePositiveIntOrPercent. */
export function validatePositiveIntOrPercent(v: IntOrString, path: FieldPath): ErrorList {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(path, goIntOrString(v), m));
  return validateNonnegativeField(v, path);
}

function getPercentValue(v: IntOrString): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length) return undefined;
  return parseInt(v.slice(0, -1), 10);
}

/** IntOrString.IntValue: a string that is not a whole number counts as 0. */
function intValue(v: IntOrString): number {
  if (typeof v === 'number') return v;
  return /^[+-]?\d+$/.test(v) ? parseInt(v, 10) : 0;
}

/** getIntOrPercentValue. */
export function getIntOrPercentValue(v: IntOrString): number {
  return getPercentValue(v) ?? intValue(v);
}

/** IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: IntOrString, path: FieldPath): ErrorList {
  const value = getPercentValue(v);
  if (value === undefined || value <= 100) return [];
  return [invalid(path, goIntOrString(v), 'must not be greater than 100%')];
}

// ---- selector and template ------------------------------------------------------------------------

/**
 * The selector half of ValidateDeploymentSpec / ValidateReplicaSetSpec, and
 * ValidatePodTemplateSpecForReplicaSet. Upstream says "deployment" in the empty-selector message
 * for ReplicaSets too.
 */
export function validateSelectorAndTemplate(selector: LabelSelector | undefined, template: PodTemplateSpec,
  specPath: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const selPath = specPath.child('selector');
  if (!selector) {
    errs.push(required(selPath));
  } else {
    errs.push(...validateLabelSelector(selector, selPath));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(invalid(selPath, goLabelSelector(selector), 'empty selector is invalid for deployment'));
    }
  }
  if (selector && labelSelectorAsString(selector) === undefined) {
    errs.push(invalid(selPath, goLabelSelector(selector), 'invalid label selector'));
  } else {
    errs.push(...validatePodTemplateSpecForReplicaSet(template, selector, specPath.child('template')));
  }
  return errs;
}

/** ValidatePodTemplateSpecForReplicaSet, for a selector that converts. */
export function validatePodTemplateSpecForReplicaSet(template: PodTemplateSpec, selector: LabelSelector | undefined,
  path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const labels = template.metadata?.labels;
  // A nil selector selects nothing and is not Empty(); an empty one selects everything.
  const empty = selector !== undefined && Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
  if (!empty && !labelSelectorMatches(selector, labels)) {
    errs.push(invalid(path.child('metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplateSpec(template, path, { resourceIsPod: false }));
  const restartPolicy = template.spec.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template.spec.activeDeadlineSeconds !== undefined) {
    errs.push(forbidden(path.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}
