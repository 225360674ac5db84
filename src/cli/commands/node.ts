// `mk node stop|start|add|remove`: what happens to a machine, not to an API object. Stopping a
// node's kubelet leaves its Node and pods as they were; the node lifecycle controller notices the
// silence after its grace period, as it would on a real cluster when a machine goes away.
import { Command } from 'commander';
import type { Node, NodeCondition, Taint } from '../../api/core/node/schema.js';
import type { KubeObject } from '../../api/object.js';
import { StoreEventRecorder } from '../../apiserver/recorder.js';
import { formatTime } from '../../apiserver/time.js';
import { enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import { buildNode } from '../../cluster/topology.js';
import { forgetNode, resumeKubelet, stopKubelet } from '../../controllers/node-lifecycle.js';
import { createNodeLease } from '../../kubelet/node-lease.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { loadBalancerAddresses } from '../../controllers/service-lb.js';

export function nodeCommand(ctx: CliContext): Command {
  const cmd = new Command('node').description("Stop, start, add or remove a cluster's nodes");
  cmd.addCommand(new Command('stop')
    .description("Stop a node's kubelet: it stops posting status, and the node goes NotReady after the grace period")
    .argument('<name>')
    .action(async (name: string) => withNode(ctx, name, (cluster) => {
      stopKubelet(cluster.store, cluster.api, name, cluster.now());
      return 'stopped';
    })));
  cmd.addCommand(new Command('start')
    .description("Start a stopped node's kubelet again")
    .argument('<name>')
    .action(async (name: string) => withNode(ctx, name, (cluster) => {
      const recorder = new StoreEventRecorder(cluster.store, () => cluster.now(), cluster.rand, cluster.info.controlPlaneNode);
      resumeKubelet({ store: cluster.store, api: cluster.api, recorder, node: name, now: cluster.now() });
      return 'started';
    })));
  cmd.addCommand(new Command('add')
    .description('Add a node whose kubelet registers and reports Ready')
    .argument('<name>')
    .option('--cpu <n>', 'CPU capacity', '8')
    .option('--memory <q>', 'Memory capacity', '16364596Ki')
    .option('--pods <n>', 'Pod capacity', '110')
    .option('--labels <k=v,...>', 'Extra labels')
    .option('--taints <k=v:Effect,...>', 'Taints to register with')
    .option('--control-plane', 'Label (and taint) it as a control-plane node')
    .action(async (name: string, flags: AddFlags) => {
      const { cluster } = await connect(ctx.flags);
      try {
        await enableWrites(cluster);
        cluster.store.transaction(() => addNode(cluster, name, flags));
        await settle(cluster);
        ctx.io.out(`node/${name} added\n`);
      } finally {
        cluster.store.close();
      }
    }));
  cmd.addCommand(new Command('remove')
    .description('Remove a node and the pods bound to it')
    .argument('<name>')
    .action(async (name: string) => withNode(ctx, name, (cluster) => {
      for (const pod of cluster.api.list<KubeObject>('pods')) {
        if ((pod as { spec?: { nodeName?: string } }).spec?.nodeName !== name) continue;
        cluster.api.delete('pods', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: 0 });
      }
      forgetNode(cluster.store, cluster.api, name);
      cluster.api.delete('nodes', undefined, name);
      return 'removed';
    })));
  return cmd;
}

interface AddFlags { cpu: string; memory: string; pods: string; labels?: string; taints?: string; controlPlane?: boolean }

async function withNode(ctx: CliContext, name: string, fn: (cluster: ClusterHandle) => string): Promise<void> {
  const { cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const word = cluster.store.transaction(() => {
      cluster.api.get('nodes', undefined, name);
      return fn(cluster);
    });
    await settle(cluster);
    ctx.io.out(`node/${name} ${word}\n`);
  } finally {
    cluster.store.close();
  }
}

function addNode(cluster: ClusterHandle, name: string, flags: AddFlags): void {
  const nodes = cluster.api.list<KubeObject>('nodes') as unknown as Node[];
  if (nodes.some((n) => n.metadata.name === name)) throw new RawError(`Error from server (AlreadyExists): nodes "${name}" already exists`);
  const used = nodes.map((n) => Number(/^10\.244\.(\d+)\./.exec(n.spec?.podCIDR ?? '')?.[1] ?? -1));
  const index = Math.max(-1, ...used) + 1;
  // Docker gives the node's container an address no load balancer's container holds.
  const held = loadBalancerAddresses(cluster.store);
  let host = index + 2;
  while (held.has(`172.18.0.${host}`)) host++;
  const plan = { name, controlPlane: !!flags.controlPlane, index, ip: `172.18.0.${host}`, podCIDR: `10.244.${index}.0/24` };
  const opts = { rand: cluster.rand, tainted: !!flags.controlPlane };
  const node = buildNode(plan, opts);
  node.metadata.labels = { ...node.metadata.labels, ...parseLabels(flags.labels) };
  const taints: Taint[] = [...(node.spec?.taints ?? []), ...parseTaints(flags.taints)];
  if (flags.controlPlane && !taints.some((t) => t.key === 'node-role.kubernetes.io/control-plane')) {
    taints.push({ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' });
  }
  node.spec = { ...node.spec, ...(taints.length ? { taints } : {}) };
  const capacity = { ...node.status?.capacity, cpu: flags.cpu, memory: flags.memory, pods: flags.pods };
  const created = cluster.api.create('nodes', node as unknown as KubeObject);
  cluster.api.updateStatus('nodes', {
    ...created,
    status: { ...node.status, capacity, allocatable: { ...capacity }, conditions: reportedLikeTheOthers(nodes, cluster.now()) },
  });
  createNodeLease(cluster.api, cluster.store, created, cluster.now(), cluster.rand.int(1000));
}

/** The conditions a healthy kubelet reports, as the cluster's Ready nodes show them, all as of now. */
function reportedLikeTheOthers(nodes: Node[], now: number): NodeCondition[] {
  const at = formatTime(now);
  const healthy = nodes.find((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True' && c.reason?.startsWith('Kubelet')));
  return (healthy?.status?.conditions ?? []).map((c) => ({ ...c, lastHeartbeatTime: at, lastTransitionTime: at }));
}

function parseLabels(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of (text ?? '').split(',').filter(Boolean)) {
    const i = item.indexOf('=');
    if (i <= 0) throw new RawError(`error: invalid label spec: ${item}`);
    out[item.slice(0, i)] = item.slice(i + 1);
  }
  return out;
}

function parseTaints(text: string | undefined): Taint[] {
  return (text ?? '').split(',').filter(Boolean).map((spec) => {
    const m = /^([^=:]+)(?:=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)$/.exec(spec);
    if (!m) throw new RawError(`error: invalid taint spec: ${spec}`);
    return { key: m[1], ...(m[2] ? { value: m[2] } : {}), effect: m[3] };
  });
}
