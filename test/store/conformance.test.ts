// One behaviour for every Store: the same cases run against the memory and the SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SqliteStore } from '../../src/store/sqlite.js';
import type { ListOptions, Store } from '../../src/store/store.js';

interface Opts { compactionWindow?: number }

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const implementations: [string, (opts?: Opts) => Store][] = [
  ['MemoryStore', (opts) => new MemoryStore(opts)],
  ['SqliteStore', (opts) => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-store-'));
    dirs.push(dir);
    return new SqliteStore(join(dir, 'clusters', 'test', 'state.db'), opts);
  }],
];

describe.each(implementations)('%s', (_name, make) => {
  const open = (opts?: Opts) => {
    const s = make(opts);
    stores.push(s);
    return s;
  };

  describe('objects', () => {
    test('an empty store is at revision 0', () => {
      const s = open();
      expect(s.revision()).toBe(0);
      expect(s.get('pods', 'default', 'a')).toBeUndefined();
      expect(s.list('pods')).toEqual({ items: [], revision: 0 });
    });

    test('create stamps the new revision as resourceVersion and get returns the object', () => {
      const s = open();
      const created = s.create('pods', pod('default', 'a'));
      expect(created.metadata.resourceVersion).toBe('1');
      expect(s.revision()).toBe(1);
      expect(s.get('pods', 'default', 'a')).toEqual(created);
      expect(s.create('pods', pod('default', 'b')).metadata.resourceVersion).toBe('2');
    });

    test('one revision counter is shared by every resource', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      s.create('nodes', node('n1'));
      s.create('deployments.apps', { ...pod('default', 'a'), kind: 'Deployment', apiVersion: 'apps/v1' });
      expect(s.get('deployments.apps', 'default', 'a')?.metadata.resourceVersion).toBe('3');
      expect(s.list('nodes').revision).toBe(3);
    });

    test('create of an existing object is AlreadyExists and changes nothing', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      const err = catchApi(() => s.create('pods', pod('default', 'a', { v: 2 })));
      expect(err.status).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'pods "a" already exists' });
      expect(s.revision()).toBe(1);
      expect(s.get('pods', 'default', 'a')?.spec).toEqual({ v: 1 });
    });

    test('the same name may exist in other namespaces and other resources', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      s.create('pods', pod('other', 'a'));
      s.create('configmaps', pod('default', 'a'));
      expect(s.list('pods').items.map(nsName)).toEqual(['default/a', 'other/a']);
    });

    test('cluster-scoped objects are addressed with an undefined or empty namespace', () => {
      const s = open();
      s.create('nodes', node('n1'));
      expect(s.get('nodes', undefined, 'n1')?.metadata.name).toBe('n1');
      expect(s.get('nodes', '', 'n1')?.metadata.name).toBe('n1');
      expect(s.delete('nodes', '', 'n1').metadata.name).toBe('n1');
      expect(s.get('nodes', undefined, 'n1')).toBeUndefined();
    });

    test('update replaces the object and stamps a new resourceVersion', () => {
      const s = open();
      const a = s.create('pods', pod('default', 'a'));
      const b = s.update('pods', { ...a, spec: { v: 2 } });
      expect(b.metadata.resourceVersion).toBe('2');
      expect(s.get('pods', 'default', 'a')).toEqual(b);
    });

    test('update with a stale resourceVersion is a Conflict', () => {
      const s = open();
      const a = s.create('pods', pod('default', 'a'));
      s.update('pods', { ...a, spec: { v: 2 } });
      const err = catchApi(() => s.update('pods', { ...a, spec: { v: 3 } }));
      expect(err.status).toMatchObject({
        reason: 'Conflict',
        code: 409,
        message: 'Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again',
      });
      expect(s.revision()).toBe(2);
      expect(s.get('pods', 'default', 'a')?.spec).toEqual({ v: 2 });
    });

    test('update without a resourceVersion is unconditional', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      s.update('pods', pod('default', 'a', { v: 2 }));
      const c = s.update('pods', { ...pod('default', 'a', { v: 3 }), metadata: { name: 'a', namespace: 'default', resourceVersion: '' } });
      expect(c.spec).toEqual({ v: 3 });
      expect(c.metadata.resourceVersion).toBe('3');
    });

    test('update of a missing object is NotFound', () => {
      const s = open();
      const err = catchApi(() => s.update('deployments.apps', pod('default', 'x')));
      expect(err.status).toMatchObject({ reason: 'NotFound', code: 404, message: 'deployments.apps "x" not found' });
      expect(s.revision()).toBe(0);
    });

    test('delete removes the object and returns it as last stored', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      const a = s.update('pods', pod('default', 'a', { v: 2 }));
      expect(s.delete('pods', 'default', 'a')).toEqual(a);
      expect(s.revision()).toBe(3);
      expect(s.get('pods', 'default', 'a')).toBeUndefined();
      expect(s.list('pods').items).toEqual([]);
    });

    test('delete of a missing object is NotFound; with a stale resourceVersion, Conflict', () => {
      const s = open();
      expect(catchApi(() => s.delete('pods', 'default', 'x')).status)
        .toMatchObject({ reason: 'NotFound', message: 'pods "x" not found' });
      const a = s.create('pods', pod('default', 'a'));
      s.update('pods', a);
      expect(catchApi(() => s.delete('pods', 'default', 'a', a.metadata.resourceVersion)).status).toMatchObject({
        reason: 'Conflict',
        message: 'Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again',
      });
      expect(s.delete('pods', 'default', 'a', '2').metadata.resourceVersion).toBe('2');
    });

    test('a deleted name can be created again', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      s.delete('pods', 'default', 'a');
      expect(s.create('pods', pod('default', 'a')).metadata.resourceVersion).toBe('3');
    });

    test('callers cannot change stored state through objects passed in or handed out', () => {
      const s = open();
      const input = pod('default', 'a', { containers: [{ name: 'c' }] });
      const created = s.create('pods', input);
      expect(input.metadata.resourceVersion).toBeUndefined();
      (input.spec as { containers: { name: string }[] }).containers[0].name = 'changed';
      (created.spec as { containers: { name: string }[] }).containers[0].name = 'changed';
      const got = s.get('pods', 'default', 'a')!;
      (got.spec as { containers: { name: string }[] }).containers[0].name = 'changed';
      s.list('pods').items[0].metadata.labels = { x: 'y' };
      s.changes(0)[0].object.metadata.labels = { x: 'y' };
      expect(s.get('pods', 'default', 'a')).toEqual({ ...pod('default', 'a', { containers: [{ name: 'c' }] }), metadata: { name: 'a', namespace: 'default', resourceVersion: '1' } });
    });
  });

  describe('list', () => {
    test('items come in etcd key order: namespace/name compared byte-wise', () => {
      const s = open();
      for (const [ns, n] of [['dev', 'b'], ['kube-system', 'x'], ['dev-2', 'a'], ['dev', 'a'], ['default', 'z'], ['dev', 'a-1']]) {
        s.create('pods', pod(ns, n));
      }
      expect(s.list('pods').items.map(nsName)).toEqual(['default/z', 'dev-2/a', 'dev/a', 'dev/a-1', 'dev/b', 'kube-system/x']);
    });

    test('a namespace lists only its own objects; an empty namespace lists all', () => {
      const s = open();
      for (const [ns, n] of [['dev', 'b'], ['dev-2', 'a'], ['dev', 'a'], ['de', 'c']]) s.create('pods', pod(ns, n));
      s.create('configmaps', pod('dev', 'cm'));
      expect(s.list('pods', { namespace: 'dev' }).items.map(nsName)).toEqual(['dev/a', 'dev/b']);
      expect(s.list('pods', { namespace: 'nope' }).items).toEqual([]);
      expect(s.list('pods', { namespace: '' }).items).toHaveLength(4);
      expect(s.list('pods', { namespace: 'dev' }).revision).toBe(5);
    });

    test('cluster-scoped objects list by name', () => {
      const s = open();
      for (const n of ['worker-2', 'control-plane', 'worker']) s.create('nodes', node(n));
      expect(s.list('nodes').items.map((o) => o.metadata.name)).toEqual(['control-plane', 'worker', 'worker-2']);
    });

    test('a list at an older revision shows the objects as they were then', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));            // 1
      s.create('pods', pod('default', 'b'));            // 2
      s.create('pods', pod('other', 'c'));              // 3
      s.update('pods', pod('default', 'a', { v: 2 }));  // 4
      s.delete('pods', 'default', 'b');                 // 5
      s.create('pods', pod('default', 'd'));            // 6
      s.create('nodes', node('n'));                     // 7
      s.update('pods', pod('default', 'a', { v: 3 }));  // 8
      const at = (revision: number, namespace?: string) =>
        s.list('pods', { revision, namespace }).items.map((o) => `${nsName(o)}@${o.metadata.resourceVersion}`);
      expect(at(0)).toEqual([]);
      expect(at(1)).toEqual(['default/a@1']);
      expect(at(3)).toEqual(['default/a@1', 'default/b@2', 'other/c@3']);
      expect(at(4)).toEqual(['default/a@4', 'default/b@2', 'other/c@3']);
      expect(at(5)).toEqual(['default/a@4', 'other/c@3']);
      expect(at(7)).toEqual(['default/a@4', 'default/d@6', 'other/c@3']);
      expect(at(8)).toEqual(['default/a@8', 'default/d@6', 'other/c@3']);
      expect(at(3, 'default')).toEqual(['default/a@1', 'default/b@2']);
      expect(at(6, 'other')).toEqual(['other/c@3']);
      expect(s.list('pods', { revision: 4 }).revision).toBe(4);
      expect(s.list('pods', { revision: 4 }).items[0].spec).toEqual({ v: 2 });
      expect(s.list('nodes', { revision: 6 }).items).toEqual([]);
    });

    test('scan hands over what list returns, in the same order, one object at a time', () => {
      const s = open();
      for (const [ns, n] of [['dev', 'b'], ['kube-system', 'x'], ['dev', 'a'], ['default', 'z']]) s.create('pods', pod(ns, n));
      s.update('pods', pod('dev', 'a', { v: 2 }));
      s.create('nodes', node('n'));
      for (const opts of [{}, { namespace: 'dev' }, { namespace: 'nope' }, { revision: 4 }, { revision: 5, namespace: 'dev' }]) {
        const seen: unknown[] = [];
        const revision = s.scan('pods', opts, (o) => seen.push(o));
        expect({ items: seen, revision }).toEqual(s.list('pods', opts));
      }
    });

    test('contains keeps the objects whose stored JSON holds the text, at any revision and in scan too', () => {
      const s = open();
      s.create('pods', pod('dev', 'a', { image: 'redis' }));   // 1
      s.create('pods', pod('dev', 'b', { image: 'nginx' }));   // 2
      s.create('pods', pod('other', 'c', { image: 'redis' })); // 3
      s.update('pods', pod('dev', 'b', { image: 'redis' }));   // 4
      const names = (opts: ListOptions) => s.list('pods', opts).items.map(nsName);
      expect(names({ contains: '"redis"' })).toEqual(['dev/a', 'dev/b', 'other/c']);
      expect(names({ contains: '"redis"', namespace: 'dev' })).toEqual(['dev/a', 'dev/b']);
      expect(names({ contains: '"redis"', revision: 3 })).toEqual(['dev/a', 'other/c']);
      expect(names({ contains: '"nginx"', revision: 3, namespace: 'dev' })).toEqual(['dev/b']);
      expect(names({ contains: '"redi"' })).toEqual([]);
      const seen: string[] = [];
      s.scan('pods', { contains: '"resourceVersion":"4"' }, (o) => seen.push(nsName(o)));
      expect(seen).toEqual(['dev/b']);
    });

    test('a list at a revision not reached yet is refused', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      expect(catchApi(() => s.list('pods', { revision: 5 })).status)
        .toMatchObject({ code: 504, reason: 'Timeout', message: 'Too large resource version: 5, current: 1' });
    });
  });

  describe('changes', () => {
    test('every write after a revision, in order, with the object as written', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      s.create('nodes', node('n'));
      s.update('pods', pod('default', 'a', { v: 2 }));
      s.delete('pods', 'default', 'a');
      const all = s.changes(0);
      expect(all.map((e) => [e.type, e.revision, e.resource, e.object.metadata.name, e.object.metadata.resourceVersion])).toEqual([
        ['ADDED', 1, 'pods', 'a', '1'],
        ['ADDED', 2, 'nodes', 'n', '2'],
        ['MODIFIED', 3, 'pods', 'a', '3'],
        // The apiserver sends a deleted object with the revision of its deletion.
        ['DELETED', 4, 'pods', 'a', '4'],
      ]);
      expect(all[3].object.spec).toEqual({ v: 2 });
      expect(s.changes(2).map((e) => e.revision)).toEqual([3, 4]);
      expect(s.changes(4)).toEqual([]);
      expect(s.changes(99)).toEqual([]);
    });

    test('can be limited to some resources', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      s.create('nodes', node('n'));
      s.create('services', pod('default', 's'));
      s.delete('nodes', undefined, 'n');
      expect(s.changes(0, ['nodes', 'services']).map((e) => `${e.type} ${e.resource}`))
        .toEqual(['ADDED nodes', 'ADDED services', 'DELETED nodes']);
      expect(s.changes(0, [])).toEqual([]);
    });
  });

  describe('compaction', () => {
    // Window 5 compacts in steps once more than 6 changes are kept: after 20 writes the oldest
    // readable revision is 14.
    const history = (s: Store) => {
      s.create('configmaps', pod('default', 'a'));                    // 1
      s.create('configmaps', pod('default', 'b'));                    // 2
      s.create('configmaps', pod('kube-system', 'c'));                // 3
      for (let v = 2; v <= 11; v++) s.update('configmaps', pod('default', 'a', { v })); // 4..13
      s.update('configmaps', pod('default', 'b', { v: 2 }));          // 14
      s.delete('configmaps', 'kube-system', 'c');                     // 15
      s.update('configmaps', pod('default', 'b', { v: 3 }));          // 16
      s.create('configmaps', pod('default', 'd'));                    // 17
      s.delete('configmaps', 'default', 'd');                         // 18
      s.update('configmaps', pod('default', 'a', { v: 12 }));         // 19
      s.create('configmaps', pod('default', 'e'));                    // 20
    };

    test('changes from before the window are Gone', () => {
      const s = open({ compactionWindow: 5 });
      history(s);
      expect(catchApi(() => s.changes(0)).status)
        .toMatchObject({ code: 410, reason: 'Gone', message: 'too old resource version: 0 (14)' });
      expect(catchApi(() => s.changes(13)).status.message).toBe('too old resource version: 13 (14)');
      expect(s.changes(14).map((e) => `${e.type} ${e.revision} ${nsName(e.object)}`)).toEqual([
        'DELETED 15 kube-system/c', 'MODIFIED 16 default/b', 'ADDED 17 default/d',
        'DELETED 18 default/d', 'MODIFIED 19 default/a', 'ADDED 20 default/e',
      ]);
    });

    test('a deleted object still comes with its last state, however old', () => {
      const s = open({ compactionWindow: 5 });
      history(s);
      const [deleted] = s.changes(14);
      expect(deleted.object).toEqual({ ...pod('kube-system', 'c'), metadata: { name: 'c', namespace: 'kube-system', resourceVersion: '15' } });
    });

    test('lists before the window are Gone; lists inside it are exact', () => {
      const s = open({ compactionWindow: 5 });
      history(s);
      expect(catchApi(() => s.list('configmaps', { revision: 13 })).status)
        .toMatchObject({ code: 410, reason: 'Gone', message: 'The resourceVersion for the provided list is too old.' });
      const at = (revision: number) => s.list('configmaps', { revision }).items.map((o) => `${nsName(o)}@${o.metadata.resourceVersion}`);
      expect(at(14)).toEqual(['default/a@13', 'default/b@14', 'kube-system/c@3']);
      expect(at(17)).toEqual(['default/a@13', 'default/b@16', 'default/d@17']);
      expect(at(20)).toEqual(['default/a@19', 'default/b@16', 'default/e@20']);
      expect(s.list('configmaps', { revision: 14 }).items[0].spec).toEqual({ v: 11 });
    });

    test('keeps working through many compactions', () => {
      const s = open({ compactionWindow: 5 });
      s.create('configmaps', pod('default', 'old'));
      for (let i = 0; i < 200; i++) {
        if (i % 3 === 0) s.create('configmaps', pod('default', `x${i}`));
        else s.update('configmaps', pod('default', 'old', { i }));
      }
      const rev = s.revision();
      expect(rev).toBe(201);
      expect(s.changes(rev - 5)).toHaveLength(5);
      expect(s.list('configmaps', { revision: rev - 5 }).items).toHaveLength(66); // x195 and x198 came later
      expect(s.list('configmaps').items).toHaveLength(68);
    });

    test('the window is a constructor option and must be positive', () => {
      expect(() => make({ compactionWindow: 0 })).toThrow(RangeError);
    });
  });

  describe('transactions', () => {
    test('commit every write together and pass the result through', () => {
      const s = open();
      const out = s.transaction(() => {
        s.create('pods', pod('default', 'a'));
        s.create('pods', pod('default', 'b'));
        return 'done';
      });
      expect(out).toBe('done');
      expect(s.revision()).toBe(2);
      expect(s.list('pods').items).toHaveLength(2);
    });

    test('leave nothing behind when the function throws: objects, revision, meta, timers', () => {
      const s = open({ compactionWindow: 5 });
      s.create('pods', pod('default', 'keep'));
      s.create('pods', pod('default', 'gone'));
      s.setMeta('k', 'before');
      s.addTimer(10, 'c', 'k1');
      s.addTimer(20, 'c', 'k2');
      const before = snapshot(s);
      expect(() => s.transaction(() => {
        s.create('pods', pod('default', 'new'));
        s.update('pods', pod('default', 'keep', { v: 9 }));
        s.delete('pods', 'default', 'gone');
        for (let i = 0; i < 10; i++) s.create('configmaps', pod('default', `cm${i}`)); // compacts too
        s.setMeta('k', 'after');
        s.setMeta('new', 'x');
        s.addTimer(5, 'c', 'k0');
        s.removeTimer(s.nextTimer()!.id);
        s.clearTimers('c', 'k2');
        throw new Error('boom');
      })).toThrow('boom');
      expect(snapshot(s)).toEqual(before);
      // Revisions and timer ids given out inside the rolled-back transaction are not skipped.
      expect(s.create('pods', pod('default', 'next')).metadata.resourceVersion).toBe('3');
      s.addTimer(30, 'c', 'k3');
      expect(s.dueTimers(100).map((t) => t.key)).toEqual(['k1', 'k2', 'k3']);
    });

    test('an API error thrown inside rolls back the writes before it', () => {
      const s = open();
      s.create('pods', pod('default', 'a'));
      const err = catchApi(() => s.transaction(() => {
        s.create('pods', pod('default', 'b'));
        s.create('pods', pod('default', 'a'));
      }));
      expect(err.status.reason).toBe('AlreadyExists');
      expect(s.list('pods').items.map(nsName)).toEqual(['default/a']);
      expect(s.revision()).toBe(1);
    });

    test('nested calls join the outer transaction', () => {
      const s = open();
      expect(() => s.transaction(() => {
        s.transaction(() => s.create('pods', pod('default', 'inner')));
        expect(s.get('pods', 'default', 'inner')).toBeDefined();
        s.create('pods', pod('default', 'outer'));
        throw new Error('outer fails');
      })).toThrow('outer fails');
      expect(s.list('pods').items).toEqual([]);
      expect(s.revision()).toBe(0);

      s.transaction(() => {
        s.transaction(() => s.create('pods', pod('default', 'inner')));
        s.create('pods', pod('default', 'outer'));
      });
      expect(s.list('pods').items.map(nsName)).toEqual(['default/inner', 'default/outer']);
    });

    test('a nested failure caught by the outer function takes back only its own writes', () => {
      const s = open();
      s.transaction(() => {
        s.create('pods', pod('default', 'a'));
        try {
          s.transaction(() => {
            s.create('pods', pod('default', 'b'));
            s.setMeta('m', 'inner');
            throw new Error('inner fails');
          });
        } catch {
          // carries on without b
        }
        s.create('pods', pod('default', 'c'));
      });
      expect(s.list('pods').items.map((o) => `${o.metadata.name}@${o.metadata.resourceVersion}`)).toEqual(['a@1', 'c@2']);
      expect(s.getMeta('m')).toBeUndefined();
    });

    test('an async function is refused and its synchronous writes rolled back', () => {
      const s = open();
      expect(() => s.transaction(() => {
        s.create('pods', pod('default', 'a'));
        return Promise.resolve(1);
      })).toThrow(TypeError);
      expect(s.revision()).toBe(0);
      expect(s.get('pods', 'default', 'a')).toBeUndefined();
    });
  });

  describe('meta', () => {
    test('set, overwrite, delete', () => {
      const s = open();
      expect(s.getMeta('clock')).toBeUndefined();
      s.setMeta('clock', '{"now":1}');
      expect(s.getMeta('clock')).toBe('{"now":1}');
      s.setMeta('clock', '');
      expect(s.getMeta('clock')).toBe('');
      s.setMeta('clock', undefined);
      expect(s.getMeta('clock')).toBeUndefined();
      s.setMeta('never-set', undefined);
      expect(s.revision()).toBe(0);
    });
  });

  describe('timers', () => {
    test('come out by due time, ties in insertion order', () => {
      const s = open();
      s.addTimer(300, 'kubelet', 'b');
      s.addTimer(100, 'kubelet', 'a');
      s.addTimer(200, 'job', 'x');
      s.addTimer(100, 'deployment', 'z');
      s.addTimer(100, 'kubelet', 'c');
      expect(s.dueTimers(1000).map((t) => `${t.due} ${t.owner} ${t.key}`)).toEqual([
        '100 kubelet a', '100 deployment z', '100 kubelet c', '200 job x', '300 kubelet b',
      ]);
      expect(s.dueTimers(200).map((t) => t.key)).toEqual(['a', 'z', 'c', 'x']);
      expect(s.dueTimers(200, 2).map((t) => t.key)).toEqual(['a', 'z']);
      expect(s.dueTimers(99)).toEqual([]);
      expect(s.nextTimer()).toMatchObject({ due: 100, owner: 'kubelet', key: 'a' });
      expect(s.revision()).toBe(0);
    });

    test('the next timer of any owner but some', () => {
      const s = open();
      s.addTimer(300, 'kubelet', 'b');
      s.addTimer(100, 'kubelet', 'a');
      s.addTimer(200, 'job', 'x');
      s.addTimer(150, 'event-ttl', 'e');
      expect(s.nextTimer(['kubelet'])).toMatchObject({ due: 150, owner: 'event-ttl', key: 'e' });
      expect(s.nextTimer(['kubelet', 'event-ttl'])).toMatchObject({ due: 200, owner: 'job', key: 'x' });
      expect(s.nextTimer(['kubelet', 'event-ttl', 'job'])).toBeUndefined();
      expect(s.nextTimer([])).toMatchObject({ due: 100, owner: 'kubelet' });
    });

    test('identical timers are kept once', () => {
      const s = open();
      s.addTimer(100, 'kubelet', 'a');
      s.addTimer(100, 'kubelet', 'a');
      s.addTimer(100, 'kubelet', 'b');
      s.addTimer(100, 'job', 'a');
      s.addTimer(101, 'kubelet', 'a');
      expect(s.dueTimers(1000).map((t) => `${t.due} ${t.owner} ${t.key}`))
        .toEqual(['100 kubelet a', '100 kubelet b', '100 job a', '101 kubelet a']);
    });

    test('remove one by id, or all of an owner and key', () => {
      const s = open();
      s.addTimer(1, 'kubelet', 'a');
      s.addTimer(2, 'kubelet', 'a');
      s.addTimer(3, 'kubelet', 'b');
      s.addTimer(4, 'job', 'a');
      const ids = s.dueTimers(10).map((t) => t.id);
      expect(new Set(ids).size).toBe(4);
      s.removeTimer(ids[2]);
      s.removeTimer(12345);
      expect(s.dueTimers(10).map((t) => t.due)).toEqual([1, 2, 4]);
      s.clearTimers('kubelet', 'a');
      expect(s.dueTimers(10)).toEqual([{ id: ids[3], due: 4, owner: 'job', key: 'a' }]);
      s.removeTimer(ids[3]);
      expect(s.nextTimer()).toBeUndefined();
    });

    test('ids are not reused after removal', () => {
      const s = open();
      s.addTimer(1, 'c', 'a');
      const first = s.nextTimer()!.id;
      s.removeTimer(first);
      s.addTimer(1, 'c', 'a');
      expect(s.nextTimer()!.id).toBeGreaterThan(first);
    });
  });
});

function pod(namespace: string, name: string, spec: Record<string, unknown> = { v: 1 }): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec };
}

function node(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name } };
}

function nsName(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

function catchApi(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

function snapshot(s: Store) {
  return {
    revision: s.revision(),
    pods: s.list('pods'),
    configmaps: s.list('configmaps'),
    changes: s.changes(0),
    meta: [s.getMeta('k'), s.getMeta('new')],
    timers: s.dueTimers(Infinity),
  };
}
