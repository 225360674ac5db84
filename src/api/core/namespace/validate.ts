// Namespace validation (ValidateNamespace, ValidateNamespaceUpdate), release-1.32.
import type { Namespace } from './schema.js';
import { type ErrorList, FieldPath } from '../../field-errors.js';
import {
  nameIsDNSLabel, validateFinalizerName, validateKubeFinalizerName, validateObjectMeta, validateObjectMetaUpdate,
} from '../../validation.js';

export function validateNamespace(ns: Namespace): ErrorList {
  const errs = validateObjectMeta(ns.metadata, false, nameIsDNSLabel);
  // Upstream reports every spec finalizer against the list, without an index.
  const path = FieldPath.of('spec', 'finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    errs.push(...validateFinalizerName(f, path), ...validateKubeFinalizerName(f, path));
  }
  return errs;
}

export function validateNamespaceUpdate(ns: Namespace, old: Namespace): ErrorList {
  return validateObjectMetaUpdate(ns.metadata, old.metadata);
}
