// Where clusters live: $MK_HOME (default ~/.mk)/clusters/<name>/state.db, and a kubeconfig-like
// config.json with the contexts. Writes go through a rename so a killed process never leaves a
// half-written config.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface ContextEntry {
  cluster: string;
  user: string;
  namespace?: string;
}

export interface MkConfig {
  currentContext?: string;
  contexts: Record<string, ContextEntry>;
}

export const DEFAULT_CLUSTER = 'mk';

export function mkHome(): string {
  return process.env.MK_HOME || join(homedir(), '.mk');
}

export function clusterDir(name: string): string {
  return join(mkHome(), 'clusters', name);
}

export function statePath(name: string): string {
  return join(clusterDir(name), 'state.db');
}

export function clusterExists(name: string): boolean {
  return existsSync(statePath(name));
}

export function listClusters(): string[] {
  const dir = join(mkHome(), 'clusters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => existsSync(join(dir, n, 'state.db'))).sort();
}

/** kind's naming: cluster `foo` is reached through context `mk-foo`. */
export function contextNameFor(cluster: string): string {
  return `mk-${cluster}`;
}

function configPath(): string {
  return join(mkHome(), 'config.json');
}

export function readConfig(): MkConfig {
  try {
    return JSON.parse(readFileSync(configPath(), 'utf8')) as MkConfig;
  } catch {
    return { contexts: {} };
  }
}

export function writeConfig(cfg: MkConfig): void {
  mkdirSync(mkHome(), { recursive: true });
  const tmp = `${configPath()}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(cfg, null, 2) + '\n');
  renameSync(tmp, configPath());
}
