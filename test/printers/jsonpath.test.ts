// The JSONPath evaluator on its own. Tables ported from client-go's util/jsonpath/jsonpath_test.go
// (the cases on decoded JSON; struct inputs are rewritten as the maps kubectl would decode, so
// their JSON prints with sorted keys), plus the parser's error messages.
import { describe, expect, test } from 'vitest';
import { evaluateJSONPath, goQuote, goSprint, goSyntax, parseJSONPath } from '../../src/cli/printers/jsonpath.js';
import type { JsonValue } from '../../src/cli/printers/json.js';

interface Case { name: string; template: string; input: JsonValue; expect?: string; error?: string | true }

function run(cases: Case[], allowMissingKeys: boolean): void {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const exec = () => evaluateJSONPath(c.template, c.input, { allowMissingKeys });
    if (c.error === true) expect(exec).toThrow();
    else if (c.error) expect(exec).toThrow(c.error);
    else expect(exec()).toBe(c.expect);
  });
}

const types: JsonValue = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ['one', 'two', 'three', 'four'],
  interfaces: [true, 'one', 1, 1.1],
  maps: [{ name: 'one', value: 1 }, { name: 'two', value: 2.02 }, { name: 'three', value: 3.03 }, { name: 'four', value: 4.04 }],
};

describe('TestTypesInput', () => {
  run([
    { name: 'boolSlice', template: '{ .bools }', input: types, expect: '[true,false,true,false]' },
    { name: 'boolSliceIndex', template: '{ .bools[0] }', input: types, expect: 'true' },
    { name: 'boolSliceIndex reverse', template: '{ .bools[-1] }', input: types, expect: 'false' },
    { name: 'boolSubSlice', template: '{ .bools[0:2] }', input: types, expect: 'true false' },
    { name: 'boolSubSliceStep2', template: '{ .bools[:4:2] }', input: types, expect: 'true true' },
    { name: 'integerSlice', template: '{ .integers }', input: types, expect: '[1,2,3,4]' },
    { name: 'integerSliceIndexReverse', template: '{ .integers[-2] }', input: types, expect: '3' },
    { name: 'integerSubSliceStep2', template: '{ .integers[:4:2] }', input: types, expect: '1 3' },
    { name: 'floatSlice', template: '{ .floats }', input: types, expect: '[1,2.2,3.3,4]' },
    { name: 'floatSliceIndex', template: '{ .floats[0] }', input: types, expect: '1' },
    { name: 'floatSubSliceStep2', template: '{ .floats[:4:2] }', input: types, expect: '1 3.3' },
    { name: 'stringSlice', template: '{ .strings }', input: types, expect: '["one","two","three","four"]' },
    { name: 'stringSubSliceStep2', template: '{ .strings[:4:2] }', input: types, expect: 'one three' },
    { name: 'interfaceSlice', template: '{ .interfaces }', input: types, expect: '[true,"one",1,1.1]' },
    { name: 'interfaceSubSliceStep2', template: '{ .interfaces[:4:2] }', input: types, expect: 'true 1' },
    { name: 'mapSliceIndex', template: '{ .maps[0] }', input: types, expect: '{"name":"one","value":1}' },
    { name: 'mapSubSliceStepOdd', template: '{ .maps[::2] }', input: types, expect: '{"name":"one","value":1} {"name":"three","value":3.03}' },
    { name: 'mapSubSliceStepEven', template: '{ .maps[1::2] }', input: types, expect: '{"name":"two","value":2.02} {"name":"four","value":4.04}' },
  ], false);
});

const store: JsonValue = {
  Name: 'jsonpath',
  Book: [
    { Category: 'reference', Author: 'Nigel Rees', Title: 'Sayings of the Centurey', Price: 8.95 },
    { Category: 'fiction', Author: 'Evelyn Waugh', Title: 'Sword of Honour', Price: 12.99 },
    { Category: 'fiction', Author: 'Herman Melville', Title: 'Moby Dick', Price: 8.99 },
  ],
  Bicycle: [{ Color: 'red', Price: 19.95, IsNew: true }, { Color: 'green', Price: 20.01, IsNew: false }],
  Labels: { engieer: 10, 'web/html': 15, 'k8s-app': 20 },
  Employees: { jason: 'manager', dan: 'clerk' },
};

describe('TestStructInput, on decoded maps', () => {
  run([
    { name: 'plain', template: 'hello jsonpath', input: null, expect: 'hello jsonpath' },
    { name: 'recursive', template: '{..}', input: [1, 2, 3], expect: '[1,2,3]' },
    { name: 'filter', template: '{[?(@<5)]}', input: [2, 6, 3, 7], expect: '2 3' },
    { name: 'quote', template: '{"{"}', input: null, expect: '{' },
    { name: 'union', template: '{[1,3,4]}', input: [0, 1, 2, 3, 4], expect: '1 3 4' },
    { name: 'array', template: '{[0:2]}', input: ['Monday', 'Tudesday'], expect: 'Monday Tudesday' },
    { name: 'variable', template: 'hello {.Name}', input: store, expect: 'hello jsonpath' },
    { name: 'dict/', template: '{$.Labels.web/html}', input: store, expect: '15' },
    { name: 'dict/ employees', template: '{$.Employees.jason}', input: store, expect: 'manager' },
    { name: 'dict-', template: '{.Labels.k8s-app}', input: store, expect: '20' },
    { name: 'nest', template: '{.Bicycle[*].Color}', input: store, expect: 'red green' },
    { name: 'allarray', template: '{.Book[*].Author}', input: store, expect: 'Nigel Rees Evelyn Waugh Herman Melville' },
    { name: 'allfields (map values in key order)', template: '{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', input: store, expect: '{red true 19.95} {green false 20.01} ' },
    { name: 'recurfields', template: '{..Price}', input: store, expect: '19.95 20.01 8.95 12.99 8.99' },
    { name: 'recurdotfields', template: '{...Price}', input: store, expect: '19.95 20.01 8.95 12.99 8.99' },
    { name: 'superrecurfields', template: '{............................................................Price}', input: store, error: 'invalid multiple recursive descent' },
    { name: 'allstructs', template: '{range .Bicycle[*]}{ @ }{ " " }{end}', input: store, expect: '{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} ' },
    { name: 'lastarray', template: '{.Book[-1:]}', input: store, expect: '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}' },
    { name: 'recurarray', template: '{..Book[2]}', input: store, expect: '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}' },
    { name: 'bool', template: '{.Bicycle[?(@.IsNew==true)]}', input: store, expect: '{"Color":"red","IsNew":true,"Price":19.95}' },
    { name: 'regexp filters are not in 1.32', template: "{.Bicycle[?(@.Color=~'.*ed.*')]}", input: store, error: "unrecognized character in action: U+007E '~'" },
  ], false);
  run([
    { name: 'nonexistent field', template: '{.hello}', input: store, expect: '' },
    { name: 'nonexistent field 2', template: 'before-{.hello}after', input: store, expect: 'before-after' },
  ], true);
  run([
    { name: 'invalid identifier', template: '{hello}', input: store, error: 'unrecognized identifier hello' },
    { name: 'nonexistent field, keys required', template: '{.hello}', input: store, error: 'hello is not found' },
    { name: 'invalid array', template: '{.Labels[0]}', input: store, error: 'map[string]interface {} is not array or slice' },
    { name: 'invalid filter operator', template: '{.Book[?(@.Price<>10)]}', input: store, error: 'unrecognized filter operator <>' },
    { name: 'redundant end', template: '{range .Labels.*}{@}{end}{end}', input: store, error: 'not in range, nothing to end' },
  ], false);
});

describe('TestJSONInput', () => {
  const points: JsonValue = [
    { id: 'i1', x: 4, y: -5 }, { id: 'i2', x: -2, y: -5, z: 1 }, { id: 'i3', x: 8, y: 3 },
    { id: 'i4', x: -6, y: -1 }, { id: 'i5', x: 0, y: 2, z: 1 }, { id: 'i6', x: 1, y: 4 },
  ];
  run([
    { name: 'exists filter', template: '{[?(@.z)].id}', input: points, expect: 'i2 i5' },
    { name: 'bracket key', template: "{[0]['id']}", input: points, expect: 'i1' },
  ], false);
});

const nodes: JsonValue = {
  kind: 'List',
  items: [
    { kind: 'None', metadata: { name: '127.0.0.1', labels: { 'kubernetes.io/hostname': '127.0.0.1' } },
      status: { capacity: { cpu: '4' }, ready: true, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.1' }] } },
    { kind: 'None', metadata: { name: '127.0.0.2', labels: { 'kubernetes.io/hostname': '127.0.0.2' } },
      status: { capacity: { cpu: '8' }, ready: false, addresses: [{ type: 'LegacyHostIP', address: '127.0.0.2' }, { type: 'another', address: '127.0.0.3' }] } },
  ],
  users: [{ name: 'myself', user: {} }, { name: 'e2e', user: { username: 'admin', password: 'secret' } }],
};

describe('TestKubernetes', () => {
  run([
    { name: 'range item', template: '{range .items[*]}{.metadata.name}, {end}{.kind}', input: nodes, expect: '127.0.0.1, 127.0.0.2, List' },
    { name: 'range item with quote', template: '{range .items[*]}{.metadata.name}{"\\t"}{end}', input: nodes, expect: '127.0.0.1\t127.0.0.2\t' },
    { name: 'range addresss', template: '{.items[*].status.addresses[*].address}', input: nodes, expect: '127.0.0.1 127.0.0.2 127.0.0.3' },
    { name: 'double range', template: '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', input: nodes, expect: '127.0.0.1, 127.0.0.2, 127.0.0.3, ' },
    { name: 'item name', template: '{.items[*].metadata.name}', input: nodes, expect: '127.0.0.1 127.0.0.2' },
    { name: 'union nodes capacity', template: "{.items[*]['metadata.name', 'status.capacity']}", input: nodes, expect: '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}' },
    { name: 'range nodes capacity', template: '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', input: nodes, expect: '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] ' },
    { name: 'user password', template: '{.users[?(@.name=="e2e")].user.password}', input: nodes, expect: 'secret' },
    { name: 'hostname', template: '{.items[0].metadata.labels.kubernetes\\.io/hostname}', input: nodes, expect: '127.0.0.1' },
    { name: 'hostname filter', template: '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', input: nodes, expect: 'None' },
    { name: 'bool item', template: '{.items[?(@..ready==true)].metadata.name}', input: nodes, expect: '127.0.0.1' },
    { name: 'recursive name (map values in key order)', template: '{..name}', input: nodes, expect: '127.0.0.1 127.0.0.2 myself e2e' },
  ], false);
});

describe('TestEmptyRange', () => {
  run([
    { name: 'empty range', template: '{range .items[*]}{.metadata.name}{end}', input: { items: [] }, expect: '' },
    { name: 'empty nested range', template: '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', input: { items: [] }, expect: '' },
  ], true);
});

describe('TestNestedRanges', () => {
  const data: JsonValue = {
    items: [
      { metadata: { name: 'pod1' }, spec: { containers: [
        { name: 'foo', another: [{ name: 'value1' }, { name: 'value2' }] },
        { name: 'bar', another: [{ name: 'value1' }, { name: 'value2' }] },
      ] } },
      { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz', another: [{ name: 'value1' }, { name: 'value2' }] }] } },
    ],
  };
  run([
    { name: 'nested range with a trailing newline', template: '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', input: data, expect: 'pod1:foo,bar,+pod2:baz,+' },
    { name: 'three levels', template: '{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}', input: data, expect: 'pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#' },
    { name: 'two nested ranges at the same level', template: '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}', input: data, expect: 'pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n' },
  ], false);
});

describe('TestFilterPartialMatchesSometimesMissingAnnotations', () => {
  const data: JsonValue = { kind: 'List', items: [
    { kind: 'Pod', metadata: { name: 'pod1', annotations: { color: 'blue' } } },
    { kind: 'Pod', metadata: { name: 'pod2' } },
    { kind: 'Pod', metadata: { name: 'pod3', annotations: { color: 'green' } } },
    { kind: 'Pod', metadata: { name: 'pod4', annotations: { color: 'blue' } } },
  ] };
  const template = '{.items[?(@.metadata.annotations.color=="blue")].metadata.name}';
  run([{ name: 'tolerating missing keys', template, input: data, expect: 'pod1 pod4' }], true);
  run([{ name: 'requiring keys', template, input: data, error: 'annotations is not found' }], false);
});

describe('TestNegativeIndex and TestStep', () => {
  const pod = (n: number): JsonValue => ({ spec: { containers: Array.from({ length: n }, (_, i) => ({ image: 'radial/busyboxplus:curl', name: `fake${i}` })) } });
  const four = pod(4);
  const six = pod(6);
  run([
    { name: '[0]', template: '{.spec.containers[0].name}', input: four, expect: 'fake0' },
    { name: '[0:0] is empty', template: '{.spec.containers[0:0].name}', input: four, expect: '' },
    { name: '[0:-1]', template: '{.spec.containers[0:-1].name}', input: four, expect: 'fake0 fake1 fake2' },
    { name: '[-1:0] fails', template: '{.spec.containers[-1:0].name}', input: four, error: 'starting index 3 is greater than ending index 0' },
    { name: '[-1]', template: '{.spec.containers[-1].name}', input: four, expect: 'fake3' },
    { name: '[-2:]', template: '{.spec.containers[-2:].name}', input: four, expect: 'fake2 fake3' },
    { name: '[-4:]', template: '{.spec.containers[-4:].name}', input: four, expect: 'fake0 fake1 fake2 fake3' },
    { name: '[-5] is out of bounds', template: '{.spec.containers[-5].name}', input: four, error: 'array index out of bounds: index -1, length 4' },
    { name: '[5:5] is empty', template: '{.spec.containers[5:5].name}', input: four, expect: '' },
    { name: '[-5:-5] is empty', template: '{.spec.containers[-5:-5].name}', input: four, expect: '' },
    { name: '[3:1] fails', template: '{.spec.containers[3:1].name}', input: four, error: 'starting index 3 is greater than ending index 1' },
    { name: '[0:6:]', template: '{.spec.containers[0:6:].name}', input: six, expect: 'fake0 fake1 fake2 fake3 fake4 fake5' },
    { name: '[0:6:0] fails', template: '{.spec.containers[0:6:0].name}', input: six, error: 'step must be > 0' },
    { name: '[0:6:-1] fails', template: '{.spec.containers[0:6:-1].name}', input: six, error: 'step must be > 0' },
    { name: '[1:4:2]', template: '{.spec.containers[1:4:2].name}', input: six, expect: 'fake1 fake3' },
    { name: '[0:6:5]', template: '{.spec.containers[0:6:5].name}', input: six, expect: 'fake0 fake5' },
    { name: '[] selects the first', template: '{.spec.containers[].name}', input: six, expect: 'fake0' },
  ], false);
});

describe('TestRunningPodsJSONPathOutput', () => {
  const data: JsonValue = { kind: 'List', items: [
    { kind: 'Pod', metadata: { name: 'pod1' }, status: { phase: 'Running' } },
    { kind: 'Pod', metadata: { name: 'pod2' }, status: { phase: 'Running' } },
    { kind: 'Pod', metadata: { name: 'pod3' }, status: { phase: 'Running' } },
    { resourceVersion: '' },
  ] };
  run([{ name: 'range over a filter', template: '{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', input: data, expect: 'pod1 is Running\npod2 is Running\npod3 is Running\n' }], true);
});

describe('values as kubectl prints them', () => {
  const data: JsonValue = { s: 'x', n: null, f: 1234567.5, tiny: 1e-7, i: 42, b: false, list: [null, 'a'], name: 'ab' };
  run([
    { name: 'null prints as null', template: '{.n}', input: data, expect: 'null' },
    { name: 'floats print as %g', template: '{.f} {.tiny}', input: data, expect: '1.2345675e+06 1e-07' },
    { name: 'ints, bools', template: '{.i} {.b}', input: data, expect: '42 false' },
    { name: 'a list with a null prints as JSON', template: '{.list}', input: data, expect: '[null,"a"]' },
    { name: 'a wildcard on a string yields its bytes', template: '{.name.*}', input: data, expect: '97 98' },
    { name: 'range over a null item runs on no value', template: '{range .list[*]}<{@}>{end}', input: data, expect: '<<no value>><a>' },
    { name: 'literals', template: '{1.50} {-2} {true}', input: data, expect: '1.5 -2 true' },
    { name: 'filter on a null is an error', template: '{.n[?(@.x)]}', input: data, error: '<nil> is not array or slice and cannot be filtered' },
    { name: 'comparing with a list is an error', template: '{.list[?(@==1)]}', input: { list: [[1]] }, error: 'invalid type for comparison' },
    { name: 'bools cannot be ordered', template: '{.list[?(@<true)]}', input: { list: [false] }, error: 'invalid type for comparison' },
    { name: 'filters compare one value', template: '{.list[?(@.a[*]=="x")]}', input: { list: [{ a: ['x', 'y'] }] }, error: 'can only compare one element at a time' },
  ], true);
});

describe('parser errors', () => {
  test.each([
    ['{.foo', 'unclosed action'],
    ['{.a\n}', 'unclosed action'],
    ['{#}', "unrecognized character in action: U+0023 '#'"],
    ['{....a}', 'invalid multiple recursive descent'],
    ['{.a[x]}', 'invalid array index x'],
    ['{.a[1}', 'unterminated array'],
    ['{.a[1:-]}', 'array index - is not a number'],
    ['{"abc}', 'unterminated quoted string'],
    ['{"a\\qb"}', 'unquote string "a\\qb" error invalid syntax'],
    ['{.a[?(@.x=="y"}', 'unterminated filter'],
    ['{.a[?(@.x=="y")}', 'unclosed array expect ]'],
    ['{1.2.3}', 'cannot parse number 1.2.3'],
    ['{.a["x","y"]}', 'invalid array index "x"'],
  ])('%s', (template, message) => {
    expect(() => parseJSONPath(template)).toThrow(message);
  });
});

describe("Go's fmt verbs", () => {
  test('%v of a decoded map sorts keys', () => {
    expect(goSprint({ b: [1, 'x'], a: { c: null } })).toBe('map[a:map[c:<nil>] b:[1 x]]');
  });
  test('%#v of a decoded object', () => {
    expect(goSyntax({ s: 'a"b\n', n: null, l: [1, 2.5, true], m: {} }))
      .toBe('map[string]interface {}{"l":[]interface {}{1, 2.5, true}, "m":map[string]interface {}{}, "n":interface {}(nil), "s":"a\\"b\\n"}');
  });
  test('%q keeps printable characters and escapes the rest', () => {
    expect(goQuote('é\u00a0\x07\x7f🚀\u200b')).toBe('"é\\u00a0\\a\\x7f🚀\\u200b"');
  });
});
