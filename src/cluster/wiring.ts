// The parts of the API server that pull in heavier code (decoding, patching, selectors), plugged
// in only by commands and controllers that write or filter.
import { patchObject } from '../apiserver/patch/strategic.js';
import { compileListFilter } from '../apiserver/selectors.js';
import type { ClusterHandle } from './runtime.js';

export function wireSelectors(h: ClusterHandle): void {
  h.api.configure({ selectors: { compile: compileListFilter } });
}

export function wireApiServer(h: ClusterHandle): void {
  h.api.configure({ patcher: patchObject, selectors: { compile: compileListFilter } });
}
