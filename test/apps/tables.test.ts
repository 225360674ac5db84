// Ported from pkg/printers/internalversion/printers_test.go (v1.32): TestPrintDeployment and
// TestPrintReplicaSet — object in, cells out — plus the selector cell's corner cases.
import { describe, expect, test } from 'vitest';
import { deploymentTable, printDeployment } from '../../src/api/apps/deployment/table.js';
import { printReplicaSet, replicaSetTable } from '../../src/api/apps/replicaset/table.js';
import { formatLabelSelector, labelSelectorAsString } from '../../src/api/apps/label-selector.js';
import type { Deployment } from '../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../src/api/apps/replicaset/schema.js';
import type { DaemonSet } from '../../src/api/apps/daemonset/schema.js';
import type { ControllerRevision } from '../../src/api/apps/controllerrevision/schema.js';
import { daemonSetTable, printDaemonSet } from '../../src/api/apps/daemonset/table.js';
import type { StatefulSet } from '../../src/api/apps/statefulset/schema.js';
import { printStatefulSet, statefulSetTable } from '../../src/api/apps/statefulset/table.js';
import { printControllerRevision } from '../../src/api/apps/controllerrevision/table.js';
import { generateTable } from '../../src/api/table.js';
import { tableHandlerFor } from '../../src/api/tables.js';

const NOW = Date.parse('2024-06-15T12:00:00Z');
// Upstream's objects are created 1.9 s in the future: "0s".
const SOON = new Date(NOW + 1900).toISOString();

const containers = [{ name: 'fake-container1', image: 'fake-image1' }, { name: 'fake-container2', image: 'fake-image2' }];

function deployment(status: Deployment['status']): Deployment {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'test1', creationTimestamp: SOON },
    spec: { replicas: 5, template: { spec: { containers } }, selector: { matchLabels: { foo: 'bar' } } },
    status,
  };
}

describe('printDeployment (TestPrintDeployment)', () => {
  const d = deployment({ replicas: 10, updatedReplicas: 2, availableReplicas: 1, unavailableReplicas: 4 });

  test('no generate options', () => {
    expect(printDeployment(d, { now: NOW, wide: false })[0].cells).toEqual(['test1', '0/5', 2, 1, '0s']);
  });

  test('wide', () => {
    expect(printDeployment(d, { now: NOW, wide: true })[0].cells)
      .toEqual(['test1', '0/5', 2, 1, '0s', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar']);
  });

  test('a deployment the controller has not seen yet prints zeros', () => {
    const fresh = deployment(undefined);
    fresh.metadata.creationTimestamp = new Date(NOW - 75_000).toISOString();
    expect(printDeployment(fresh, { now: NOW, wide: false })[0].cells).toEqual(['test1', '0/5', 0, 0, '75s']);
  });

  test('the selector cell is LabelSelectorAsSelector(...).String(): empty selects everything and prints ""', () => {
    const d2 = deployment({});
    d2.spec.selector = {};
    expect(printDeployment(d2, { now: NOW, wide: true })[0].cells[7]).toBe('');
    d2.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'Bogus' }] };
    expect(printDeployment(d2, { now: NOW, wide: true })[0].cells[7]).toBe('<invalid>');
  });

  test('columns', () => {
    const t = generateTable(deploymentTable, [d], { now: NOW, wide: false });
    expect(t.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
    const wide = generateTable(deploymentTable, [d], { now: NOW, wide: true });
    expect(wide.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
    expect(tableHandlerFor('Deployment')).toBe(deploymentTable);
  });
});

function replicaSet(): ReplicaSet {
  return {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'test1', creationTimestamp: SOON },
    spec: { replicas: 5, template: { spec: { containers } }, selector: { matchLabels: { foo: 'bar' } } },
    status: { replicas: 5, readyReplicas: 2 },
  };
}

describe('printReplicaSet (TestPrintReplicaSet)', () => {
  test('generate options empty', () => {
    expect(printReplicaSet(replicaSet(), { now: NOW, wide: false })[0].cells).toEqual(['test1', 5, 5, 2, '0s']);
  });

  test('generate options "Wide"', () => {
    expect(printReplicaSet(replicaSet(), { now: NOW, wide: true })[0].cells)
      .toEqual(['test1', 5, 5, 2, '0s', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar']);
  });

  test('columns', () => {
    const wide = generateTable(replicaSetTable, [replicaSet()], { now: NOW, wide: true });
    expect(wide.columnDefinitions.map((c) => [c.name, c.type, c.priority])).toEqual([
      ['Name', 'string', 0], ['Desired', 'integer', 0], ['Current', 'integer', 0], ['Ready', 'integer', 0], ['Age', 'string', 0],
      ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1],
    ]);
    expect(tableHandlerFor('ReplicaSet')).toBe(replicaSetTable);
  });
});

describe('label selectors as printers show them', () => {
  test('requirements sorted by key, set values sorted', () => {
    expect(labelSelectorAsString({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' }, { key: 'zone', operator: 'Exists' }],
    })).toBe('app=shop,!canary,env in (dev,prod),tier=web,zone');
  });

  test('FormatLabelSelector: <none> for empty or nil, <error> for one that does not convert', () => {
    expect(formatLabelSelector({})).toBe('<none>');
    expect(formatLabelSelector(undefined)).toBe('<none>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toBe('<error>');
    expect(formatLabelSelector({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['x'] }] })).toBe('a notin (x)');
  });
});

describe('printDaemonSet (TestPrintDaemonSet)', () => {
  const ds = {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'test1', creationTimestamp: SOON },
    spec: { selector: { matchLabels: { foo: 'bar' } }, template: { spec: { containers } } },
    status: { currentNumberScheduled: 2, desiredNumberScheduled: 3, numberReady: 1, updatedNumberScheduled: 2, numberAvailable: 0, numberMisscheduled: 0 },
  } as DaemonSet;

  test('no generate options', () => {
    expect(printDaemonSet(ds, { now: NOW, wide: false })[0].cells).toEqual(['test1', 3, 2, 1, 2, 0, '<none>', '0s']);
  });

  test('wide', () => {
    expect(printDaemonSet(ds, { now: NOW, wide: true })[0].cells)
      .toEqual(['test1', 3, 2, 1, 2, 0, '<none>', '0s', 'fake-container1,fake-container2', 'fake-image1,fake-image2', 'foo=bar']);
  });

  test('the node selector is labels.FormatLabels of the template', () => {
    const withSelector = { ...ds, spec: { ...ds.spec, template: { spec: { containers, nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' } } } } } as DaemonSet;
    expect(printDaemonSet(withSelector, { now: NOW, wide: false })[0].cells[6]).toBe('disk=ssd,kubernetes.io/os=linux');
  });

  test('is the DaemonSet printer, its headers as get prints them', () => {
    expect(tableHandlerFor('DaemonSet')).toBe(daemonSetTable);
    expect(generateTable(daemonSetTable, [ds], { now: NOW, wide: true }).columnDefinitions.map((c) => c.name))
      .toEqual(['Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers', 'Images', 'Selector']);
  });
});

describe('printControllerRevision (TestPrintControllerRevision)', () => {
  const rev = (ownerReferences?: ControllerRevision['metadata']['ownerReferences']) => ({
    apiVersion: 'apps/v1', kind: 'ControllerRevision',
    metadata: { name: 'test1', creationTimestamp: SOON, ...(ownerReferences ? { ownerReferences } : {}) },
    revision: 1,
  }) as ControllerRevision;

  test.each([
    ['its controller as kind.group/name', [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'u', controller: true }], 'daemonset.apps/foo'],
    ['<none> without a controller', [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'foo', uid: 'u', controller: false }], '<none>'],
    ['<none> without owners', undefined, '<none>'],
    ['a core-group controller without a group', [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'foo', uid: 'u', controller: true }], 'replicationcontroller/foo'],
  ])('%s', (_name, owners, controller) => {
    expect(printControllerRevision(rev(owners), { now: NOW, wide: false })[0].cells).toEqual(['test1', controller, 1, '0s']);
  });
});

describe('printStatefulSet (TestPrintStatefulSet)', () => {
  const sts = {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'test1', creationTimestamp: SOON },
    spec: { replicas: 5, selector: { matchLabels: { foo: 'bar' } }, template: { spec: { containers } } },
    status: { replicas: 5, readyReplicas: 2, currentReplicas: 3, updatedReplicas: 2 },
  } as StatefulSet;

  test('no generate options', () => {
    expect(printStatefulSet(sts, { now: NOW, wide: false })[0].cells).toEqual(['test1', '2/5', '0s']);
  });

  test('wide', () => {
    expect(printStatefulSet(sts, { now: NOW, wide: true })[0].cells)
      .toEqual(['test1', '2/5', '0s', 'fake-container1,fake-container2', 'fake-image1,fake-image2']);
  });

  test('is the StatefulSet printer, its headers as get prints them', () => {
    expect(tableHandlerFor('StatefulSet')).toBe(statefulSetTable);
    expect(generateTable(statefulSetTable, [sts], { now: NOW, wide: true }).columnDefinitions.map((c) => c.name))
      .toEqual(['Name', 'Ready', 'Age', 'Containers', 'Images']);
  });
});
