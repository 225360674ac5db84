// Real kubectl 1.32's streaming verbs against `mk serve` — exec (WebSocket v5.channel.k8s.io),
// cp (tar through exec), port-forward (SPDY tunnelled through a WebSocket, and plain SPDY), attach
// and run -i --rm — each compared with the bytes mk's own command prints for the same cluster.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, type Result } from '../e2e/harness.js';
import { servedCluster, hasKubectl } from './served.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

type Served = ReturnType<typeof servedCluster>;

function env(served: Served, manual: boolean): Record<string, string> {
  return { KUBECONFIG: served.kubeconfig, HOME: served.home.dir, ...(manual ? { MK_CLOCK: 'manual' } : {}) };
}

function kubectlIn(served: Served, manual: boolean, input: string, ...args: string[]): Result {
  return kubectlWith(served, manual, {}, input, ...args);
}

function kubectlWith(served: Served, manual: boolean, extra: Record<string, string>, input: string, ...args: string[]): Result {
  const r = spawnSync('kubectl', args, { cwd: REPO, input, encoding: 'utf8', env: { ...process.env, ...env(served, manual), ...extra } });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** Every file under `dir`, by relative path, with its content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p, `${rel}${e}/`);
      else out[`${rel}${e}`] = readFileSync(p, 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

/** A port-forward process, once it listens: its local port, and what it printed. */
async function forward(cmd: string, args: string[], extraEnv: Record<string, string>): Promise<{ port: number; proc: ChildProcess; out: () => string; err: () => string; exited: Promise<number> }> {
  const proc = spawn(cmd, args, { cwd: REPO, env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number>((r) => proc.once('exit', (code) => r(code ?? -1)));
  const port = await new Promise<number>((resolve, reject) => {
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+) ->/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    void exited.then((code) => reject(new Error(`${cmd} port-forward exited ${code}: ${err}`)));
  });
  return { port, proc, out: () => out, err: () => err, exited };
}

/** One HTTP/1.1 exchange on a fresh connection to the forwarded port: status line, headers and body. */
function httpGet(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path, agent: false, headers: { 'User-Agent': 'test', Host: 'localhost' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const headers = res.rawHeaders.map((h, i) => (i % 2 ? `${h}\n` : `${h}: `)).join('');
        resolve(`HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\n${headers}\n${Buffer.concat(chunks).toString('utf8')}`);
      });
    });
    req.on('error', reject);
  });
}

const stop = async (p: { proc: ChildProcess; exited: Promise<number> }) => {
  if (p.proc.exitCode === null) p.proc.kill('SIGINT');
  await p.exited;
};

describe.skipIf(!hasKubectl)('kubectl exec, cp and port-forward against mk serve', { timeout: 120_000 }, () => {
  const served = servedCluster('manual');
  const { home, kubectl, mk } = served;

  beforeAll(() => {
    expect(mk('run', 'web', '--image=nginx:1.27').code).toBe(0);
    expect(mk('run', 'bb', '--image=busybox:1.36', '--', 'sleep', '3600').code).toBe(0);
    expect(mk('run', 'deb', '--image=debian:12', '--', 'sleep', '3600').code).toBe(0);
    expect(mk('clock', 'advance', '1m').code).toBe(0);
    expect(kubectl('get', 'pods')).toEqual(mk('get', 'pods'));
  }, 120_000);

  it('runs a command, with its stdout, stderr and exit code as mk exec', () => {
    const ok = kubectl('exec', 'bb', '--', 'echo', 'hello');
    expect(ok).toEqual({ stdout: 'hello\n', stderr: '', code: 0 });
    expect(ok).toEqual(mk('exec', 'bb', '--', 'echo', 'hello'));
    const failed = kubectl('exec', 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3');
    expect(failed).toEqual({ stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n', code: 3 });
    expect(failed).toEqual(mk('exec', 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3'));
    expect(kubectl('exec', 'deb', '-c', 'deb', '--', 'cat', '/etc/hostname')).toEqual(mk('exec', 'deb', '-c', 'deb', '--', 'cat', '/etc/hostname'));
  });

  it('passes piped stdin to the command', () => {
    const k = kubectlIn(served, true, 'one\ntwo\n', 'exec', '-i', 'bb', '--', 'cat');
    expect(k).toEqual({ stdout: 'one\ntwo\n', stderr: '', code: 0 });
    expect(k).toEqual(home.run(['exec', '-i', 'bb', '--', 'cat'], { input: 'one\ntwo\n', env: env(served, true) }));
    const script = 'x=41\necho $((x+1))\nexit 7\n';
    const ks = kubectlIn(served, true, script, 'exec', '-i', 'bb', '--', 'sh');
    expect(ks).toEqual({ stdout: '42\n', stderr: 'command terminated with exit code 7\n', code: 7 });
    expect(ks).toEqual(home.run(['exec', '-i', 'bb', '--', 'sh'], { input: script, env: env(served, true) }));
  });

  it('streams over SPDY when kubectl does not use WebSockets', () => {
    const spdy = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };
    const failed = kubectlWith(served, true, spdy, '', 'exec', 'bb', '--', 'sh', '-c', 'echo out; echo err >&2; exit 3');
    expect(failed).toEqual({ stdout: 'out\n', stderr: 'err\ncommand terminated with exit code 3\n', code: 3 });
    expect(kubectlWith(served, true, spdy, 'piped\n', 'exec', '-i', 'bb', '--', 'cat')).toEqual({ stdout: 'piped\n', stderr: '', code: 0 });
    expect(kubectlWith(served, true, spdy, '', 'exec', 'bb', '-c', 'nope', '--', 'ls'))
      .toEqual(mk('exec', 'bb', '-c', 'nope', '--', 'ls'));
  });

  it('refuses as the API server and the kubelet do', () => {
    for (const args of [
      ['exec', 'nosuch', '--', 'ls'],
      ['exec', 'bb', '-c', 'nope', '--', 'ls'],
      ['exec', 'bb', '--', 'nosuchcommand'],
    ]) {
      const k = kubectl(...args);
      expect(k.code).not.toBe(0);
      expect(k).toEqual(mk(...args));
    }
    expect(kubectl('exec', 'bb', '-c', 'nope', '--', 'ls').stderr).toBe('Error from server (BadRequest): container nope is not valid for pod bb\n');
  });

  it('copies files and directories to and from a container as mk cp does', () => {
    const src = join(home.dir, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'a.txt'), 'alpha\n');
    writeFileSync(join(src, 'sub', 'b.txt'), 'beta\n');
    for (const pod of ['bb', 'deb']) {
      expect(kubectl('cp', src, `${pod}:/tmp/k`)).toEqual({ stdout: '', stderr: '', code: 0 });
      expect(mk('cp', src, `${pod}:/tmp/m`)).toEqual({ stdout: '', stderr: '', code: 0 });
      expect(kubectl('exec', pod, '--', 'cat', '/tmp/k/a.txt', '/tmp/k/sub/b.txt').stdout).toBe('alpha\nbeta\n');
      const kOut = join(home.dir, `${pod}-k`);
      const mOut = join(home.dir, `${pod}-m`);
      const k = kubectl('cp', `${pod}:/tmp/m`, kOut);
      expect(k.code).toBe(0);
      const m = mk('cp', `${pod}:/tmp/k`, mOut);
      expect(m.stdout).toMatch(/^tar: [Rr]emoving leading .\/' from member names\n$/);
      // kubectl cp copies the remote tar's stderr to its stdout on a goroutine of its own and exits as
      // soon as the archive ends, so on a loaded machine the message can be lost: the same race
      // against a real cluster.
      expect([m.stdout, '']).toContain(k.stdout);
      expect({ ...k, stdout: m.stdout }).toEqual(m);
      expect(tree(kOut)).toEqual({ 'a.txt': 'alpha\n', 'sub/b.txt': 'beta\n' });
      expect(tree(kOut)).toEqual(tree(mOut));
      const kf = kubectl('cp', `${pod}:/etc/hostname`, join(home.dir, `${pod}-hk`));
      expect(kf).toEqual(mk('cp', `${pod}:/etc/hostname`, join(home.dir, `${pod}-hm`)));
      expect(readFileSync(join(home.dir, `${pod}-hk`), 'utf8')).toBe(`${pod}\n`);
      const missing = kubectl('cp', `${pod}:/nope`, join(home.dir, 'nope'));
      expect(missing.code).not.toBe(0);
      expect(missing).toEqual(mk('cp', `${pod}:/nope`, join(home.dir, 'nope')));
    }
  });

  describe('port-forward', () => {
    const running: { proc: ChildProcess; exited: Promise<number> }[] = [];
    afterAll(async () => {
      for (const p of running) await stop(p);
    }, 60_000);

    it('answers through kubectl port-forward as through mk port-forward', async () => {
      const k = await forward('kubectl', ['port-forward', 'pod/web', ':80'], env(served, true));
      const spdy = await forward('kubectl', ['port-forward', 'pod/web', ':80'], { ...env(served, true), KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
      const m = await forward(process.execPath, [BIN, 'port-forward', 'pod/web', ':80'], { ...env(served, true), MK_HOME: home.dir });
      running.push(k, spdy, m);
      for (const path of ['/', '/missing']) {
        const viaKubectl = await httpGet(k.port, path);
        expect(viaKubectl).toMatch(path === '/' ? /^HTTP\/1\.1 200 OK\nServer: nginx/ : /^HTTP\/1\.1 404 Not Found\n/);
        expect(viaKubectl).toBe(await httpGet(m.port, path));
        expect(await httpGet(spdy.port, path)).toBe(viaKubectl);
      }
      expect(k.out().replaceAll(String(k.port), 'P')).toBe(m.out().replaceAll(String(m.port), 'P'));
    });

    it('reports a port nothing listens on as the kubelet does, and gives up', async () => {
      const k = await forward('kubectl', ['port-forward', 'pod/web', ':81'], env(served, true));
      const m = await forward(process.execPath, [BIN, 'port-forward', 'pod/web', ':81'], { ...env(served, true), MK_HOME: home.dir });
      running.push(k, m);
      for (const p of [k, m]) {
        await expect(httpGet(p.port, '/')).rejects.toThrow(/socket hang up|ECONNRESET/);
        expect(await p.exited).toBe(1);
      }
      const klog = (p: typeof k) => p.err().replace(/^E\d{4} [\d:.]+ +\d+ /, '').replaceAll(String(p.port), 'P');
      expect(klog(k)).toBe(klog(m));
      const uid = JSON.parse(kubectl('get', 'pod', 'web', '-o', 'json').stdout).metadata.uid;
      expect(k.err().replace(/^E\d{4} [\d:.]+ +\d+ /, '')).toBe('portforward.go:424] "Unhandled Error" err="an error occurred forwarding '
        + `${k.port} -> 81: error forwarding port 81 to pod ${uid}, uid : failed to execute portforward in network namespace: `
        + 'failed to connect to localhost:81 inside namespace, IPv4: dial tcp4 127.0.0.1:81: connect: connection refused '
        + 'IPv6 dial tcp6 [::1]:81: connect: connection refused "\nerror: lost connection to pod\n');
    });
  });

  it.skipIf(!hasScript)('runs an interactive shell with a TTY as mk exec -it does', () => {
    const typed: Keys[] = [[1, 'x=5'], [2, 'echo $((x*2))'], [3, 'exit 4']];
    const k = inTerminal(served, true, typed, 'kubectl exec -it bb -- sh');
    expect(k).toEqual({ stdout: '/ # x=5\r\n/ # echo $((x*2))\r\n10\r\n/ # exit 4\r\ncommand terminated with exit code 4\r\n', code: 4 });
    expect(k).toEqual(inTerminal(served, true, typed, `${process.execPath} ${BIN} exec -it bb -- sh`));
  });
});

let terminals = 0;

/** What to type once the terminal has shown `count` prompts. */
type Keys = [count: number, keys: string];

/**
 * `command` run in a terminal (script's pty), typing each of `keys` once the terminal shows that
 * many prompts: what the terminal showed and the exit code. kubectl puts the terminal in raw mode,
 * so the echo of what is typed comes from the container's pty; mk leaves it cooked.
 */
function inTerminal(served: Served, manual: boolean, keys: Keys[], command: string): { stdout: string; code: number } {
  const log = join(served.home.dir, `terminal-${++terminals}.log`);
  const typing = keys.map(([count, k]) => `wait_for ${count}; printf '%s\\r' '${k}'`).join('; ');
  const driver = `wait_for() { until [ "$(grep -o '/ # ' '${log}' 2>/dev/null | wc -l)" -ge "$1" ]; do sleep 0.1; done; }; ${typing}; sleep 1`;
  const r = spawnSync('sh', ['-c', `(${driver}) | script -efqc "${command}" '${log}'`],
    { cwd: REPO, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TZ: 'UTC', MK_HOME: served.home.dir, ...env(served, manual) } });
  return { stdout: r.stdout, code: r.status ?? -1 };
}

describe.skipIf(!hasKubectl)('kubectl run -i and attach against mk serve', { timeout: 120_000 }, () => {
  const served = servedCluster('realtime');
  const { home } = served;

  it('runs a pod attached, passes its exit code on and removes it, as mk run does', () => {
    const args = (name: string) => ['run', name, '-i', '--rm', '--image=busybox:1.36', '--restart=Never', '--', 'sh'];
    const script = 'echo hi\necho err >&2\nexit 4\n';
    const k = kubectlIn(served, false, script, ...args('k'));
    expect(k).toEqual({
      stdout: 'hi\npod "k" deleted\n',
      stderr: 'If you don\'t see a command prompt, try pressing enter.\nerr\npod default/k terminated (Error)\n',
      code: 4,
    });
    const m = home.run(args('k'), { input: script, env: env(served, false) });
    expect(k).toEqual(m);
  });

  it.skipIf(!hasScript)('runs a pod attached with a TTY as mk run -it does', () => {
    const typed: Keys[] = [[1, 'echo hi'], [2, 'exit 3']];
    const k = inTerminal(served, false, typed, 'kubectl run -it --rm tk --image=busybox:1.36 --restart=Never -- sh');
    expect(k).toEqual({
      stdout: 'If you don\'t see a command prompt, try pressing enter.\r\n/ # echo hi\r\nhi\r\n/ # exit 3\r\n'
        + 'pod "tk" deleted\r\npod default/tk terminated (Error)\r\n',
      code: 3,
    });
    expect(k).toEqual(inTerminal(served, false, typed, `${process.execPath} ${BIN} run -it --rm tk --image=busybox:1.36 --restart=Never -- sh`));
  });

  it('attaches to a running container\'s output until it ends', () => {
    expect(served.mk('run', 'ticker', '--image=busybox:1.36', '--restart=Never', '--', 'sh', '-c', 'echo started; sleep 1; echo later; sleep 8').code).toBe(0);
    expect(served.mk('wait', '--for=condition=Ready', 'pod/ticker', '--timeout=60s').code).toBe(0);
    const r = spawnSync('kubectl', ['attach', 'ticker'], { cwd: REPO, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env(served, false) } });
    expect({ stdout: r.stdout, stderr: r.stderr, code: r.status }).toEqual({
      stdout: 'started\nlater\n', stderr: 'If you don\'t see a command prompt, try pressing enter.\n', code: 0,
    });
  });
});
