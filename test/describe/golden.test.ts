// kubectl describe, byte for byte: each fixture under test/fixtures/describe is a set of objects
// and the `now` at which the real kubectl 1.32 described one of them (test/describe/record.test.ts);
// mk's describer, given the same objects and that `now`, must print kubectl's exact output
// (test/golden/describe/<case>.txt). kubectl printed times in UTC; so does this process.
process.env.TZ = 'UTC';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { describerFor } from '../../src/cli/describe/index.js';
import { fixtureClient } from './client.js';

interface Fixture {
  now: string;
  target: { resource: string; apiVersion: string; kind: string; namespace?: string; name: string };
  showEvents: boolean;
  objects: KubeObject[];
}

const root = join(import.meta.dirname, '..');
const names = readdirSync(join(root, 'fixtures/describe')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

describe('describe output matches kubectl 1.32', () => {
  test('there are recorded cases', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  test.each(names)('%s', (name) => {
    const fx = JSON.parse(readFileSync(join(root, 'fixtures/describe', `${name}.json`), 'utf8')) as Fixture;
    const golden = readFileSync(join(root, 'golden/describe', `${name}.txt`), 'utf8');
    const client = fixtureClient(fx.objects);
    const obj = client.get(fx.target.resource, fx.target.namespace, fx.target.name);
    const describer = describerFor(fx.target.apiVersion, fx.target.kind);
    expect(describer).toBeDefined();
    const out = describer!(obj, client, { now: Date.parse(fx.now), showEvents: fx.showEvents });
    expect(out).toBe(golden);
  });
});
