// `mk get -w` in-process on a manual clock: what it prints and when it stops. The watch moves
// virtual time itself from timer to timer; other processes' writes are played by the test from
// the watch's wall-clock waits (the sleep hook), so every run prints the same bytes.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { MANUAL_EPOCH } from '../../src/sim/clock.js';
import { enableWrites, settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { watchGet, type WatchTiming } from '../../src/cli/commands/get-watch.js';
import type { GetFlags } from '../../src/cli/commands/get.js';
import type { CliContext, Target } from '../../src/cli/context.js';
import { parseResourceArgs } from '../../src/cli/resource-args.js';
import { readLease } from '../../src/sim/lease.js';
import { memoryCluster } from './harness.js';

const target: Target = { contextName: 'mk-mk', clusterName: 'mk', namespace: 'default', explicitNamespace: false };

function redis(name = 'redis', labels: Record<string, string> = { app: 'redis' }): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels },
    spec: { containers: [{ name: 'redis', image: 'redis:7' }] },
  } as KubeObject;
}

/**
 * Runs `mk get <args>` with watch flags against `h`. `during` runs at the watch's first
 * wall-clock wait, as another process's command would; the grace period then passes at once.
 */
async function watch(h: ClusterHandle, args: string[], flags: Partial<GetFlags> & { requestTimeout?: string },
  during?: () => Promise<void>): Promise<{ out: string; code: number | undefined }> {
  let out = '';
  const ctx: CliContext = { io: { out: (s) => { out += s; }, err: (s) => { out += s; }, readStdin: async () => '', isTTY: false }, flags: {} };
  let pending = during;
  const timing: WatchTiming = {
    pollMs: 1, graceMs: 5,
    sleep: async () => {
      const run = pending;
      pending = undefined;
      if (run) await run();
    },
  };
  await watchGet(ctx, h, target, parseResourceArgs(args, 'get'), { labelColumns: [], watch: true, ...flags }, timing);
  return { out, code: ctx.exitCode };
}

async function cluster(): Promise<ClusterHandle> {
  const h = memoryCluster();
  await enableWrites(h);
  await settle(h);
  return h;
}

describe('get -w on a manual clock', () => {
  test('an empty namespace prints nothing until the first change, which brings the header', async () => {
    const h = await cluster();
    const { out, code } = await watch(h, ['pods'], {}, async () => {
      h.api.create('pods', redis());
      await settle(h);
    });
    // Creation, the binding (spec.nodeName and the PodScheduled condition in one write), the
    // kubelet's first status, and Running once the image is pulled and the container started.
    // Rows line up under the header; ContainerCreating widens STATUS from then on.
    expect(out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n'
      + 'redis   0/1     Pending   0          0s\n'
      + 'redis   0/1     Pending   0          0s\n'
      + 'redis   0/1     ContainerCreating   0          0s\n'
      + 'redis   1/1     Running             0          2s\n');
    expect(code).toBeUndefined();
    // It moved the clock only as far as it had to, and let go of the lease.
    expect(h.clock.target()).toBeLessThan(MANUAL_EPOCH + 10_000);
    expect(readLease(h.store)).toBeUndefined();
  });

  test('the initial listing sets the widths later rows line up with; a named object shows its own changes only', async () => {
    const h = await cluster();
    h.api.create('pods', redis('other'));
    await settle(h);
    const { out } = await watch(h, ['pod', 'redis-2'], {}, async () => {
      h.api.create('pods', redis('redis-2'));
      await settle(h);
    }).catch((e: Error) => ({ out: e.message, code: 1 }));
    // kubectl fails the same way: the named object must exist when the watch starts.
    expect(out).toBe('pods "redis-2" not found');
    h.api.create('pods', redis('redis-2'));
    await settle(h);
    const named = await watch(h, ['pod', 'redis-2'], {}, async () => {
      h.api.delete('pods', 'default', 'other', { gracePeriodSeconds: 0 });
      await settle(h);
    });
    expect(named.out).toBe(
      'NAME      READY   STATUS              RESTARTS   AGE\n'
      + 'redis-2   0/1     ContainerCreating   0          0s\n'
      + 'redis-2   1/1     Running             0          2s\n');
  });

  test('--watch-only skips the listing; the header comes with the first change', async () => {
    const h = await cluster();
    h.api.create('pods', redis());
    await settle(h);
    const { out } = await watch(h, ['pods'], { watchOnly: true, watch: false });
    expect(out).toBe(
      'NAME    READY   STATUS    RESTARTS   AGE\n'
      + 'redis   1/1     Running   0          2s\n');
  });

  test('a label selector filters changes; an object relabeled out is printed once more as it last matched', async () => {
    const h = await cluster();
    h.api.create('pods', redis('a'));
    h.api.create('pods', redis('b', { app: 'other' }));
    await settle(h);
    const { out } = await watch(h, ['pods'], { selector: 'app=redis' }, async () => {
      h.api.patch('pods', 'default', 'a', 'merge', { metadata: { labels: { app: 'gone' } } });
      h.api.patch('pods', 'default', 'b', 'merge', { metadata: { labels: { app: 'redis' } } });
      await settle(h);
    });
    const rows = out.split('\n').filter(Boolean).map((l) => l.split(/\s+/).slice(0, 3).join(' '));
    expect(rows).toEqual([
      'NAME READY STATUS',
      'a 0/1 ContainerCreating',
      // Running, then relabeled away: the last state that matched, once.
      'a 1/1 Running',
      'a 1/1 Running',
      'b 1/1 Running',
    ]);
  });

  test('a watch that fell out of the store\'s history relists and goes on', async () => {
    const h = memoryCluster({ store: { compactionWindow: 20 } });
    await enableWrites(h);
    await settle(h);
    const { out } = await watch(h, ['pods'], {}, async () => {
      h.api.create('pods', redis());
      for (let i = 0; i < 40; i++) {
        h.api.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'default' } } as KubeObject);
      }
      await settle(h);
    });
    // The pod's first states went by while the watch was behind: it shows the one it relisted.
    expect(out).toBe(
      'NAME    READY   STATUS              RESTARTS   AGE\n'
      + 'redis   0/1     ContainerCreating   0          0s\n'
      + 'redis   1/1     Running             0          2s\n');
  });

  test('--request-timeout runs exactly that much virtual time, then exits 0', async () => {
    const h = await cluster();
    const start = h.clock.target();
    const { out, code } = await watch(h, ['pods'], { requestTimeout: '10m' });
    expect(out).toBe('');
    expect(code).toBeUndefined();
    expect(h.clock.target() - start).toBe(10 * 60 * 1000);
  });

  test('-A -o wide adds the namespace and wide columns', async () => {
    const h = await cluster();
    const { out } = await watch(h, ['pods'], { allNamespaces: true, output: 'wide', watchOnly: true, watch: false }, async () => {
      h.api.create('pods', redis());
      await settle(h);
    });
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   IP       NODE\s+NOMINATED NODE   READINESS GATES$/);
    expect(lines.at(-2)).toMatch(/^default     redis   1\/1     Running\s+0\s+2s\s+10\.244\.\d\.\d+\s+mk-worker2?\s+<none>\s+<none>$/);
  });

  test('more than one kind is refused as kubectl refuses it', async () => {
    const h = await cluster();
    await expect(watch(h, ['pods,services'], {})).rejects.toThrow(
      'error: you may only specify a single resource type');
  });
});
