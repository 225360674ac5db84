// Virtual time. Realtime clocks follow the wall clock plus an offset (`mk clock advance` moves the
// offset); manual clocks move only when told. The state lives in the store so every process of a
// cluster agrees on "now".
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
  private state: ClockState;
  private frozen = false;
  constructor(private readonly store: Store, private readonly wallNow: () => number = Date.now) {
    const raw = store.getMeta(KEY);
    this.state = raw ? (JSON.parse(raw) as ClockState) : { mode: 'realtime', value: 0, reached: wallNow() };
  }

  static init(store: Store, mode: ClockMode, start: number, wallNow: () => number = Date.now): Clock {
    const state: ClockState = mode === 'manual'
      ? { mode, value: start, reached: start }
      : { mode, value: start - wallNow(), reached: start };
    store.setMeta(KEY, JSON.stringify(state));
    return new Clock(store, wallNow);
  }

  get mode(): ClockMode {
    return this.frozen ? 'manual' : this.state.mode;
  }

  /** Where virtual time stands now: what catch-up must reach. */
  target(): number {
    if (this.state.mode === 'manual') return this.state.value;
    return this.frozen ? this.state.reached : this.wallNow() + this.state.value;
  }

  /** How far the simulation has been run. */
  reached(): number {
    return this.state.reached;
  }

  setReached(t: number): void {
    this.state.reached = t;
    this.save();
  }

  advance(ms: number): void {
    this.state.value += ms;
    this.save();
  }

  /**
   * MK_CLOCK=manual for one command on a realtime cluster: time stands where the simulation was
   * left, so the command sees no wall-clock progress. Not persisted.
   */
  freeze(): void {
    this.frozen = true;
  }

  private save(): void {
    this.store.setMeta(KEY, JSON.stringify(this.state));
  }
}
