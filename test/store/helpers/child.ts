// A separate process writing to a SQLite store, bundled by esbuild before the tests that spawn it.
//   child <db> churn                 write forever, reporting each iteration on stdout
//   child <db> inc-tx <n> <startAt>  n increments of the counter inside transaction()
//   child <db> inc-cas <n> <startAt> n increments by resourceVersion, retrying on Conflict
//   child <db> create <name> <startAt> open the (maybe not yet existing) database and create one object
import { ApiError } from '../../../src/apiserver/errors.js';
import type { KubeObject } from '../../../src/api/object.js';
import { SqliteStore } from '../../../src/store/sqlite.js';

const [path, mode, arg, startAt] = process.argv.slice(2);
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const sleep = (ms: number) => Atomics.wait(sleeper, 0, 0, ms);

function counter(store: SqliteStore, name: string): KubeObject {
  const c = store.get('configmaps', 'default', name);
  if (!c) throw new Error(`no ${name}`);
  return c;
}

function bump(c: KubeObject, n: number): KubeObject {
  return { ...c, data: { n: String(n) } };
}

const value = (c: KubeObject) => Number((c.data as { n: string }).n);

if (mode === 'churn') {
  const store = new SqliteStore(path, { compactionWindow: 50 });
  for (let i = 1; ; i++) {
    store.transaction(() => {
      const a = counter(store, 'a');
      const b = counter(store, 'b');
      store.update('configmaps', bump(a, value(a) + 1));
      store.update('configmaps', bump(b, value(b) + 1));
    });
    const name = `churn-${process.pid}-${i}`;
    store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { pad: 'x'.repeat(i % 500) } });
    if (i > 10) store.delete('pods', 'default', `churn-${process.pid}-${i - 10}`);
    store.setMeta('iteration', String(i));
    store.addTimer(i, 'churn', name);
    if (i > 10) store.clearTimers('churn', `churn-${process.pid}-${i - 10}`);
    process.stdout.write(`${i}\n`);
  }
} else if (mode === 'inc-tx' || mode === 'inc-cas') {
  const store = new SqliteStore(path);
  while (Date.now() < Number(startAt)) sleep(1);
  let conflicts = 0;
  for (let i = 0; i < Number(arg); i++) {
    if (mode === 'inc-tx') {
      store.transaction(() => {
        const c = counter(store, 'counter');
        sleep(1);
        store.update('configmaps', bump(c, value(c) + 1));
      });
      continue;
    }
    for (;;) {
      const c = counter(store, 'counter');
      sleep(1);
      try {
        store.update('configmaps', bump(c, value(c) + 1));
        break;
      } catch (err) {
        if (!(err instanceof ApiError && err.status.reason === 'Conflict')) throw err;
        conflicts++;
      }
    }
  }
  store.close();
  process.stdout.write(JSON.stringify({ conflicts }));
} else if (mode === 'create') {
  while (Date.now() < Number(startAt)) sleep(1);
  const store = new SqliteStore(path);
  store.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: arg, namespace: 'default' } });
  store.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}
