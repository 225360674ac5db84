// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintPod,
// TestPrintPodWithRestartableInitContainer, TestPrintPodwide, TestPrintPodConditions,
// TestPrintPodList, TestPrintNonTerminatedPod — pod in, cells out — plus cases for the statuses
// the simulated kubelet produces (image pull errors, crash loops, init failures, NodeLost).
import { describe, expect, test } from 'vitest';
import { podFailedConditions, podSuccessConditions, podTable, printPod } from './table.js';
import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from './schema.js';
import { generateTable } from '../../table.js';
import type { TableCell, TableRowCondition } from '../../table.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

interface Case {
  name: string;
  pod: Pod;
  cells: TableCell[];
  conditions?: TableRowCondition[];
}

function run(c: Case, wide = false): void {
  const rows = printPod(c.pod, { now: NOW, wide });
  expect(rows).toHaveLength(1);
  expect(rows[0].cells).toEqual(c.cells);
  expect(rows[0].conditions).toEqual(c.conditions);
  expect(rows[0].object).toBe(c.pod);
}

describe('printPod (TestPrintPod)', () => {
  const deleteTime = ago(10 * SECOND);
  const cases: Case[] = [
    {
      name: 'name, num of containers, restarts, container ready status',
      pod: pod('test1', { containers: 2 }, {
        phase: 'podPhase',
        containerStatuses: [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ restartCount: 3 })],
      }),
      cells: ['test1', '1/2', 'podPhase', '6', '<unknown>'],
    },
    {
      name: 'container error overwrites pod phase',
      pod: pod('test2', { containers: 2 }, {
        phase: 'podPhase',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: { running: {} } }),
          cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
        ],
      }),
      cells: ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>'],
    },
    {
      name: 'terminated state, and the first container overwrites the rest',
      pod: pod('test3', { containers: 2 }, {
        phase: 'podPhase',
        containerStatuses: [
          cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
          cs({ state: { terminated: { reason: 'ContainerTerminatedReason', exitCode: 0 } }, restartCount: 3 }),
        ],
      }),
      cells: ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>'],
    },
    {
      name: 'ready is not enough for reporting running',
      pod: pod('test4', { containers: 2 }, {
        phase: 'podPhase',
        containerStatuses: [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ ready: true, restartCount: 3 })],
      }),
      cells: ['test4', '1/2', 'podPhase', '6', '<unknown>'],
    },
    {
      name: 'pod reason overrides the phase',
      pod: pod('test5', { containers: 2 }, {
        reason: 'podReason',
        phase: 'podPhase',
        containerStatuses: [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ ready: true, restartCount: 3 })],
      }),
      cells: ['test5', '1/2', 'podReason', '6', '<unknown>'],
    },
    {
      name: 'one container running and one completed, without ready condition',
      pod: pod('test6', { containers: 2 }, {
        phase: 'Running',
        reason: '',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
          cs({ ready: true, restartCount: 3, state: { running: {} } }),
        ],
      }),
      cells: ['test6', '1/2', 'NotReady', '6', '<unknown>'],
    },
    {
      name: 'one container running and one completed, with ready condition',
      pod: pod('test6', { containers: 2 }, {
        phase: 'Running',
        reason: '',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: { terminated: { reason: 'Completed', exitCode: 0 } } }),
          cs({ ready: true, restartCount: 3, state: { running: {} } }),
        ],
        conditions: [{ type: 'Ready', status: 'True', lastProbeTime: ago(0) }],
      }),
      cells: ['test6', '1/2', 'Running', '6', '<unknown>'],
    },
    {
      name: '1 init container restarting and 1 container not running',
      pod: pod('test7', { initContainers: 1, containers: 1 }, {
        phase: 'podPhase',
        initContainerStatuses: [cs({
          ready: false, restartCount: 3, state: { running: {} },
          lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
        })],
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { waiting: {} } })],
      }),
      cells: ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>'],
    },
    {
      name: '2 init containers, one restarting and the other not running, and 1 container not running',
      pod: pod('test8', { initContainers: 2, containers: 1 }, {
        phase: 'podPhase',
        initContainerStatuses: [
          cs({
            ready: false, restartCount: 3, state: { running: {} },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
          cs({ ready: false, state: { waiting: {} } }),
        ],
        containerStatuses: [cs({ ready: false, state: { waiting: {} } })],
      }),
      cells: ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    },
    {
      name: '2 init containers, one completed without restarts and the other restarting',
      pod: pod('test9', { initContainers: 2, containers: 1 }, {
        phase: 'podPhase',
        initContainerStatuses: [
          cs({ ready: false, state: { terminated: { exitCode: 0 } } }),
          cs({
            ready: false, restartCount: 3, state: { running: {} },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
        ],
        containerStatuses: [cs({ ready: false, state: { waiting: {} } })],
      }),
      cells: ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    },
    {
      name: '2 init containers, one completed with restarts and the other restarting',
      pod: pod('test10', { initContainers: 2, containers: 1 }, {
        phase: 'podPhase',
        initContainerStatuses: [
          cs({
            ready: false, restartCount: 2, state: { terminated: { exitCode: 0 } },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(2 * MINUTE) } },
          }),
          cs({
            ready: false, restartCount: 3, state: { running: {} },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
        ],
        containerStatuses: [cs({ ready: false, state: { waiting: {} } })],
      }),
      cells: ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>'],
    },
    {
      name: '1 init container completed with restarts and one container restarting',
      pod: pod('test11', { initContainers: 1, containers: 1 }, {
        phase: 'Running',
        initContainerStatuses: [cs({
          ready: false, restartCount: 2, state: { terminated: { exitCode: 0 } },
          lastState: { terminated: { exitCode: 0, finishedAt: ago(2 * MINUTE) } },
        })],
        containerStatuses: [cs({
          ready: false, restartCount: 4, state: { running: {} },
          lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * SECOND) } },
        })],
      }),
      cells: ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>'],
    },
    {
      name: '1 container that restarted 5d ago',
      pod: pod('test12', { containers: 1 }, {
        phase: 'Running',
        containerStatuses: [cs({
          ready: true, restartCount: 3, state: { running: {} },
          lastState: { terminated: { exitCode: 0, finishedAt: ago(5 * DAY) } },
        })],
      }),
      cells: ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>'],
    },
    {
      name: '2 containers, one never restarted and the other restarted 10d ago',
      pod: pod('test13', { containers: 2 }, {
        phase: 'Running',
        containerStatuses: [
          cs({ ready: true, restartCount: 0, state: { running: {} } }),
          cs({
            ready: true, restartCount: 3, state: { running: {} },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * DAY) } },
          }),
        ],
      }),
      cells: ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>'],
    },
    {
      name: '2 containers, one restarted 5d ago and the other restarted 20d ago',
      pod: pod('test14', { containers: 2 }, {
        phase: 'Running',
        containerStatuses: [
          cs({
            ready: true, restartCount: 6, state: { running: {} },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(5 * DAY) } },
          }),
          cs({
            ready: true, restartCount: 3, state: { running: {} },
            lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * DAY) } },
          }),
        ],
      }),
      cells: ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>'],
    },
    {
      name: 'PodScheduled condition with reason SchedulingGated',
      pod: pod('test15', { containers: 2 }, {
        phase: 'podPhase',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
      }),
      cells: ['test15', '0/2', 'SchedulingGated', '0', '<unknown>'],
    },
    {
      name: 'pod condition succeed',
      pod: pod('test16', { containers: 1 }, {
        phase: 'Succeeded',
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
      }),
      cells: ['test16', '0/1', 'Completed', '0', '<unknown>'],
      conditions: podSuccessConditions,
    },
    {
      name: 'pod condition failed',
      pod: pod('test17', { containers: 1 }, {
        phase: 'Failed',
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 1 } } })],
      }),
      cells: ['test17', '0/1', 'Error', '0', '<unknown>'],
      conditions: podFailedConditions,
    },
    {
      name: 'pod condition succeed with deletion',
      pod: pod('test18', { containers: 1, deletionTimestamp: deleteTime }, {
        phase: 'Succeeded',
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { terminated: { reason: 'Completed', exitCode: 0 } } })],
      }),
      cells: ['test18', '0/1', 'Completed', '0', '<unknown>'],
      conditions: podSuccessConditions,
    },
    {
      name: 'pod condition running with deletion',
      pod: pod('test19', { containers: 1, deletionTimestamp: deleteTime }, {
        phase: 'Running',
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { running: {} } })],
      }),
      cells: ['test19', '0/1', 'Terminating', '0', '<unknown>'],
    },
    {
      name: 'pod condition pending with deletion',
      pod: pod('test20', { containers: 1, deletionTimestamp: deleteTime }, { phase: 'Pending' }),
      cells: ['test20', '0/1', 'Terminating', '0', '<unknown>'],
    },
  ];
  test.each(cases)('$name', (c) => run(c));
});

describe('printPod with restartable init containers (TestPrintPodWithRestartableInitContainer)', () => {
  const sidecars: Container[] = [
    { name: 'restartable-init-1', restartPolicy: 'Always' },
    { name: 'restartable-init-2', restartPolicy: 'Always' },
  ];
  const cases: Case[] = [
    {
      name: '2 restartable init containers, the first one running but not started',
      pod: pod('test1', { initContainers: sidecars, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [
          cs({
            name: 'restartable-init-1', ready: false, restartCount: 3, state: { running: {} }, started: false,
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
          cs({ name: 'restartable-init-2', ready: false, state: { waiting: {} }, started: false }),
        ],
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { waiting: {} } })],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      cells: ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>'],
    },
    {
      name: '2 restartable init containers, the first one started and the second one running but not started',
      pod: pod('test1', { initContainers: sidecars, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [
          cs({
            name: 'restartable-init-1', ready: false, restartCount: 3, state: { running: {} }, started: true,
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
          cs({ name: 'restartable-init-2', ready: false, state: { running: {} }, started: false }),
        ],
        containerStatuses: [cs({ ready: false, restartCount: 0, state: { waiting: {} } })],
        conditions: [{ type: 'Initialized', status: 'False' }],
      }),
      cells: ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>'],
    },
    {
      name: '2 restartable init containers started and 1 container running',
      pod: pod('test2', { initContainers: sidecars, containers: 1 }, {
        phase: 'Running',
        initContainerStatuses: [
          cs({
            name: 'restartable-init-1', ready: false, restartCount: 3, state: { running: {} }, started: true,
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
          cs({ name: 'restartable-init-2', ready: false, state: { running: {} }, started: true }),
        ],
        containerStatuses: [cs({
          ready: true, restartCount: 4, state: { running: {} },
          lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * SECOND) } },
        })],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      cells: ['test2', '1/3', 'Running', '7 (10s ago)', '<unknown>'],
    },
    {
      name: '2 restartable init containers completed with non-zero and 1 container completed',
      pod: pod('test3', { initContainers: sidecars, containers: 1 }, {
        phase: 'Succeeded',
        initContainerStatuses: [
          cs({
            name: 'restartable-init-1', ready: false, restartCount: 3,
            state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false,
            lastState: { terminated: { exitCode: 0, finishedAt: ago(10 * SECOND) } },
          }),
          cs({ name: 'restartable-init-2', ready: false, state: { terminated: { reason: 'Error', exitCode: 137 } }, started: false }),
        ],
        containerStatuses: [cs({
          ready: false, restartCount: 4, state: { terminated: { reason: 'Completed', exitCode: 0 } },
          lastState: { terminated: { exitCode: 0, finishedAt: ago(20 * SECOND) } },
        })],
        conditions: [{ type: 'Initialized', status: 'True' }],
      }),
      cells: ['test3', '0/3', 'Completed', '7 (10s ago)', '<unknown>'],
      conditions: [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
    },
    {
      name: 'container statuses for non-existent initContainers and containers',
      pod: pod('test4', {
        initContainers: [
          { name: 'init1', image: 'initimage' },
          { name: 'sidecar1', image: 'sidecarimage', restartPolicy: 'Always' },
        ],
        containers: [{ name: 'container1', image: 'containerimage' }],
      }, {
        phase: 'Running',
        initContainerStatuses: [cs({ name: 'initinvalid' }), cs({ name: 'init1' }), cs({ name: 'sidecar1' })],
        containerStatuses: [cs({ name: 'containerinvalid' }), cs({ name: 'container1' })],
      }),
      cells: ['test4', '0/2', 'Init:0/2', '0', '<unknown>'],
    },
  ];
  test.each(cases)('$name', (c) => run(c));
});

describe('printPod -o wide (TestPrintPodwide)', () => {
  const gates = { readinessGates: [{ conditionType: 'condition1' }, { conditionType: 'condition2' }, { conditionType: 'condition3' }] };
  const gateConditions: PodCondition[] = [
    { type: 'condition1', status: 'False' },
    { type: 'condition2', status: 'True' },
  ];
  const cases: Case[] = [
    {
      name: 'NodeName and PodIP are set',
      pod: pod('test1', { containers: 2, nodeName: 'test1', ...gates }, {
        conditions: gateConditions,
        phase: 'podPhase',
        podIPs: [{ ip: '1.1.1.1' }],
        containerStatuses: [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ restartCount: 3 })],
        nominatedNodeName: 'node1',
      }),
      cells: ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    },
    {
      name: 'dual-stack pod shows its first IP',
      pod: pod('test1', { containers: 2, nodeName: 'test1', ...gates }, {
        conditions: gateConditions,
        phase: 'podPhase',
        podIPs: [{ ip: '1.1.1.1' }, { ip: '2001:db8::' }],
        containerStatuses: [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ restartCount: 3 })],
        nominatedNodeName: 'node1',
      }),
      cells: ['test1', '1/2', 'podPhase', '6', '<unknown>', '1.1.1.1', 'test1', 'node1', '1/3'],
    },
    {
      name: 'NodeName and PodIP are none',
      pod: pod('test2', { containers: 2, nodeName: '' }, {
        phase: 'podPhase',
        containerStatuses: [
          cs({ ready: true, restartCount: 3, state: { running: {} } }),
          cs({ state: { waiting: { reason: 'ContainerWaitingReason' } }, restartCount: 3 }),
        ],
      }),
      cells: ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>', '<none>', '<none>', '<none>', '<none>'],
    },
    {
      name: 'a v1 pod with only the singular podIP',
      pod: pod('test3', { containers: 1, nodeName: 'n1' }, { phase: 'Pending', podIP: '10.244.1.7' }),
      cells: ['test3', '0/1', 'Pending', '0', '<unknown>', '10.244.1.7', 'n1', '<none>', '<none>'],
    },
  ];
  test.each(cases)('$name', (c) => run(c, true));
});

describe('row conditions and phases (TestPrintPodConditions, TestPrintNonTerminatedPod)', () => {
  const statuses = [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ restartCount: 3 })];
  const cases: Case[] = [
    { name: 'Running has no row condition', pod: pod('test1', { containers: 2 }, { phase: 'Running', containerStatuses: statuses }), cells: ['test1', '1/2', 'Running', '6', '<unknown>'] },
    { name: 'Pending', pod: pod('test2', { containers: 2 }, { phase: 'Pending', containerStatuses: statuses }), cells: ['test2', '1/2', 'Pending', '6', '<unknown>'] },
    { name: 'Unknown', pod: pod('test3', { containers: 2 }, { phase: 'Unknown', containerStatuses: statuses }), cells: ['test3', '1/2', 'Unknown', '6', '<unknown>'] },
    { name: 'Succeeded', pod: pod('test4', { containers: 2 }, { phase: 'Succeeded', containerStatuses: statuses }), cells: ['test4', '1/2', 'Succeeded', '6', '<unknown>'], conditions: podSuccessConditions },
    { name: 'Failed', pod: pod('test5', { containers: 2 }, { phase: 'Failed', containerStatuses: statuses }), cells: ['test5', '1/2', 'Failed', '6', '<unknown>'], conditions: podFailedConditions },
  ];
  test.each(cases)('$name', (c) => run(c));
});

test('a pod list is printed pod by pod (TestPrintPodList)', () => {
  const pods = [
    pod('test1', { containers: 2 }, {
      phase: 'podPhase',
      containerStatuses: [cs({ ready: true, restartCount: 3, state: { running: {} } }), cs({ ready: true, restartCount: 3, state: { running: {} } })],
    }),
    pod('test2', { containers: 1 }, {
      phase: 'podPhase',
      containerStatuses: [cs({ ready: true, restartCount: 1, state: { running: {} } })],
    }),
  ];
  const table = generateTable(podTable, pods, { now: NOW, wide: false });
  expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
  expect(table.rows.map((r) => r.cells)).toEqual([
    ['test1', '2/2', 'podPhase', '6', '<unknown>'],
    ['test2', '1/1', 'podPhase', '1', '<unknown>'],
  ]);
  expect(generateTable(podTable, pods, { now: NOW, wide: true }).columnDefinitions.map((c) => c.name))
    .toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
});

// What the simulated kubelet reports, read through the same function.
describe('printPod for the kubelet states mk produces', () => {
  const created = ago(3 * MINUTE);
  const cases: Case[] = [
    {
      name: 'pulling a missing tag: ErrImagePull',
      pod: pod('redis', { containers: 1, created }, {
        phase: 'Pending',
        containerStatuses: [cs({ state: { waiting: { reason: 'ErrImagePull', message: 'rpc error: ... not found' } } })],
      }),
      cells: ['redis', '0/1', 'ErrImagePull', '0', '3m'],
    },
    {
      name: 'backing off the pull: ImagePullBackOff',
      pod: pod('redis', { containers: 1, created }, {
        phase: 'Pending',
        containerStatuses: [cs({ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "redis:5xx"' } } })],
      }),
      cells: ['redis', '0/1', 'ImagePullBackOff', '0', '3m'],
    },
    {
      name: 'before any container status: ContainerCreating from the kubelet',
      pod: pod('web', { containers: 1, created: ago(5 * SECOND) }, {
        phase: 'Pending',
        containerStatuses: [cs({ state: { waiting: { reason: 'ContainerCreating' } } })],
      }),
      cells: ['web', '0/1', 'ContainerCreating', '0', '5s'],
    },
    {
      name: 'unscheduled pod shows its phase',
      pod: pod('big', { containers: 1, created: ago(90 * SECOND) }, {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }],
      }),
      cells: ['big', '0/1', 'Pending', '0', '90s'],
    },
    {
      name: 'crash loop: CrashLoopBackOff with restarts and the last exit time',
      pod: pod('crash', { containers: 1, created: ago(10 * MINUTE) }, {
        phase: 'Running',
        containerStatuses: [cs({
          restartCount: 5, state: { waiting: { reason: 'CrashLoopBackOff' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(2 * MINUTE + 15 * SECOND) } },
        })],
      }),
      cells: ['crash', '0/1', 'CrashLoopBackOff', '5 (2m15s ago)', '10m'],
    },
    {
      name: 'a restarted container running again',
      pod: pod('flaky', { containers: 1, created: ago(2 * 60 * MINUTE) }, {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: 'True' }],
        containerStatuses: [cs({
          ready: true, restartCount: 3, state: { running: { startedAt: ago(2 * MINUTE) } },
          lastState: { terminated: { exitCode: 137, reason: 'OOMKilled', finishedAt: ago(2 * MINUTE) } },
        })],
      }),
      cells: ['flaky', '1/1', 'Running', '3 (2m ago)', '120m'],
    },
    {
      name: 'a Job pod that finished: Completed',
      pod: pod('pi-x7k2q', { containers: 1, created: ago(4 * MINUTE) }, {
        phase: 'Succeeded',
        containerStatuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed', finishedAt: ago(MINUTE) } } })],
      }),
      cells: ['pi-x7k2q', '0/1', 'Completed', '0', '4m'],
      conditions: podSuccessConditions,
    },
    {
      name: 'exit without a reason: ExitCode',
      pod: pod('exit3', { containers: 1 }, {
        phase: 'Failed',
        containerStatuses: [cs({ state: { terminated: { exitCode: 3 } } })],
      }),
      cells: ['exit3', '0/1', 'ExitCode:3', '0', '<unknown>'],
      conditions: podFailedConditions,
    },
    {
      name: 'killed by a signal: Signal',
      pod: pod('sig', { containers: 1 }, {
        phase: 'Failed',
        containerStatuses: [cs({ state: { terminated: { exitCode: 137, signal: 9 } } })],
      }),
      cells: ['sig', '0/1', 'Signal:9', '0', '<unknown>'],
      conditions: podFailedConditions,
    },
    {
      name: 'init container failing: Init:Error',
      pod: pod('init-err', { initContainers: 2, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [
          cs({ restartCount: 1, state: { terminated: { exitCode: 1, reason: 'Error' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(30 * SECOND) } } }),
          cs({ state: { waiting: { reason: 'PodInitializing' } } }),
        ],
        containerStatuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      cells: ['init-err', '0/1', 'Init:Error', '1 (30s ago)', '<unknown>'],
    },
    {
      name: 'init container crash looping: Init:CrashLoopBackOff',
      pod: pod('init-loop', { initContainers: 1, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [cs({ restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, finishedAt: ago(40 * SECOND) } } })],
        containerStatuses: [cs({ state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      cells: ['init-loop', '0/1', 'Init:CrashLoopBackOff', '4 (40s ago)', '<unknown>'],
    },
    {
      name: 'init container exited without a reason: Init:ExitCode',
      pod: pod('init-exit', { initContainers: 1, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [cs({ state: { terminated: { exitCode: 2 } } })],
      }),
      cells: ['init-exit', '0/1', 'Init:ExitCode:2', '0', '<unknown>'],
    },
    {
      name: 'init container killed: Init:Signal',
      pod: pod('init-sig', { initContainers: 1, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [cs({ state: { terminated: { exitCode: 143, signal: 15 } } })],
      }),
      cells: ['init-sig', '0/1', 'Init:Signal:15', '0', '<unknown>'],
    },
    {
      name: 'init image missing: Init:ImagePullBackOff',
      pod: pod('init-pull', { initContainers: 1, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [cs({ state: { waiting: { reason: 'ImagePullBackOff' } } })],
      }),
      cells: ['init-pull', '0/1', 'Init:ImagePullBackOff', '0', '<unknown>'],
    },
    {
      name: 'init waiting with PodInitializing counts as in progress',
      pod: pod('init-wait', { initContainers: 2, containers: 1 }, {
        phase: 'Pending',
        initContainerStatuses: [cs({ state: { terminated: { exitCode: 0, reason: 'Completed' } } }), cs({ state: { waiting: { reason: 'PodInitializing' } } })],
      }),
      cells: ['init-wait', '0/1', 'Init:1/2', '0', '<unknown>'],
    },
    {
      name: 'deleted pod on an unreachable node: Unknown',
      pod: pod('lost', { containers: 1, deletionTimestamp: ago(MINUTE), created: ago(DAY) }, {
        phase: 'Running',
        reason: 'NodeLost',
        containerStatuses: [cs({ ready: true, state: { running: {} } })],
      }),
      cells: ['lost', '1/1', 'Unknown', '0', '24h'],
    },
    {
      name: 'NodeLost without deletion shows the reason',
      pod: pod('lost2', { containers: 1 }, {
        phase: 'Running',
        reason: 'NodeLost',
        containerStatuses: [cs({ ready: true, state: { running: {} } })],
      }),
      cells: ['lost2', '1/1', 'NodeLost', '0', '<unknown>'],
    },
    {
      name: 'a failed pod being deleted keeps its reason',
      pod: pod('gone', { containers: 1, deletionTimestamp: ago(0) }, {
        phase: 'Failed',
        containerStatuses: [cs({ state: { terminated: { exitCode: 1, reason: 'Error' } } })],
      }),
      cells: ['gone', '0/1', 'Error', '0', '<unknown>'],
      conditions: podFailedConditions,
    },
  ];
  test.each(cases)('$name', (c) => run(c));
});

// -------------------------------------------------------------------------------------------
// builders

function ago(ms: number): string {
  return new Date(NOW - ms).toISOString();
}

interface PodOpts {
  containers: number | Container[];
  initContainers?: number | Container[];
  nodeName?: string;
  readinessGates?: Array<{ conditionType: string }>;
  deletionTimestamp?: string;
  created?: string;
}

// Upstream builds containers with make([]api.Container, n): unnamed.
function containers(n: number | Container[]): Container[] {
  return typeof n === 'number' ? Array.from({ length: n }, () => ({ name: '' })) : n;
}

function pod(name: string, o: PodOpts, status: PodStatus): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      ...(o.created ? { creationTimestamp: o.created } : {}),
      ...(o.deletionTimestamp ? { deletionTimestamp: o.deletionTimestamp } : {}),
    },
    spec: {
      containers: containers(o.containers),
      ...(o.initContainers ? { initContainers: containers(o.initContainers) } : {}),
      ...(o.nodeName !== undefined ? { nodeName: o.nodeName } : {}),
      ...(o.readinessGates ? { readinessGates: o.readinessGates } : {}),
    },
    status,
  };
}

function cs(s: Partial<ContainerStatus>): ContainerStatus {
  return { name: '', ready: false, restartCount: 0, image: '', imageID: '', ...s };
}
