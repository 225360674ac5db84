// ConfigMap validation (ValidateConfigMap, ValidateConfigMapUpdate), release-1.32.
import type { ConfigMap } from './schema.js';
import { type ErrorList, FieldPath, forbidden, invalid, tooLong } from '../../field-errors.js';
import { deepEqual, isConfigMapKey, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';

/** core.MaxSecretSize: the limit on the summed size of a ConfigMap's or Secret's values. */
export const MAX_SECRET_SIZE = 1 * 1024 * 1024;

export function validateConfigMap(cm: ConfigMap): ErrorList {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let total = 0;
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  for (const key of Object.keys(data).sort()) {
    const p = FieldPath.of('data').key(key);
    for (const m of isConfigMapKey(key)) errs.push(invalid(p, key, m));
    if (key in binary) errs.push(invalid(p, key, 'duplicate of key present in binaryData'));
    total += Buffer.byteLength(data[key], 'utf8');
  }
  for (const key of Object.keys(binary).sort()) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(FieldPath.of('binaryData').key(key), key, m));
    total += Buffer.from(binary[key], 'base64').length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(FieldPath.of(''), MAX_SECRET_SIZE));
  return errs;
}

export function validateConfigMapUpdate(cm: ConfigMap, old: ConfigMap): ErrorList {
  const errs = validateObjectMetaUpdate(cm.metadata, old.metadata);
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!cm.immutable) errs.push(forbidden(FieldPath.of('immutable'), msg));
    if (!deepEqual(cm.data ?? {}, old.data ?? {})) errs.push(forbidden(FieldPath.of('data'), msg));
    if (!deepEqual(cm.binaryData ?? {}, old.binaryData ?? {})) errs.push(forbidden(FieldPath.of('binaryData'), msg));
  }
  errs.push(...validateConfigMap(cm));
  return errs;
}
