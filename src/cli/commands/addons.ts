// `mk addons enable|disable ingress|kube-state-metrics` and `mk addons list`: the optional components a user of kind
// installs by hand after creating the cluster (named after minikube's command, which users of
// local clusters know). The default cluster boots without them.
import { Command } from 'commander';
import type { KubeObject } from '../../api/object.js';
import { kindInfo, qualifiedKind, qualifiedResource } from '../../api/registry.js';
import { ApiError } from '../../apiserver/errors.js';
import { enableWrites, settle, type ClusterHandle } from '../../cluster/runtime.js';
import type { CliContext } from '../context.js';
import { connect } from '../context.js';
import { RawError } from '../errors.js';
import { EXTRA_PORT_MAPPINGS_META } from '../../net/connect.js';

interface Addon {
  description: string;
  /** The writes, each reported as `kind/name verb`. */
  enable(cluster: ClusterHandle): Promise<string[]>;
  disable(cluster: ClusterHandle): Promise<string[]>;
  enabled(cluster: ClusterHandle): boolean;
}

const ADDONS: Record<string, Addon> = {
  ingress: {
    description: "ingress-nginx as kind's ingress guide installs it (on the control-plane node, hostPorts 80/443)",
    async enable(cluster) {
      const { ingressNginxObjects, INGRESS_READY_LABEL } = await import('../../ingress/addon.js');
      const out: string[] = [];
      // kind's ingress cluster config labels the node whose ports 80 and 443 reach the host.
      const nodeName = cluster.info.controlPlaneNode;
      const node = cluster.api.get('nodes', undefined, nodeName);
      if (node.metadata.labels?.[INGRESS_READY_LABEL] !== 'true') {
        cluster.api.patch('nodes', undefined, nodeName, 'merge', { metadata: { labels: { [INGRESS_READY_LABEL]: 'true' } } });
        out.push(`node/${nodeName} labeled`);
      }
      // ... and forwards the host's ports 80 and 443 to it (extraPortMappings): `curl localhost/...`.
      cluster.store.setMeta(EXTRA_PORT_MAPPINGS_META, JSON.stringify([80, 443].map((p) => ({ node: nodeName, containerPort: p, hostPort: p }))));
      for (const obj of ingressNginxObjects()) out.push(create(cluster, obj));
      return out;
    },
    async disable(cluster) {
      const { ingressNginxObjects } = await import('../../ingress/addon.js');
      return removeAll(cluster, ingressNginxObjects());
    },
    enabled: (cluster) => cluster.api.tryGet('deployments.apps', 'ingress-nginx', 'ingress-nginx-controller') !== undefined,
  },
  'kube-state-metrics': {
    description: "kube-state-metrics v2.14 as its examples/standard manifests install it (metrics of the cluster's objects on :8080)",
    async enable(cluster) {
      const { kubeStateMetricsObjects } = await import('../../metrics/kube-state-metrics/addon.js');
      return kubeStateMetricsObjects().map((obj) => create(cluster, obj));
    },
    async disable(cluster) {
      const { kubeStateMetricsObjects } = await import('../../metrics/kube-state-metrics/addon.js');
      return removeAll(cluster, kubeStateMetricsObjects());
    },
    enabled: (cluster) => cluster.api.tryGet('deployments.apps', 'kube-system', 'kube-state-metrics') !== undefined,
  },
};

/** Deletes an addon's objects, last created first; those already gone are passed over. */
function removeAll(cluster: ClusterHandle, objs: KubeObject[]): string[] {
  const out: string[] = [];
  for (const obj of [...objs].reverse()) {
    const k = kindInfo(obj.kind)!;
    try {
      cluster.api.delete(qualifiedResource(k), obj.metadata.namespace, obj.metadata.name);
      out.push(`${qualifiedKind(k)}/${obj.metadata.name} deleted`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status.code === 404)) throw e;
    }
  }
  return out;
}

function create(cluster: ClusterHandle, obj: KubeObject): string {
  const k = kindInfo(obj.kind)!;
  const ref = `${qualifiedKind(k)}/${obj.metadata.name}`;
  try {
    cluster.api.create(qualifiedResource(k), obj);
    return `${ref} created`;
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'AlreadyExists') return `${ref} unchanged`;
    throw e;
  }
}

function addonNamed(name: string): Addon {
  const addon = ADDONS[name];
  if (!addon) throw new RawError(`error: unknown addon "${name}"; available: ${Object.keys(ADDONS).join(', ')}`);
  return addon;
}

async function run(ctx: CliContext, fn: (cluster: ClusterHandle) => Promise<string[]>): Promise<void> {
  const { cluster } = await connect(ctx.flags);
  try {
    await enableWrites(cluster);
    const lines = await fn(cluster);
    await settle(cluster);
    for (const l of lines) ctx.io.out(`${l}\n`);
  } finally {
    cluster.store.close();
  }
}

export function addonsCommand(ctx: CliContext): Command {
  const cmd = new Command('addons').description('Enable or disable optional cluster components (ingress, kube-state-metrics)');
  cmd.addCommand(new Command('enable').description('Install an addon').argument('<name>')
    .action(async (name: string) => run(ctx, (cluster) => addonNamed(name).enable(cluster))));
  cmd.addCommand(new Command('disable').description('Remove an addon').argument('<name>')
    .action(async (name: string) => run(ctx, (cluster) => addonNamed(name).disable(cluster))));
  cmd.addCommand(new Command('list').description('List the addons and whether they are enabled')
    .action(async () => {
      const { cluster } = await connect(ctx.flags);
      try {
        const rows = Object.entries(ADDONS).map(([name, a]) => [name, a.enabled(cluster) ? 'enabled' : 'disabled', a.description]);
        const w = Math.max(4, ...rows.map((r) => r[0].length)) + 3;
        ctx.io.out(`${'NAME'.padEnd(w)}${'STATUS'.padEnd(11)}DESCRIPTION\n`);
        for (const r of rows) ctx.io.out(`${r[0].padEnd(w)}${r[1].padEnd(11)}${r[2]}\n`);
      } finally {
        cluster.store.close();
      }
    }));
  return cmd;
}
