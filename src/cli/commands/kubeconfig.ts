// `mk kubeconfig`: a kubeconfig for the cluster's API server (`mk serve`), so real kubectl and
// client libraries can reach it: printed, or merged into $KUBECONFIG (else ~/.kube/config).
import { Command } from 'commander';
import type { CliContext } from '../context.js';

interface Flags { merge?: boolean; server?: string }

interface NamedEntry { name: string; [field: string]: unknown }
interface KubeConfig {
  apiVersion?: string;
  kind?: string;
  clusters?: NamedEntry[];
  contexts?: NamedEntry[];
  users?: NamedEntry[];
  'current-context'?: string;
  preferences?: object;
  [field: string]: unknown;
}

export function kubeconfigCommand(ctx: CliContext): Command {
  return new Command('kubeconfig')
    .description('Print or merge a kubeconfig entry for the cluster\'s API server (mk serve)')
    .option('--merge', 'Merge the entry into $KUBECONFIG (or ~/.kube/config) and make it the current context.')
    .option('--server <url>', 'The API server URL to write (default: where mk serve last listened).')
    .action(async (flags: Flags) => {
      const [{ connect }, serving, { parse }, { toYAML }, { contextNameFor }] = await Promise.all([
        import('../context.js'), import('../../cluster/serving.js'), import('../yaml-text.js'), import('../printers/yaml.js'),
        import('../../cluster/home.js'),
      ]);
      // As kubectl config view writes a kubeconfig (sigs.k8s.io/yaml).
      const stringify = (c: KubeConfig) => toYAML(JSON.parse(JSON.stringify(c)) as Parameters<typeof toYAML>[0]);
      const { target, cluster } = await connect(ctx.flags);
      let token: string;
      let server: string;
      let caData: string | undefined;
      try {
        token = serving.clusterToken(cluster.store);
        server = flags.server ?? serving.serverAddress(cluster.store);
        if (server.startsWith('https:')) caData = Buffer.from(serving.clusterCA(cluster.store).cert).toString('base64');
      } finally {
        cluster.store.close();
      }
      const name = contextNameFor(target.clusterName);
      const entry: KubeConfig = {
        apiVersion: 'v1',
        clusters: [{ cluster: { ...(caData ? { 'certificate-authority-data': caData } : {}), server }, name }],
        contexts: [{ context: { cluster: name, user: name }, name }],
        'current-context': name,
        kind: 'Config',
        preferences: {},
        users: [{ name, user: { token } }],
      };
      if (!flags.merge) {
        ctx.io.out(stringify(entry));
        return;
      }
      const { existsSync, mkdirSync, readFileSync, writeFileSync } = await import('node:fs');
      const { dirname, join, delimiter } = await import('node:path');
      const { homedir } = await import('node:os');
      const path = (process.env.KUBECONFIG ?? '').split(delimiter).find((p) => p !== '') ?? join(homedir(), '.kube', 'config');
      const existing = existsSync(path) ? ((parse(readFileSync(path, 'utf8')) ?? {}) as KubeConfig) : {};
      const merged: KubeConfig = {
        ...existing,
        apiVersion: existing.apiVersion ?? 'v1',
        kind: existing.kind ?? 'Config',
        preferences: existing.preferences ?? {},
        clusters: upsert(existing.clusters, entry.clusters![0]),
        contexts: upsert(existing.contexts, entry.contexts![0]),
        users: upsert(existing.users, entry.users![0]),
        'current-context': name,
      };
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, stringify(merged), { mode: 0o600 });
      ctx.io.out(`Set kubectl context to "${name}"\n`);
    });
}

/** The list with `entry` in place of the one of the same name, or added at the end. */
function upsert(list: NamedEntry[] | undefined, entry: NamedEntry): NamedEntry[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((e) => e.name === entry.name);
  if (i >= 0) out[i] = entry;
  else out.push(entry);
  return out;
}
