// The pieces under the describers, with cases whose expected text was checked against kubectl
// 1.32 (the golden files cover them in context; these pin the edges).
process.env.TZ = 'UTC';

import { describe, expect, test } from 'vitest';
import type { Event } from '../../src/api/core/event/schema.js';
import type { KubeObject } from '../../src/api/object.js';
import { describeEvents, searchEvents } from '../../src/cli/describe/events.js';
import { goValue, smartLabelFor } from '../../src/cli/describe/generic.js';
import { goSort } from '../../src/cli/printers/go-sort.js';
import { formatLabelSelector, formatRFC1123Z, taintToString } from '../../src/cli/describe/helpers.js';
import { describerFor, groupKind, noDescriberMessage } from '../../src/cli/describe/index.js';
import { describeProbe, getPodQOS } from '../../src/cli/describe/pod.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { escapeTerminal, LEVEL_0, LEVEL_1, nestedPrefixWriter, tabbedString } from '../../src/cli/printers/prefix-writer.js';
import { fixtureClient } from './client.js';

describe('prefix writer', () => {
  test('aligns each block of lines separately; a line with one cell ends a block', () => {
    const out = tabbedString((w) => {
      w.write(LEVEL_0, 'Name:\tredis\n');
      w.write(LEVEL_0, 'Namespace:\tdefault\n');
      w.write(LEVEL_0, 'Containers:\n');
      w.write(LEVEL_1, 'Image ID:\t\n');
      w.write(LEVEL_1, 'Port:\t6379/TCP\n');
    });
    expect(out).toBe('Name:       redis\nNamespace:  default\nContainers:\n  Image ID:  \n  Port:      6379/TCP\n');
  });

  test('flush() starts a new block, as the Events table does', () => {
    const out = tabbedString((w) => {
      w.write(LEVEL_0, 'A:\t1\n');
      w.flush();
      w.write(LEVEL_0, 'Longer:\t2\n');
    });
    expect(out).toBe('A:  1\nLonger:  2\n');
  });

  test('nested writers indent by whole levels', () => {
    const out = tabbedString((w) => nestedPrefixWriter(w, 2).write(LEVEL_1, 'x\n'));
    expect(out).toBe('      x\n');
  });

  test('escape and carriage return cannot reach the terminal', () => {
    expect(escapeTerminal('a\x1b[31mb\r\n')).toBe('a^[[31mb\\r\n');
  });
});

describe('Go sort', () => {
  test('sorts like sort.Sort for any input size', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 50;
    for (const n of [0, 1, 5, 12, 13, 40, 200]) {
      const xs = Array.from({ length: n }, rand);
      expect(goSort([...xs], (a, b) => a < b)).toEqual([...xs].sort((a, b) => a - b));
    }
  });

  test('up to 12 elements it is an insertion sort, so equal keys keep their order', () => {
    const xs = [3, 1, 2, 1, 3, 2].map((k, i) => ({ k, i }));
    expect(goSort(xs, (a, b) => a.k < b.k).map((x) => x.i)).toEqual([1, 3, 2, 5, 0, 4]);
  });
});

describe('helpers', () => {
  test.each([
    [{ key: 'k', value: 'v', effect: 'NoSchedule' }, 'k=v:NoSchedule'],
    [{ key: 'k', effect: 'NoSchedule' }, 'k:NoSchedule'],
    [{ key: 'k', value: 'v', effect: '' }, 'k=v:'],
    [{ key: 'k', effect: '' }, 'k'],
  ])('taint %j prints as %s', (taint, want) => {
    expect(taintToString(taint)).toBe(want);
  });

  test.each([
    [undefined, '<none>'],
    [{}, '<none>'],
    [{ matchLabels: { b: '2', a: '1' } }, 'a=1,b=2'],
    [{ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['b', 'a', 'b'] }, { key: 'env', operator: 'Exists' },
      { key: 'gone', operator: 'DoesNotExist' }] }, 'env,!gone,tier notin (a,b)'],
    [{ matchExpressions: [{ key: 'x', operator: 'Gt', values: ['1'] }] }, '<error>'],
  ])('label selector %j formats as %s', (sel, want) => {
    expect(formatLabelSelector(sel)).toBe(want);
  });

  test('times print as RFC 1123 with a numeric zone; unset ones as Go\'s zero time', () => {
    expect(formatRFC1123Z('2018-12-18T17:27:56Z')).toBe('Tue, 18 Dec 2018 17:27:56 +0000');
    expect(formatRFC1123Z(undefined)).toBe('Mon, 01 Jan 0001 00:00:00 +0000');
  });
});

describe('probes and QoS', () => {
  const probe = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  test.each([
    [{ exec: { command: ['cat', '/tmp/healthy'] } }, 'exec [cat /tmp/healthy] delay=0s timeout=1s period=10s #success=1 #failure=3'],
    [{ httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' } }, 'http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3'],
    [{ httpGet: { path: '/r', port: 'web', host: 'fd00::1', scheme: 'HTTPS' } }, 'http-get https://[fd00::1]:web/r delay=0s timeout=1s period=10s #success=1 #failure=3'],
    [{ tcpSocket: { port: 6379 } }, 'tcp-socket :6379 delay=0s timeout=1s period=10s #success=1 #failure=3'],
    [{}, 'unknown delay=0s timeout=1s period=10s #success=1 #failure=3'],
  ])('%j', (handler, want) => {
    expect(describeProbe({ ...probe, ...handler })).toBe(want);
  });

  const pod = (containers: Pod['spec']['containers'], qosClass?: string): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers }, ...(qosClass ? { status: { qosClass } } : {}),
  });
  test.each<[string, Pod, string]>([
    ['no resources', pod([{ name: 'a' }]), 'BestEffort'],
    ['limits equal requests for cpu and memory', pod([{ name: 'a', resources: { limits: { cpu: '1', memory: '1Gi' },
      requests: { cpu: '1000m', memory: '1024Mi' } } }]), 'Guaranteed'],
    ['a container without a memory limit', pod([{ name: 'a', resources: { limits: { cpu: '1' }, requests: { cpu: '1' } } }]), 'Burstable'],
    ['the kubelet\'s class wins', pod([{ name: 'a' }], 'Guaranteed'), 'Guaranteed'],
  ])('%s', (_name, p, want) => {
    expect(getPodQOS(p)).toBe(want);
  });
});

describe('events', () => {
  let seq = 0;
  const ev = (over: Partial<Event>): Event => ({
    apiVersion: 'v1', kind: 'Event', metadata: { name: `e${++seq}`, namespace: 'default' },
    involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'u' }, type: 'Normal', reason: 'R', message: 'm',
    ...over,
  });
  const now = Date.parse('2025-01-01T01:00:00Z');

  test('match on name, namespace and, when given, kind and uid; a missing field is the empty string', () => {
    const client = fixtureClient([
      ev({ reason: 'yes' }),
      ev({ reason: 'other-uid', involvedObject: { kind: 'Pod', name: 'p', namespace: 'default', uid: 'v' } }),
      ev({ reason: 'node', metadata: { name: 'n', namespace: 'default' }, involvedObject: { kind: 'Node', name: 'p', uid: 'p' } }),
    ] as KubeObject[]);
    expect(searchEvents(client, { name: 'p', namespace: 'default', uid: 'u' }).map((e) => e.reason)).toEqual(['yes']);
    expect(searchEvents(client, { name: 'p', namespace: '', kind: 'Node', uid: 'p' }).map((e) => e.reason)).toEqual(['node']);
  });

  test('ages: series, repeated, and events without times', () => {
    const out = tabbedString((w) => describeEvents([
      ev({ reason: 'Series', source: {}, reportingComponent: 'default-scheduler', eventTime: '2025-01-01T00:50:00.000000Z',
        series: { count: 3, lastObservedTime: '2025-01-01T00:59:50.000000Z' } }),
      ev({ reason: 'Counted', type: 'Warning', source: { component: 'kubelet' }, count: 44, firstTimestamp: '2025-01-01T00:50:00Z',
        lastTimestamp: '2025-01-01T00:59:11Z' }),
      ev({ reason: 'Timeless', source: { component: 'x' } }),
    ], w, now));
    expect(out).toBe([
      'Events:',
      '  Type     Reason    Age                 From               Message',
      '  ----     ------    ----                ----               -------',
      '  Normal   Series    10s (x3 over 10m)   default-scheduler  m',
      '  Normal   Timeless  <unknown>           x                  m',
      '  Warning  Counted   49s (x44 over 10m)  kubelet            m',
      '',
    ].join('\n'));
  });
});

describe('generic describer', () => {
  test.each([
    ['apiVersion', 'API Version'], ['holderIdentity', 'Holder Identity'], ['podIPs', 'Pod I Ps'], ['URLPath', 'URL Path'],
    ['uid', 'UID'], ['weird_field', 'weird_field'], ['kube-proxy', 'Kube - Proxy'], ['x', 'X'],
  ])('field %s is labelled %s', (field, want) => {
    expect(smartLabelFor(field)).toBe(want);
  });

  test.each([
    [1000000, '1000000'], [1.5, '1.5'], [1e21, '1e+21'], [0.00001, '1e-05'], [null, '<nil>'], [[1, 'a'], '[1 a]'], [true, 'true'],
  ])('%j prints as %s', (v, want) => {
    expect(goValue(v)).toBe(want);
  });
});

describe('describer lookup', () => {
  test('core kinds are keyed by kind, others by kind.group', () => {
    expect(groupKind('v1', 'Pod')).toBe('Pod');
    expect(groupKind('apps/v1', 'Deployment')).toBe('Deployment.apps');
  });

  test('a kind without a describer of its own gets the generic one', () => {
    expect(describerFor('example.com/v1', 'Widget')).toBe(describerFor('coordination.k8s.io/v1', 'Lease'));
    expect(describerFor('v1', 'Pod')).not.toBe(describerFor('coordination.k8s.io/v1', 'Lease'));
  });

  test('kubectl\'s error names the GroupVersionKind', () => {
    expect(noDescriberMessage('apps/v1', 'Deployment')).toBe('no description has been implemented for apps/v1, Kind=Deployment');
    expect(noDescriberMessage('v1', 'Widget')).toBe('no description has been implemented for /v1, Kind=Widget');
  });
});
