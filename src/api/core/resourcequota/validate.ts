// ResourceQuota validation: ValidateResourceQuota / ValidateResourceQuotaUpdate of
// pkg/apis/core/validation (release-1.32), hard keys visited sorted.
import type { ResourceQuota } from './schema.js';
import { type ErrorList, FieldPath, invalid, notSupported } from '../../field-errors.js';
import { IS_NEGATIVE_ERROR_MSG, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate, validateQualifiedName } from '../../validation.js';
import { formatQuantity, milliValue, tryParseQuantity } from '../../quantity.js';
import { goQuantity } from '../limitrange/validate.js';

const STANDARD_QUOTA_RESOURCES = new Set([
  'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory',
  'requests.storage', 'requests.ephemeral-storage', 'limits.cpu', 'limits.memory', 'limits.ephemeral-storage',
]);
const INTEGER_RESOURCES = new Set(['pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
  'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers']);
const SCOPES = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];

function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA_RESOURCES.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

export function validateResourceQuotaSpec(spec: NonNullable<ResourceQuota['spec']>, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const hard = spec.hard ?? {};
  for (const k of Object.keys(hard).sort()) {
    const p = path.child('hard').key(k);
    errs.push(...validateQualifiedName(k, p));
    if (!k.includes('/') && !isStandardQuotaResourceName(k)) errs.push(invalid(p, k, 'must be a standard resource for quota'));
    const q = tryParseQuantity(hard[k]);
    if (!q) continue;
    if (q.mantissa < 0n) errs.push(invalid(p, formatQuantity(q), IS_NEGATIVE_ERROR_MSG));
    if ((INTEGER_RESOURCES.has(k) || k.startsWith('count/')) && milliValue(q) % 1000 !== 0) errs.push(invalid(p, goQuantity(q), 'must be an integer'));
  }
  (spec.scopes ?? []).forEach((s, i) => {
    if (!SCOPES.includes(s)) errs.push(notSupported(path.child('scopes').index(i), s, SCOPES));
  });
  return errs;
}

export function validateResourceQuota(rq: ResourceQuota): ErrorList {
  const errs = validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  errs.push(...validateResourceQuotaSpec(rq.spec ?? {}, FieldPath.of('spec')));
  return errs;
}

export function validateResourceQuotaUpdate(rq: ResourceQuota, old: ResourceQuota): ErrorList {
  const errs = validateObjectMetaUpdate(rq.metadata, old.metadata, FieldPath.of('metadata'));
  errs.push(...validateResourceQuotaSpec(rq.spec ?? {}, FieldPath.of('spec')));
  return errs;
}
