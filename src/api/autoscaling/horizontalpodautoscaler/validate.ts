// HorizontalPodAutoscaler validation: pkg/apis/autoscaling/validation/validation.go (release-1.32),
// with the HPAScaleToZero gate off (minReplicas at least 1).
import type { CrossVersionObjectReference, HPAScalingRules, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec, MetricTarget } from './schema.js';
import { type ErrorList, FieldPath, forbidden, invalid, notSupported, required } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { validatePathSegmentName } from '../../policy/poddisruptionbudget/validate.js';
import { tryParseQuantity } from '../../quantity.js';

const MIN_REPLICAS_LOWER_BOUND = 1;
/** MaxPeriodSeconds and MaxStabilizationWindowSeconds. */
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const VALID_SELECT_POLICIES = ['Max', 'Min', 'Disabled'];
const VALID_POLICY_TYPES = ['Pods', 'Percent'];
const VALID_METRIC_SOURCE_TYPES = ['Object', 'Pods', 'Resource', 'External', 'ContainerResource'];

/** ValidateCrossVersionObjectReference. */
function validateCrossVersionObjectReference(ref: CrossVersionObjectReference, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!ref.kind) errs.push(required(path.child('kind')));
  else for (const msg of validatePathSegmentName(ref.kind, false)) errs.push(invalid(path.child('kind'), ref.kind, msg));
  if (!ref.name) errs.push(required(path.child('name')));
  else for (const msg of validatePathSegmentName(ref.name, false)) errs.push(invalid(path.child('name'), ref.name, msg));
  return errs;
}

/** Quantity.Sign() != 1 for a value that parses; one that does not was refused when decoding. */
function notPositive(q: string | number): boolean {
  const v = tryParseQuantity(q);
  return v !== undefined && v.mantissa <= 0n;
}

/** validateMetricTarget. */
function validateMetricTarget(t: MetricTarget, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!t.type) errs.push(required(path.child('type'), 'must specify a metric target type'));
  if (t.type !== 'Utilization' && t.type !== 'Value' && t.type !== 'AverageValue') {
    errs.push(invalid(path.child('type'), t.type, 'must be either Utilization, Value, or AverageValue'));
  }
  if (t.value !== undefined && notPositive(t.value)) errs.push(invalid(path.child('value'), String(t.value), 'must be positive'));
  if (t.averageValue !== undefined && notPositive(t.averageValue)) errs.push(invalid(path.child('averageValue'), String(t.averageValue), 'must be positive'));
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) errs.push(invalid(path.child('averageUtilization'), t.averageUtilization, 'must be greater than 0'));
  return errs;
}

/** validateResourceSource and validateContainerResourceSource. */
function validateResourceSource(src: { name: string; target: MetricTarget; container?: string }, path: FieldPath, container: boolean): ErrorList {
  const errs: ErrorList = [];
  if (!src.name) errs.push(required(path.child('name'), 'must specify a resource name'));
  if (container && !src.container) errs.push(required(path.child('container'), 'must specify a container'));
  errs.push(...validateMetricTarget(src.target, path.child('target')));
  if (src.target.averageUtilization === undefined && src.target.averageValue === undefined) {
    errs.push(required(path.child('target', 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (src.target.averageUtilization !== undefined && src.target.averageValue !== undefined) {
    errs.push(forbidden(path.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

/** validateMetricIdentifier. */
function validateMetricName(name: string, path: FieldPath): ErrorList {
  if (!name) return [required(path.child('name'), 'must specify a metric name')];
  return validatePathSegmentName(name, false).map((msg) => invalid(path.child('name'), name, msg));
}

/** validateMetricSpec: the source named by `type`, and only that one. */
function validateMetricSpec(spec: MetricSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!spec.type) errs.push(required(path.child('type'), 'must specify a metric source type'));
  if (!VALID_METRIC_SOURCE_TYPES.includes(spec.type)) errs.push(notSupported(path.child('type'), spec.type, VALID_METRIC_SOURCE_TYPES));
  const present: string[] = [];
  const only = () => present.length === 1;
  if (spec.object) {
    present.push('object');
    if (only()) {
      const p = path.child('object');
      errs.push(...validateCrossVersionObjectReference(spec.object.describedObject, p.child('describedObject')));
      errs.push(...validateMetricName(spec.object.metric.name, p.child('metric')));
      errs.push(...validateMetricTarget(spec.object.target, p.child('target')));
      if (spec.object.target.value === undefined && spec.object.target.averageValue === undefined) {
        errs.push(required(p.child('target', 'averageValue'), 'must set either a target value or averageValue'));
      }
    }
  }
  if (spec.external) {
    present.push('external');
    if (only()) {
      const p = path.child('external');
      errs.push(...validateMetricName(spec.external.metric.name, p.child('metric')));
      errs.push(...validateMetricTarget(spec.external.target, p.child('target')));
      if (spec.external.target.value === undefined && spec.external.target.averageValue === undefined) {
        errs.push(required(p.child('target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
      }
      if (spec.external.target.value !== undefined && spec.external.target.averageValue !== undefined) {
        errs.push(forbidden(p.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'));
      }
    }
  }
  if (spec.pods) {
    present.push('pods');
    if (only()) {
      const p = path.child('pods');
      errs.push(...validateMetricName(spec.pods.metric.name, p.child('metric')));
      errs.push(...validateMetricTarget(spec.pods.target, p.child('target')));
      if (spec.pods.target.averageValue === undefined) errs.push(required(p.child('target', 'averageValue'), 'must specify a positive target averageValue'));
    }
  }
  if (spec.resource) {
    present.push('resource');
    if (only()) errs.push(...validateResourceSource(spec.resource, path.child('resource'), false));
  }
  if (spec.containerResource) {
    present.push('containerResource');
    if (only()) errs.push(...validateResourceSource(spec.containerResource, path.child('containerResource'), true));
  }
  const expected = ({ Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource' } as Record<string, string>)[spec.type];
  if (!expected) return errs;
  if (!present.includes(expected)) errs.push(required(path.child(expected), 'must populate information for the given metric source'));
  if (present.length !== 1) {
    for (const typ of present) if (typ !== expected) errs.push(forbidden(path.child(typ), 'must populate the given metric source only'));
  }
  return errs;
}

/** validateScalingRules. */
function validateScalingRules(rules: HPAScalingRules | undefined, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (!rules) return errs;
  const w = rules.stabilizationWindowSeconds;
  if (w !== undefined && w < 0) errs.push(invalid(path.child('stabilizationWindowSeconds'), w, 'must be greater than or equal to zero'));
  if (w !== undefined && w > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(path.child('stabilizationWindowSeconds'), w, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  if (rules.selectPolicy !== undefined && !VALID_SELECT_POLICIES.includes(rules.selectPolicy)) {
    errs.push(notSupported(path.child('selectPolicy'), rules.selectPolicy, VALID_SELECT_POLICIES));
  }
  const policiesPath = path.child('policies');
  if (!rules.policies || rules.policies.length === 0) errs.push(required(policiesPath, 'must specify at least one Policy'));
  (rules.policies ?? []).forEach((policy, i) => {
    const p = policiesPath.index(i);
    if (policy.type !== 'Pods' && policy.type !== 'Percent') errs.push(notSupported(p.child('type'), policy.type, VALID_POLICY_TYPES));
    if (policy.value <= 0) errs.push(invalid(p.child('value'), policy.value, 'must be greater than zero'));
    if (policy.periodSeconds <= 0) errs.push(invalid(p.child('periodSeconds'), policy.periodSeconds, 'must be greater than zero'));
    if (policy.periodSeconds > MAX_PERIOD_SECONDS) errs.push(invalid(p.child('periodSeconds'), policy.periodSeconds, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errs;
}

/** validateHorizontalPodAutoscalerSpec. */
export function validateHorizontalPodAutoscalerSpec(spec: HorizontalPodAutoscalerSpec, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  if (spec.minReplicas !== undefined && spec.minReplicas < MIN_REPLICAS_LOWER_BOUND) {
    errs.push(invalid(path.child('minReplicas'), spec.minReplicas, `must be greater than or equal to ${MIN_REPLICAS_LOWER_BOUND}`));
  }
  if (spec.maxReplicas < 1) errs.push(invalid(path.child('maxReplicas'), spec.maxReplicas, 'must be greater than 0'));
  if (spec.minReplicas !== undefined && spec.maxReplicas < spec.minReplicas) {
    errs.push(invalid(path.child('maxReplicas'), spec.maxReplicas, 'must be greater than or equal to `minReplicas`'));
  }
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, path.child('scaleTargetRef')));
  (spec.metrics ?? []).forEach((m, i) => errs.push(...validateMetricSpec(m, path.child('metrics').index(i))));
  if (spec.behavior) {
    errs.push(...validateScalingRules(spec.behavior.scaleUp, path.child('behavior', 'scaleUp')));
    errs.push(...validateScalingRules(spec.behavior.scaleDown, path.child('behavior', 'scaleDown')));
  }
  return errs;
}

export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): ErrorList {
  return [
    ...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata')),
    ...validateHorizontalPodAutoscalerSpec(hpa.spec, FieldPath.of('spec')),
  ];
}

export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): ErrorList {
  return [
    ...validateObjectMetaUpdate(hpa.metadata, old.metadata),
    ...validateHorizontalPodAutoscalerSpec(hpa.spec, FieldPath.of('spec')),
  ];
}
