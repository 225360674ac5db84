// A Node's heartbeat times as its kubelet reports them: at once on a change, then every five
// minutes with nothing changed (nodeStatusReportFrequency) — computed when the Node is read.
import { describe, expect, test } from 'vitest';
import { nodeAsReported, withHeartbeat } from '../../src/api/core/node/heartbeat.js';
import type { KubeObject } from '../../src/api/object.js';

const T = Date.UTC(2025, 0, 1, 0, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const min = 60_000;

function node(readyReason: string, heartbeat: number): KubeObject {
  const c = (type: string, status: string, reason: string) =>
    ({ type, status, reason, message: '', lastHeartbeatTime: iso(heartbeat), lastTransitionTime: iso(T - 10 * min) });
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' },
    status: { conditions: [c('MemoryPressure', 'False', 'KubeletHasSufficientMemory'), c('Ready', readyReason === 'KubeletReady' ? 'True' : 'Unknown', readyReason)] },
  };
}

const heartbeats = (o: KubeObject) => (o.status as { conditions: { lastHeartbeatTime: string }[] }).conditions.map((c) => c.lastHeartbeatTime);

describe('node heartbeats computed when read', () => {
  test.each([
    ['just reported', 0, T],
    ['within five minutes of the last report', 5 * min - 1, T],
    ['five minutes on: a new report', 5 * min, T + 5 * min],
    ['seventeen minutes on: the report at fifteen', 17 * min, T + 15 * min],
    ['a week on', 7 * 24 * 60 * min + 1234, T + 7 * 24 * 60 * min],
  ])('%s', (_name, after, want) => {
    expect(heartbeats(nodeAsReported(node('KubeletReady', T), T + after))).toEqual([iso(want), iso(want)]);
  });

  test('a node the kubelet no longer reports for keeps its last heartbeat', () => {
    expect(heartbeats(nodeAsReported(node('NodeStatusUnknown', T), T + 20 * min))).toEqual([iso(T), iso(T)]);
  });

  test('the stored object is not changed', () => {
    const n = node('KubeletReady', T);
    nodeAsReported(n, T + 20 * min);
    expect(heartbeats(n)).toEqual([iso(T), iso(T)]);
  });

  test('a report stamps every condition with one time', () => {
    const conditions = (node('KubeletReady', T).status as { conditions: never[] }).conditions;
    expect(withHeartbeat(conditions, T + 42_000).map((c: { lastHeartbeatTime?: string }) => c.lastHeartbeatTime)).toEqual([iso(T + 42_000), iso(T + 42_000)]);
  });
});
