// kubectl computes some ages on its own wall clock (describe's event ages, a node's pod ages,
// kubectl events' LAST SEEN), while a manual-clock cluster has virtual time. To compare them
// without masking, the cluster's virtual now is brought to an instant V of the wall clock chosen
// so that every age on display reads the same from V to V + window: kubectl, started at V and done
// within the window, then prints what mk prints at V. No age is ever rewritten.
import { humanDuration } from '../../src/api/duration.js';
import type { Result } from '../e2e/harness.js';

type Run = (...args: string[]) => Result;

/** Moves the cluster's clock to `at` (forward only), with `mk clock advance --to`. */
export function moveClockTo(mk: Run, at: number): void {
  const r = mk('clock', 'advance', '--to', new Date(at).toISOString());
  if (r.code !== 0) throw new Error(`mk clock advance --to failed: ${r.stderr}`);
}

/** A whole minute about `ago` ms before the wall clock's now, where a scenario can start. */
export function minuteBefore(ago: number): number {
  return Math.floor((Date.now() - ago) / 60_000) * 60_000;
}

/** Every instant the compared outputs measure an age from: events' times and pods' creation. */
function agedInstants(mk: Run): number[] {
  const json = (args: string[]) => JSON.parse(mk(...args).stdout) as { items: Record<string, unknown>[] };
  const times: (string | undefined)[] = [];
  for (const e of json(['get', 'events', '-A', '-o', 'json']).items as { eventTime?: string; firstTimestamp?: string; lastTimestamp?: string; series?: { lastObservedTime?: string } }[]) {
    times.push(e.eventTime, e.firstTimestamp, e.lastTimestamp, e.series?.lastObservedTime);
  }
  for (const p of json(['get', 'pods', '-A', '-o', 'json']).items as { metadata: { creationTimestamp?: string } }[]) times.push(p.metadata.creationTimestamp);
  return times.filter((t): t is string => !!t).map((t) => Date.parse(t));
}

export class WallClock {
  private at = 0;

  constructor(private readonly mk: Run, private readonly windowMs = 35_000) {}

  /**
   * Runs `compare` (which starts kubectl) with the cluster's now at an instant V the wall clock
   * has just reached, moving the clock on to a new V when the current one's window is used up.
   */
  compare<T>(compare: () => T): T {
    // Room for one kubectl command: a few seconds on a loaded machine.
    if (Date.now() + 4_000 > this.at + this.windowMs) this.realign();
    while (Date.now() < this.at) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, this.at - Date.now());
    const out = compare();
    const late = Date.now() - (this.at + this.windowMs);
    if (late > 0) throw new Error(`the comparison ran ${late} ms past its window: kubectl's ages may differ from mk's by a boundary`);
    return out;
  }

  private realign(): void {
    const instants = agedInstants(this.mk);
    const same = (v: number) => instants.every((t) => v - t >= 0 && humanDuration(v - t) === humanDuration(v + this.windowMs - t));
    const from = Math.ceil((Math.max(Date.now() + 2_000, this.at + 1_000)) / 1_000) * 1_000;
    for (let v = from; v < from + 120_000; v += 1_000) {
      if (!same(v)) continue;
      moveClockTo(this.mk, v);
      // Nothing the cluster did on its way to V may have made a new, too young age.
      if (!agedInstants(this.mk).every((t) => humanDuration(v - t) === humanDuration(v + this.windowMs - t))) {
        throw new Error('the cluster recorded an event too recent to compare ages at the wall clock');
      }
      this.at = v;
      return;
    }
    throw new Error('no instant in the next two minutes shows every age the same over the comparison window');
  }
}
