// plugins/noderesources/fit_test.go (TestEnoughRequests, TestNotEnoughRequests) and
// least_allocated_test.go (TestLeastAllocatedScoringStrategy).
import { describe, expect, test } from 'vitest';
import type { Pod } from '../../api/core/pod/schema.js';
import { runFilter, runScore, summarize } from '../testing/framework.js';
import { makeNode, makePod, type PodWrapper } from '../testing/wrappers.js';
import { ErrReasonTooManyPods, nodeResourcesFit } from './node-resources-fit.js';

const extendedA = 'example.com/aaa';
const extendedB = 'example.com/bbb';
const hugePageA = 'hugepages-2Mi';

/** newResourcePod: one container per (milliCPU, memory) pair. */
type Usage = { cpu?: number; mem?: number; [extended: string]: number | undefined };
function withUsage(w: PodWrapper, usages: Usage[], init = false): PodWrapper {
  for (const u of usages) {
    const r: Record<string, string> = {};
    if (u.cpu !== undefined) r.cpu = `${u.cpu}m`;
    if (u.mem !== undefined) r.memory = `${u.mem}`;
    for (const [k, v] of Object.entries(u)) if (k !== 'cpu' && k !== 'mem' && v !== undefined) r[k] = `${v}`;
    if (init) w.initReq(r);
    else w.req(r);
  }
  return w;
}
const resourcePod = (...u: Usage[]) => withUsage(makePod('p'), u).obj();
const resourceInitPod = (pod: Pod, ...u: Usage[]) => {
  const w = makePod('p');
  w.pod.spec = structuredClone(pod.spec);
  return withUsage(w, u, true).obj();
};
const existingPod = (...u: Usage[]) => withUsage(makePod('existing'), u).node('node').obj();

/** makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA). */
const node = (milliCPU: number, memory: number, pods: number, extA: number, storage: number, huge: number) =>
  makeNode('node').capacity({
    cpu: `${milliCPU}m`, memory: `${memory}`, pods: `${pods}`, [extendedA]: `${extA}`,
    'ephemeral-storage': `${storage}`, [hugePageA]: `${huge}`,
  }).obj();

const insufficient = (...reasons: string[]) => ({ code: 'Unschedulable', message: reasons.join(', ') });

describe('Filter: enough requests', () => {
  const allocatable = node(10, 20, 32, 5, 20, 5);
  test.each<{ name: string; pod: Pod; existing: Pod[]; want: ReturnType<typeof summarize> }>([
    { name: 'no resources requested always fits', pod: makePod('p').container().obj(), existing: [existingPod({ cpu: 10, mem: 20 })], want: null },
    {
      name: 'too many resources fails', pod: resourcePod({ cpu: 1, mem: 1 }), existing: [existingPod({ cpu: 10, mem: 20 })],
      want: insufficient('Insufficient cpu', 'Insufficient memory'),
    },
    {
      name: 'too many resources fails due to init container cpu',
      pod: resourceInitPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }), existing: [existingPod({ cpu: 8, mem: 19 })],
      want: insufficient('Insufficient cpu'),
    },
    {
      name: 'too many resources fails due to highest init container cpu',
      pod: resourceInitPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 3, mem: 1 }, { cpu: 2, mem: 1 }), existing: [existingPod({ cpu: 8, mem: 19 })],
      want: insufficient('Insufficient cpu'),
    },
    {
      name: 'too many resources fails due to init container memory',
      pod: resourceInitPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }), existing: [existingPod({ cpu: 9, mem: 19 })],
      want: insufficient('Insufficient memory'),
    },
    {
      name: 'too many resources fails due to highest init container memory',
      pod: resourceInitPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 3 }, { cpu: 1, mem: 2 }), existing: [existingPod({ cpu: 9, mem: 19 })],
      want: insufficient('Insufficient memory'),
    },
    {
      name: "init container fits because it's the max, not sum, of containers and init containers",
      pod: resourceInitPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }), existing: [existingPod({ cpu: 9, mem: 19 })], want: null,
    },
    {
      name: "multiple init containers fit because it's the max, not sum, of containers and init containers",
      pod: resourceInitPod(resourcePod({ cpu: 1, mem: 1 }), { cpu: 1, mem: 1 }, { cpu: 1, mem: 1 }), existing: [existingPod({ cpu: 9, mem: 19 })], want: null,
    },
    { name: 'both resources fit', pod: resourcePod({ cpu: 1, mem: 1 }), existing: [existingPod({ cpu: 5, mem: 5 })], want: null },
    { name: 'one resource memory fits', pod: resourcePod({ cpu: 2, mem: 1 }), existing: [existingPod({ cpu: 9, mem: 5 })], want: insufficient('Insufficient cpu') },
    { name: 'one resource cpu fits', pod: resourcePod({ cpu: 1, mem: 2 }), existing: [existingPod({ cpu: 5, mem: 19 })], want: insufficient('Insufficient memory') },
    { name: 'equal edge case', pod: resourcePod({ cpu: 5, mem: 1 }), existing: [existingPod({ cpu: 5, mem: 19 })], want: null },
    {
      name: 'equal edge case for init container',
      pod: resourceInitPod(resourcePod({ cpu: 4, mem: 1 }), { cpu: 5, mem: 1 }), existing: [existingPod({ cpu: 5, mem: 19 })], want: null,
    },
    { name: 'extended resource fits', pod: resourcePod({ [extendedA]: 1 }), existing: [existingPod({ cpu: 0, mem: 0 })], want: null },
    {
      name: 'extended resource fits for init container',
      pod: resourceInitPod(makePod('p').container().obj(), { [extendedA]: 1 }), existing: [existingPod({ cpu: 0, mem: 0 })], want: null,
    },
    {
      name: 'extended resource capacity enforced', pod: resourcePod({ [extendedA]: 10 }), existing: [existingPod({ cpu: 0, mem: 0 })],
      want: insufficient(`Insufficient ${extendedA}`),
    },
    {
      name: 'extended resource allocatable enforced', pod: resourcePod({ [extendedA]: 1 }), existing: [existingPod({ [extendedA]: 5 })],
      want: insufficient(`Insufficient ${extendedA}`),
    },
    {
      name: 'extended resource allocatable enforced for multiple containers',
      pod: resourcePod({ [extendedA]: 3 }, { [extendedA]: 3 }), existing: [existingPod({ [extendedA]: 2 })],
      want: insufficient(`Insufficient ${extendedA}`),
    },
    {
      name: 'extended resource allocatable admits multiple init containers',
      pod: resourceInitPod(makePod('p').container().obj(), { [extendedA]: 3 }, { [extendedA]: 2 }), existing: [existingPod({ [extendedA]: 2 })], want: null,
    },
    {
      name: 'extended resource allocatable enforced for multiple init containers',
      pod: resourceInitPod(makePod('p').container().obj(), { [extendedA]: 6 }, { [extendedA]: 3 }), existing: [existingPod({ [extendedA]: 2 })],
      want: insufficient(`Insufficient ${extendedA}`),
    },
    {
      name: 'extended resource allocatable enforced for unknown resource', pod: resourcePod({ [extendedB]: 1 }), existing: [existingPod({ cpu: 0, mem: 0 })],
      want: insufficient(`Insufficient ${extendedB}`),
    },
    {
      name: 'hugepages resource capacity enforced', pod: resourcePod({ [hugePageA]: 10 }), existing: [existingPod({ cpu: 0, mem: 0 })],
      want: insufficient(`Insufficient ${hugePageA}`),
    },
    {
      name: 'hugepages resource allocatable enforced for multiple containers',
      pod: resourcePod({ [hugePageA]: 3 }, { [hugePageA]: 3 }), existing: [existingPod({ [hugePageA]: 2 })],
      want: insufficient(`Insufficient ${hugePageA}`),
    },
    {
      name: 'resources + pod overhead fits',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).overhead({ cpu: '3m', memory: '13' }).obj(),
      existing: [existingPod({ cpu: 5, mem: 5 })], want: null,
    },
    {
      name: 'requests + overhead does not fit for memory',
      pod: makePod('p').req({ cpu: '1m', memory: '1' }).overhead({ cpu: '1m', memory: '15' }).obj(),
      existing: [existingPod({ cpu: 5, mem: 5 })], want: insufficient('Insufficient memory'),
    },
    {
      name: 'skip checking resource request with quantity zero',
      pod: resourcePod({ cpu: 1, mem: 1, [extendedA]: 0 }), existing: [existingPod({ cpu: 5, mem: 5, [extendedA]: 6 })], want: null,
    },
    {
      name: 'ephemeral storage request exceeds allocatable',
      pod: makePod('p').req({ 'ephemeral-storage': '25' }).obj(), existing: [], want: insufficient('Insufficient ephemeral-storage'),
    },
    {
      name: 'a sidecar adds to the containers and to the init containers after it',
      // containers 2 + sidecar 3 = 5; the init container after the sidecar needs 4 + 3 = 7.
      pod: makePod('p').sidecarReq({ cpu: '3m' }).initReq({ cpu: '4m' }).req({ cpu: '2m' }).obj(),
      existing: [existingPod({ cpu: 4 })], want: insufficient('Insufficient cpu'),
    },
    {
      name: 'a sidecar fits when the node has room for its running total',
      pod: makePod('p').sidecarReq({ cpu: '3m' }).initReq({ cpu: '4m' }).req({ cpu: '2m' }).obj(),
      existing: [existingPod({ cpu: 3 })], want: null,
    },
    {
      name: 'finished pods do not count',
      pod: resourcePod({ cpu: 5, mem: 1 }),
      existing: [{ ...existingPod({ cpu: 9, mem: 19 }), status: { phase: 'Succeeded' } }], want: null,
    },
    {
      name: 'terminating pods still hold their resources',
      pod: resourcePod({ cpu: 5, mem: 1 }),
      existing: [makePod('existing').req({ cpu: '9m' }).node('node').terminating().obj()], want: insufficient('Insufficient cpu'),
    },
  ])('$name', ({ pod, existing, want }) => {
    expect(summarize(runFilter(nodeResourcesFit, pod, allocatable, existing))).toEqual(want);
  });
});

describe('Filter: not enough pods', () => {
  const allocatable = node(10, 20, 1, 0, 0, 0);
  test.each([
    {
      name: "even without specified resources, predicate fails when there's no space for additional pod",
      pod: makePod('p').container().obj(), existing: [existingPod({ cpu: 10, mem: 20 })],
    },
    {
      name: "even if both resources fit, predicate fails when there's no space for additional pod",
      pod: resourcePod({ cpu: 1, mem: 1 }), existing: [existingPod({ cpu: 5, mem: 5 })],
    },
    {
      name: "even for equal edge case, predicate fails when there's no space for additional pod",
      pod: resourcePod({ cpu: 5, mem: 1 }), existing: [existingPod({ cpu: 5, mem: 19 })],
    },
    {
      name: "even for equal edge case, predicate fails when there's no space for additional pod due to init container",
      pod: resourceInitPod(resourcePod({ cpu: 5, mem: 1 }), { cpu: 5, mem: 1 }), existing: [existingPod({ cpu: 5, mem: 19 })],
    },
  ])('$name', ({ pod, existing }) => {
    expect(summarize(runFilter(nodeResourcesFit, pod, allocatable, existing))).toEqual(insufficient(ErrReasonTooManyPods));
  });

  test('too many pods comes first when cpu is short too', () => {
    const s = runFilter(nodeResourcesFit, resourcePod({ cpu: 6, mem: 1 }), allocatable, [existingPod({ cpu: 5, mem: 5 })]);
    expect(summarize(s)).toEqual(insufficient('Too many pods', 'Insufficient cpu'));
  });
});

describe('Score: LeastAllocated', () => {
  const mk = (name: string, cpu: string, memory: string) => makeNode(name).capacity({ cpu, memory }).obj();
  const req = (w: PodWrapper, ...r: Array<Record<string, string>>) => { r.forEach((x) => w.req(x)); return w; };
  const requested = () => req(makePod('p'), { cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' }).obj();
  const on = (n: string, r: Record<string, string>) => makePod(`e-${n}-${Object.values(r).join('-')}-${Math.random()}`).req(r).node(n).obj();

  test.each([
    {
      name: 'nothing scheduled, nothing requested',
      pod: makePod('p').obj(), nodes: [mk('node1', '4000', '10000'), mk('node2', '4000', '10000')], existing: [],
      want: [100, 100],
    },
    {
      name: 'nothing scheduled, resources requested, differently sized nodes',
      pod: requested(), nodes: [mk('node1', '4000', '10000'), mk('node2', '6000', '10000')], existing: [],
      want: [37, 50],
    },
    {
      name: 'no resources requested, pods scheduled',
      pod: makePod('p').obj(), nodes: [mk('node1', '4000', '10000'), mk('node2', '4000', '10000')],
      existing: [makePod('a').node('node1').obj(), makePod('b').node('node1').obj(), makePod('c').node('node2').obj(), makePod('d').node('node2').obj()],
      want: [100, 100],
    },
    {
      name: 'no resources requested, pods scheduled with resources',
      pod: makePod('p').obj(), nodes: [mk('node1', '10000', '20000'), mk('node2', '10000', '20000')],
      existing: [
        on('node1', { cpu: '3000', memory: '0' }), on('node1', { cpu: '3000', memory: '0' }),
        on('node2', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' }),
      ],
      want: [70, 57],
    },
    {
      name: 'resources requested, pods scheduled with resources',
      pod: requested(), nodes: [mk('node1', '10000', '20000'), mk('node2', '10000', '20000')],
      existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [57, 45],
    },
    {
      name: 'resources requested, pods scheduled with resources, differently sized nodes',
      pod: requested(), nodes: [mk('node1', '10000', '20000'), mk('node2', '10000', '50000')],
      existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [57, 60],
    },
    {
      name: 'requested resources exceed node capacity',
      pod: makePod('p').req({ cpu: '3000', memory: '0' }).obj(), nodes: [mk('node1', '4000', '10000'), mk('node2', '4000', '10000')],
      existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [50, 25],
    },
    {
      name: 'zero node resources, pods scheduled with resources',
      pod: makePod('p').obj(), nodes: [makeNode('node1').obj(), makeNode('node2').obj()],
      existing: [on('node1', { cpu: '3000', memory: '0' }), on('node2', { cpu: '3000', memory: '5000' })],
      want: [0, 0],
    },
    {
      // Containers without requests count as 100m and 200Mi, so an empty node beats a busy one.
      name: 'best-effort pods are spread by the non-zero defaults',
      pod: makePod('p').container().obj(), nodes: [mk('node1', '2', '4Gi'), mk('node2', '2', '4Gi')],
      existing: [makePod('be').container().node('node1').obj()],
      // node1: cpu (2000-200)/2000 = 90, memory (4096-400)/4096 Mi = 90 → 90; node2: 95, 95 → 95.
      want: [90, 95],
    },
  ])('$name', ({ pod, nodes, existing, want }) => {
    expect(runScore(nodeResourcesFit, pod, nodes, existing).map((s) => s.score)).toEqual(want);
  });
});
