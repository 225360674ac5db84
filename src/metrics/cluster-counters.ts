// Counters that accumulate over the cluster's life (scheduling attempts, workqueue adds): kept in
// the store's meta table, since the scheduler and the controllers run in whichever mk process is
// catching the cluster up. One small JSON document, written once per batch of work.
import type { Store } from '../store/store.js';

export const COUNTERS_META = 'metrics/counters';

export interface HistogramState { counts: number[]; sum: number; count: number }
export interface CounterState {
  /** `family` → serialized labels → value. */
  counters: Record<string, Record<string, number>>;
  histograms: Record<string, Record<string, HistogramState>>;
}

export const labelKey = (labels: Record<string, string>): string => JSON.stringify(labels);
export const parseLabelKey = (key: string): Record<string, string> => JSON.parse(key) as Record<string, string>;

export function readCounters(store: Pick<Store, 'getMeta'>): CounterState {
  const raw = store.getMeta(COUNTERS_META);
  if (!raw) return { counters: {}, histograms: {} };
  const s = JSON.parse(raw) as Partial<CounterState>;
  return { counters: s.counters ?? {}, histograms: s.histograms ?? {} };
}

/** Increments gathered in memory and written in one go. */
export class CounterBatch {
  private readonly adds = new Map<string, Map<string, number>>();
  private readonly observations: { family: string; labels: string; buckets: readonly number[]; value: number }[] = [];

  add(family: string, labels: Record<string, string>, n = 1): void {
    let m = this.adds.get(family);
    if (!m) this.adds.set(family, (m = new Map()));
    const k = labelKey(labels);
    m.set(k, (m.get(k) ?? 0) + n);
  }

  /** A histogram observation: counted in every bucket whose upper bound holds it. */
  observe(family: string, labels: Record<string, string>, buckets: readonly number[], value: number): void {
    this.observations.push({ family, labels: labelKey(labels), buckets, value });
  }

  get empty(): boolean {
    return this.adds.size === 0 && this.observations.length === 0;
  }

  flush(store: Pick<Store, 'getMeta' | 'setMeta'>): void {
    if (this.empty) return;
    const state = readCounters(store);
    for (const [family, m] of this.adds) {
      const f = (state.counters[family] ??= {});
      for (const [k, n] of m) f[k] = (f[k] ?? 0) + n;
    }
    for (const o of this.observations) {
      const f = (state.histograms[o.family] ??= {});
      const h = (f[o.labels] ??= { counts: o.buckets.map(() => 0), sum: 0, count: 0 });
      o.buckets.forEach((le, i) => {
        if (o.value <= le) h.counts[i]++;
      });
      h.sum += o.value;
      h.count++;
    }
    store.setMeta(COUNTERS_META, JSON.stringify(state));
    this.adds.clear();
    this.observations.length = 0;
  }
}

/** Records at once (a scheduling attempt is rare next to the work it does). */
export function record(store: Pick<Store, 'getMeta' | 'setMeta'>, fn: (b: CounterBatch) => void): void {
  const b = new CounterBatch();
  fn(b);
  b.flush(store);
}
