// Which cluster and namespace a command talks to: --context, then the current context, then the
// default cluster (created silently on first use, like a fresh `kind create cluster`).
import { clusterExists, contextNameFor, DEFAULT_CLUSTER, readConfig, writeConfig, type MkConfig } from '../cluster/home.js';
import { openCluster, settle, type ClusterHandle } from '../cluster/runtime.js';
import { RawError } from './errors.js';
import type { CliIO } from './io.js';

export interface GlobalFlags {
  context?: string;
  namespace?: string;
}

export interface CliContext {
  io: CliIO;
  flags: GlobalFlags;
  /** Set by a command that has printed its output but must still fail (e.g. some names not found). */
  exitCode?: number;
}

export interface Target {
  contextName: string;
  clusterName: string;
  /** The namespace for namespaced requests: -n, else the context's, else `default`. */
  namespace: string;
  /** Whether -n was given explicitly (some messages differ). */
  explicitNamespace: boolean;
}

export function resolveTarget(flags: GlobalFlags): Target {
  const cfg = readConfig();
  const contextName = flags.context ?? cfg.currentContext ?? contextNameFor(DEFAULT_CLUSTER);
  const entry = cfg.contexts[contextName];
  if (!entry) {
    if (flags.context || cfg.currentContext) {
      throw new RawError(`error: context "${contextName}" does not exist`);
    }
  }
  const clusterName = entry?.cluster ?? DEFAULT_CLUSTER;
  return {
    contextName,
    clusterName,
    namespace: flags.namespace ?? entry?.namespace ?? 'default',
    explicitNamespace: flags.namespace !== undefined,
  };
}

export function registerContext(cfg: MkConfig, cluster: string, makeCurrent: boolean): void {
  const name = contextNameFor(cluster);
  cfg.contexts[name] = { ...cfg.contexts[name], cluster, user: name };
  if (makeCurrent || !cfg.currentContext) cfg.currentContext = name;
}

/** Opens the target cluster and catches it up to now. */
export async function connect(flags: GlobalFlags): Promise<{ target: Target; cluster: ClusterHandle }> {
  const target = resolveTarget(flags);
  let cluster: ClusterHandle;
  if (!clusterExists(target.clusterName)) {
    if (target.clusterName !== DEFAULT_CLUSTER) {
      throw new RawError(`error: cluster "${target.clusterName}" of context "${target.contextName}" does not exist; create it with: mk cluster create ${target.clusterName}`);
    }
    const { createCluster, ClusterExistsError } = await import('../cluster/create.js');
    try {
      cluster = await createCluster(DEFAULT_CLUSTER, { clock: process.env.MK_CLOCK === 'manual' ? 'manual' : undefined });
      const cfg = readConfig();
      registerContext(cfg, DEFAULT_CLUSTER, !cfg.currentContext);
      writeConfig(cfg);
    } catch (err) {
      // Another first run created it meanwhile (and registers its context): use that one.
      if (!(err instanceof ClusterExistsError)) throw err;
      cluster = await openCluster(DEFAULT_CLUSTER);
    }
  } else {
    cluster = await openCluster(target.clusterName);
  }
  await settle(cluster);
  return { target, cluster };
}
