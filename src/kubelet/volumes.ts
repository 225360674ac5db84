// The kubelet's volume manager as far as a pod's start depends on it: the reconciler sets up every
// volume a container mounts, and a configMap or secret volume whose object (or one of whose
// items' keys) is missing fails MountVolume.SetUp. A failed operation is retried after an
// exponential back-off (nestedpendingoperations: 500 ms doubling to 2m2s), each failure a
// FailedMount Event; SyncPod waits in WaitForAttachAndMount until all are mounted (in 1.32 its
// timeout is no Event of its own, only a log line).
import type { Pod, Volume } from '../api/core/pod/schema.js';
import type { KubeObject } from '../api/object.js';
import type { Api } from '../apiserver/api.js';

const INITIAL_RETRY_MS = 500;
export const MAX_RETRY_MS = 122_000;
/** podAttachAndMountRetryInterval: how often WaitForAttachAndMount looks again. */
export const MOUNT_POLL_MS = 300;

/** When the `k`-th attempt (from 0) to set up a failing volume runs, counted from the first. */
export function attemptOffset(k: number): number {
  let at = 0;
  let d = INITIAL_RETRY_MS;
  for (let i = 0; i < k; i++) {
    if (d >= MAX_RETRY_MS) return at + (k - i) * MAX_RETRY_MS;
    at += d;
    d = Math.min(d * 2, MAX_RETRY_MS);
  }
  return at;
}

/** The first attempt from which retries come every MAX_RETRY_MS. */
export const PERIODIC_FROM = (() => {
  let k = 0;
  while (attemptOffset(k + 1) - attemptOffset(k) < MAX_RETRY_MS) k++;
  return k;
})();

/** The index of the first attempt at or after `offset` ms from the first one. */
export function attemptAtOrAfter(offset: number): number {
  const base = attemptOffset(PERIODIC_FROM);
  if (offset > base) return PERIODIC_FROM + Math.ceil((offset - base) / MAX_RETRY_MS);
  let k = 0;
  while (attemptOffset(k) < offset) k++;
  return k;
}

type Data = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> };

/** Why a configMap or secret source cannot be set up (the plugins' errors), if it cannot. */
function sourceError(api: Api, ns: string, kind: 'configmap' | 'secret', name: string, items: { key: string }[] | undefined,
  optional: boolean | undefined): string | undefined {
  const obj = api.tryGet<Data>(kind === 'configmap' ? 'configmaps' : 'secrets', ns, name);
  // The kubelet's object cache reports a missing object under the singular resource name.
  if (!obj) return optional ? undefined : `${kind} "${name}" not found`;
  for (const it of items ?? []) {
    if (it.key in (obj.data ?? {}) || it.key in (obj.binaryData ?? {}) || optional) continue;
    return kind === 'configmap' ? `configmap references non-existent config key: ${it.key}` : `references non-existent secret key: ${it.key}`;
  }
  return undefined;
}

function volumeError(api: Api, ns: string, v: Volume): string | undefined {
  if (v.configMap) return sourceError(api, ns, 'configmap', v.configMap.name ?? '', v.configMap.items, v.configMap.optional);
  if (v.secret) return sourceError(api, ns, 'secret', v.secret.secretName ?? '', v.secret.items, v.secret.optional);
  if (v.projected) {
    const errs: string[] = [];
    for (const s of v.projected.sources ?? []) {
      const e = s.configMap ? sourceError(api, ns, 'configmap', s.configMap.name ?? '', s.configMap.items, s.configMap.optional)
        : s.secret ? sourceError(api, ns, 'secret', s.secret.name ?? '', s.secret.items, s.secret.optional) : undefined;
      if (e) errs.push(e);
    }
    // utilerrors.NewAggregate: one error reads as itself, several as a bracketed list.
    return errs.length === 0 ? undefined : errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  }
  return undefined;
}

/** The FailedMount messages of the volumes the pod's containers mount that cannot be set up now. */
export function mountFailures(api: Api, pod: Pod): string[] {
  const used = new Set<string>();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) for (const m of c.volumeMounts ?? []) used.add(m.name);
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) {
    if (!used.has(v.name)) continue;
    const err = volumeError(api, pod.metadata.namespace ?? 'default', v);
    if (err) out.push(`MountVolume.SetUp failed for volume "${v.name}" : ${err}`);
  }
  return out;
}
