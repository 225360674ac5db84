// plugins/interpodaffinity: filtering_test.go (TestRequiredAffinitySingleNode, with 1.32's one
// reason per status) and scoring_test.go (TestPreferredAffinity).
import { describe, expect, test } from 'vitest';
import type { Node } from '../../api/core/node/schema.js';
import type { Affinity, Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { CycleState } from '../cycle-state.js';
import { Framework, type ObjectLister, type Plugin } from '../framework.js';
import { buildNodeInfos } from '../node-info.js';
import { codeName } from '../status.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import {
  ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch, interPodAffinity,
} from './inter-pod-affinity.js';

type Term = NonNullable<NonNullable<Affinity['podAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>[number];
type Expr = { key: string; operator: string; values?: string[] };
const term = (topologyKey: string, ...matchExpressions: Expr[]): Term => ({ labelSelector: { matchExpressions }, topologyKey });
const weighted = (weight: number, t: Term) => ({ weight, podAffinityTerm: t });
const In = (key: string, ...values: string[]): Expr => ({ key, operator: 'In', values });
const NotIn = (key: string, ...values: string[]): Expr => ({ key, operator: 'NotIn', values });
const Exists = (key: string): Expr => ({ key, operator: 'Exists' });
const DoesNotExist = (key: string): Expr => ({ key, operator: 'DoesNotExist' });

const node = (name: string, labels: Record<string, string>): Node => {
  const n = makeNode(name).obj();
  n.metadata.labels = labels;
  return n;
};

let seq = 0;
interface PodSpecLite { labels?: Record<string, string>; node?: string; affinity?: Affinity; namespace?: string }
function pod({ labels = {}, node: nodeName, affinity, namespace }: PodSpecLite = {}): Pod {
  const w = makePod(`p${seq++}`, namespace);
  for (const [k, v] of Object.entries(labels)) w.label(k, v);
  if (nodeName) w.node(nodeName);
  if (affinity) w.affinity(affinity);
  return w.obj();
}
/** createPodWithAffinityTerms. */
const withTerms = (labels: Record<string, string>, affinity: Term[] | null, anti: Term[] | null, nodeName?: string) =>
  pod({
    labels, node: nodeName,
    affinity: {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity ?? undefined },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti ?? undefined },
    },
  });

function lister(objs: KubeObject[]): ObjectLister {
  return {
    list: <T extends KubeObject>(resource: string) => (resource === 'namespaces' ? objs : []) as T[],
    tryGet: <T extends KubeObject>(resource: string, _ns: string | undefined, name: string) =>
      (resource === 'namespaces' ? objs.find((o) => o.metadata.name === name) : undefined) as T | undefined,
  };
}
const framework = (nodes: Node[], existing: Pod[], objs: KubeObject[] = []) =>
  new Framework({ schedulerName: 'test', plugins: [{ plugin: interPodAffinity as unknown as Plugin, weight: 1 }] },
    buildNodeInfos(nodes, existing), [], lister(objs));

const podLabel = { service: 'securityscan' };
const podLabel2 = { security: 'S1' };
const node1 = () => node('machine1', { region: 'r1', zone: 'z11' });
const unresolvable = { code: 'UnschedulableAndUnresolvable', message: ErrReasonAffinityRulesNotMatch };
const antiNotMatch = { code: 'Unschedulable', message: ErrReasonAntiAffinityRulesNotMatch };
const existingAntiNotMatch = { code: 'Unschedulable', message: ErrReasonExistingAntiAffinityRulesNotMatch };

describe('Filter, single node', () => {
  test.each([
    {
      name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
      pod: pod(), pods: [], want: null,
    },
    {
      name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod: withTerms(podLabel2, [term('region', In('service', 'securityscan', 'value2'))], null),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: null,
    },
    {
      name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod: withTerms(podLabel2, [term('region', NotIn('service', 'securityscan3', 'value3'))], null),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: null,
    },
    {
      name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod: withTerms(podLabel2, [{ ...term('', In('service', 'securityscan', 'value2')), namespaces: ['DiffNameSpace'] }], null),
      pods: [pod({ labels: podLabel, node: 'machine1', namespace: 'ns' })], want: unresolvable,
    },
    {
      name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod: withTerms(podLabel, [term('', In('service', 'antivirusscan', 'value2'))], null),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: unresolvable,
    },
    {
      name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
      pod: withTerms(podLabel2, [
        term('region', Exists('service'), DoesNotExist('wrongkey')),
        term('region', In('service', 'securityscan'), NotIn('service', 'WrongValue')),
      ], null),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: null,
    },
    {
      name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod: withTerms(podLabel2, [
        term('region', Exists('service'), DoesNotExist('wrongkey')),
        term('region', In('service', 'securityscan2'), NotIn('service', 'WrongValue')),
      ], null),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: unresolvable,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod: withTerms(podLabel2, [term('region', In('service', 'securityscan', 'value2'))], [term('node', In('service', 'antivirusscan', 'value2'))]),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: null,
    },
    {
      name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod: withTerms(podLabel2, [term('region', In('service', 'securityscan', 'value2'))], [term('node', In('service', 'antivirusscan', 'value2'))]),
      pods: [withTerms(podLabel, null, [term('node', In('service', 'antivirusscan', 'value2'))], 'machine1')], want: null,
    },
    {
      name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod: withTerms(podLabel2, [term('region', In('service', 'securityscan', 'value2'))], [term('zone', In('service', 'securityscan', 'value2'))]),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: antiNotMatch,
    },
    {
      name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: withTerms(podLabel, [term('region', In('service', 'securityscan', 'value2'))], [term('node', In('service', 'antivirusscan', 'value2'))]),
      pods: [withTerms(podLabel, null, [term('zone', In('service', 'securityscan', 'value2'))], 'machine1')], want: existingAntiNotMatch,
    },
    {
      name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod: withTerms(podLabel, [term('region', NotIn('service', 'securityscan', 'value2'))], null),
      pods: [pod({ labels: podLabel, node: 'machine2' })], want: unresolvable,
    },
    {
      name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod: pod({ labels: podLabel }),
      pods: [withTerms(podLabel, null, [term('zone', In('service', 'securityscan', 'value2'))], 'machine1')], want: existingAntiNotMatch,
    },
    {
      name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod: pod({ labels: podLabel }),
      pods: [withTerms(podLabel, null, [term('zone', NotIn('service', 'securityscan', 'value2'))], 'machine1')], want: null,
    },
    {
      name: 'a pod with affinity to itself is the first of its group: it may go anywhere with the topology key',
      pod: withTerms(podLabel, [term('region', In('service', 'securityscan'))], null),
      pods: [], want: null,
    },
    {
      name: 'a pod with required anti-affinity to itself cannot share the topology domain with one of its group',
      pod: withTerms(podLabel, null, [term('zone', In('service', 'securityscan'))]),
      pods: [pod({ labels: podLabel, node: 'machine1' })], want: antiNotMatch,
    },
  ])('$name', ({ pod: p, pods, want }) => {
    const fw = framework([node1()], pods);
    const state = new CycleState();
    const pre = fw.runPreFilterPlugins(state, p);
    expect(pre.status).toBeNull();
    const s = fw.runFilterPlugins(state, p, fw.nodeInfos[0]);
    expect(s === null ? null : { code: codeName(s.code), message: s.message() }).toEqual(want);
  });

  test('a pod without required terms, next to pods without anti-affinity, skips the filter', () => {
    const fw = framework([node1()], [pod({ labels: podLabel, node: 'machine1' })]);
    const state = new CycleState();
    fw.runPreFilterPlugins(state, pod({ labels: podLabel }));
    expect(state.skipFilterPlugins.has('InterPodAffinity')).toBe(true);
  });
});

const labelRgChina = { region: 'China' };
const labelRgIndia = { region: 'India' };
const labelAzAz1 = { az: 'az1' };
const labelAzAz2 = { az: 'az2' };
const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
const S1 = { security: 'S1' };
const S2 = { security: 'S2' };
const stayWithS1InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('region', In('security', 'S1')))] } };
const stayWithS2InRegion: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(6, term('region', In('security', 'S2')))] } };
const affinity3: Affinity = {
  podAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      weighted(8, term('region', NotIn('security', 'S1'), In('security', 'S2'))),
      weighted(2, term('region', Exists('security'), DoesNotExist('wrongkey'))),
    ],
  },
};
const hardAffinity: Affinity = {
  podAffinity: {
    requiredDuringSchedulingIgnoredDuringExecution: [
      term('region', In('security', 'S1', 'value2')),
      term('region', Exists('security'), DoesNotExist('wrongkey')),
    ],
  },
};
const awayFromS1InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', In('security', 'S1')))] } };
const awayFromS2InAz: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', In('security', 'S2')))] } };
const stayWithS1InRegionAwayFromS2InAz: Affinity = {
  podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, term('region', In('security', 'S1')))] },
  podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, term('az', In('security', 'S2')))] },
};
const nsSelectorTerm = (): Term => ({
  ...term('region', In('security', 'S1')),
  namespaces: ['subteam2.team2'],
  namespaceSelector: { matchExpressions: [In('team', 'team1')] },
});
const affinityNamespaceSelector: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsSelectorTerm())] } };
const antiAffinityNamespaceSelector: Affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(5, nsSelectorTerm())] } };
const ns = (name: string, team: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { team } } } as KubeObject);
const namespaces = [ns('subteam1.team1', 'team1'), ns('subteam2.team1', 'team1'), ns('subteam1.team2', 'team2'), ns('subteam2.team2', 'team2')];

function scores(p: Pod, pods: Pod[], nodes: Node[]): Record<string, number> | 'Skip' {
  const fw = framework(nodes, pods, namespaces);
  const state = new CycleState();
  const s = fw.runPreScorePlugins(state, p, fw.nodeInfos);
  if (s) throw new Error(s.message());
  if (state.skipScorePlugins.has('InterPodAffinity')) return 'Skip';
  return Object.fromEntries(fw.runScorePlugins(state, p, fw.nodeInfos).map((n) => [n.name, n.scores[0].score]));
}

describe('Score', () => {
  const n = (name: string, labels: Record<string, string>) => node(name, labels);
  test.each([
    {
      name: 'all nodes are same priority as Affinity is nil',
      pod: pod({ labels: S1 }), pods: [],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: 'Skip' as const,
    },
    {
      name: "Affinity: pod that matches topology key & pods in nodes will get high score comparing to otherswhich doesn't match either pods in nodes or in topology key",
      pod: pod({ labels: S1, affinity: stayWithS1InRegion }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 }), pod({ node: 'node3', labels: S1 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: { node1: 100, node2: 0, node3: 0 },
    },
    {
      name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
      pod: pod({ affinity: stayWithS1InRegion }),
      pods: [pod({ node: 'node1', labels: S1 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgChinaAzAz1), n('node3', labelRgIndia)],
      want: { node1: 100, node2: 100, node3: 0 },
    },
    {
      name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
      pod: pod({ labels: S1, affinity: stayWithS2InRegion }),
      pods: ['node1', 'node1', 'node2', 'node3', 'node4', 'node5'].map((x) => pod({ node: x, labels: S2 })),
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelRgChina), n('node4', labelRgChina), n('node5', labelRgIndia)],
      want: { node1: 100, node2: 0, node3: 100, node4: 100, node5: 0 },
    },
    {
      name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
      pod: pod({ labels: S1, affinity: affinity3 }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 }), pod({ node: 'node3', labels: S1 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: { node1: 20, node2: 100, node3: 0 },
    },
    {
      name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod({ labels: S2 }),
      pods: [pod({ node: 'node1', affinity: stayWithS1InRegion, labels: S1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: S2 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: { node1: 0, node2: 100, node3: 0 },
    },
    {
      name: 'Affinity symmetry with namespace selector',
      pod: pod({ namespace: 'subteam1.team1', labels: S1 }),
      pods: [pod({ node: 'node1', affinity: affinityNamespaceSelector, labels: S1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: S2 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: { node1: 100, node2: 0, node3: 0 },
    },
    {
      name: 'AntiAffinity symmetry with namespace selector',
      pod: pod({ namespace: 'subteam1.team1', labels: S1 }),
      pods: [pod({ node: 'node1', affinity: antiAffinityNamespaceSelector, labels: S1 }), pod({ node: 'node2', affinity: stayWithS2InRegion, labels: S2 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: { node1: 0, node2: 100, node3: 100 },
    },
    {
      name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
      pod: pod({ labels: S1 }),
      pods: [pod({ node: 'node1', affinity: hardAffinity, labels: S1 }), pod({ node: 'node2', affinity: hardAffinity, labels: S2 })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgIndia), n('node3', labelAzAz1)],
      want: { node1: 100, node2: 100, node3: 0 },
    },
    {
      name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 })],
      nodes: [n('node1', labelAzAz1), n('node2', labelRgChina)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S1 })],
      nodes: [n('node1', labelAzAz1), n('node2', labelRgChina)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
      pod: pod({ labels: S1, affinity: awayFromS1InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 })],
      nodes: [n('node1', labelAzAz1), n('node2', labelRgIndia)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
      pod: pod({ labels: S2 }),
      pods: [pod({ node: 'node1', affinity: awayFromS2InAz, labels: S1 }), pod({ node: 'node2', affinity: awayFromS1InAz, labels: S2 })],
      nodes: [n('node1', labelAzAz1), n('node2', labelAzAz2)],
      want: { node1: 0, node2: 100 },
    },
    {
      name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S1 })],
      nodes: [n('node1', labelRgChina), n('node2', labelAzAz1)],
      want: { node1: 100, node2: 0 },
    },
    {
      name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: ['node1', 'node1', 'node2', 'node3', 'node3', 'node4', 'node5'].map((x) => pod({ node: x, labels: S1 })),
      nodes: [n('node1', labelRgChinaAzAz1), n('node2', labelRgIndia), n('node3', labelRgChina), n('node4', labelRgChina), n('node5', labelRgIndia)],
      want: { node1: 100, node2: 0, node3: 100, node4: 100, node5: 0 },
    },
    {
      name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
      pod: pod({ labels: S1, affinity: stayWithS1InRegionAwayFromS2InAz }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', labels: S2 }),
        pod({ node: 'node3', affinity: stayWithS1InRegionAwayFromS2InAz }), pod({ node: 'node4', affinity: awayFromS1InAz })],
      nodes: [n('node1', labelRgChina), n('node2', labelAzAz1), n('node3', labelRgIndia), n('node4', labelAzAz2)],
      want: { node1: 100, node2: 0, node3: 100, node4: 0 },
    },
    {
      name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
      pod: pod({ labels: S1 }),
      pods: [pod({ node: 'node1', labels: S1 }), pod({ node: 'node2', affinity: stayWithS1InRegionAwayFromS2InAz })],
      nodes: [n('node1', labelRgChina), n('node2', labelRgChina)],
      want: { node1: 0, node2: 0 },
    },
  ])('$name', ({ pod: p, pods, nodes, want }) => {
    expect(scores(p, pods, nodes)).toEqual(want);
  });

  test('invalid Affinity fails PreScore', () => {
    const bad: Affinity = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [weighted(8, term('region', In('security', '{{.bad-value.}}')))] } };
    const fw = framework([node('node1', labelRgChina), node('node2', labelRgChina)], []);
    const s = fw.runPreScorePlugins(new CycleState(), pod({ affinity: bad }), fw.nodeInfos);
    expect(s && codeName(s.code)).toBe('Error');
    expect(s?.message()).toContain('{{.bad-value.}}');
  });
});

describe('PreFilter extensions', () => {
  const anti = (labels: Record<string, string>) => withTerms(labels, null, [term('kubernetes.io/hostname', In('app', 'x'))]);
  const workers = () => [makeNode('w1').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj(), makeNode('w2').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj()];

  test('preemption counts a victim as gone: evicting the pod the incoming one is anti-affine to makes room', async () => {
    const { schedulingCycle, newFramework } = await import('../schedule-one.js');
    const { defaultProfile } = await import('../profile.js');
    const low = ['w1', 'w2'].map((n) => { const p = pod({ labels: { app: 'x' }, node: n }); p.spec.priority = 0; return p; });
    const incoming = anti({ app: 'y' });
    incoming.spec.priority = 100;
    const out = schedulingCycle(newFramework(defaultProfile(), workers(), low), incoming, { int: () => 0 });
    expect(out.kind).toBe('Unschedulable');
    if (out.kind !== 'Unschedulable') return;
    expect(out.status.message()).toBe("0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules.");
    expect(out.postFilter?.nominatedNodeName).toBe('w1');
    expect(out.postFilter?.victims?.map((v) => v.metadata.name)).toEqual([low[0].metadata.name]);
  });

  test('AddPod and RemovePod update a clone of the state, not the original', () => {
    const fw = framework(workers(), []);
    const state = new CycleState();
    const incoming = anti({ app: 'y' });
    fw.runPreFilterPlugins(state, incoming);
    const what = state.clone();
    const blocker = pod({ labels: { app: 'x' }, node: 'w1' });
    expect(fw.runPreFilterExtensionAddPod(what, incoming, blocker, fw.nodeInfos[0])).toBeNull();
    expect(fw.runFilterPlugins(what, incoming, fw.nodeInfos[0])?.message()).toBe(ErrReasonAntiAffinityRulesNotMatch);
    expect(fw.runFilterPlugins(state, incoming, fw.nodeInfos[0])).toBeNull();
    expect(fw.runPreFilterExtensionRemovePod(what, incoming, blocker, fw.nodeInfos[0])).toBeNull();
    expect(fw.runFilterPlugins(what, incoming, fw.nodeInfos[0])).toBeNull();
  });
});
