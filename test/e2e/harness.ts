// Runs the built `bin/mk` as a user would: a separate process per command, a private MK_HOME, no
// colour. Tests use manual-clock clusters so every byte is reproducible.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../..');
export const BIN = join(REPO, 'bin/mk');

export interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

export class MkHome {
  readonly dir = mkdtempSync(join(tmpdir(), 'mk-e2e-'));

  run(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Result {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: REPO,
      input: opts.input ?? '',
      encoding: 'utf8',
      env: { ...process.env, MK_HOME: this.dir, NO_COLOR: '1', TZ: 'UTC', ...opts.env },
    });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  }

  /** Runs a command that must succeed; returns stdout. */
  ok(...args: string[]): string {
    const r = this.run(args);
    if (r.code !== 0) throw new Error(`mk ${args.join(' ')} exited ${r.code}\n${r.stderr}`);
    return r.stdout;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A running `mk port-forward`: the local port it listens on, what it printed so far, and its stop. */
export interface PortForward { port: number; output(): string; stop(): void }

/** Starts `mk port-forward ARGS` and resolves once it prints the 127.0.0.1 port it forwards from. */
export function portForward(home: MkHome, args: string[]): Promise<PortForward> {
  const child = spawn(process.execPath, [BIN, 'port-forward', ...args], {
    cwd: REPO, env: { ...process.env, MK_HOME: home.dir, NO_COLOR: '1', TZ: 'UTC' },
  });
  let out = '';
  return new Promise<PortForward>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> \d+$/m.exec(out);
      if (m) resolve({ port: Number(m[1]), output: () => out, stop: () => child.kill('SIGINT') });
    });
    child.on('exit', (code) => reject(new Error(`port-forward exited ${code}`)));
  });
}
