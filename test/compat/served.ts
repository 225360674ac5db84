// Starts `mk serve` on a temp cluster for the compatibility suites and always stops it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { BIN, MkHome, REPO, type Result } from '../e2e/harness.js';

/** Whether the real kubectl is on PATH; the compatibility suites skip without it. */
export const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

/** The Deployment the compatibility suites apply: nginx 1.27 labelled app=web. */
export const webDeployment = (replicas = 2) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

/**
 * A cluster on a temp MK_HOME with `mk serve` running on a free port and a temp KUBECONFIG merged
 * for it; registers the hooks that start the server and always stop it.
 */
export function servedCluster(clock: 'manual' | 'realtime') {
  const home = new MkHome();
  const kubeconfig = join(home.dir, 'kubeconfig');
  const env: Record<string, string> = { KUBECONFIG: kubeconfig, HOME: home.dir, ...(clock === 'manual' ? { MK_CLOCK: 'manual' } : {}) };
  let server: ChildProcess | undefined;
  const served = {
    home, kubeconfig, url: '',
    kubectl(...args: string[]): Result {
      const r = spawnSync('kubectl', args, { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env } });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
    },
    mk: (...args: string[]): Result => home.run(args, { env }),
  };

  beforeAll(async () => {
    home.ok('cluster', 'create', 'mk', '--clock', clock);
    server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      cwd: REPO, env: { ...process.env, MK_HOME: home.dir, NO_COLOR: '1', TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    served.url = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      server!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /at (https:\/\/\S+)\n/.exec(out);
        if (m) resolve(m[1]);
      });
      server!.stderr!.on('data', (c: Buffer) => (err += c.toString()));
      server!.on('exit', (code) => reject(new Error(`mk serve exited ${code}: ${err}`)));
    });
    expect(served.mk('kubeconfig', '--merge')).toEqual({ stdout: 'Set kubectl context to "mk-mk"\n', stderr: '', code: 0 });
  });

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    home.dispose();
  });
  return served;
}
