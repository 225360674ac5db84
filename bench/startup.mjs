#!/usr/bin/env node
// Start-up benchmark: how long each short-lived `mk` process takes on a cluster of 1,000 Running
// pods, as a ratio to `node -e 0` (design.md, "Start-up budget"). Every command is a fresh
// process, exactly as a user or CI script runs it; commands are interleaved run by run so that
// drift in machine load hits them all alike, and medians are reported.
//
//   node bench/startup.mjs [--pods 1000] [--runs 15] [--home DIR] [--keep] [--no-kubectl] [--json]
//
// --home reuses (or builds once and keeps) the cluster in DIR, so repeated runs skip set-up.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MK = join(root, 'bin', 'mk');
const CLUSTER = 'bench';
// The fake API server of shared/tools/kubectl-oracle, beside the repository.
const ORACLE_SERVER = process.env.KUBECTL_ORACLE_SERVER ?? resolve(root, '..', 'shared', 'tools', 'kubectl-oracle', 'server.mjs');
const NODES = 12; // 11 workers at ~91 pods each stay under the kubelet's 110-pod limit

function parseArgs(argv) {
  const o = { pods: 1000, runs: 15, warmup: 2, home: undefined, keep: false, kubectl: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--pods') o.pods = Number(value());
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--warmup') o.warmup = Number(value());
    else if (a === '--home') o.home = resolve(value());
    else if (a === '--keep') o.keep = true;
    else if (a === '--no-kubectl') o.kubectl = false;
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
if (!existsSync(join(root, 'dist', 'main.js'))) {
  process.stderr.write('dist/main.js is missing: run `npm run build` first (or `npm run bench`).\n');
  process.exit(1);
}

const home = opts.home ?? mkdtempSync(join(tmpdir(), 'mk-bench-'));
mkdirSync(home, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'mk-bench-files-'));
const env = { ...process.env, MK_HOME: home, NO_COLOR: '1' };
delete env.MK_CLOCK;
delete env.MK_DEBUG;

function mk(args) {
  const r = spawnSync(process.execPath, [MK, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`mk ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

const podName = (i) => `web-${String(i).padStart(4, '0')}`;

// Each pod names its node, as a DaemonSet's or a pre-scheduled pod does: the benchmark measures
// reading a big cluster, and the scheduler's cost of placing 1,000 pods is not part of that.
function podManifest(i) {
  const worker = (i % (NODES - 1)) + 1;
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${podName(i)}
  labels:
    app: web
spec:
  nodeName: ${CLUSTER}-worker${worker === 1 ? '' : worker}
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
    resources:
      requests:
        cpu: 10m
        memory: 16Mi
`;
}

function setUp() {
  const t0 = performance.now();
  mk(['cluster', 'create', CLUSTER, '--clock', 'manual', '--nodes', String(NODES)]);
  const file = join(work, 'pods.yaml');
  writeFileSync(file, Array.from({ length: opts.pods }, (_, i) => podManifest(i)).join('---\n'));
  mk(['apply', '-f', file]);
  const applied = performance.now();
  // Long enough for every image pull and container start on a manual clock.
  mk(['clock', 'advance', '5m']);
  const running = mk(['get', 'pods', '--no-headers']).split('\n').filter((l) => /\bRunning\b/.test(l)).length;
  if (running !== opts.pods) throw new Error(`expected ${opts.pods} Running pods, found ${running}`);
  return { applyMs: applied - t0, settleMs: performance.now() - applied };
}

function clusterReady() {
  return existsSync(join(home, 'clusters', CLUSTER, 'state.db'));
}

let setup;
if (!clusterReady()) {
  process.stderr.write(`building a cluster with ${opts.pods} pods in ${home} ...\n`);
  setup = setUp();
  process.stderr.write(`  apply ${(setup.applyMs / 1000).toFixed(1)} s, run to Running ${(setup.settleMs / 1000).toFixed(1)} s\n`);
}

const onePod = podName(0);
const oneFile = join(work, 'one.yaml');
writeFileSync(oneFile, podManifest(0));

/** @type {{ name: string, cmd: string[], exe?: boolean, expect?: (out: string) => boolean }[]} */
const cases = [
  { name: 'node -e 0', cmd: ['-e', '0'] },
  { name: 'mk get pods', cmd: [MK, 'get', 'pods'], expect: (o) => o.split('\n').length === opts.pods + 2 },
  { name: 'mk get pods -o json', cmd: [MK, 'get', 'pods', '-o', 'json'], expect: (o) => o.startsWith('{') },
  { name: `mk get pod ${onePod}`, cmd: [MK, 'get', 'pod', onePod], expect: (o) => o.includes(onePod) },
  { name: 'mk get nodes', cmd: [MK, 'get', 'nodes'], expect: (o) => o.split('\n').length === NODES + 2 },
  { name: `mk describe pod ${onePod}`, cmd: [MK, 'describe', 'pod', onePod], expect: (o) => o.startsWith('Name:') },
  { name: 'mk apply -f (1 pod, unchanged)', cmd: [MK, 'apply', '-f', oneFile], expect: (o) => o.includes('unchanged') },
];

// Real kubectl against the oracle's fake API server, as a reference: the same objects, served
// from a local process. That server returns plain lists, so `get` prints NAME and AGE only.
let oracle;
if (opts.kubectl && hasKubectl()) oracle = await startOracle();
if (oracle) {
  const k = (args) => ['kubectl', '--server', oracle.url, '--cache-dir', join(work, 'kube-cache'), ...args];
  cases.push(
    { name: 'kubectl get pods (NAME, AGE)', cmd: k(['get', 'pods']), exe: true, expect: (o) => o.split('\n').length === opts.pods + 2 },
    { name: 'kubectl get pods -o json', cmd: k(['get', 'pods', '-o', 'json']), exe: true, expect: (o) => o.startsWith('{') },
    { name: `kubectl get pod ${onePod}`, cmd: k(['get', 'pod', onePod]), exe: true, expect: (o) => o.includes(onePod) },
    { name: `kubectl describe pod ${onePod}`, cmd: k(['describe', 'pod', onePod]), exe: true, expect: (o) => o.startsWith('Name:') },
  );
}

function hasKubectl() {
  const r = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
  return r.status === 0 && existsSync(ORACLE_SERVER);
}

async function startOracle() {
  const objects = join(work, 'objects.json');
  const list = JSON.parse(mk(['get', 'pods,nodes,events', '-o', 'json']));
  writeFileSync(objects, JSON.stringify(list));
  const portFile = join(work, 'port');
  const child = spawn(process.execPath, [ORACLE_SERVER, objects, portFile], { stdio: 'ignore' });
  for (let i = 0; i < 200 && !(existsSync(portFile) && readFileSync(portFile, 'utf8').trim()); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  const port = readFileSync(portFile, 'utf8').trim();
  return { url: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

function runOnce(c) {
  const [file, ...args] = c.exe ? c.cmd : [process.execPath, ...c.cmd];
  const cpu0 = childCpuMs();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(file, args, { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || (c.expect && !c.expect(r.stdout))) {
    throw new Error(`${c.name}: exit ${r.status}, unexpected output:\n${r.stdout.slice(0, 500)}\n${r.stderr}`);
  }
  return { ms, cpu: cpu0 === undefined ? undefined : childCpuMs() - cpu0 };
}

/**
 * CPU time (user + system, all threads) of this process's finished children, from Linux's
 * /proc/self/stat (cutime, cstime; 10 ms ticks, so only sums over many runs are meaningful).
 * Unlike wall time it hardly moves when other work shares the machine. undefined elsewhere.
 */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

const revisionBefore = storeRevision();
const samples = new Map(cases.map((c) => [c.name, []]));
const cpuTotals = new Map(cases.map((c) => [c.name, 0]));
for (let run = 0; run < opts.warmup + opts.runs; run++) {
  for (const c of cases) {
    const { ms, cpu } = runOnce(c);
    if (run < opts.warmup) continue;
    samples.get(c.name).push(ms);
    if (cpu !== undefined) cpuTotals.set(c.name, cpuTotals.get(c.name) + cpu);
  }
}
const hasCpu = childCpuMs() !== undefined;
const revisionAfter = storeRevision();

/** The store's revision: none of the measured commands may write (the apply is unchanged). */
function storeRevision() {
  const db = new Database(join(home, 'clusters', CLUSTER, 'state.db'), { readonly: true });
  try {
    return db.prepare(`SELECT value FROM sys WHERE key = 'revision'`).pluck().get();
  } finally {
    db.close();
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const base = median(samples.get('node -e 0'));
const cpuBase = cpuTotals.get('node -e 0') / opts.runs;
const rows = cases.map((c) => {
  const xs = samples.get(c.name);
  const cpu = hasCpu ? cpuTotals.get(c.name) / opts.runs : undefined;
  return {
    name: c.name, median: median(xs), min: Math.min(...xs), max: Math.max(...xs), ratio: median(xs) / base,
    cpu, cpuRatio: cpu === undefined ? undefined : cpu / cpuBase,
  };
});

if (opts.json) {
  process.stdout.write(JSON.stringify({ pods: opts.pods, runs: opts.runs, setup, rows }, null, 2) + '\n');
} else {
  const w = Math.max(...rows.map((r) => r.name.length));
  const load = loadavg().map((l) => l.toFixed(1)).join(' ');
  process.stdout.write(`${opts.pods} pods, ${opts.runs} runs each (after ${opts.warmup} warm-up), node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs, load ${load}\n`);
  process.stdout.write('ratio: median wall time over node -e 0\'s; cpu: mean CPU time (all threads) and its ratio, steadier on a busy machine\n\n');
  const cpuHead = hasCpu ? ' cpu ms | cpu ratio |' : '';
  const cpuRule = hasCpu ? '-------:|----------:|' : '';
  process.stdout.write(`| ${'command'.padEnd(w)} | median ms |  min |  max | ratio |${cpuHead}\n|${'-'.repeat(w + 2)}|----------:|-----:|-----:|------:|${cpuRule}\n`);
  for (const r of rows) {
    const cpuCells = hasCpu ? ` ${r.cpu.toFixed(0).padStart(6)} | ${r.cpuRatio.toFixed(2).padStart(8)}× |` : '';
    process.stdout.write(`| ${r.name.padEnd(w)} | ${r.median.toFixed(1).padStart(9)} | ${r.min.toFixed(0).padStart(4)} | ${r.max.toFixed(0).padStart(4)} | ${r.ratio.toFixed(2).padStart(4)}× |${cpuCells}\n`);
  }
}
if (revisionBefore !== revisionAfter) {
  process.stderr.write(`warning: the store's revision moved from ${revisionBefore} to ${revisionAfter}: a measured command wrote\n`);
}

oracle?.stop();
rmSync(work, { recursive: true, force: true });
if (!opts.home && !opts.keep) rmSync(home, { recursive: true, force: true });
else if (!opts.home) process.stderr.write(`cluster kept in ${home}\n`);
