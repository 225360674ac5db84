// LimitRange defaulting: SetDefaults_LimitRangeItem of pkg/apis/core/v1/defaults.go (release-1.32).
// A Container item's default limit falls back to max, its default request to the default limit
// and then to min, so the LimitRanger plugin always has something to apply.
import type { LimitRange, LimitRangeItem } from './schema.js';

export function setDefaultsLimitRangeItem(item: LimitRangeItem): void {
  if (item.type !== 'Container') return;
  const def = (item.default ??= {});
  const defReq = (item.defaultRequest ??= {});
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in defReq)) defReq[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in defReq)) defReq[k] = v;
  // Go drops empty maps on output (omitempty).
  if (Object.keys(def).length === 0) delete item.default;
  if (Object.keys(defReq).length === 0) delete item.defaultRequest;
}

export function setObjectDefaultsLimitRange(lr: LimitRange): LimitRange {
  for (const item of lr.spec?.limits ?? []) setDefaultsLimitRangeItem(item);
  return lr;
}
