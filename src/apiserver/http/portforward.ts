import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Pod } from '../../api/core/pod/schema.js';
import type { ClusterHandle } from '../../cluster/runtime.js';
import type { ApiServer } from '../server.js';
import { badRequest } from '../errors.js';
import { requireHost } from '../stream-location.js';

export function portForwardTarget(api: ApiServer, namespace: string, name: string): Pod {
  const pod = api.get<Pod>('pods', namespace, name);
  requireHost(pod);
  return pod;
}

export async function servePortForward(_c: ClusterHandle, _p: Pod, _r: IncomingMessage, _s: Duplex, _h: Buffer): Promise<void> {
  throw badRequest('todo');
}
