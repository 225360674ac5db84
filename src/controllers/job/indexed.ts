// Indexed completion mode (pkg/controller/job/indexed_job_utils.go, release-1.32): completion
// indexes on pods, and status.completedIndexes as a compressed list of intervals ("1,3-5,7").
export const JobCompletionIndexAnnotation = 'batch.kubernetes.io/job-completion-index';

/** getCompletionIndex: the pod's index, or undefined when absent or not a valid number. */
export function getCompletionIndex(annotations: Readonly<Record<string, string>> | undefined): number | undefined {
  const v = annotations?.[JobCompletionIndexAnnotation];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n <= 2147483647 ? n : undefined;
}

/** parseIndexesFromString: the sorted indexes below `completions` that an interval list names. */
export function parseIndexes(text: string | undefined, completions: number): number[] {
  const out: number[] = [];
  if (!text) return out;
  for (const part of text.split(',')) {
    const [a, b] = part.split('-');
    const from = Number(a);
    const to = b === undefined ? from : Number(b);
    if (!Number.isInteger(from) || !Number.isInteger(to)) continue;
    for (let i = from; i <= to && i < completions; i++) out.push(i);
  }
  return [...new Set(out)].sort((x, y) => x - y);
}

/** orderedIntervals.String(). */
export function formatIndexes(indexes: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < indexes.length;) {
    let j = i;
    while (j + 1 < indexes.length && indexes[j + 1] === indexes[j] + 1) j++;
    parts.push(i === j ? String(indexes[i]) : `${indexes[i]}-${indexes[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function addCompletionIndex(indexes: readonly number[], ix: number): number[] {
  return indexes.includes(ix) ? [...indexes] : [...indexes, ix].sort((a, b) => a - b);
}

/** firstPendingIndexes: the lowest `count` indexes neither succeeded nor running. */
export function firstPendingIndexes(succeeded: readonly number[], active: readonly number[], count: number, completions: number): number[] {
  const taken = new Set([...succeeded, ...active]);
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!taken.has(i)) out.push(i);
  return out;
}
