// Virtual time. Realtime clocks follow the wall clock plus an offset (`mk clock advance` moves the
// offset); manual clocks move only when told. The state lives in the store so every process of a
// cluster agrees on "now"; it is re-read on every access because another process may have moved it.
import type { Store } from '../store/store.js';

export type ClockMode = 'realtime' | 'manual';

interface ClockState {
  mode: ClockMode;
  /** manual: the current virtual time; realtime: offset from the wall clock. Both in ms. */
  value: number;
  /** The virtual time the simulation has been caught up to. */
  reached: number;
}

const KEY = 'clock';

/** Manual clusters start at a fixed instant so a scenario replayed prints the same timestamps. */
export const MANUAL_EPOCH = Date.UTC(2025, 0, 1, 0, 0, 0);

export class Clock {
  private frozen = false;
  constructor(private readonly store: Store, private readonly wallNow: () => number = Date.now) {}

  /** A new cluster's clock standing at `now`, with the simulation run up to `reached`. */
  static init(store: Store, mode: ClockMode, now: number, reached: number, wallNow: () => number = Date.now): Clock {
    const state: ClockState = { mode, value: mode === 'manual' ? now : now - wallNow(), reached };
    store.setMeta(KEY, JSON.stringify(state));
    return new Clock(store, wallNow);
  }

  private get state(): ClockState {
    const raw = this.store.getMeta(KEY);
    return raw ? (JSON.parse(raw) as ClockState) : { mode: 'realtime', value: 0, reached: this.wallNow() };
  }

  private save(state: ClockState): void {
    this.store.setMeta(KEY, JSON.stringify(state));
  }

  get mode(): ClockMode {
    return this.frozen ? 'manual' : this.state.mode;
  }

  /** The cluster's own mode, ignoring a per-command MK_CLOCK override. */
  get clusterMode(): ClockMode {
    return this.state.mode;
  }

  /** Where virtual time stands now: what catch-up must reach. */
  target(): number {
    const s = this.state;
    if (s.mode === 'manual') return s.value;
    return this.frozen ? s.reached : this.wallNow() + s.value;
  }

  /** How far the simulation has been run. */
  reached(): number {
    return this.state.reached;
  }

  setReached(t: number): void {
    this.save({ ...this.state, reached: t });
  }

  advance(ms: number): void {
    const s = this.state;
    this.save({ ...s, value: s.value + ms });
  }

  /**
   * MK_CLOCK=manual for one command on a realtime cluster: time stands where the simulation was
   * left, so the command sees no wall-clock progress. Not persisted.
   */
  freeze(): void {
    this.frozen = true;
  }
}
