// kubectl describe for PriorityClass, LimitRange and ResourceQuota, byte for byte: the goldens
// were printed by the real kubectl 1.32 (shared/tools/kubectl-oracle) for describe-objects.json.
// None of these outputs shows an age, so no clock is involved.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { describerFor } from '../../src/cli/describe/index.js';
import { fixtureClient } from '../describe/client.js';

const here = import.meta.dirname;
const objects = JSON.parse(readFileSync(join(here, 'describe-objects.json'), 'utf8')) as KubeObject[];

test.each([
  ['priorityclass-high-priority', 'priorityclasses.scheduling.k8s.io', undefined, 'high-priority'],
  ['priorityclass-system-node-critical', 'priorityclasses.scheduling.k8s.io', undefined, 'system-node-critical'],
  ['limitrange-cpu-mem', 'limitranges', 'default', 'cpu-mem'],
  ['quota-compute-quota', 'resourcequotas', 'default', 'compute-quota'],
  ['quota-best-effort', 'resourcequotas', 'default', 'best-effort'],
])('%s', (golden, resource, ns, name) => {
  const client = fixtureClient(objects);
  // The shared fixture client serves core and apps kinds; a cluster-scoped class is picked directly.
  const obj = resource.includes('.') ? objects.find((o) => o.metadata.name === name)! : client.get(resource, ns, name);
  const out = describerFor(obj.apiVersion, obj.kind)(obj, client, { now: Date.UTC(2025, 0, 1, 12), showEvents: true });
  expect(out).toBe(readFileSync(join(here, 'golden', `${golden}.txt`), 'utf8'));
});
