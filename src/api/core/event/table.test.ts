// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintEvent,
// TestPrintEventsResultSorted.
import { describe, expect, test } from 'vitest';
import { eventTable, printEvent } from './table.js';
import type { Event } from './schema.js';
import { generateTable } from '../../table.js';
import type { TableCell } from '../../table.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
const daysAgo = (d: number): string => new Date(NOW - d * 24 * 3600e3).toISOString();

function ev(name: string, e: Omit<Event, 'apiVersion' | 'kind' | 'metadata'>): Event {
  return { apiVersion: 'v1', kind: 'Event', metadata: { name }, ...e };
}

const deployment = { kind: 'Deployment', name: 'Deployment Name', fieldPath: 'spec.containers{foo}' };
const kubeletOnNode1 = { component: 'kubelet', host: 'Node1' };

describe('printEvent (TestPrintEvent)', () => {
  test.each<[string, Event, boolean, TableCell[]]>([
    ['basic event; no generate options', ev('event1', {
      source: { component: 'kubelet' },
      involvedObject: { kind: 'Pod', name: 'Pod Name', fieldPath: 'spec.containers{foo}' },
      reason: 'Event Reason', message: 'Message Data',
      firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6, type: 'Normal',
    }), false, ['2d', 'Normal', 'Event Reason', 'pod/Pod Name', 'Message Data']],
    ['basic event; wide', ev('event2', {
      source: kubeletOnNode1, involvedObject: deployment,
      reason: 'Event Reason', message: 'Message Data',
      firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6, type: 'Warning',
    }), true, ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 6, 'event2']],
    ['without FirstTimestamp: eventTime is first seen', ev('event3', {
      source: kubeletOnNode1, involvedObject: deployment,
      reason: 'Event Reason', message: 'Message Data',
      eventTime: daysAgo(3), lastTimestamp: daysAgo(3), count: 1, type: 'Warning',
    }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 1, 'event3']],
    ['without LastTimestamp: last seen is first seen', ev('event4', {
      source: kubeletOnNode1, involvedObject: deployment,
      reason: 'Event Reason', message: 'Message Data',
      eventTime: daysAgo(3), firstTimestamp: daysAgo(3), count: 1, type: 'Warning',
    }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 1, 'event4']],
    ['without FirstTimestamp and LastTimestamp', ev('event5', {
      source: kubeletOnNode1, involvedObject: deployment,
      reason: 'Event Reason', message: 'Message Data',
      eventTime: daysAgo(3), count: 1, type: 'Warning',
    }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 1, 'event5']],
    ['event series, without FirstTimestamp, LastTimestamp and Count', ev('event6', {
      source: kubeletOnNode1, involvedObject: deployment,
      series: { count: 2, lastObservedTime: daysAgo(2) },
      reason: 'Event Reason', message: 'Message Data',
      eventTime: daysAgo(3), type: 'Warning',
    }), true, ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 2, 'event6']],
    ['singleton event, without FirstTimestamp, LastTimestamp and Count', ev('event7', {
      source: kubeletOnNode1, involvedObject: deployment,
      reason: 'Event Reason', message: 'Message Data',
      eventTime: daysAgo(3), type: 'Warning',
    }), true, ['3d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, Node1', 'Message Data', '3d', 1, 'event7']],
    ['empty Source; wide: reportingComponent and reportingInstance', ev('event2', {
      reportingComponent: 'kubelet', reportingInstance: 'test', involvedObject: deployment,
      reason: 'Event Reason', message: 'Message Data',
      firstTimestamp: daysAgo(3), lastTimestamp: daysAgo(2), count: 6, type: 'Warning',
    }), true, ['2d', 'Warning', 'Event Reason', 'deployment/Deployment Name', 'spec.containers{foo}', 'kubelet, test', 'Message Data', '3d', 6, 'event2']],
  ])('%s', (_name, e, wide, want) => {
    const rows = printEvent(e, { now: NOW, wide });
    expect(rows).toHaveLength(1);
    expect(rows[0].object).toBe(e);
    expect(rows[0].cells).toEqual(want);
  });

  test('an event about a kind without a name, and a message with surrounding space', () => {
    const e = ev('x', {
      involvedObject: { kind: 'Node' }, reason: 'RegisteredNode', message: '  Node x event\n',
      firstTimestamp: new Date(NOW - 65e3).toISOString(), lastTimestamp: new Date(NOW - 65e3).toISOString(), count: 1, type: 'Normal',
    });
    expect(printEvent(e, { now: NOW, wide: false })[0].cells).toEqual(['65s', 'Normal', 'RegisteredNode', 'node', 'Node x event']);
  });
});

test('event rows keep their input order (TestPrintEventsResultSorted)', () => {
  const at = (iso: string) => ({ firstTimestamp: iso, lastTimestamp: iso });
  const items = [
    ev('', { source: { component: 'kubelet' }, involvedObject: {}, message: 'Item 1', ...at('2014-01-15T00:00:00Z'), count: 1, type: 'Normal' }),
    ev('', { source: { component: 'scheduler' }, involvedObject: {}, message: 'Item 2', ...at('1987-06-17T00:00:00Z'), count: 1, type: 'Normal' }),
    ev('', { source: { component: 'kubelet' }, involvedObject: {}, message: 'Item 3', ...at('2002-12-25T00:00:00Z'), count: 1, type: 'Normal' }),
  ];
  const table = generateTable(eventTable, items, { now: NOW, wide: false });
  expect(table.rows).toHaveLength(3);
  expect(table.rows.map((r) => r.cells[4])).toEqual(['Item 1', 'Item 2', 'Item 3']);
  expect(table.columnDefinitions.map((c) => c.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
});
