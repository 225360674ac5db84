// Label and field selectors: upstream's parser tables (labels/selector_test.go,
// fields/selector_test.go), the exact error texts, metav1.LabelSelectorAsSelector, and the
// per-kind field selectors the server supports.
import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../src/api/object.js';
import { ApiError } from '../../src/apiserver/errors.js';
import {
  compileListFilter, convertFieldSelector, fieldSelectorMatches, fieldSelectorString, labelSelectorFromObject,
  labelSelectorMatches, labelSelectorString, newRequirement, parseFieldSelector, parseLabelSelector, selectableFields,
  selectors,
} from '../../src/apiserver/selectors.js';

const qualifiedNameMsg = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
  + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
  + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const labelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
  + "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
  + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('label selector parsing', () => {
  test.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=', 'x= ', 'x=,z= ', 'x= ,z= ', '!x', 'x>1', 'x>1,z<5'])(
    '%j parses and prints back', (s) => {
      expect(labelSelectorString(parseLabelSelector(s))).toBe(s.replaceAll(' ', ''));
    });

  test.each([
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${labelValueMsg}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['app in foo', "unable to parse requirement: found 'foo' expected: '('"],
    ['Foo_=bar', `unable to parse requirement: <nil>: Invalid value: "Foo_": name part ${qualifiedNameMsg}`],
    ['x,,y', "found ',', expected: identifier after ','"],
    [',x,y', "found ',', expected: !, identifier, or 'end of string'"],
    ['x nott in (y)', "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"],
    ['a in (xyz),', "found '', expected: identifier after ','"],
    ['a in (xyz)b notin ()', "found 'b', expected: ',' or 'end of string'"],
    ['a in (xyz abc)', "unable to parse requirement: found 'abc', expected: ',' or ')'"],
    ['a notin(', "unable to parse requirement: found '', expected: ',', ')' or identifier"],
    ['a (', "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"],
    ['(', "found '(', expected: !, identifier, or 'end of string'"],
    ['a/b/c', `unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name ${qualifiedNameMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
  ])('%j fails: %s', (s, message) => {
    expect(() => parseLabelSelector(s)).toThrow(message);
    try {
      parseLabelSelector(s);
    } catch (e) {
      expect((e as Error).message).toBe(message);
    }
  });

  // upstream's TestSetSelectorParser
  test.each([
    ['\rx', 'x'],
    ['this-is-a-dns.domain.com/key-with-dash', 'this-is-a-dns.domain.com/key-with-dash'],
    ['this-is-another-dns.domain.com/key-with-dash in (so,what)', 'this-is-another-dns.domain.com/key-with-dash in (so,what)'],
    ['0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)', '0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)'],
    ['foo  in\t (abc)', 'foo in (abc)'],
    ['x notin\n (abc)', 'x notin (abc)'],
    ['x  notin\t\t\t(abc,def)', 'x notin (abc,def)'],
    ['x in (abc,)', 'x in (,abc)'],
    ['x in ()', 'x in ()'],
    ['x notin (abc,,def),bar,z in (),w', 'bar,w,x notin (,abc,def),z in ()'],
    ['x notin ( )', 'x notin ()'],
    ['x notin (, a)', 'x notin (,a)'],
    ['a ', 'a'],
    ['a in (x,y,notin, z,in)', 'a in (in,notin,x,y,z)'],
    ['x=a,y!=b,z in (h,i,j)', 'x=a,y!=b,z in (h,i,j)'],
    ['notin=in', 'notin=in'],
  ])('%j is %j', (s, printed) => {
    expect(labelSelectorString(parseLabelSelector(s))).toBe(printed);
  });
});

describe('label selector matching', () => {
  test.each([
    ['', { x: 'y' }, true],
    ['x=y', { x: 'y' }, true],
    ['x=y,z=w', { x: 'y', z: 'w' }, true],
    ['x!=y,z!=w', { x: 'z', z: 'a' }, true],
    ['notin=in', { notin: 'in' }, true],
    ['x', { x: 'z' }, true],
    ['!x', { y: 'z' }, true],
    ['x>1', { x: '2' }, true],
    ['x<1', { x: '0' }, true],
    ['x=z', {}, false],
    ['x=y', { x: 'z' }, false],
    ['x=y,z=w', { x: 'w', z: 'w' }, false],
    ['x!=y,z!=w', { x: 'z', z: 'w' }, false],
    ['x', { y: 'z' }, false],
    ['!x', { x: 'z' }, false],
    ['x>1', { x: '0' }, false],
    ['x<1', { x: '2' }, false],
    ['x>1', { x: 'v2' }, false],
    ['env in (prod,staging),tier notin (fe)', { env: 'prod' }, true],
    ['env in (prod,staging),tier notin (fe)', { env: 'prod', tier: 'fe' }, false],
    ['x notin ()', { y: '' }, true],
    ['x in ()', { y: 'baz' }, false],
  ] as [string, Record<string, string>, boolean][])('%j on %j: %s', (s, labels, want) => {
    expect(labelSelectorMatches(parseLabelSelector(s), labels)).toBe(want);
  });

  test('objects without labels match only selectors that allow absence', () => {
    expect(labelSelectorMatches(parseLabelSelector('!a'), undefined)).toBe(true);
    expect(labelSelectorMatches(parseLabelSelector('a'), undefined)).toBe(false);
  });
});

describe('metav1.LabelSelector', () => {
  test('null selects nothing, {} everything', () => {
    expect(labelSelectorMatches(labelSelectorFromObject(null), { a: 'b' })).toBe(false);
    expect(labelSelectorMatches(labelSelectorFromObject({}), { a: 'b' })).toBe(true);
  });

  test('matchLabels and matchExpressions', () => {
    const sel = labelSelectorFromObject({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In', values: ['fe', 'be'] }, { key: 'canary', operator: 'DoesNotExist' }],
    });
    expect(labelSelectorString(sel)).toBe('app=web,!canary,tier in (be,fe)');
    expect(labelSelectorMatches(sel, { app: 'web', tier: 'fe' })).toBe(true);
    expect(labelSelectorMatches(sel, { app: 'web', tier: 'fe', canary: 'y' })).toBe(false);
  });

  test('errors', () => {
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }))
      .toThrow('"Equals" is not a valid label selector operator');
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }))
      .toThrow("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
    expect(() => labelSelectorFromObject({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }))
      .toThrow('values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist');
  });

  test('several errors are reported together, bracketed', () => {
    expect(() => newRequirement('-a', '=', ['b c'])).toThrow(
      `[key: Invalid value: "-a": name part ${qualifiedNameMsg}, values[0][-a]: Invalid value: "b c": ${labelValueMsg}]`);
  });
});

describe('field selectors', () => {
  test.each(['x=a,y=b,z=c', '', 'x!=a,y=b', 'x=a||y\\=b', 'x=a\\=\\=b'])('%j parses and prints back', (s) => {
    expect(fieldSelectorString(parseFieldSelector(s))).toBe(s);
  });

  test.each([
    ['x=a||y=b', 'invalid field selector: unescaped character in value: 61'],
    ['x==a==b', 'invalid field selector: unescaped character in value: 61'],
    ['x=a,b', "invalid selector: 'x=a,b'; can't understand 'b'"],
    ['x in (a)', "invalid selector: 'x in (a)'; can't understand 'x in (a)'"],
    ['x', "invalid selector: 'x'; can't understand 'x'"],
    ['k=\\a', 'invalid field selector: invalid escape sequence: \\a'],
    ['k=\\', 'invalid field selector: invalid escape sequence: \\'],
  ])('%j fails: %s', (s, message) => {
    expect(() => parseFieldSelector(s)).toThrow(message);
  });

  test('terms are sorted, escapes undone, an empty value allowed', () => {
    expect(parseFieldSelector('spec.nodeName=,metadata.name=a\\,b')).toEqual({
      terms: [{ field: 'metadata.name', operator: '=', value: 'a,b' }, { field: 'spec.nodeName', operator: '=', value: '' }],
    });
  });

  test.each([
    ['Pod', 'foo=bar', 'field label not supported: foo'],
    ['Node', 'metadata.namespace=x', 'field label not supported: metadata.namespace'],
    ['Job', 'status.succeeded=1', 'field label "status.succeeded" not supported for batchv1.Job'],
    ['ConfigMap', 'data.x=1', '"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"'],
    ['Deployment', 'spec.replicas=1', '"spec.replicas" is not a known field selector: only "metadata.name", "metadata.namespace"'],
  ])('%s does not support %j: %s', (kind, s, message) => {
    expect(() => convertFieldSelector(parseFieldSelector(s), kind)).toThrow(message);
  });

  test('spec.host is the old name of spec.nodeName for pods', () => {
    expect(convertFieldSelector(parseFieldSelector('spec.host=n1'), 'Pod').terms).toEqual([{ field: 'spec.nodeName', operator: '=', value: 'n1' }]);
  });

  test('pod fields', () => {
    expect(selectableFields(pod())).toEqual({
      'metadata.name': 'web-1', 'metadata.namespace': 'default', 'spec.nodeName': 'node-1', 'spec.restartPolicy': 'Always',
      'spec.schedulerName': 'default-scheduler', 'spec.serviceAccountName': 'default', 'spec.hostNetwork': 'false',
      'status.phase': 'Running', 'status.podIP': '10.244.1.5', 'status.nominatedNodeName': '',
    });
    const m = (s: string) => fieldSelectorMatches(convertFieldSelector(parseFieldSelector(s), 'Pod'), selectableFields(pod()));
    expect(m('status.phase=Running,spec.nodeName=node-1')).toBe(true);
    expect(m('status.phase!=Running')).toBe(false);
    expect(m('spec.nodeName=')).toBe(false);
    expect(m('status.podIPs=')).toBe(true);
  });

  test('event fields: source falls back to reportingComponent', () => {
    const ev: KubeObject = {
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-1.17', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{nginx}' },
      reason: 'Pulled', type: 'Normal', reportingComponent: 'kubelet', source: {},
    };
    const f = selectableFields(ev);
    expect(f).toMatchObject({ 'involvedObject.kind': 'Pod', 'involvedObject.name': 'web-1', source: 'kubelet', reason: 'Pulled' });
    expect(fieldSelectorMatches(convertFieldSelector(parseFieldSelector('involvedObject.kind=Pod,type=Normal'), 'Event'), f)).toBe(true);
  });

  test('node and cluster-scoped kinds', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { unschedulable: true } };
    expect(selectableFields(node)).toEqual({ 'metadata.name': 'n1', 'spec.unschedulable': 'true' });
  });
});

describe('the list filter', () => {
  const status = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ApiError) return [e.status.code, e.status.reason, e.status.message];
      throw e;
    }
    throw new Error('no error');
  };

  test('bad selectors are 400s with the parser text', () => {
    expect(status(() => compileListFilter('Pod', { labelSelector: 'app in foo' }))).toEqual([
      400, 'BadRequest', "unable to parse requirement: found 'foo' expected: '('",
    ]);
    expect(status(() => compileListFilter('Pod', { fieldSelector: 'foo=bar' }))).toEqual([
      400, 'BadRequest', 'field label not supported: foo',
    ]);
  });

  test('label and field selectors together', () => {
    const p = compileListFilter('Pod', { labelSelector: 'app=web', fieldSelector: 'status.phase=Running' });
    expect(p(pod())).toBe(true);
    expect(p({ ...pod(), status: { phase: 'Pending' } })).toBe(false);
    expect(selectors.compile('Pod', { labelSelector: 'app!=web' })(pod())).toBe(false);
  });
});

function pod(): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', labels: { app: 'web' } },
    spec: { nodeName: 'node-1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccountName: 'default', containers: [] },
    status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }] },
  };
}
