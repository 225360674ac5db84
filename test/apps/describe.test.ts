// kubectl describe deployment / replicaset, byte for byte: each fixture under
// test/apps/fixtures/describe holds the objects and the `now` at which the real kubectl 1.32
// described one of them (test/apps/record.test.ts); mk's describer must print the same bytes.
process.env.TZ = 'UTC';

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { describerFor } from '../../src/cli/describe/index.js';
import { describeDeploymentObject } from '../../src/cli/describe/deployment.js';
import { describeReplicaSetObject } from '../../src/cli/describe/replicaset.js';
import { describeDaemonSetObject } from '../../src/cli/describe/daemonset.js';
import { describeStatefulSetObject } from '../../src/cli/describe/statefulset.js';
import { fixtureClient } from '../describe/client.js';

interface Fixture {
  now: string;
  target: { resource: string; apiVersion: string; kind: string; namespace?: string; name: string };
  showEvents: boolean;
  objects: KubeObject[];
}

const here = import.meta.dirname;
const names = readdirSync(join(here, 'fixtures/describe')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

describe('apps describers match kubectl 1.32', () => {
  test('they are registered by GroupKind', () => {
    expect(describerFor('apps/v1', 'Deployment')).toBe(describeDeploymentObject);
    expect(describerFor('apps/v1', 'ReplicaSet')).toBe(describeReplicaSetObject);
    expect(describerFor('apps/v1', 'DaemonSet')).toBe(describeDaemonSetObject);
    expect(describerFor('apps/v1', 'StatefulSet')).toBe(describeStatefulSetObject);
  });
  test.each(names)('%s', (name) => {
    const fx = JSON.parse(readFileSync(join(here, 'fixtures/describe', `${name}.json`), 'utf8')) as Fixture;
    const golden = readFileSync(join(here, 'golden/describe', `${name}.txt`), 'utf8');
    const client = fixtureClient(fx.objects);
    const obj = client.get(fx.target.resource, fx.target.namespace, fx.target.name);
    const out = describerFor(fx.target.apiVersion, fx.target.kind)(obj, client, { now: Date.parse(fx.now), showEvents: fx.showEvents });
    expect(out).toBe(golden);
  });
});
