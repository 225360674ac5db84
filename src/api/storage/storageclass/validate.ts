// StorageClass validation: ValidateStorageClass / ValidateStorageClassUpdate of
// pkg/apis/storage/validation/validation.go (release-1.32).
import type { StorageClass } from './schema.js';
import { type ErrorList, FieldPath, duplicate, forbidden, invalid, notSupported, required, tooLong } from '../../field-errors.js';
import { isQualifiedName, nameIsDNSSubdomain, validateImmutableField, validateLabelName, validateObjectMeta, validateObjectMetaUpdate } from '../../validation.js';
import { deepEqual } from '../../semantic-equal.js';

const SUPPORTED_RECLAIM_POLICIES = ['Delete', 'Retain'];
const SUPPORTED_BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const MAX_PARAMETER_SIZE = 256 * (1 << 10);
const MAX_PARAMETER_LEN = 512;

function validateParameters(params: Record<string, string> | undefined, path: FieldPath): ErrorList {
  const entries = Object.entries(params ?? {});
  if (entries.length > MAX_PARAMETER_LEN) return [tooLong(path, MAX_PARAMETER_LEN)];
  const errs: ErrorList = [];
  let total = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(invalid(path, k, 'field can not be empty.'));
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (total > MAX_PARAMETER_SIZE) errs.push(tooLong(path, MAX_PARAMETER_SIZE));
  return errs;
}

/** ValidateTopologySelectorTerm, and the duplicate-term check of validateAllowedTopologies. */
function validateAllowedTopologies(terms: StorageClass['allowedTopologies'], path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const seen: Array<Record<string, string[]>> = [];
  (terms ?? []).forEach((term, i) => {
    const tp = path.index(i);
    const exprs: Record<string, string[]> = {};
    (term.matchLabelExpressions ?? []).forEach((e, j) => {
      const ep = tp.child('matchLabelExpressions').index(j);
      errs.push(...validateLabelName(e.key, ep.child('key')));
      if (e.values.length === 0) errs.push(required(ep.child('values')));
      const values = new Set<string>();
      e.values.forEach((v, k) => {
        if (values.has(v)) errs.push(duplicate(ep.child('values').index(k), v));
        values.add(v);
      });
      if (e.key in exprs) errs.push(duplicate(ep.child('key'), e.key));
      exprs[e.key] = [...values].sort();
    });
    if (seen.some((t) => deepEqual(t, exprs))) errs.push(duplicate(tp.child('matchLabelExpressions'), ''));
    seen.push(exprs);
  });
  return errs;
}

export function validateStorageClass(sc: StorageClass): ErrorList {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain, FieldPath.of('metadata'));
  const provPath = FieldPath.of('provisioner');
  if (!sc.provisioner) errs.push(required(provPath));
  else for (const m of isQualifiedName(sc.provisioner.toLowerCase())) errs.push(invalid(provPath, sc.provisioner.toLowerCase(), m));
  errs.push(...validateParameters(sc.parameters, FieldPath.of('parameters')));
  if (sc.reclaimPolicy && !SUPPORTED_RECLAIM_POLICIES.includes(sc.reclaimPolicy)) {
    errs.push(notSupported(FieldPath.of('reclaimPolicy'), sc.reclaimPolicy, SUPPORTED_RECLAIM_POLICIES));
  }
  if (sc.volumeBindingMode === undefined) errs.push(required(FieldPath.of('volumeBindingMode')));
  else if (!SUPPORTED_BINDING_MODES.includes(sc.volumeBindingMode)) {
    errs.push(notSupported(FieldPath.of('volumeBindingMode'), sc.volumeBindingMode, SUPPORTED_BINDING_MODES));
  }
  errs.push(...validateAllowedTopologies(sc.allowedTopologies, FieldPath.of('allowedTopologies')));
  return errs;
}

export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): ErrorList {
  const errs = validateStorageClass(sc);
  errs.push(...validateObjectMetaUpdate(sc.metadata, old.metadata));
  if (!deepEqual(sc.parameters ?? {}, old.parameters ?? {})) errs.push(forbidden(FieldPath.of('parameters'), 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(forbidden(FieldPath.of('provisioner'), 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(forbidden(FieldPath.of('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutableField(sc.volumeBindingMode, old.volumeBindingMode, FieldPath.of('volumeBindingMode')));
  return errs;
}
