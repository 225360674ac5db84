// Records the parity golden files (see scenario.ts). Runs only with MK_RECORD_PARITY=1, after a
// build (`npm run build`):
//
//   MK_RECORD_PARITY=1 npx vitest run --config vitest.record.config.ts test/parity/record.test.ts
//
// The scenario runs on the built CLI with a private MK_HOME; at each checkpoint mk's objects are
// dumped and the real kubectl 1.32 prints them (oracle.ts), and mk's server-side outputs are
// kept as mk printed them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import { MkHome } from '../e2e/harness.js';
import { Oracle, type Obj } from './oracle.js';
import { checkpoints, DUMP } from './scenario.js';

const golden = (checkpoint: string, file: string) => join(import.meta.dirname, 'golden', checkpoint, file);

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/**
 * The instant mk's commands take as now: the manual clock's time, or later when a command (a
 * delete waiting for its pod to go) ran the cluster past it. `mk clock show` prints it to the
 * second only.
 */
function clusterNow(home: MkHome): number {
  const db = new Database(join(home.dir, 'clusters', 'mk', 'state.db'), { readonly: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'clock'").get() as { value: string };
    const clock = JSON.parse(row.value) as { value: number; reached: number };
    return Math.max(clock.value, clock.reached);
  } finally {
    db.close();
  }
}

describe.skipIf(!process.env.MK_RECORD_PARITY)('record parity golden files from kubectl 1.32', () => {
  test('the walk through a fresh cluster and the redis pod', () => {
    const home = new MkHome();
    const oracle = new Oracle();
    try {
      for (const cp of checkpoints) {
        for (const step of cp.setup) home.ok(...step);
        if (cp.kubectl.length) {
          const objects = (JSON.parse(home.ok(...DUMP)) as { items: Obj[] }).items;
          const now = clusterNow(home);
          for (const c of cp.kubectl) {
            const out = c.args[0] === 'describe' ? oracle.describeAt(objects, now, c.args) : oracle.plain(objects, c.args);
            write(golden(cp.name, `${c.name}.txt`), out);
          }
        }
        for (const c of cp.mk) {
          const r = home.run(c.args);
          write(golden(cp.name, `${c.name}.mk.txt`), r.stdout + r.stderr);
        }
      }
    } finally {
      oracle.dispose();
      home.dispose();
    }
    expect(true).toBe(true);
  }, 900_000);
});
