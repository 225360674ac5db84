// What a running container costs its node, as the kubelet's resource metrics report it (CPU
// usage rate in nanocores, memory working set in bytes), and what the node spends besides its
// pods. Derived from what the process runs (process.ts's Load): idle servers cost what they cost
// on a real kind node, stress workers a core each and the memory they allocate, all within the
// container's limits (CPU is throttled at its limit, memory cannot exceed it). Numbers move a
// little from one scrape window to the next, as a function of the pod's uid and the window, so
// the same virtual time always reads the same.
import type { Load } from './process.js';
import { unit } from './util.js';

export interface Usage {
  /** Average CPU use over the window, in nanocores (1e9 = one core). */
  cpuNanoCores: number;
  /** Memory working set, in bytes. */
  memoryBytes: number;
}

export interface UsageLimits {
  /** The container's CPU limit in millicores. */
  cpuMilli?: number;
  memoryBytes?: number;
}

const Mi = 1024 * 1024;

/** A process at rest: mean CPU in millicores and working set in MiB, and how much each wanders. */
interface Profile {
  cpuMilli: number;
  memMi: number;
  /** Relative swing of CPU between windows (0.5: ±50%). */
  cpuSpread?: number;
  /** Relative swing of memory between windows. */
  memSpread?: number;
  /**
   * Starting up (initialising a datadir, warming a JVM) costs more CPU for a while, and the
   * working set grows from `memFrom` of its level to all of it meanwhile.
   */
  startup?: { ms: number; cpuMilli: number; memFrom: number };
  /**
   * CPU it spends serving one client that requests in a tight loop (request-load.ts), beyond its
   * idle use: the hpa-example page computes square roots for a while on every request.
   */
  clientMilli?: number;
}

/**
 * Idle usage of well-known servers, as `kubectl top` shows them on a kind node a few minutes
 * after start with no traffic. Keyed by image personality or by the binary run.
 */
const SERVERS: Record<string, Profile> = {
  // Control plane, kind v1.32 with nothing to do.
  'kube-apiserver': { cpuMilli: 48, memMi: 245, cpuSpread: 0.25, memSpread: 0.04, startup: { ms: 20_000, cpuMilli: 350, memFrom: 0.7 } },
  etcd: { cpuMilli: 19, memMi: 38, cpuSpread: 0.3, memSpread: 0.05 },
  'kube-controller-manager': { cpuMilli: 13, memMi: 48, cpuSpread: 0.3 },
  'kube-scheduler': { cpuMilli: 3, memMi: 21, cpuSpread: 0.4 },
  'kube-proxy': { cpuMilli: 1, memMi: 14, cpuSpread: 0.6 },
  kindnetd: { cpuMilli: 1, memMi: 9.5, cpuSpread: 0.6 },
  'local-path-provisioner': { cpuMilli: 1, memMi: 7.5, cpuSpread: 0.6 },
  coredns: { cpuMilli: 2, memMi: 13.5, cpuSpread: 0.5 },
  // Application images.
  nginx: { cpuMilli: 0, memMi: 3 },
  redis: { cpuMilli: 2, memMi: 3.2, cpuSpread: 0.4 },
  mysql: { cpuMilli: 4, memMi: 372, cpuSpread: 0.5, memSpread: 0.03, startup: { ms: 14_000, cpuMilli: 450, memFrom: 0.45 } },
  mariadb: { cpuMilli: 2, memMi: 95, cpuSpread: 0.5, startup: { ms: 6_000, cpuMilli: 300, memFrom: 0.5 } },
  postgres: { cpuMilli: 1, memMi: 34, cpuSpread: 0.6 },
  mongo: { cpuMilli: 6, memMi: 165, cpuSpread: 0.5 },
  memcached: { cpuMilli: 1, memMi: 2.5, cpuSpread: 0.6 },
  httpd: { cpuMilli: 1, memMi: 9, cpuSpread: 0.6 },
  rabbitmq: { cpuMilli: 4, memMi: 118, cpuSpread: 0.5, startup: { ms: 9_000, cpuMilli: 600, memFrom: 0.6 } },
  agnhost: { cpuMilli: 0, memMi: 6 },
  'echo-server': { cpuMilli: 0, memMi: 2 },
  'hello-app': { cpuMilli: 0, memMi: 2.5 },
  bootcamp: { cpuMilli: 0, memMi: 11 },
  'hpa-example': { cpuMilli: 1, memMi: 11.5, cpuSpread: 0.6, clientMilli: 650 },
  pause: { cpuMilli: 0, memMi: 0.25 },
  node: { cpuMilli: 0, memMi: 38 },
  python: { cpuMilli: 0, memMi: 16 },
  perl: { cpuMilli: 0, memMi: 5 },
  'catalina.sh': { cpuMilli: 2, memMi: 150, cpuSpread: 0.5, startup: { ms: 8_000, cpuMilli: 900, memFrom: 0.5 } },
  'apache2-foreground': { cpuMilli: 1, memMi: 21, cpuSpread: 0.6 },
  eswrapper: { cpuMilli: 9, memMi: 1350, cpuSpread: 0.5, memSpread: 0.02, startup: { ms: 40_000, cpuMilli: 1200, memFrom: 0.7 } },
  traefik: { cpuMilli: 1, memMi: 27, cpuSpread: 0.6 },
  haproxy: { cpuMilli: 1, memMi: 5, cpuSpread: 0.6 },
  // A user's own server (an image mk knows nothing about).
  app: { cpuMilli: 1, memMi: 18, cpuSpread: 0.6 },
};

/** A tool waiting (sleep, a shell loop that sleeps, an interactive shell). */
const TOOL: Profile = { cpuMilli: 0, memMi: 0.4 };

/** What the node runs besides its pods: kubelet, containerd, systemd and the rest of the OS. */
const NODE_SYSTEM: Profile = { cpuMilli: 31, memMi: 236, cpuSpread: 0.3, memSpread: 0.02 };

/**
 * The seed of a window's variation: each resource of each container gets its own sequence, and a
 * window (the scrape's time) its own value in it.
 */
function swing(seed: string, window: number, spread: number | undefined): number {
  if (!spread) return 1;
  return 1 + spread * (2 * unit(`${seed}@${window}`) - 1);
}

/** Where a window stands in a container's life: `age` at its end, `ms` long (less for a fresh container). */
export interface WindowSpan {
  age: number;
  ms: number;
}

function profileUsage(p: Profile, seed: string, window: number, span?: WindowSpan): Usage {
  // Memory settles: it varies around its level by a fraction of the CPU's swing.
  const memSpread = p.memSpread ?? 0.015;
  let cpuMilli = p.cpuMilli * swing(`${seed}/cpu`, window, p.cpuSpread ?? 0.3);
  let memFraction = 1;
  if (p.startup && span && span.age - span.ms < p.startup.ms) {
    // The window's average: the part of it still starting up at the startup rate.
    const from = span.age - Math.min(span.ms, span.age);
    const busy = Math.max(0, Math.min(span.age, p.startup.ms) - from);
    const len = span.age - from;
    if (len > 0) cpuMilli = (busy * p.startup.cpuMilli + (len - busy) * cpuMilli) / len;
    memFraction = p.startup.memFrom + (1 - p.startup.memFrom) * Math.min(1, span.age / p.startup.ms);
  }
  return {
    cpuNanoCores: Math.round(cpuMilli * 1e6),
    memoryBytes: Math.round(p.memMi * Mi * memFraction * swing(`${seed}/memory`, window, memSpread)),
  };
}

/** How long one round of writing `bytes` of fresh pages takes (about 4 GB/s). */
const touchSeconds = (bytes: number) => bytes / 4e9;

/** What the process asks for over the window, before limits; `clients`: looping clients it serves. */
function demand(load: Load, cpus: number, seed: string, window: number, span?: WindowSpan, clients = 0): Usage {
  switch (load.kind) {
    case 'server': {
      const p = SERVERS[load.name] ?? SERVERS.app;
      const u = profileUsage(p, seed, window, span);
      // Serving steady traffic varies little from one window to the next.
      const served = clients * (p.clientMilli ?? 0) * swing(`${seed}/clients`, window, 0.04);
      return served ? { ...u, cpuNanoCores: u.cpuNanoCores + Math.round(served * 1e6) } : u;
    }
    case 'tool':
      return profileUsage(TOOL, seed, window);
    case 'busy':
      // A loop that never waits keeps one core busy (less what the scheduler takes away).
      return { cpuNanoCores: Math.round(1e9 * (0.985 + 0.014 * unit(`${seed}/cpu@${window}`))), memoryBytes: Math.round(0.45 * Mi) };
    case 'stress': {
      // Each --cpu worker spins on a core, and so does each --vm worker dirtying its pages in a
      // loop, unless --vm-hang sleeps between rounds (0: allocate once and sleep for ever);
      // --io workers mostly wait in sync(), --hdd workers in write().
      const vmBusy = load.vmHangSeconds === undefined ? 1
        : load.vmHangSeconds === 0 ? 0 : touchSeconds(load.vmBytes) / (touchSeconds(load.vmBytes) + load.vmHangSeconds);
      const cores = Math.min(cpus, load.cpu + load.vm * vmBusy + 0.04 * load.io + 0.3 * load.hdd);
      const busy = cores * 1e9 * (0.975 + 0.02 * unit(`${seed}/cpu@${window}`));
      const base = 1.1 * Mi + 0.1 * Mi * (load.cpu + load.io + load.hdd);
      return { cpuNanoCores: Math.round(busy), memoryBytes: Math.round(base + load.vm * load.vmBytes) };
    }
  }
}

/**
 * A running container's usage over the scrape window ending at `window` (virtual ms). `seed`
 * identifies the container across windows (pod uid and container name); `span`, where the window
 * falls in its life (unset: long after its start); `clients`, the looping clients it serves. CPU beyond the limit is throttled away (a
 * throttled container shows just under its limit); memory never exceeds it.
 */
export function containerUsage(load: Load, opts: { cpus: number; limits: UsageLimits; seed: string; window: number; span?: WindowSpan; clients?: number }): Usage {
  const u = demand(load, opts.cpus, opts.seed, opts.window, opts.span, opts.clients);
  const { cpuMilli, memoryBytes } = opts.limits;
  let cpu = u.cpuNanoCores;
  if (cpuMilli !== undefined && cpu > cpuMilli * 1e6) {
    cpu = Math.round(cpuMilli * 1e6 * (0.955 + 0.04 * unit(`${opts.seed}/throttled@${opts.window}`)));
  }
  const memory = memoryBytes !== undefined ? Math.min(u.memoryBytes, memoryBytes) : u.memoryBytes;
  return { cpuNanoCores: cpu, memoryBytes: memory };
}

/** What each pod sandbox adds outside the pod's own cgroup: its containerd shim, the kubelet's housekeeping. */
const PER_POD: Profile = { cpuMilli: 0.15, memMi: 4.2 };

/** What a node spends outside its pods over the window (kubelet, containerd, the OS), with `pods` sandboxes running. */
export function nodeSystemUsage(node: string, window: number, pods = 0): Usage {
  const u = profileUsage(NODE_SYSTEM, `node/${node}`, window);
  return {
    cpuNanoCores: u.cpuNanoCores + Math.round(pods * PER_POD.cpuMilli * 1e6),
    memoryBytes: u.memoryBytes + Math.round(pods * PER_POD.memMi * Mi),
  };
}
