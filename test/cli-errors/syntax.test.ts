// Syntax errors in manifests, word for word and line for line as kubectl 1.32 reports them
// (`error parsing <file>: <this>`). Every row was run through the real kubectl 1.32
// (`kubectl apply --validate=false -f <file>`); the inputs are the mistakes people make in
// hand-written manifests: indentation, tabs, unclosed quotes and brackets, missing colons,
// `- ` entries out of line, unrendered templates. YAML goes through the `yaml` package, whose
// diagnoses src/cli/manifest-yaml.ts maps onto go-yaml's; JSON through a port of encoding/json's
// scanner, with its byte offsets.
import { describe, expect, test } from 'vitest';
import { decodeStream } from '../../src/cli/manifests.js';

const recorded: [string, string, string][] = [
  ["01-dedent.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n spec: 1\n",
    "error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["02-extra-indent.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n    labels: 1\n",
    "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["03-tab.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n",
    "error converting YAML to JSON: yaml: line 4: found character that cannot start any token"],
  ["04-unclosed-dq.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\nspec: {}\n",
    "error converting YAML to JSON: yaml: line 6: found unexpected end of stream"],
  ["05-unclosed-flow.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  args: [a, b\n  foo: 1\n",
    "error converting YAML to JSON: yaml: line 6: did not find expected ',' or ']'"],
  ["06-missing-colon.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name x\n  labels:\n    a: b\n",
    "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["07-seq-indent.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: b\n   - name: c\n",
    "error converting YAML to JSON: yaml: line 6: did not find expected key"],
  ["08-seq-in-map.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  - foo\n",
    "error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["09-colon-value.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  command: echo a: b\n",
    "error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context"],
  ["10-extra-bracket.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  args: [a, b]]\n",
    "error converting YAML to JSON: yaml: line 3: did not find expected key"],
  ["11-escape.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"a\\qb\"\n",
    "error converting YAML to JSON: yaml: line 4: found unknown escape character"],
  ["13-alias.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: *foo\n",
    "error converting YAML to JSON: yaml: unknown anchor 'foo' referenced"],
  ["14-at.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: @x\n",
    "error converting YAML to JSON: yaml: line 4: found character that cannot start any token"],
  ["15-unclosed-sq.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: 'x\n",
    "error converting YAML to JSON: yaml: line 5: found unexpected end of stream"],
  ["17-first-line.yaml", "apiVersion: v1: x\nkind: Pod\n",
    "error converting YAML to JSON: yaml: mapping values are not allowed in this context"],
  ["18-doc2.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n data: 1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
    "error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["19-list-item-no-space.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  -name: a\n  - name: b\n",
    "error converting YAML to JSON: yaml: line 5: did not find expected key"],
  ["20-backtick.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: `x`\n",
    "error converting YAML to JSON: yaml: line 4: found character that cannot start any token"],
  ["21-flow-map.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x\nspec: {}\n",
    "error converting YAML to JSON: yaml: line 3: did not find expected ',' or '}'"],
  ["22-key-after-seq.yaml", "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  image: b\n  - name: c\n",
    "error converting YAML to JSON: yaml: line 6: did not find expected key"],
  ["23-indent-seq-items.yaml", "a:\n  - b\n  c: d\n",
    "error converting YAML to JSON: yaml: line 2: did not find expected '-' indicator"],
  ["26-anchor-dup.yaml", "a: &x 1\nb: *y\n",
    "error converting YAML to JSON: yaml: unknown anchor 'y' referenced"],
  ["27-bad-bool.yaml", "a: b: c\n",
    "error converting YAML to JSON: yaml: mapping values are not allowed in this context"],
  ["29-quote-mid.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\"y\n",
    "error converting YAML to JSON: yaml: line 3: did not find expected key"],
  ["30-nested-dedent.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: nginx\n       ports:\n      - containerPort: 80\n",
    "error converting YAML to JSON: yaml: line 10: did not find expected key"],
  ["31-bom.yaml", "\ufeffapiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n   y: 2\n",
    "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["32-crlf.yaml", "apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\n spec: 1\r\n",
    "error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["j1-trailing-comma.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\",}\n",
    "json: offset 36: invalid character '}' looking for beginning of object key string"],
  ["j2-missing-quote.json", "{\"apiVersion\": \"v1\", kind: \"Pod\"}\n",
    "json: offset 22: invalid character 'k' looking for beginning of object key string"],
  ["j3-unclosed.json", "{\"apiVersion\": \"v1\", \"kind\": \"Pod\"\n",
    "unexpected EOF"],
  ["j4-multiline.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": \"x\"}\n  \"spec\": {}\n}\n",
    "json: offset 72: invalid character '\"' after object key:value pair"],
  ["j5-bad-value.json", "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Pod\",\n  \"metadata\": {\"name\": x}\n}\n",
    "json: offset 65: invalid character 'x' looking for beginning of value"],
  ["j6-two.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}\n{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\"},}\n",
    "json: offset 126: invalid character '}' looking for beginning of object key string"],
  ["j8-single-quote.json", "{'apiVersion': 'v1'}\n",
    "json: offset 2: invalid character '\\'' looking for beginning of object key string"],
  ["a01.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 80\n          protocol: TCP\n         name: http\n",
    "error converting YAML to JSON: yaml: line 20: did not find expected key"],
  ["a03.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n     - name: side\n      image: busybox\n",
    "error converting YAML to JSON: yaml: line 8: did not find expected '-' indicator"],
  ["a04.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    command: [\"sh\", \"-c\", \"echo hi]\n",
    "error converting YAML to JSON: yaml: line 10: found unexpected end of stream"],
  ["a05.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    env:\n    - name: A\n      value: \"x\"y\"\n",
    "error converting YAML to JSON: yaml: line 10: did not find expected key"],
  ["a06.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  config: |\n    a: b\n   c: d\n",
    "error converting YAML to JSON: yaml: line 7: did not find expected key"],
  ["a07.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  key: value: other\n",
    "error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context"],
  ["a09.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    args:\n    - --port=80\n    -  --debug\n   - --verbose\n",
    "error converting YAML to JSON: yaml: line 11: did not find expected key"],
  ["a10.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    resources:\n      limits:\n        memory: \"128Mi\"\n        cpu: \"500m\"\n      requests\n        memory: \"64Mi\"\n",
    "error converting YAML to JSON: yaml: line 14: could not find expected ':'"],
  ["a11.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n",
    "error converting YAML to JSON: yaml: invalid map key: map[interface {}]interface {}{\".Values.name\":interface {}(nil)}"],
  ["a12.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  annotations:\n    note: this: breaks\n",
    "error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context"],
  ["a13.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n  - name: web2\n     image: nginx\n",
    "error converting YAML to JSON: yaml: line 10: mapping values are not allowed in this context"],
  ["a14.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx:latest\n    ports:\n      - containerPort: 80\n    - containerPort: 443\n",
    "error converting YAML to JSON: yaml: line 10: did not find expected key"],
  ["a15.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n containers:\n  - name: web\n    image: nginx\n volumes:\n - name: v\n   emptyDir: {}\n  - name: w\n",
    "error converting YAML to JSON: yaml: line 11: did not find expected key"],
  ["a16.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: \"abc\n",
    "error converting YAML to JSON: yaml: line 7: found unexpected end of stream"],
  ["a17.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    command: [sh, -c, \"echo\", ]\n    args: [a, b\n",
    "error converting YAML to JSON: yaml: line 10: did not find expected ',' or ']'"],
  ["a18.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    env: {name: A, value: B\n",
    "error converting YAML to JSON: yaml: line 9: did not find expected ',' or '}'"],
  ["a19.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"web\n  labels:\n    a: b\n",
    "error converting YAML to JSON: yaml: line 7: found unexpected end of stream"],
  ["a20.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n name: web\n  labels:\n    a: b\n",
    "error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context"],
  ["a21.yaml", "apiVersion: v1\n kind: Pod\nmetadata:\n  name: web\n",
    "error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"],
  ["a23.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n    livenessProbe:\n      httpGet:\n        path: /\n        port: 80\n      initialDelaySeconds: 3\n     periodSeconds: 3\n",
    "error converting YAML to JSON: yaml: line 13: did not find expected key"],
  ["a24.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n\t\tports:\n",
    "error converting YAML to JSON: yaml: line 9: found a tab character that violates indentation"],
  ["a25.yaml", "key: [a, b]\nother: {c: d}\nthird: \"x\" # comment\nfourth: @bad\n",
    "error converting YAML to JSON: yaml: line 4: found character that cannot start any token"],
  ["b01.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  selector:\n    app: web\n  ports:\n    - protocol: TCP\n      port: 80\n       targetPort: 9376\n",
    "error converting YAML to JSON: yaml: line 11: mapping values are not allowed in this context"],
  ["b02.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  type: NodePort\n  ports:\n  - port: 80\n    nodePort: 30007\n  selector\n    app: web\n",
    "error converting YAML to JSON: yaml: line 11: could not find expected ':'"],
  ["b03.yaml", "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl\n        command: [\"perl\",  \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n      restartPolicy: Never\n  backoffLimit: 4\n   completions: 2\n",
    "error converting YAML to JSON: yaml: line 14: mapping values are not allowed in this context"],
  ["b04.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  game.properties: |\n    enemies=aliens\n    lives=3\n  ui.properties: |\n  color.good=purple\n",
    "error converting YAML to JSON: yaml: line 11: could not find expected ':'"],
  ["b06.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n  -name: d\n    image: busybox\n",
    "error converting YAML to JSON: yaml: line 10: mapping values are not allowed in this context"],
  ["b07.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\n    tier: [frontend\n",
    "error converting YAML to JSON: yaml: line 7: did not find expected ',' or ']'"],
  ["b08.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n    - name: X\n      valueFrom:\n        secretKeyRef:\n          name: s\n          key: k\n     - name: Y\n",
    "error converting YAML to JSON: yaml: line 14: did not find expected key"],
  ["b09.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: \"busybox\n    args: [\"a\"]\n",
    "error converting YAML to JSON: yaml: line 8: did not find expected key"],
  ["b10.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    args: \"a\", \"b\"\n",
    "error converting YAML to JSON: yaml: line 8: did not find expected key"],
  ["b11.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    ports:\n    - containerPort: 80\n  hostNetwork true\n",
    "error converting YAML to JSON: yaml: line 12: could not find expected ':'"],
  ["b12.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\n  namespace: default\n",
    "error converting YAML to JSON: yaml: line 4: did not find expected key"],
  ["b13.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    volumeMounts:\n    - name: v\n      mountPath: /data\n  volumes:\n  - name: v\n    hostPath:\n      path: /tmp\n      type: Directory\n    - name: w\n",
    "error converting YAML to JSON: yaml: line 16: did not find expected key"],
  ["b14.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: [ \"sh\", \"-c\" ]\n    args: [ \"echo $(A) && sleep 1 ]\n",
    "error converting YAML to JSON: yaml: line 11: found unexpected end of stream"],
  ["b15.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    a: \"x\" \"y\"\n",
    "error converting YAML to JSON: yaml: line 5: did not find expected key"],
];

describe('kubectl 1.32 syntax errors', () => {
  test.each(recorded)('%s', (_name, text, message) => {
    expect(decodeStream(text).error).toBe(message);
  });
});

describe('values as go-yaml v2 reads them', () => {
  const value = (yaml: string) => {
    const r = decodeStream(yaml);
    expect(r.error).toBeUndefined();
    return r.docs[0].value;
  };

  test('YAML 1.1 scalars, as kubectl sent them to a server (recorded request body)', () => {
    expect(value('a: 0755\nb: yes\nc: 1_000\nd: 12:30\ne: 0x1F\nf: .5\ng: 1e3\nh: ~\ni: on\nj: 2024-01-01\nk: "0755"\nl: n\nm: Off\n'))
      .toEqual({ a: 493, b: true, c: 1000, d: '12:30', e: 31, f: 0.5, g: 1000, h: null, i: true, j: '2024-01-01', k: '0755', l: false, m: false });
  });

  test('explicit tags, merge keys, duplicate keys (the last wins)', () => {
    expect(value('a: !!str 10\nb: !!int "7"\nbase: &b {p: 1, q: 2}\nc:\n  <<: *b\n  q: 3\nd: 1\nd: 2\n'))
      .toEqual({ a: '10', b: 7, base: { p: 1, q: 2 }, c: { p: 1, q: 3 }, d: 2 });
    // A key is resolved like any scalar: `y` is a boolean, which sigs.k8s.io/yaml writes as "true".
    expect(value('y: 1\nx: 2\n')).toEqual({ true: 1, x: 2 });
  });

  test('documents split at `---` lines; empty and comment-only documents are skipped', () => {
    const r = decodeStream('---\na: 1\n--- # two\n# nothing here\n---\n\n---\nb: 2\n');
    expect(r.docs.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  test('the JSON kubectl quotes for a document is go\'s: keys sorted, HTML characters escaped', () => {
    expect(decodeStream('z: 1\na: "<b>&"\n').docs[0].raw).toBe('{"a":"\\u003cb\\u003e\\u0026","z":1}');
  });

  test('a JSON stream: several objects, `null` skipped, raw text kept as written', () => {
    const r = decodeStream(' {"b": 1, "a": 2}\nnull\n{"c":[1,2]}');
    expect(r.error).toBeUndefined();
    expect(r.docs.map((d) => d.raw)).toEqual(['{"b": 1, "a": 2}', '{"c":[1,2]}']);
  });

  test('a byte-order mark is dropped', () => {
    expect(value('\uFEFFa: 1\n')).toEqual({ a: 1 });
  });
});
