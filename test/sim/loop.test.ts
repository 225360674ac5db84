// The control loop on its own: controllers that only record what they were asked to reconcile,
// over the memory store, to pin down quiescence, relisting after compaction, timers and the
// horizon a controller may settle time-only work up to.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import type { Controller, ControllerContext } from '../../src/controllers/controller.js';
import { ControlLoop, CURSOR } from '../../src/sim/loop.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/store.js';

describe('quiesce', () => {
  test('every watched change is reconciled once per round, unwatched resources are not decoded', () => {
    const { store, loop, seen } = setup();
    store.create('configmaps', cm('a'));
    store.create('configmaps', cm('b'));
    store.create('secrets', cm('s'));
    loop.quiesce();
    expect(seen).toEqual(['default/a', 'default/b']);
    expect(store.getMeta(CURSOR)).toBe(String(store.revision()));
  });

  test('a cursor compacted away relists every watched object instead of failing', () => {
    const { store, loop, seen, resyncs } = setup({ compactionWindow: 10 });
    loop.quiesce();
    store.setMeta(CURSOR, String(store.revision()));
    for (let i = 0; i < 40; i++) store.create('configmaps', cm(`cm-${String(i).padStart(2, '0')}`));
    store.delete('configmaps', 'default', 'cm-00');
    store.update('configmaps', { ...store.get('configmaps', 'default', 'cm-01')!, data: { k: 'v' } });
    expect(() => store.changes(0)).toThrow(/too old resource version/);
    loop.quiesce();
    expect(resyncs).toEqual([[0, 42]]);
    // Every live object once, as the relist delivered it; the deleted one is not known any more.
    expect(seen).toEqual(Array.from({ length: 39 }, (_, i) => `default/cm-${String(i + 1).padStart(2, '0')}`));
    expect(store.getMeta(CURSOR)).toBe('42');
    // And the loop goes on from there as usual.
    seen.length = 0;
    store.create('configmaps', cm('late'));
    loop.quiesce();
    expect(seen).toEqual(['default/late']);
  });

  test('a controller that keeps writing is stopped, not spun forever', () => {
    const store = new MemoryStore();
    let n = 0;
    const writer: Controller = {
      name: 'writer', watches: ['configmaps'], keysFor: () => ['k'],
      reconcile: () => void store.create('configmaps', cm(`x${n++}`)),
    };
    const loop = new ControlLoop({ store, controllers: [writer], context: () => ({}) as ControllerContext, now: () => 0, setNow: () => {} });
    store.create('configmaps', cm('seed'));
    expect(() => loop.quiesce()).toThrow('controllers did not settle');
  });
});

describe('timers and the horizon', () => {
  test('advanceTo fires due timers in time order and stops at the target', () => {
    const { store, loop, fired, clock } = setup();
    store.addTimer(3_000, 'recorder', 'c');
    store.addTimer(1_000, 'recorder', 'a');
    store.addTimer(2_000, 'recorder', 'b');
    store.addTimer(9_000, 'recorder', 'late');
    loop.advanceTo(5_000);
    expect(fired).toEqual([[1_000, 'a'], [2_000, 'b'], [3_000, 'c']]);
    expect(clock.now).toBe(5_000);
    expect(store.nextTimer()?.key).toBe('late');
  });

  test('the horizon is the target, short of the first timer another controller set, and now outside a catch-up', () => {
    const { store, loop, horizons, clock } = setup();
    store.addTimer(1_000, 'recorder', 'probe');
    store.addTimer(2_000, 'recorder', 'own');
    store.addTimer(7_000, 'other', 'x');
    store.addTimer(8_000, 'recorder', 'probe');
    loop.advanceTo(10_000);
    // At 1s its own later timer does not limit it; the other controller's at 7s does. Once that
    // has fired, nothing stands between it and the target.
    expect(horizons).toEqual([[1_000, 6_999], [8_000, 10_000]]);
    expect(clock.now).toBe(10_000);
    expect(loop.horizon('recorder')).toBe(10_000);
  });

  test('a timer of another controller due at the same instant allows no lookahead', () => {
    const { store, loop, horizons } = setup();
    store.addTimer(1_000, 'recorder', 'probe');
    store.addTimer(1_000, 'other', 'x');
    loop.advanceTo(5_000);
    expect(horizons[0]).toEqual([1_000, 1_000]);
  });
});

// -- helpers --------------------------------------------------------------------------------------

function cm(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } } as KubeObject;
}

function setup(opts: { compactionWindow?: number } = {}) {
  const store: Store = new MemoryStore(opts);
  const clock = { now: 0 };
  const seen: string[] = [];
  const fired: [number, string][] = [];
  const horizons: [number, number][] = [];
  const resyncs: [number, number][] = [];
  let loop!: ControlLoop;
  const recorder: Controller = {
    name: 'recorder',
    watches: ['configmaps'],
    keysFor: (ev) => [`${ev.object.metadata.namespace}/${ev.object.metadata.name}`],
    reconcile(key, ctx) {
      if (key.includes('/')) {
        seen.push(key);
        return;
      }
      fired.push([ctx.now(), key]);
      if (key === 'probe') horizons.push([ctx.now(), ctx.horizon!()]);
    },
  };
  const other: Controller = { name: 'other', watches: [], keysFor: () => [], reconcile: () => {} };
  loop = new ControlLoop({
    store,
    controllers: [recorder, other],
    context: (c) => ({
      store, now: () => clock.now, requeueAt: (due: number, key: string) => store.addTimer(due, c.name, key),
      horizon: () => loop.horizon(c.name),
    }) as unknown as ControllerContext,
    now: () => clock.now,
    setNow: (t) => { clock.now = t; },
    onResync: (from, to) => resyncs.push([from, to]),
  });
  return { store, loop, seen, fired, horizons, resyncs, clock };
}
