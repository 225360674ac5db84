// plugins/podtopologyspread: filtering_test.go (TestSingleConstraint, TestMultipleConstraints and
// the minDomains / node inclusion policy cases) and scoring_test.go (TestPodTopologySpreadScore).
import { describe, expect, test } from 'vitest';
import type { Node } from '../../api/core/node/schema.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { CycleState } from '../cycle-state.js';
import { Framework, type ObjectLister, type Plugin } from '../framework.js';
import { buildNodeInfos } from '../node-info.js';
import { codeName } from '../status.js';
import { makeNode, makePod, type PodWrapper } from '../testing/wrappers.js';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch, newPodTopologySpread, podTopologySpread } from './pod-topology-spread.js';

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };
const exists = (key: string): Selector => ({ matchExpressions: [{ key, operator: 'Exists' }] });
const fooSelector = exists('foo');
const HOST = 'kubernetes.io/hostname';

interface SpreadOpts { minDomains?: number; nodeAffinityPolicy?: string; nodeTaintsPolicy?: string; matchLabelKeys?: string[] }
/** st.MakePod().SpreadConstraint(maxSkew, key, when, selector, ...). */
function spread(w: PodWrapper, maxSkew: number, topologyKey: string, whenUnsatisfiable: string, labelSelector?: Selector, o: SpreadOpts = {}): PodWrapper {
  (w.pod.spec.topologySpreadConstraints ??= []).push({ maxSkew, topologyKey, whenUnsatisfiable, labelSelector, ...o });
  return w;
}
const pod = (name: string) => makePod(name).label('foo', '');
const on = (name: string, node: string) => makePod(name).node(node).label('foo', '').obj();
/** A node without mk's default hostname label, with exactly these labels. */
const node = (name: string, labels: Record<string, string>): Node => {
  const n = makeNode(name).obj();
  n.metadata.labels = labels;
  return n;
};
const zoned = (name: string, zone: string) => node(name, { zone, node: name });

function lister(objs: KubeObject[]): ObjectLister {
  const key = (o: KubeObject) => o.kind;
  const resourceOf: Record<string, string> = { Service: 'services', ReplicaSet: 'replicasets.apps', StatefulSet: 'statefulsets.apps', Namespace: 'namespaces' };
  return {
    list: <T extends KubeObject>(resource: string, f?: { namespace?: string }) =>
      objs.filter((o) => resourceOf[key(o)] === resource && (!f?.namespace || o.metadata.namespace === f.namespace)) as T[],
    tryGet: <T extends KubeObject>(resource: string, ns: string | undefined, name: string) =>
      objs.find((o) => resourceOf[key(o)] === resource && o.metadata.name === name && (o.metadata.namespace ?? undefined) === ns) as T | undefined,
  };
}

const framework = (plugin: Plugin | ((h: never) => Plugin), nodes: Node[], existing: Pod[], objs: KubeObject[] = []) =>
  new Framework({ schedulerName: 'test', plugins: [{ plugin: plugin as Plugin, weight: 1 }] }, buildNodeInfos(nodes, existing), [], lister(objs));

/** PreFilter, then Filter on every node: code name per node (a skipped filter passes). */
function filterCodes(p: Pod, nodes: Node[], existing: Pod[] = []): Record<string, string> {
  const fw = framework(podTopologySpread, nodes, existing);
  const state = new CycleState();
  const pre = fw.runPreFilterPlugins(state, p);
  if (pre.status) throw new Error(pre.status.message());
  return Object.fromEntries(fw.nodeInfos.map((ni) => {
    const s = fw.runFilterPlugins(state, p, ni);
    return [ni.name, s ? codeName(s.code) : 'Success'];
  }));
}

const S = 'Success';
const U = 'Unschedulable';
const UU = 'UnschedulableAndUnresolvable';
const fourNodes = () => [zoned('node-a', 'zone1'), zoned('node-b', 'zone1'), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')];
const spread2103 = () => [on('p-a1', 'node-a'), on('p-a2', 'node-a'), on('p-b1', 'node-b'), on('p-y1', 'node-y'), on('p-y2', 'node-y'), on('p-y3', 'node-y')];

describe('Filter, single constraint', () => {
  test.each([
    {
      name: 'no existing pods',
      pod: spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(), existing: [],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "no existing pods, incoming pod doesn't match itself",
      pod: spread(pod('p'), 1, 'zone', 'DoNotSchedule', exists('bar')).obj(),
      nodes: fourNodes(), existing: [],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'existing pods in a different namespace do not count',
      pod: spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(),
      existing: [makePod('p-a1', 'ns1').node('node-a').label('foo', '').obj(), makePod('p-b1', 'ns2').node('node-a').label('foo', '').obj(),
        on('p-x1', 'node-x'), on('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': S, 'node-x': U, 'node-y': U },
    },
    {
      name: 'pods spread across zones as 3/3, all nodes fit',
      pod: spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(), existing: spread2103(),
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
      pod: spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      nodes: [zoned('node-a', 'zone1'), node('node-b', { zon: 'zone1', node: 'node-b' }), zoned('node-x', 'zone2'), zoned('node-y', 'zone2')],
      existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': UU, 'node-x': U, 'node-y': U },
    },
    {
      name: "pod cannot be scheduled as all nodes don't have label 'rack'",
      pod: spread(pod('p'), 1, 'rack', 'DoNotSchedule', fooSelector).obj(),
      nodes: [zoned('node-a', 'zone1'), zoned('node-x', 'zone2')], existing: [],
      want: { 'node-a': UU, 'node-x': UU },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
      pod: spread(pod('p'), 1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(), existing: spread2103(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
    {
      name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
      pod: spread(pod('p'), 2, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(), existing: spread2103(),
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
      pod: spread(makePod('p').label('bar', ''), 1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(), existing: spread2103(),
      want: { 'node-a': U, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
      pod: spread(pod('p').nodeAffinityTerms({ matchExpressions: [{ key: 'node', operator: 'In', values: ['node-a', 'node-y'] }] }),
        1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: fourNodes(), existing: spread2103(),
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': U },
    },
    {
      name: 'terminating Pods should be excluded',
      pod: spread(pod('p'), 1, 'node', 'DoNotSchedule', fooSelector).obj(),
      nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })],
      existing: [makePod('p-a').node('node-a').label('foo', '').terminating().obj(), on('p-b', 'node-b')],
      want: { 'node-a': S, 'node-b': U },
    },
  ])('$name', ({ pod: p, nodes, existing, want }) => {
    expect(filterCodes(p, nodes, existing)).toEqual(want);
  });
});

describe('Filter, multiple constraints', () => {
  test.each([
    {
      name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
      pod: spread(spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector), 1, 'node', 'DoNotSchedule', fooSelector).obj(),
      existing: spread2103(),
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': U },
    },
  ])('$name', ({ pod: p, existing, want }) => {
    expect(filterCodes(p, fourNodes(), existing)).toEqual(want);
  });
});

describe('Filter, minDomains and node inclusion policies', () => {
  test.each([
    {
      name: 'minDomains greater than the number of domains: the global minimum is 0',
      pod: spread(pod('p'), 2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 }).obj(),
      existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
      want: { 'node-a': U, 'node-b': U, 'node-x': U, 'node-y': U },
    },
    {
      name: 'minDomains equal to the number of domains: the real minimum counts',
      pod: spread(pod('p'), 2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 2 }).obj(),
      existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x'), on('p-y1', 'node-y')],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
    {
      name: 'nodeAffinityPolicy Ignore: nodes the pod cannot go to still count towards the spread',
      pod: spread(pod('p').nodeSelector({ zone: 'zone1' }), 1, 'zone', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }).obj(),
      existing: [on('p-a1', 'node-a')],
      want: { 'node-a': U, 'node-b': U, 'node-x': S, 'node-y': S },
    },
    {
      name: 'nodeAffinityPolicy Honor (default): only nodes the pod can go to count',
      pod: spread(pod('p').nodeSelector({ zone: 'zone1' }), 1, 'zone', 'DoNotSchedule', fooSelector).obj(),
      existing: [on('p-a1', 'node-a')],
      want: { 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S },
    },
  ])('$name', ({ pod: p, existing, want }) => {
    expect(filterCodes(p, fourNodes(), existing)).toEqual(want);
  });

  test('nodeTaintsPolicy Honor leaves tainted nodes out of the domains', () => {
    const tainted = zoned('node-x', 'zone2');
    tainted.spec = { taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] };
    const nodes = [zoned('node-a', 'zone1'), tainted];
    const existing = [on('p-a1', 'node-a')];
    const honor = spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector, { nodeTaintsPolicy: 'Honor' }).obj();
    const ignore = spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector).obj();
    expect(filterCodes(honor, nodes, existing)).toEqual({ 'node-a': S, 'node-x': S });
    expect(filterCodes(ignore, nodes, existing)).toEqual({ 'node-a': U, 'node-x': S });
  });

  test('matchLabelKeys narrows the selector to pods with the same values', () => {
    const p = spread(pod('p').label('rev', '2'), 1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['rev'] }).obj();
    const old = (n: string, nd: string) => makePod(n).node(nd).label('foo', '').label('rev', '1').obj();
    expect(filterCodes(p, fourNodes(), [old('o1', 'node-a'), old('o2', 'node-a')])).toEqual({ 'node-a': S, 'node-b': S, 'node-x': S, 'node-y': S });
  });

  test('the reasons', () => {
    const p = spread(pod('p'), 1, 'zone', 'DoNotSchedule', fooSelector).obj();
    const fw = framework(podTopologySpread, [zoned('node-a', 'zone1'), zoned('node-x', 'zone2'), node('node-n', { node: 'node-n' })], [on('p-a1', 'node-a')]);
    const state = new CycleState();
    fw.runPreFilterPlugins(state, p);
    expect(fw.nodeInfos.map((ni) => fw.runFilterPlugins(state, p, ni)?.message() ?? null))
      .toEqual([ErrReasonConstraintsNotMatch, null, ErrReasonNodeLabelNotMatch]);
    expect(ErrReasonNodeLabelNotMatch).toBe("node(s) didn't match pod topology spread constraints (missing required label)");
  });

  test('a pod without constraints and without owners skips the filter', () => {
    const fw = framework(podTopologySpread, fourNodes(), []);
    const state = new CycleState();
    fw.runPreFilterPlugins(state, makePod('p').obj());
    expect(state.skipFilterPlugins.has('PodTopologySpread')).toBe(true);
  });
});

/** PreScore over the candidate nodes (all = candidates + failed), Score, NormalizeScore. */
function scores(p: Pod, nodes: Node[], failed: Node[], existing: Pod[], objs: KubeObject[] = [], plugin: unknown = podTopologySpread) {
  const fw = framework(plugin as Plugin, [...nodes, ...failed], existing, objs);
  const state = new CycleState();
  const candidates = fw.nodeInfos.filter((ni) => nodes.some((n) => n.metadata.name === ni.name));
  const s = fw.runPreScorePlugins(state, p, candidates);
  if (s) throw new Error(s.message());
  return Object.fromEntries(fw.runScorePlugins(state, p, candidates).map((n) => [n.name, n.scores[0]?.score]));
}
const host = (name: string) => node(name, { [HOST]: name });
const hostZone = (name: string, zone: string) => node(name, { zone, [HOST]: name });
const many = (nodeName: string, n: number, prefix = nodeName.slice(-1)) =>
  Array.from({ length: n }, (_, i) => on(`p-${prefix}${i + 1}`, nodeName));

describe('Score', () => {
  test.each([
    {
      name: 'one constraint on node, no existing pods',
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), host('node-b')], failed: [], existing: [],
      want: { 'node-a': 100, 'node-b': 100 },
    },
    {
      name: 'one constraint on node, only one node is candidate',
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a')], failed: [host('node-b')], existing: [...many('node-a', 2), ...many('node-b', 1)],
      want: { 'node-a': 100 },
    },
    {
      name: 'one constraint on node, all nodes have the same number of matching pods',
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), host('node-b')], failed: [], existing: [...many('node-a', 1), ...many('node-b', 1)],
      want: { 'node-a': 100, 'node-b': 100 },
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates',
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), host('node-b'), host('node-c'), host('node-d')], failed: [],
      existing: [...many('node-a', 2), ...many('node-b', 1), ...many('node-d', 3)],
      want: { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 },
    },
    {
      name: 'one constraint on node, null selector',
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', undefined).obj(),
      nodes: [host('node-a'), host('node-b'), host('node-c'), host('node-d')], failed: [],
      existing: [...many('node-a', 2), ...many('node-b', 1), ...many('node-d', 3)],
      want: { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 },
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2',
      pod: spread(pod('p'), 2, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), host('node-b'), host('node-c'), host('node-d')], failed: [],
      existing: [...many('node-a', 2), ...many('node-b', 1), ...many('node-d', 3)],
      want: { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 },
    },
    {
      name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3',
      pod: spread(pod('p'), 3, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), host('node-b'), host('node-c'), host('node-d')], failed: [],
      existing: [...many('node-a', 4), ...many('node-b', 3), ...many('node-c', 2), ...many('node-d', 1)],
      want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
    },
    {
      name: "system defaulting, nodes don't have zone, pods match service",
      pod: pod('p').obj(),
      nodes: [host('node-a'), host('node-b'), host('node-c'), host('node-d')], failed: [],
      existing: [...many('node-a', 4), ...many('node-b', 3), ...many('node-c', 2), ...many('node-d', 1)],
      objs: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } } as KubeObject],
      want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
    },
    {
      name: 'one constraint on node, 3 out of 4 nodes are candidates',
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), host('node-b'), host('node-x')], failed: [host('node-y')],
      existing: [...many('node-a', 4), ...many('node-b', 2), ...many('node-x', 1), ...many('node-y', 3)],
      want: { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
    },
    {
      name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
      pod: spread(pod('p'), 1, HOST, 'ScheduleAnyway', fooSelector).obj(),
      nodes: [host('node-a'), node('node-b', { n: 'node-b' }), host('node-x')], failed: [host('node-y')],
      existing: [...many('node-a', 4), ...many('node-b', 2), ...many('node-x', 1), ...many('node-y', 3)],
      want: { 'node-a': 16, 'node-b': 0, 'node-x': 100 },
    },
    {
      name: 'one constraint on zone, 3 out of 4 nodes are candidates',
      pod: spread(pod('p'), 1, 'zone', 'ScheduleAnyway', fooSelector).obj(),
      nodes: [hostZone('node-a', 'zone1'), hostZone('node-b', 'zone1'), hostZone('node-x', 'zone2')], failed: [hostZone('node-y', 'zone2')],
      existing: [...many('node-a', 4), ...many('node-b', 2), ...many('node-x', 1), ...many('node-y', 3)],
      want: { 'node-a': 75, 'node-b': 75, 'node-x': 100 },
    },
  ])('$name', ({ pod: p, nodes, failed, existing, objs, want }) => {
    expect(scores(p, nodes, failed, existing, objs)).toEqual(want);
  });

  test("system defaulting follows the pod's ReplicaSet", () => {
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } } as KubeObject;
    const owned = (name: string, nd?: string) => {
      const w = makePod(name).label('app', 'web');
      if (nd) w.node(nd);
      w.pod.metadata = { ...w.pod.metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u', controller: true }] } as Pod['metadata'];
      return w.obj();
    };
    expect(scores(owned('p'), [host('node-a'), host('node-b')], [], [owned('e1', 'node-a')], [rs])).toEqual({ 'node-a': 66, 'node-b': 100 });
    // Without the ReplicaSet there is no selector, hence no default constraints: PreScore skips.
    const fw = framework(podTopologySpread, [host('node-a'), host('node-b')], [owned('e1', 'node-a')]);
    const state = new CycleState();
    fw.runPreScorePlugins(state, owned('p'), fw.nodeInfos);
    expect(state.skipScorePlugins.has('PodTopologySpread')).toBe(true);
  });

  test('List defaulting uses the configured constraints', () => {
    const plugin = newPodTopologySpread({ defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: HOST, whenUnsatisfiable: 'ScheduleAnyway' }] });
    const objs = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { foo: '' } } } as KubeObject];
    expect(scores(pod('p').obj(), [host('node-a'), host('node-b'), host('node-c'), host('node-d')], [],
      [...many('node-a', 2), ...many('node-b', 1), ...many('node-d', 3)], objs, plugin)).toEqual({ 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 });
  });
});

describe('PreFilter extensions', () => {
  test('AddPod and RemovePod move the counts and the global minimum of a clone only', () => {
    const p = spread(pod('p'), 1, 'node', 'DoNotSchedule', fooSelector).obj();
    const fw = framework(podTopologySpread, [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })], [on('p-a1', 'node-a')]);
    const state = new CycleState();
    fw.runPreFilterPlugins(state, p);
    const [a, b] = fw.nodeInfos;
    expect(fw.runFilterPlugins(state, p, a)?.message()).toBe(ErrReasonConstraintsNotMatch);
    const what = state.clone();
    expect(fw.runPreFilterExtensionRemovePod(what, p, on('p-a1', 'node-a'), a)).toBeNull();
    expect(fw.runFilterPlugins(what, p, a)).toBeNull();
    expect(fw.runFilterPlugins(state, p, a)?.message()).toBe(ErrReasonConstraintsNotMatch);
    expect(fw.runPreFilterExtensionAddPod(what, p, on('p-b1', 'node-b'), b)).toBeNull();
    expect(fw.runPreFilterExtensionAddPod(what, p, on('p-b2', 'node-b'), b)).toBeNull();
    expect(fw.runFilterPlugins(what, p, b)?.message()).toBe(ErrReasonConstraintsNotMatch);
    // A pod of another namespace changes nothing.
    expect(fw.runPreFilterExtensionAddPod(what, p, makePod('o', 'other').node('node-a').label('foo', '').obj(), a)).toBeNull();
    expect(fw.runFilterPlugins(what, p, a)).toBeNull();
  });
});
