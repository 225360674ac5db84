// Runs `mk` in-process through runCli, as a user's shell would see it: stdout and stderr apart,
// the exit code, and stdin for `-f -`. Every suite gets its own MK_HOME with a manual-clock
// cluster, so listings after a failure show exactly what was stored.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/main.js';

export interface MkResult {
  stdout: string;
  stderr: string;
  code: number;
}

export class InProcessMk {
  readonly home = mkdtempSync(join(tmpdir(), 'mk-cli-errors-'));
  /** Manifests are written here and named relative to it, as a user in that directory would. */
  readonly dir = join(this.home, 'work');
  private saved: Record<string, string | undefined> = {};

  async setUp(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    for (const k of ['MK_HOME', 'MK_CLOCK', 'NO_COLOR']) this.saved[k] = process.env[k];
    process.env.MK_HOME = this.home;
    process.env.MK_CLOCK = 'manual';
    process.env.NO_COLOR = '1';
    const r = await this.run('cluster', 'create', '--clock', 'manual');
    if (r.code !== 0) throw new Error(`cluster create failed: ${r.stderr}`);
  }

  tearDown(): void {
    for (const [k, v] of Object.entries(this.saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(this.home, { recursive: true, force: true });
  }

  /** Writes a file under the work directory; returns the name to pass to -f. */
  file(name: string, text: string): string {
    const path = join(this.dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return name;
  }

  async run(...argv: string[]): Promise<MkResult> {
    return this.runWith({}, ...argv);
  }

  async runWith(opts: { stdin?: string }, ...argv: string[]): Promise<MkResult> {
    let stdout = '';
    let stderr = '';
    const cwd = process.cwd();
    process.chdir(this.dir);
    try {
      const code = await runCli(argv, {
        out: (s) => { stdout += s; },
        err: (s) => { stderr += s; },
        readStdin: async () => opts.stdin ?? '',
        isTTY: false,
      });
      return { stdout, stderr, code };
    } finally {
      process.chdir(cwd);
    }
  }

  /** `mk get TYPE -o name` (every namespace): what is stored. */
  async names(type: string): Promise<string[]> {
    const r = await this.run('get', type, '-A', '-o', 'name');
    if (r.code !== 0) throw new Error(r.stderr);
    return r.stdout.split('\n').filter(Boolean);
  }
}
