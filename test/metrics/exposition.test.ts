// The Prometheus text format as client_golang writes it: strconv's 'g' numbers, sorted families,
// label names and series, and histograms' cumulative integer buckets.
import { describe, expect, test } from 'vitest';
import { encode, exponentialBuckets, goFloat } from '../../src/metrics/exposition.js';
import { resourceRequestLabels } from '../../src/metrics/apiserver.js';
import { kindInfo } from '../../src/api/registry.js';

describe('goFloat is strconv.FormatFloat(v, \'g\', -1, 64)', () => {
  test.each([
    [0, '0'], [1, '1'], [-1, '-1'], [0.5, '0.5'], [123456, '123456'], [999999, '999999'], [1e6, '1e+06'],
    [1234567, '1.234567e+06'], [1735689660, '1.73568966e+09'], [0.0001, '0.0001'], [0.00001, '1e-05'],
    [0.000123, '0.000123'], [0.0000123, '1.23e-05'], [2.5e21, '2.5e+21'], [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'],
  ])('%s prints %s', (v, want) => expect(goFloat(v)).toBe(want));
});

test('ExponentialBuckets(0.001, 2, 15) ends at 16.384', () => {
  expect(exponentialBuckets(0.001, 2, 15).map(goFloat).join(' '))
    .toBe('0.001 0.002 0.004 0.008 0.016 0.032 0.064 0.128 0.256 0.512 1.024 2.048 4.096 8.192 16.384');
});

test('families sorted by name, labels by name, series by label values; empty families left out', () => {
  const text = encode([
    { name: 'b_total', help: 'B.', stability: 'ALPHA', type: 'counter', samples: [
      { labels: { z: '1', a: 'y' }, value: 2 }, { labels: { z: '0', a: 'x"\\\n' }, value: 1e6 }] },
    { name: 'a_seconds', help: 'A\\n.', type: 'histogram', buckets: [0.1, 1], samples: [{ labels: { k: 'v' }, counts: [1, 3], sum: 1.5, count: 4 }] },
    { name: 'c', help: 'C.', type: 'gauge', samples: [] },
  ]);
  expect(text).toBe(`# HELP a_seconds A\\\\n.
# TYPE a_seconds histogram
a_seconds_bucket{k="v",le="0.1"} 1
a_seconds_bucket{k="v",le="1"} 3
a_seconds_bucket{k="v",le="+Inf"} 4
a_seconds_sum{k="v"} 1.5
a_seconds_count{k="v"} 4
# HELP b_total [ALPHA] B.
# TYPE b_total counter
b_total{a="x\\"\\\\\\n",z="0"} 1e+06
b_total{a="y",z="1"} 2
`);
});

describe('apiserver request labels (MonitorRequest, CleanScope, CleanVerb)', () => {
  const pods = kindInfo('Pod')!;
  const deploy = kindInfo('Deployment')!;
  const node = kindInfo('Node')!;
  const q = (s = '') => new URLSearchParams(s);
  const labels = (method: string, path: string, extra: Partial<Parameters<typeof resourceRequestLabels>[0]> = {}, query = '') =>
    resourceRequestLabels({ method, path, query: q(query), contentType: undefined, kind: pods, ...extra });

  test('GET of a list is LIST with the namespace scope, of one object GET with the resource scope', () => {
    expect(labels('GET', '/api/v1/namespaces/default/pods', { namespace: 'default' })).toEqual({
      verb: 'LIST', dry_run: '', group: '', version: 'v1', resource: 'pods', subresource: '', scope: 'namespace', component: 'apiserver',
    });
    expect(labels('GET', '/api/v1/namespaces/default/pods/x', { namespace: 'default', name: 'x' })).toMatchObject({ verb: 'GET', scope: 'resource' });
    expect(labels('GET', '/api/v1/pods')).toMatchObject({ verb: 'LIST', scope: 'cluster' });
    expect(labels('GET', '/api/v1/nodes', { kind: node })).toMatchObject({ verb: 'LIST', scope: 'cluster', resource: 'nodes' });
  });

  test('watch, apply, connect, create and dry runs', () => {
    expect(labels('GET', '/api/v1/pods', {}, 'watch=true')).toMatchObject({ verb: 'WATCH', scope: 'cluster' });
    expect(labels('GET', '/api/v1/pods', {}, 'watch=false')).toMatchObject({ verb: 'LIST' });
    expect(labels('PATCH', '/apis/apps/v1/namespaces/d/deployments/w', { kind: deploy, namespace: 'd', name: 'w', contentType: 'application/apply-patch+yaml' }))
      .toMatchObject({ verb: 'APPLY', group: 'apps', version: 'v1', resource: 'deployments', scope: 'resource' });
    expect(labels('POST', '/api/v1/namespaces/d/pods', { namespace: 'd' }, 'dryRun=All')).toMatchObject({ verb: 'POST', scope: 'resource', dry_run: 'All' });
    expect(labels('POST', '/api/v1/namespaces/d/pods', { namespace: 'd' }, 'dryRun=Bogus')).toMatchObject({ dry_run: 'invalid' });
    expect(labels('GET', '/api/v1/namespaces/d/services/s:80/proxy/', { namespace: 'd', name: 's:80', subresource: 'proxy' }))
      .toMatchObject({ verb: 'CONNECT', subresource: 'proxy' });
    expect(labels('GET', '/api/v1/namespaces/d/pods/p/log', { namespace: 'd', name: 'p', subresource: 'log' })).toMatchObject({ verb: 'GET', subresource: 'log' });
  });
});
