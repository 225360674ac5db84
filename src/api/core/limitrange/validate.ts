// LimitRange validation: ValidateLimitRange of pkg/apis/core/validation (release-1.32), in
// upstream's order. Resource keys are visited sorted where upstream ranges over a Go map.
import type { LimitRange } from './schema.js';
import { type ErrorList, FieldPath, GoRepr, duplicate, forbidden, invalid, notSupported } from '../../field-errors.js';
import { nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { cmpQuantity, formatQuantity, milliValue, parseQuantity, quantityValue, tryParseQuantity, type Quantity } from '../../quantity.js';

const MAX_MILLI_VALUE = Number.MAX_SAFE_INTEGER / 1000;
const LIMIT_TYPES = ['Container', 'Pod', 'PersistentVolumeClaim'];
const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

/** A Quantity as `%#v` prints it in a field error (Quantity.String has a pointer receiver). */
export function goQuantity(q: Quantity): GoRepr {
  const exact = q.exponent >= -9;
  const value = exact ? q.mantissa : 0n;
  return new GoRepr(`resource.Quantity{i:resource.int64Amount{value:${value}, scale:${exact ? q.exponent : 0}}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"${formatQuantity(q)}", Format:"${q.format}"}`);
}

function validateLimitRangeResourceName(limitType: string, name: string, path: FieldPath): ErrorList {
  if (limitType === 'Pod' || limitType === 'Container') {
    if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) {
      return [invalid(path, name, 'must be a standard limit type or fully qualified')];
    }
  } else if (limitType === 'PersistentVolumeClaim' && name !== 'storage' && !name.includes('/')) {
    return [invalid(path, name, 'must be a standard limit type or fully qualified')];
  }
  return [];
}

export function validateLimitRange(lr: LimitRange): ErrorList {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain, FieldPath.of('metadata'));
  const seen = new Set<string>();
  const limits = lr.spec?.limits ?? [];
  limits.forEach((item, i) => {
    const idx = FieldPath.of('spec', 'limits').index(i);
    if (!LIMIT_TYPES.includes(item.type)) errs.push(notSupported(idx.child('type'), item.type, LIMIT_TYPES));
    if (seen.has(item.type)) errs.push(duplicate(idx.child('type'), item.type));
    seen.add(item.type);
    const maps = { max: item.max, min: item.min, default: item.default, defaultRequest: item.defaultRequest, maxLimitRequestRatio: item.maxLimitRequestRatio };
    const q: Record<string, Map<string, Quantity>> = {};
    const keys = new Set<string>();
    for (const [field, m] of Object.entries(maps)) {
      q[field] = new Map();
      if (item.type === 'Pod' && (field === 'default' || field === 'defaultRequest') && m && Object.keys(m).length) {
        errs.push(forbidden(idx.child(field), `may not be specified when \`type\` is 'Pod'`));
      }
      for (const k of Object.keys(m ?? {}).sort()) {
        errs.push(...validateLimitRangeResourceName(item.type, k, idx.child(field).key(k)));
        keys.add(k);
        const parsed = tryParseQuantity(m![k]);
        if (parsed) q[field].set(k, parsed);
      }
    }
    for (const k of [...keys].sort()) {
      const min = q.min.get(k);
      const max = q.max.get(k);
      const def = q.default.get(k);
      const defReq = q.defaultRequest.get(k);
      const ratio = q.maxLimitRequestRatio.get(k);
      const s = formatQuantity;
      if (min && max && cmpQuantity(min, max) > 0) {
        errs.push(invalid(idx.child('min').key(k), goQuantity(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      }
      if (defReq && min && cmpQuantity(min, defReq) > 0) {
        errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(defReq), `min value ${s(min)} is greater than default request value ${s(defReq)}`));
      }
      if (defReq && max && cmpQuantity(defReq, max) > 0) {
        errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(defReq), `default request value ${s(defReq)} is greater than max value ${s(max)}`));
      }
      if (defReq && def && cmpQuantity(defReq, def) > 0) {
        errs.push(invalid(idx.child('defaultRequest').key(k), goQuantity(defReq), `default request value ${s(defReq)} is greater than default limit value ${s(def)}`));
      }
      if (def && min && cmpQuantity(min, def) > 0) {
        errs.push(invalid(idx.child('default').key(k), goQuantity(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      }
      if (def && max && cmpQuantity(def, max) > 0) {
        errs.push(invalid(idx.child('default').key(k), goQuantity(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      }
      if (ratio && cmpQuantity(ratio, parseQuantity(1)) < 0) {
        errs.push(invalid(idx.child('maxLimitRequestRatio').key(k), goQuantity(ratio), `ratio ${s(ratio)} is less than 1`));
      }
      if (ratio && min && max) {
        let ratioValue = quantityValue(ratio);
        let minValue = quantityValue(min);
        let maxValue = quantityValue(max);
        if (ratioValue < MAX_MILLI_VALUE && minValue < MAX_MILLI_VALUE && maxValue < MAX_MILLI_VALUE) {
          ratioValue = milliValue(ratio) / 1000;
          minValue = milliValue(min);
          maxValue = milliValue(max);
        }
        const maxRatioLimit = maxValue / minValue;
        if (ratioValue > maxRatioLimit) {
          errs.push(invalid(idx.child('maxLimitRequestRatio').key(k), goQuantity(ratio), `ratio ${s(ratio)} is greater than max/min = ${maxRatioLimit.toFixed(6)}`));
        }
      }
    }
  });
  return errs;
}

export function validateLimitRangeUpdate(lr: LimitRange, old: LimitRange): ErrorList {
  return [...validateObjectMetaUpdate(lr.metadata, old.metadata), ...validateLimitRange(lr)];
}
