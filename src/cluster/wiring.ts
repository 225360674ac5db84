// The parts of the API server that pull in heavier code (decoding, patching, selectors), plugged
// in only by commands and controllers that write or filter.
import { createAdmission } from '../apiserver/admission/index.js';
import { patchObject } from '../apiserver/patch/strategic.js';
import { fieldManager } from '../apiserver/managed-fields/field-manager.js';
import { selectors } from '../apiserver/selectors.js';
import type { ClusterHandle } from './runtime.js';

export function wireSelectors(h: ClusterHandle): void {
  h.api.configure({ selectors });
}

export function wireApiServer(h: ClusterHandle): void {
  const admission = createAdmission({
    get: (resource, ns, name) => h.api.tryGet(resource, ns, name),
    list: (resource) => h.api.list(resource),
  });
  h.api.configure({ admission, patcher: patchObject, selectors, fieldManager });
}
