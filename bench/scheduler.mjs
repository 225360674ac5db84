#!/usr/bin/env node
// Scheduler throughput: pods/s of one default-profile scheduling cycle per pod on 1,000 and 5,000
// kind-like worker nodes, for plain pods, the pods of one Deployment (system default spreading)
// and pods with required anti-affinity. Each placed pod is added to its NodeInfo, as upstream's
// cache assumes a pod, so the cluster fills up as it would; the rotating start index
// (percentageOfNodesToScore) carries over from cycle to cycle as in the controller. Absolute
// pods/s depend on the machine; the ratio to the baseline measured in the same run (a cycle of a
// profile with no plugins over the same nodes: the cost of walking them and picking a host) is
// what compares across machines. pods/cpu-s divides by the CPU time this process used instead of
// the wall time: on a machine shared with other work it is the steadier of the two.
//
// Then the controller path: a Deployment of --replicas pods (10,000) created through the API
// server (admission included) of an in-process control plane on the memory store and a manual
// clock, with the deployment, ReplicaSet and scheduler controllers of the real control loop,
// run until every pod is bound. Reported: the wall time from the create to the last binding,
// pods bound per second, and the share of it spent in the scheduler's reconciles.
//
//   node bench/scheduler.mjs [--nodes 1000,5000] [--pods 2000] [--runs 3] [--only plain]
//                            [--replicas 10000] [--controller-nodes 1000] [--json]
//
// The TypeScript sources are bundled with esbuild into a temporary module, so no build is needed.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { nodes: [1000, 5000], pods: 2000, runs: 3, only: undefined, json: false, replicas: 10000, controllerNodes: 1000 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--nodes') o.nodes = value().split(',').map(Number);
    else if (a === '--pods') o.pods = Number(value());
    else if (a === '--runs') o.runs = Number(value());
    else if (a === '--only') o.only = value().split(',');
    else if (a === '--replicas') o.replicas = Number(value());
    else if (a === '--controller-nodes') o.controllerNodes = Number(value());
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}
const opts = parseArgs(process.argv.slice(2));

const entry = `
export { MemoryStore } from './src/store/memory.ts';
export { ApiServer } from './src/apiserver/server.ts';
export { SeededRand } from './src/sim/rand.ts';
export { newFramework, schedulingCycle, numFeasibleNodesToFind } from './src/scheduler/schedule-one.ts';
export { defaultProfile } from './src/scheduler/profile.ts';
export { createAdmission } from './src/apiserver/admission/index.ts';
export { ControlLoop } from './src/sim/loop.ts';
export { deploymentController } from './src/controllers/deployment/deployment.ts';
export { replicaSetController } from './src/controllers/replicaset.ts';
export { schedulerController } from './src/scheduler/scheduler.ts';
`;
// Inside the repository, so that the bundle's external packages (zod, ...) resolve from node_modules.
const tmp = mkdtempSync(join(root, '.bench-sched-'));
const out = join(tmp, 'sched.mjs');
await build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
  bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'error',
  packages: 'external', sourcemap: 'inline',
});
const m = await import(pathToFileURL(out).href);
rmSync(tmp, { recursive: true, force: true });

const T0 = Date.UTC(2025, 0, 1, 12);
const ts = new Date(T0).toISOString().replace(/\.\d{3}Z$/, 'Z');

function kindNode(i) {
  const name = `kind-worker${i === 0 ? '' : i + 1}`;
  return {
    apiVersion: 'v1', kind: 'Node',
    metadata: {
      name, creationTimestamp: ts,
      labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64' },
    },
    spec: { podCIDR: `10.244.${i % 256}.0/24`, providerID: `kind://docker/kind/${name}` },
    status: {
      capacity: { cpu: '8', memory: '32806784Ki', pods: '110', 'ephemeral-storage': '102626232Ki', 'hugepages-2Mi': '0' },
      allocatable: { cpu: '8', memory: '32806784Ki', pods: '110', 'ephemeral-storage': '102626232Ki', 'hugepages-2Mi': '0' },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: ts, lastTransitionTime: ts }],
      images: [{ names: ['registry.k8s.io/pause:3.10'], sizeBytes: 320368 }, { names: ['docker.io/kindest/kindnetd:v20241108-5c6d2daf'], sizeBytes: 38601118 }],
      nodeInfo: { kubeletVersion: 'v1.32.0', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}

const container = (name) => ({
  name, image: 'nginx:1.27', ports: [{ containerPort: 80, protocol: 'TCP' }],
  resources: { requests: { cpu: '50m', memory: '64Mi' } },
});

const RS_UID = '5f0c7a8e-0000-4000-8000-000000000001';
function pendingPod(kind, i) {
  const name = kind === 'deployment' ? `web-7d4b9c8f6d-${String(i).padStart(5, '0')}` : `${kind}-${i}`;
  const pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `pod-${kind}-${i}`, creationTimestamp: ts, labels: { app: kind } },
    spec: { containers: [container('app')], restartPolicy: 'Always', schedulerName: 'default-scheduler', priority: 0, enableServiceLinks: true },
    status: { phase: 'Pending' },
  };
  if (kind === 'deployment') {
    pod.metadata.labels = { app: 'web', 'pod-template-hash': '7d4b9c8f6d' };
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: RS_UID, controller: true, blockOwnerDeletion: true }];
  }
  if (kind === 'anti') {
    pod.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchLabels: { app: 'anti' } }, topologyKey: 'kubernetes.io/hostname' },
    ] } };
  }
  return pod;
}

/** An API server holding the nodes and the Deployment's ReplicaSet (what default spreading looks up). */
function cluster(nodeCount) {
  const store = new m.MemoryStore();
  const api = new m.ApiServer({ store, now: () => T0, rand: m.SeededRand.fromSeed('bench') });
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  for (let i = 0; i < nodeCount; i++) api.create('nodes', kindNode(i));
  api.create('replicasets.apps', {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'web-7d4b9c8f6d', namespace: 'default', uid: RS_UID, labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } },
    spec: { replicas: opts.pods, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } },
      template: { metadata: { labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' } }, spec: { containers: [container('app')] } } },
  });
  return { api, nodes: api.list('nodes') };
}

const noPlugins = { schedulerName: 'default-scheduler', plugins: [] };

/** Places `pods` one cycle each on a snapshot kept up to date by adding each placed pod to its node. */
function run(c, profile, pods) {
  const rand = m.SeededRand.fromSeed('cycle');
  const fw = m.newFramework(profile, c.nodes, [], c.api);
  const byName = new Map(fw.nodeInfos.map((ni) => [ni.name, ni]));
  const cursor = { nextStartNodeIndex: 0 };
  let scheduled = 0;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for (const pod of pods) {
    const o = m.schedulingCycle(fw, pod, rand, undefined, cursor);
    if (o.kind !== 'Scheduled') continue;
    scheduled++;
    byName.get(o.result.suggestedHost).addPod({ ...pod, spec: { ...pod.spec, nodeName: o.result.suggestedHost } });
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  return { podsPerSec: pods.length / secs, podsPerCpuSec: pods.length / cpuSecs, scheduled, secs };
}

/**
 * The controller path: the Deployment created through the API server, the control loop run on the
 * manual clock until every pod of it is bound. Time in the scheduler's reconciles is counted apart.
 */
function runController(nodeCount, replicas) {
  let time = T0;
  const store = new m.MemoryStore();
  const rand = m.SeededRand.fromSeed('controller');
  const api = new m.ApiServer({ store, now: () => time, rand });
  api.configure({ admission: m.createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }) });
  api.create('namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } });
  for (let i = 0; i < nodeCount; i++) api.create('nodes', kindNode(i));
  let schedulerNs = 0n;
  let schedulerWritesNs = 0n;
  let inScheduler = false;
  const sched = m.schedulerController;
  const timedScheduler = {
    ...sched,
    reconcile(key, ctx) {
      const t = process.hrtime.bigint();
      inScheduler = true;
      try {
        sched.reconcile(key, ctx);
      } finally {
        inScheduler = false;
        schedulerNs += process.hrtime.bigint() - t;
      }
    },
  };
  // The scheduler's own API writes (the binding; conditions and events), timed apart.
  for (const verb of ['bind', 'update', 'updateStatus', 'create']) {
    const orig = api[verb].bind(api);
    api[verb] = (...args) => {
      if (!inScheduler) return orig(...args);
      const t = process.hrtime.bigint();
      try {
        return orig(...args);
      } finally {
        schedulerWritesNs += process.hrtime.bigint() - t;
      }
    };
  }
  const recorder = { event() {} };
  const loop = new m.ControlLoop({
    store,
    controllers: [m.deploymentController, m.replicaSetController, timedScheduler],
    context: (c) => ({
      api, store, now: () => time, rand, recorder,
      requeueAt: (due, key) => store.addTimer(Math.max(due, time), c.name, key),
    }),
    now: () => time,
    setNow: (t) => { time = t; },
    onError: (c, k, err) => { throw new Error(`${c} ${k}: ${err?.stack ?? err}`); },
  });
  loop.skipPending();
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  api.create('deployments.apps', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: { replicas, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [container('app')] } } },
  });
  let bound = 0;
  for (let s = 0; s < 600; s++) {
    loop.advanceTo(time + 1000);
    bound = 0;
    for (const p of store.list('pods', { namespace: 'default' }).items) if (p.spec.nodeName) bound++;
    if (bound === replicas) break;
  }
  const secs = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  if (bound !== replicas) throw new Error(`controller path: ${bound}/${replicas} pods bound`);
  return { secs, cpuSecs, podsPerSec: replicas / secs, schedulerSecs: Number(schedulerNs) / 1e9, schedulerWriteSecs: Number(schedulerWritesNs) / 1e9 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

const results = [];
for (const nodeCount of opts.nodes) {
  const c = cluster(nodeCount);
  const cases = [
    { name: 'baseline (no plugins)', profile: noPlugins, kind: 'plain', pods: opts.pods },
    { name: 'plain', profile: m.defaultProfile(), kind: 'plain', pods: opts.pods },
    { name: 'deployment', profile: m.defaultProfile(), kind: 'deployment', pods: opts.pods },
    // Each pod needs a node of its own.
    { name: 'anti-affinity', profile: m.defaultProfile(), kind: 'anti', pods: Math.min(opts.pods, nodeCount) },
  ].filter((k) => !opts.only || opts.only.includes(k.kind) || k.profile === noPlugins);
  const samples = new Map(cases.map((k) => [k.name, []]));
  const cpuSamples = new Map(cases.map((k) => [k.name, []]));
  const podsOf = new Map(cases.map((k) => [k.name, Array.from({ length: k.pods }, (_, i) => pendingPod(k.kind, i))]));
  run(c, m.defaultProfile(), podsOf.get(cases[0].name).slice(0, 50)); // warm-up
  // Interleaved run by run, so drift in machine load hits every case alike.
  for (let r = 0; r < opts.runs; r++) {
    for (const k of cases) {
      const res = run(c, k.profile, podsOf.get(k.name));
      if (res.scheduled !== k.pods) throw new Error(`${k.name}: ${res.scheduled}/${k.pods} pods scheduled on ${nodeCount} nodes`);
      samples.get(k.name).push(res.podsPerSec);
      cpuSamples.get(k.name).push(res.podsPerCpuSec);
    }
  }
  const base = median(samples.get(cases[0].name));
  for (const k of cases) {
    const pps = median(samples.get(k.name));
    results.push({ nodes: nodeCount, case: k.name, pods: k.pods, podsPerSec: pps, podsPerCpuSec: median(cpuSamples.get(k.name)), msPerPod: 1000 / pps, vsBaseline: base / pps });
  }
}

let controller;
if (opts.replicas > 0) {
  const res = runController(opts.controllerNodes, opts.replicas);
  controller = { nodes: opts.controllerNodes, replicas: opts.replicas, store: 'memory', ...res };
}

if (opts.json) {
  process.stdout.write(JSON.stringify({ cpus: cpus().length, node: process.version, results, controller }, null, 2) + '\n');
} else {
  process.stdout.write(`scheduler throughput, ${cpus().length} cpu(s), node ${process.version}; median of ${opts.runs} runs\n`);
  process.stdout.write(`${'nodes'.padStart(6)}  ${'case'.padEnd(32)} ${'pods'.padStart(6)} ${'pods/s'.padStart(9)} ${'pods/cpu-s'.padStart(11)} ${'ms/pod'.padStart(8)} ${'x baseline'.padStart(11)}\n`);
  for (const r of results) {
    process.stdout.write(`${String(r.nodes).padStart(6)}  ${r.case.padEnd(32)} ${String(r.pods).padStart(6)} ${fmt(r.podsPerSec).padStart(9)} ${fmt(r.podsPerCpuSec).padStart(11)} ${r.msPerPod.toFixed(3).padStart(8)} ${r.vsBaseline.toFixed(1).padStart(11)}\n`);
  }
  if (controller) {
    process.stdout.write(`\ncontroller path (memory store, manual clock; deployment, replicaset and scheduler controllers):\n`);
    const c = controller;
    process.stdout.write(`  Deployment of ${c.replicas.toLocaleString('en-US')} replicas on ${c.nodes.toLocaleString('en-US')} nodes: all bound after ${c.secs.toFixed(1)} s wall (${c.cpuSecs.toFixed(1)} s of CPU), ${fmt(c.podsPerSec)} pods/s\n`);
    process.stdout.write(`  in the scheduler: ${c.schedulerSecs.toFixed(1)} s (${fmt(c.replicas / c.schedulerSecs)} pods/s), of which ${c.schedulerWriteSecs.toFixed(1)} s in its API writes (binding) and ${(c.schedulerSecs - c.schedulerWriteSecs).toFixed(1)} s deciding (${fmt(c.replicas / (c.schedulerSecs - c.schedulerWriteSecs))} pods/s)\n`);
    process.stdout.write(`  the other controllers and the loop: ${(c.secs - c.schedulerSecs).toFixed(1)} s\n`);
  }
}
