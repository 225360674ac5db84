// Per-cycle scratch space: what a plugin computes once in PreFilter/PreScore and reads per node
// in Filter/Score. Keys carry their value type, so a plugin reading its own state needs no cast.

declare const keyType: unique symbol;
export type StateKey<T> = string & { readonly [keyType]?: T };

/** A key for one plugin's state, named like upstream's ("PreFilter" + Name, "PreScore" + Name). */
export const stateKey = <T>(name: string): StateKey<T> => name as StateKey<T>;

/** framework.StateData.Clone. */
export interface StateData { clone(): StateData }
const isCloneable = (v: unknown): v is StateData =>
  typeof v === 'object' && v !== null && typeof (v as { clone?: unknown }).clone === 'function';

export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Plugins whose PreFilter returned Skip: their Filter is not run this cycle. */
  skipFilterPlugins = new Set<string>();
  /** Plugins whose PreScore returned Skip: their Score is not run this cycle. */
  skipScorePlugins = new Set<string>();

  write<T>(key: StateKey<T>, value: T): void {
    this.data.set(key, value);
  }

  read<T>(key: StateKey<T>): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  /** A copy for a what-if; state a plugin changes in its PreFilter extensions brings its own clone(). */
  clone(): CycleState {
    const c = new CycleState();
    for (const [k, v] of this.data) c.data.set(k, isCloneable(v) ? v.clone() : v);
    c.skipFilterPlugins = new Set(this.skipFilterPlugins);
    c.skipScorePlugins = new Set(this.skipScorePlugins);
    return c;
  }
}
