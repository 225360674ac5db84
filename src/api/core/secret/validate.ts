// Secret validation (ValidateSecret, ValidateSecretUpdate), release-1.32. `data` holds base64
// text here; the checks that look inside (size, JSON of docker configs) decode it first.
import type { Secret } from './schema.js';
import { type ErrorList, FieldPath, forbidden, invalid, required, tooLong } from '../../field-errors.js';
import {
  deepEqual, isConfigMapKey, nameIsDNSSubdomain, validateImmutableField, validateObjectMeta, validateObjectMetaUpdate,
} from '../../validation.js';
import { MAX_SECRET_SIZE } from '../configmap/validate.js';

const decode = (b64: string) => Buffer.from(b64, 'base64');

export function validateSecret(secret: Secret): ErrorList {
  const errs = validateObjectMeta(secret.metadata, true, nameIsDNSSubdomain);
  const dataPath = FieldPath.of('data');
  const data = secret.data ?? {};
  let total = 0;
  for (const key of Object.keys(data).sort()) {
    for (const m of isConfigMapKey(key)) errs.push(invalid(dataPath.key(key), key, m));
    total += decode(data[key]).length;
  }
  if (total > MAX_SECRET_SIZE) errs.push(tooLong(dataPath, MAX_SECRET_SIZE));

  const has = (k: string) => k in data;
  switch (secret.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(required(FieldPath.of('metadata', 'annotations').key('kubernetes.io/service-account.name')));
      }
      break;
    case 'kubernetes.io/dockercfg':
      errs.push(...validateJSONKey(data, '.dockercfg', dataPath));
      break;
    case 'kubernetes.io/dockerconfigjson':
      errs.push(...validateJSONKey(data, '.dockerconfigjson', dataPath));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(required(dataPath.key('username')), required(dataPath.key('password')));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!has('ssh-privatekey') || decode(data['ssh-privatekey']).length === 0) errs.push(required(dataPath.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(required(dataPath.key('tls.crt')));
      if (!has('tls.key')) errs.push(required(dataPath.key('tls.key')));
      break;
    default:
      break;
  }
  return errs;
}

function validateJSONKey(data: Record<string, string>, key: string, dataPath: FieldPath): ErrorList {
  if (!(key in data)) return [required(dataPath.key(key))];
  const text = decode(data[key]).toString('utf8');
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      return [invalid(dataPath.key(key), '<secret contents redacted>', `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : v === null ? 'null' : 'number'} into Go value of type map[string]interface {}`)];
    }
    return [];
  } catch {
    return [invalid(dataPath.key(key), '<secret contents redacted>', 'unexpected end of JSON input')];
  }
}

export function validateSecretUpdate(secret: Secret, old: Secret): ErrorList {
  const errs = validateObjectMetaUpdate(secret.metadata, old.metadata);
  errs.push(...validateImmutableField(secret.type ?? '', old.type ?? '', FieldPath.of('type')));
  if (old.immutable) {
    const msg = 'field is immutable when `immutable` is set';
    if (!secret.immutable) errs.push(forbidden(FieldPath.of('immutable'), msg));
    if (!deepEqual(secret.data ?? {}, old.data ?? {})) errs.push(forbidden(FieldPath.of('data'), msg));
  }
  errs.push(...validateSecret(secret));
  return errs;
}
