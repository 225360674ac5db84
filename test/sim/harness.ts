// An in-process cluster on the memory store and a manual clock: the real control plane (every
// controller, the loop, the recorder), driven by clock.advance + settle like `mk clock advance`.
import { parseGoDuration } from '../../src/api/go-duration.js';
import type { KubeObject } from '../../src/api/object.js';
import { initCluster, type CreateOptions } from '../../src/cluster/create.js';
import { settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { MemoryStore, type MemoryStoreOptions } from '../../src/store/memory.js';

export function memoryCluster(opts: CreateOptions & { name?: string; store?: MemoryStoreOptions } = {}): ClusterHandle {
  return initCluster(new MemoryStore(opts.store), opts.name ?? 'mk', { clock: 'manual', ...opts });
}

/** Moves the manual clock by a Go duration and catches the cluster up, as `mk clock advance` does. */
export async function advance(h: ClusterHandle, by: string): Promise<void> {
  const ms = parseGoDuration(by);
  if (ms === undefined) throw new Error(`bad duration ${by}`);
  h.store.transaction(() => h.clock.advance(ms));
  await settle(h);
}

export async function createPod(h: ClusterHandle, name: string, image: string, extra: Record<string, unknown> = {}): Promise<KubeObject> {
  const pod = h.api.create('pods', {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name, image, ...extra }] },
  } as KubeObject);
  await settle(h);
  return pod;
}

