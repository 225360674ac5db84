// Shared plugin helpers (pkg/scheduler/framework/plugins/helper).
import type { NodeScore } from '../framework.js';

/**
 * DefaultNormalizeScore: scales scores so the highest becomes maxPriority (integer division, as
 * int64 upstream); `reverse` turns "more is worse" counts into scores. All-zero scores stay zero,
 * or become maxPriority when reversed.
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: NodeScore[]): null {
  let maxCount = 0;
  for (const s of scores) if (s.score > maxCount) maxCount = s.score;
  if (maxCount === 0) {
    if (reverse) for (const s of scores) s.score = maxPriority;
    return null;
  }
  for (const s of scores) {
    let score = Math.trunc((maxPriority * s.score) / maxCount);
    if (reverse) score = maxPriority - score;
    s.score = score;
  }
  return null;
}
