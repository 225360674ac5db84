// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintNodeStatus,
// TestPrintNodeRole, TestPrintNodeOSImage, TestPrintNodeKernelVersion,
// TestPrintNodeContainerRuntimeVersion, TestPrintNodeName, TestPrintNodeExternalIP,
// TestPrintNodeInternalIP.
import { describe, expect, test } from 'vitest';
import { findNodeRoles, printNode } from './table.js';
import type { Node } from './schema.js';
import type { TableCell } from '../../table.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');

type NodeStatus = NonNullable<Node['status']>;
type NodeInfo = NonNullable<NodeStatus['nodeInfo']>;

function node(name: string, o: { labels?: Record<string, string>; unschedulable?: boolean; status?: NodeStatus; created?: string } = {}): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}), ...(o.created ? { creationTimestamp: o.created } : {}) },
    ...(o.unschedulable ? { spec: { unschedulable: true } } : {}),
    ...(o.status ? { status: o.status } : {}),
  };
}

function info(i: Partial<NodeInfo>): NodeInfo {
  return {
    machineID: '', systemUUID: '', bootID: '', kernelVersion: '', osImage: '', containerRuntimeVersion: '',
    kubeletVersion: '', kubeProxyVersion: '', operatingSystem: '', architecture: '', ...i,
  };
}

function cells(n: Node, wide = false): TableCell[] {
  const rows = printNode(n, { now: NOW, wide });
  expect(rows).toHaveLength(1);
  expect(rows[0].object).toBe(n);
  return rows[0].cells;
}

describe('printNode status (TestPrintNodeStatus)', () => {
  test.each<[string, Node, TableCell[]]>([
    ['ready', node('foo1', { status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
      ['foo1', 'Ready', '<none>', '<unknown>', '']],
    ['ready and cordoned', node('foo2', { unschedulable: true, status: { conditions: [{ type: 'Ready', status: 'True' }] } }),
      ['foo2', 'Ready,SchedulingDisabled', '<none>', '<unknown>', '']],
    ['Ready listed twice', node('foo3', { status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Ready', status: 'True' }] } }),
      ['foo3', 'Ready', '<none>', '<unknown>', '']],
    ['not ready', node('foo4', { status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
      ['foo4', 'NotReady', '<none>', '<unknown>', '']],
    ['not ready and cordoned', node('foo5', { unschedulable: true, status: { conditions: [{ type: 'Ready', status: 'False' }] } }),
      ['foo5', 'NotReady,SchedulingDisabled', '<none>', '<unknown>', '']],
    ['no Ready condition', node('foo6', { status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }),
      ['foo6', 'Unknown', '<none>', '<unknown>', '']],
    ['an empty condition', node('foo7', { status: { conditions: [{ type: '', status: '' }] } }),
      ['foo7', 'Unknown', '<none>', '<unknown>', '']],
    ['no Ready condition, cordoned', node('foo8', { unschedulable: true, status: { conditions: [{ type: 'InvalidValue', status: 'True' }] } }),
      ['foo8', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', '']],
    ['an empty condition, cordoned', node('foo9', { unschedulable: true, status: { conditions: [{ type: '', status: '' }] } }),
      ['foo9', 'Unknown,SchedulingDisabled', '<none>', '<unknown>', '']],
    ['Ready=Unknown after the node stops heartbeating', node('foo10', { status: { conditions: [{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }] } }),
      ['foo10', 'NotReady', '<none>', '<unknown>', '']],
  ])('%s', (_name, n, want) => {
    expect(cells(n)).toEqual(want);
  });
});

describe('printNode roles (TestPrintNodeRole)', () => {
  test.each<[string, Node, TableCell[]]>([
    ['no labels', node('foo9'), ['foo9', 'Unknown', '<none>', '<unknown>', '']],
    ['node-role labels and kubernetes.io/role, sorted and de-duplicated',
      node('foo10', { labels: { 'node-role.kubernetes.io/master': '', 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/proxy': '', 'kubernetes.io/role': 'node' } }),
      ['foo10', 'Unknown', 'control-plane,master,node,proxy', '<unknown>', '']],
    ['kubernetes.io/role only', node('foo11', { labels: { 'kubernetes.io/role': 'node' } }),
      ['foo11', 'Unknown', 'node', '<unknown>', '']],
  ])('%s', (_name, n, want) => {
    expect(cells(n)).toEqual(want);
  });

  test('an empty role suffix or role value is ignored', () => {
    expect(findNodeRoles(node('x', { labels: { 'node-role.kubernetes.io/': '', 'kubernetes.io/role': '', 'node-role.kubernetes.io/worker': 'true' } })))
      .toEqual(['worker']);
  });
});

describe('printNode -o wide (TestPrintNodeOSImage, KernelVersion, ContainerRuntimeVersion, ExternalIP, InternalIP)', () => {
  const ext = [{ type: 'ExternalIP', address: '1.1.1.1' }];
  test.each<[string, Node, TableCell[]]>([
    ['os image', node('foo1', { status: { nodeInfo: info({ osImage: 'fake-os-image' }), addresses: ext } }),
      ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', 'fake-os-image', '<unknown>', '<unknown>']],
    ['kernel version', node('foo2', { status: { nodeInfo: info({ kernelVersion: 'fake-kernel-version' }), addresses: ext } }),
      ['foo2', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', 'fake-kernel-version', '<unknown>']],
    ['container runtime version', node('foo1', { status: { nodeInfo: info({ containerRuntimeVersion: 'foo://1.2.3' }), addresses: ext } }),
      ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', '<unknown>', 'foo://1.2.3']],
    ['empty node info', node('foo2', { status: { nodeInfo: info({}), addresses: ext } }),
      ['foo2', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', '<unknown>', '<unknown>']],
    ['external IP only', node('foo1', { status: { addresses: [{ type: 'ExternalIP', address: '1.1.1.1' }] } }),
      ['foo1', 'Unknown', '<none>', '<unknown>', '', '<none>', '1.1.1.1', '<unknown>', '<unknown>', '<unknown>']],
    ['internal IP only', node('foo2', { status: { addresses: [{ type: 'InternalIP', address: '1.1.1.1' }] } }),
      ['foo2', 'Unknown', '<none>', '<unknown>', '', '1.1.1.1', '<none>', '<unknown>', '<unknown>', '<unknown>']],
    ['first of each address type wins (external)', node('foo3', {
      status: { addresses: [{ type: 'ExternalIP', address: '2.2.2.2' }, { type: 'InternalIP', address: '3.3.3.3' }, { type: 'ExternalIP', address: '4.4.4.4' }] },
    }), ['foo3', 'Unknown', '<none>', '<unknown>', '', '3.3.3.3', '2.2.2.2', '<unknown>', '<unknown>', '<unknown>']],
    ['first of each address type wins (internal)', node('foo3', {
      status: { addresses: [{ type: 'InternalIP', address: '2.2.2.2' }, { type: 'ExternalIP', address: '3.3.3.3' }, { type: 'InternalIP', address: '4.4.4.4' }] },
    }), ['foo3', 'Unknown', '<none>', '<unknown>', '', '2.2.2.2', '3.3.3.3', '<unknown>', '<unknown>', '<unknown>']],
  ])('%s', (_name, n, want) => {
    expect(cells(n, true)).toEqual(want);
  });
});

describe('printNode name (TestPrintNodeName)', () => {
  test.each<[string, TableCell[]]>([
    ['127.0.0.1', ['127.0.0.1', 'Unknown', '<none>', '<unknown>', '']],
    ['', ['', 'Unknown', '<none>', '<unknown>', '']],
  ])('%j', (name, want) => {
    expect(cells(node(name, { status: {} }))).toEqual(want);
  });
});

test('a kubeadm control-plane node', () => {
  const n = node('mk-control-plane', {
    created: new Date(NOW - 3 * 24 * 3600e3 - 5 * 3600e3).toISOString(),
    labels: { 'kubernetes.io/hostname': 'mk-control-plane', 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' },
    status: {
      conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'mk-control-plane' }],
      nodeInfo: info({ kubeletVersion: 'v1.32.2', osImage: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.8.0-1021-azure', containerRuntimeVersion: 'containerd://1.7.24' }),
    },
  });
  expect(cells(n, true)).toEqual(['mk-control-plane', 'Ready', 'control-plane', '3d5h', 'v1.32.2', '172.18.0.2', '<none>',
    'Debian GNU/Linux 12 (bookworm)', '6.8.0-1021-azure', 'containerd://1.7.24']);
});
