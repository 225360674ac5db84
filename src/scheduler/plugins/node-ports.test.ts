// plugins/nodeports/node_ports_test.go (TestNodePorts).
import { expect, test } from 'vitest';
import type { Pod } from '../../api/core/pod/schema.js';
import { runFilter, summarize } from '../testing/framework.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { ErrReason, nodePorts } from './node-ports.js';

/** newPod(host, "PROTO/IP/PORT"...). */
function podWithPorts(name: string, ...ports: string[]): Pod {
  const p = makePod(name).container().obj();
  p.spec.containers[0].ports = ports.map((s) => {
    const [protocol, hostIP, port] = s.split('/');
    return { protocol, hostIP, hostPort: Number(port), containerPort: Number(port) };
  });
  return p;
}

const conflict = { code: 'Unschedulable', message: ErrReason };
const existing = (...ports: string[]) => [{ ...podWithPorts('existing', ...ports), spec: { ...podWithPorts('existing', ...ports).spec, nodeName: 'node' } }];

test.each([
  { name: 'skip filter', pod: makePod().container().obj(), existing: [], want: null },
  { name: 'other port', pod: podWithPorts('m1', 'UDP/127.0.0.1/8080'), existing: existing('UDP/127.0.0.1/9090'), want: null },
  { name: 'same udp port', pod: podWithPorts('m1', 'UDP/127.0.0.1/8080'), existing: existing('UDP/127.0.0.1/8080'), want: conflict },
  { name: 'same tcp port', pod: podWithPorts('m1', 'TCP/127.0.0.1/8080'), existing: existing('TCP/127.0.0.1/8080'), want: conflict },
  { name: 'different host ip', pod: podWithPorts('m1', 'TCP/127.0.0.1/8080'), existing: existing('TCP/127.0.0.2/8080'), want: null },
  { name: 'different protocol', pod: podWithPorts('m1', 'UDP/127.0.0.1/8080'), existing: existing('TCP/127.0.0.1/8080'), want: null },
  {
    name: 'second udp port conflict', pod: podWithPorts('m1', 'UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'),
    existing: existing('UDP/127.0.0.1/8080'), want: conflict,
  },
  {
    name: 'first tcp port conflict', pod: podWithPorts('m1', 'TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'),
    existing: existing('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'), want: conflict,
  },
  {
    name: 'first tcp port conflict due to 0.0.0.0 hostIP', pod: podWithPorts('m1', 'TCP/0.0.0.0/8001'),
    existing: existing('TCP/127.0.0.1/8001'), want: conflict,
  },
  {
    name: 'TCP hostPort conflict due to 0.0.0.0 hostIP', pod: podWithPorts('m1', 'TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'),
    existing: existing('TCP/127.0.0.1/8001'), want: conflict,
  },
  {
    name: 'second tcp port conflict to 0.0.0.0 hostIP', pod: podWithPorts('m1', 'TCP/127.0.0.1/8001'),
    existing: existing('TCP/0.0.0.0/8001'), want: conflict,
  },
  { name: 'second different protocol', pod: podWithPorts('m1', 'UDP/127.0.0.1/8001'), existing: existing('TCP/0.0.0.0/8001'), want: null },
  {
    name: 'UDP hostPort conflict due to 0.0.0.0 hostIP', pod: podWithPorts('m1', 'UDP/127.0.0.1/8001'),
    existing: existing('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'), want: conflict,
  },
  { name: 'empty protocol and host IP mean TCP on 0.0.0.0', pod: podWithPorts('m1', '//80'), existing: existing('TCP/10.0.0.1/80'), want: conflict },
])('$name', ({ pod, existing, want }) => {
  expect(summarize(runFilter(nodePorts, pod, makeNode('node').obj(), existing))).toEqual(want);
});

test('a finished pod no longer holds its host port', () => {
  const done = existing('TCP/0.0.0.0/80').map((p) => ({ ...p, status: { phase: 'Succeeded' } }));
  expect(runFilter(nodePorts, podWithPorts('m1', 'TCP/0.0.0.0/80'), makeNode('node').obj(), done)).toBeNull();
});
