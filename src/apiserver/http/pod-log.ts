// The pods/log subresource: PodLogOptions from the query (kube's parameter names), answered from
// the simulated kubelet's log of the container. A followed log is a chunked stream that the
// server's follower writes to until the kubelet ends it.
import type { Pod } from '../../api/core/pod/schema.js';
import type { LogOptions } from '../../kubelet/logs.js';

export interface PodLogRequest {
  container: string | undefined;
  follow: boolean;
  log: LogOptions;
}

const bool = (q: URLSearchParams, name: string) => q.get(name) === 'true' || q.get(name) === '1';

function int(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  return v !== null && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/** PodLogOptions from the query; kubectl validates them before it asks. */
export function podLogRequest(q: URLSearchParams): PodLogRequest {
  return {
    container: q.get('container') || undefined,
    follow: bool(q, 'follow'),
    log: {
      previous: bool(q, 'previous'), timestamps: bool(q, 'timestamps'), tail: int(q, 'tailLines'),
      sinceSeconds: int(q, 'sinceSeconds'), sinceTime: q.get('sinceTime') ?? undefined, limitBytes: int(q, 'limitBytes'),
    },
  };
}

/** Follows one container's log, writing each piece as it is written; resolves when the stream ends. */
export type LogFollower = (pod: Pod, container: string, log: LogOptions, write: (text: string) => void,
  stopped: () => boolean) => Promise<void>;
