// The LimitRanger admission plugin (plugin/pkg/admission/limitranger, release-1.32) and the
// LimitRange kind's registry handling. On pod create the mutating half fills each container's
// missing requests and limits from the namespace's Container items (recording what it set in
// the `kubernetes.io/limit-ranger` annotation); the validating half enforces min, max and
// maxLimitRequestRatio per Container and per Pod. Pod updates are skipped, as upstream: the
// containers' resources cannot change then.
import type { KubeObject } from '../../api/object.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KindAdmission } from './index.js';
import { forbidden } from '../errors.js';
import { type AdmissionContext, nameForMessages } from './context.js';
import { LimitRange as LimitRangeSchema, type LimitRange } from '../../api/core/limitrange/schema.js';
import { setObjectDefaultsLimitRange } from '../../api/core/limitrange/defaults.js';
import { validateLimitRange, validateLimitRangeUpdate } from '../../api/core/limitrange/validate.js';
import { addQuantity, formatQuantity, milliValue, parseQuantity, quantityValue, type Quantity } from '../../api/quantity.js';

const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';
const MAX_MILLI_VALUE = Number.MAX_SAFE_INTEGER / 1000;

type ResourceList = Record<string, string | number>;
type Container = Pod['spec']['containers'][number];

const asLimitRange = (o: KubeObject) => o as unknown as LimitRange;

export const limitRangeAdmission: KindAdmission = {
  qualifiedKind: 'LimitRange',
  schema: LimitRangeSchema,
  defaults: (o) => { setObjectDefaultsLimitRange(asLimitRange(o)); },
  validateCreate: (o) => validateLimitRange(asLimitRange(o)),
  validateUpdate: (o, old) => validateLimitRangeUpdate(asLimitRange(o), asLimitRange(old)),
};

function limitRangesIn(ns: string | undefined, ctx: AdmissionContext): LimitRange[] {
  return (ctx.list?.('limitranges') ?? []).filter((o) => o.metadata.namespace === ns).map(asLimitRange);
}

/** defaultContainerResourceRequirements: later Container items override earlier ones. */
function defaultContainerResourceRequirements(lr: LimitRange): { requests: ResourceList; limits: ResourceList } {
  const requests: ResourceList = {};
  const limits: ResourceList = {};
  for (const item of lr.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    Object.assign(requests, item.defaultRequest ?? {});
    Object.assign(limits, item.default ?? {});
  }
  return { requests, limits };
}

function mergeContainerResources(c: Container, defaults: { requests: ResourceList; limits: ResourceList }, prefix: string, annotations: string[]): void {
  const resources = (c.resources ??= {});
  const limits = (resources.limits ??= {});
  const requests = (resources.requests ??= {});
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of Object.entries(defaults.limits)) if (!(k in limits)) { limits[k] = v; setLimits.push(k); }
  for (const [k, v] of Object.entries(defaults.requests)) if (!(k in requests)) { requests[k] = v; setRequests.push(k); }
  if (setRequests.length) annotations.push(`${setRequests.sort().join(', ')} request for ${prefix} ${c.name}`);
  if (setLimits.length) annotations.push(`${setLimits.sort().join(', ')} limit for ${prefix} ${c.name}`);
  // Go omits the empty maps the plugin allocated.
  if (Object.keys(limits).length === 0) delete resources.limits;
  if (Object.keys(requests).length === 0) delete resources.requests;
}

/** PodMutateLimitFunc for each LimitRange of the namespace. */
export function limitRangerMutate(pod: Pod, ctx: AdmissionContext): void {
  for (const lr of limitRangesIn(pod.metadata.namespace, ctx)) {
    const defaults = defaultContainerResourceRequirements(lr);
    const annotations: string[] = [];
    for (const c of pod.spec.containers) mergeContainerResources(c, defaults, 'container', annotations);
    for (const c of pod.spec.initContainers ?? []) mergeContainerResources(c, defaults, 'init container', annotations);
    if (annotations.length) {
      (pod.metadata.annotations ??= {})[LIMIT_RANGER_ANNOTATION] = `LimitRanger plugin set: ${annotations.join('; ')}`;
    }
  }
}

const q = (v: string | number) => parseQuantity(v);
const s = (v: string | number) => formatQuantity(q(v));

/** requestLimitEnforcedValues: milli-units when nothing overflows them. */
function enforcedValues(req: string | number | undefined, lim: string | number | undefined, enforced: string | number): [number, number, number] {
  const r = req === undefined ? 0 : quantityValue(q(req));
  const l = lim === undefined ? 0 : quantityValue(q(lim));
  const e = quantityValue(q(enforced));
  if (r <= MAX_MILLI_VALUE && l <= MAX_MILLI_VALUE && e <= MAX_MILLI_VALUE) {
    return [req === undefined ? 0 : milliValue(q(req)), lim === undefined ? 0 : milliValue(q(lim)), milliValue(q(enforced))];
  }
  return [r, l, e];
}

function minConstraint(type: string, name: string, enforced: string | number, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[name];
  const lim = limit[name];
  const [r, l, e] = enforcedValues(req, lim, enforced);
  if (req === undefined) return `minimum ${name} usage per ${type} is ${s(enforced)}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${s(enforced)}, but request is ${s(req)}`;
  if (lim !== undefined && l < e) return `minimum ${name} usage per ${type} is ${s(enforced)}, but limit is ${s(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: string | number, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[name];
  const lim = limit[name];
  const [r, l, e] = enforcedValues(req, lim, enforced);
  if (lim === undefined) return `maximum ${name} usage per ${type} is ${s(enforced)}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${s(enforced)}, but limit is ${s(lim)}`;
  if (req !== undefined && r > e) return `maximum ${name} usage per ${type} is ${s(enforced)}, but request is ${s(req)}`;
  return undefined;
}

function limitRequestRatioConstraint(type: string, name: string, enforced: string | number, request: ResourceList, limit: ResourceList): string | undefined {
  const req = request[name];
  const lim = limit[name];
  const [r, l] = enforcedValues(req, lim, enforced);
  if (req === undefined || r === 0) return `${name} max limit to request ratio per ${type} is ${s(enforced)}, but no request is specified or request is 0`;
  if (lim === undefined || l === 0) return `${name} max limit to request ratio per ${type} is ${s(enforced)}, but no limit is specified or limit is 0`;
  let observed = l / r;
  const display = observed;
  let maxRatio = quantityValue(q(enforced));
  if (maxRatio <= MAX_MILLI_VALUE) {
    observed *= 1000;
    maxRatio = milliValue(q(enforced));
  }
  if (observed > maxRatio) return `${name} max limit to request ratio per ${type} is ${s(enforced)}, but provided ratio is ${display.toFixed(6)}`;
  return undefined;
}

function sumResources(lists: ResourceList[], max?: ResourceList[]): ResourceList {
  const out: Record<string, Quantity> = {};
  for (const l of lists) for (const [k, v] of Object.entries(l)) out[k] = out[k] ? addQuantity(out[k], q(v)) : q(v);
  // An init container runs alone: the pod needs the larger of it and the sum of the others.
  for (const l of max ?? []) for (const [k, v] of Object.entries(l)) if (!out[k] || milliValue(q(v)) > milliValue(out[k])) out[k] = q(v);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, formatQuantity(v)]));
}

function constraintsFor(item: NonNullable<LimitRange['spec']>['limits'][number], request: ResourceList, limit: ResourceList, errs: string[]): void {
  const type = item.type;
  for (const k of Object.keys(item.min ?? {}).sort()) { const e = minConstraint(type, k, item.min![k], request, limit); if (e) errs.push(e); }
  for (const k of Object.keys(item.max ?? {}).sort()) { const e = maxConstraint(type, k, item.max![k], request, limit); if (e) errs.push(e); }
  for (const k of Object.keys(item.maxLimitRequestRatio ?? {}).sort()) {
    const e = limitRequestRatioConstraint(type, k, item.maxLimitRequestRatio![k], request, limit);
    if (e) errs.push(e);
  }
}

/** PodValidateLimitFunc: every violation of one LimitRange, as utilerrors.NewAggregate prints them. */
export function podValidateLimitFunc(lr: LimitRange, pod: Pod): string | undefined {
  const errs: string[] = [];
  for (const item of lr.spec?.limits ?? []) {
    if (item.type === 'Container') {
      for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
        constraintsFor(item, c.resources?.requests ?? {}, c.resources?.limits ?? {}, errs);
      }
    }
    if (item.type === 'Pod') {
      const regular = pod.spec.containers;
      const init = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy !== 'Always');
      const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
      const requests = sumResources([...regular, ...sidecars].map((c) => c.resources?.requests ?? {}), init.map((c) => c.resources?.requests ?? {}));
      const limits = sumResources([...regular, ...sidecars].map((c) => c.resources?.limits ?? {}), init.map((c) => c.resources?.limits ?? {}));
      constraintsFor(item, requests, limits, errs);
    }
  }
  const unique = [...new Set(errs)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}

export function limitRangerValidate(pod: Pod, ctx: AdmissionContext): void {
  for (const lr of limitRangesIn(pod.metadata.namespace, ctx)) {
    const err = podValidateLimitFunc(lr, pod);
    if (err) throw forbidden(`pods "${nameForMessages(pod.metadata)}" is forbidden: ${err}`);
  }
}
