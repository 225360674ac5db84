// Namespaces, Services, Secrets, ConfigMaps, Nodes, ServiceAccounts and Events: the stored object
// a 1.32 cluster returns, and the messages it rejects bad ones with.
import { describe, expect, test } from 'vitest';
import { admitCreate, admitUpdate } from '../../src/apiserver/admission/index.js';
import type { KubeObject } from '../../src/api/object.js';
import { ctx, failure, manifest } from './helpers.js';

const admit = (kind: string, yaml: string) => admitCreate(kind, manifest(yaml), ctx()) as KubeObject & Record<string, any>;
const reject = (kind: string, yaml: string) => failure(() => admitCreate(kind, manifest(yaml), ctx()));
const stored = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: '1', uid: 'u1', creationTimestamp: '2025-01-01T00:00:00Z' } }) as KubeObject & Record<string, any>;

describe('Namespace', () => {
  test('`kubectl create ns foo`: name label, kubernetes finalizer, Active', () => {
    expect(admit('Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: foo}\nspec: {}\nstatus: {}')).toEqual({
      apiVersion: 'v1', kind: 'Namespace',
      metadata: { name: 'foo', labels: { 'kubernetes.io/metadata.name': 'foo' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  test('a name that is not a DNS label', () => {
    expect(reject('Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: Bad_NS}')).toBe(
      "Invalid: Namespace \"Bad_NS\" is invalid: metadata.name: Invalid value: \"Bad_NS\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    expect(reject('Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: my.ns}')).toBe(
      'Invalid: Namespace "my.ns" is invalid: metadata.name: Invalid value: "my.ns": must not contain dots');
  });

  test('an update keeps finalizers and status, and the name label comes back', () => {
    const old = stored(admit('Namespace', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: foo}'));
    const next = structuredClone(old);
    next.metadata.labels = { team: 'a' };
    next.spec = {};
    next.status = { phase: 'Terminating' };
    const out = admitUpdate('Namespace', next, old, ctx()) as Record<string, any>;
    expect(out.metadata.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'foo' });
    expect(out.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(out.status).toEqual({ phase: 'Active' });
  });
});

describe('Service', () => {
  test('a ClusterIP service: defaults, single-stack IPv4, an address from the upper band of 10.96.0.0/16, empty load-balancer status', () => {
    expect(admit('Service', `
apiVersion: v1
kind: Service
metadata: {name: my-service, namespace: default}
spec:
  selector: {app: MyApp}
  ports:
  - port: 80
    targetPort: 9376
`)).toEqual({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'my-service', namespace: 'default' },
      spec: {
        clusterIP: '10.96.227.244', clusterIPs: ['10.96.227.244'],
        internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
        ports: [{ port: 80, protocol: 'TCP', targetPort: 9376 }], selector: { app: 'MyApp' },
        sessionAffinity: 'None', type: 'ClusterIP',
      },
      status: { loadBalancer: {} },
    });
  });

  test('NodePort and LoadBalancer get an external traffic policy; LoadBalancer allocates node ports', () => {
    const np = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: np, namespace: default}\nspec: {type: NodePort, ports: [{port: 80}]}');
    expect(np.spec).toMatchObject({ externalTrafficPolicy: 'Cluster', internalTrafficPolicy: 'Cluster', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] });
    // Node ports come from 30000-32767, the upper band (30086 and above) first.
    const nodePort = (np.spec.ports as { nodePort: number }[])[0].nodePort;
    expect(nodePort >= 30086 && nodePort <= 32767).toBe(true);
    const lb = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: lb, namespace: default}\nspec: {type: LoadBalancer, ports: [{port: 443}]}');
    expect(lb.spec).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
  });

  test('headless, headless without selector, ExternalName, ClientIP affinity', () => {
    const headless = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: h, namespace: default}\nspec: {clusterIP: None, selector: {app: a}, ports: [{port: 80}]}');
    expect(headless.spec).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
    const bare = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: h, namespace: default}\nspec: {clusterIP: None}');
    expect(bare.spec).toMatchObject({ ipFamilies: ['IPv4'], ipFamilyPolicy: 'RequireDualStack' });
    const ext = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: default}\nspec: {type: ExternalName, externalName: db.example.com}');
    expect(ext.spec).toEqual({ externalName: 'db.example.com', sessionAffinity: 'None', type: 'ExternalName' });
    const sticky = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec: {sessionAffinity: ClientIP, ports: [{port: 80}]}');
    expect(sticky.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  test.each([
    ['a name that is not a DNS-1035 label', 'metadata: {name: 1svc, namespace: default}\nspec: {ports: [{port: 80}]}',
      "Invalid: Service \"1svc\" is invalid: metadata.name: Invalid value: \"1svc\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"],
    ['no ports', 'metadata: {name: s, namespace: default}\nspec: {selector: {app: a}}',
      'Invalid: Service "s" is invalid: spec.ports: Required value'],
    ['two unnamed ports', 'metadata: {name: s, namespace: default}\nspec: {ports: [{port: 80}, {port: 443}]}',
      'Invalid: Service "s" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]'],
    ['a nodePort on a ClusterIP service', 'metadata: {name: s, namespace: default}\nspec: {ports: [{port: 80, nodePort: 30080}]}',
      "Invalid: Service \"s\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ['an unknown type', 'metadata: {name: s, namespace: default}\nspec: {type: Foo, ports: [{port: 80}]}',
      'Invalid: Service "s" is invalid: spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['an unknown protocol', 'metadata: {name: s, namespace: default}\nspec: {ports: [{port: 53, protocol: ICMP}]}',
      'Invalid: Service "s" is invalid: spec.ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"'],
    ['dual stack on a single-stack cluster', 'metadata: {name: s, namespace: default}\nspec: {ipFamilyPolicy: RequireDualStack, ports: [{port: 80}]}',
      'Invalid: Service "s" is invalid: spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'],
    ['a port exposed twice', 'metadata: {name: s, namespace: default}\nspec: {ports: [{name: a, port: 80}, {name: b, port: 80}]}',
      'Invalid: Service "s" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'],
  ])('%s', (_name, body, want) => {
    expect(reject('Service', `apiVersion: v1\nkind: Service\n${body}`)).toBe(want);
  });

  test('cluster IPs may not change once set, and are kept when an update leaves them out', () => {
    const created = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: default}\nspec: {ports: [{port: 80}]}');
    created.spec.clusterIP = '10.96.0.20';
    created.spec.clusterIPs = ['10.96.0.20'];
    const old = stored(created);
    const replace = structuredClone(old);
    delete replace.spec.clusterIP;
    delete replace.spec.clusterIPs;
    expect((admitUpdate('Service', replace, old, ctx()) as Record<string, any>).spec.clusterIPs).toEqual(['10.96.0.20']);
    const change = structuredClone(old);
    change.spec.clusterIP = '10.96.0.99';
    expect(failure(() => admitUpdate('Service', change, old, ctx())))
      .toBe('Invalid: Service "s" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set');
  });
});

describe('Secret', () => {
  test('`kubectl create secret generic`: type Opaque; stringData folds into data', () => {
    expect(admit('Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}\ndata: {a: Yg==}')).toEqual({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, data: { a: 'Yg==' }, type: 'Opaque',
    });
    const folded = admit('Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}\ndata: {a: Yg==, b: Yw==}\nstringData: {b: hello, c: world}');
    expect(folded.data).toEqual({ a: 'Yg==', b: 'aGVsbG8=', c: 'd29ybGQ=' });
    expect(folded.stringData).toBeUndefined();
  });

  test.each([
    ['a key with a space', 'metadata: {name: s, namespace: default}\ndata: {"bad key": Yg==}',
      "Invalid: Secret \"s\" is invalid: data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"],
    ['data that is not base64', 'metadata: {name: s, namespace: default}\ndata: {a: "abc!"}',
      'BadRequest: Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3'],
    ['base64 without padding', 'metadata: {name: s, namespace: default}\ndata: {a: "YWJjZA"}',
      'BadRequest: Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4'],
    ['a TLS secret without its keys', 'metadata: {name: t, namespace: default}\ntype: kubernetes.io/tls\ndata: {}',
      'Invalid: Secret "t" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]'],
  ])('%s', (_name, body, want) => {
    expect(reject('Secret', `apiVersion: v1\nkind: Secret\n${body}`)).toBe(want);
  });

  test('type is immutable, and so is data once immutable is set', () => {
    const old = stored(admit('Secret', 'apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: default}\nimmutable: true\ndata: {a: Yg==}'));
    const next = structuredClone(old);
    next.type = 'kubernetes.io/basic-auth';
    next.data = { username: 'Yg==' };
    expect(failure(() => admitUpdate('Secret', next, old, ctx()))).toBe(
      'Invalid: Secret "s" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data: Forbidden: field is immutable when `immutable` is set]');
  });
});

describe('ConfigMap, ServiceAccount, Node, Event', () => {
  test('a ConfigMap is stored as given; keys are validated', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}';
    expect(admit('ConfigMap', cm)).toEqual(manifest(cm));
    expect(reject('ConfigMap', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: default}\ndata: {a: b}\nbinaryData: {a: Yg==}'))
      .toBe('Invalid: ConfigMap "c" is invalid: data[a]: Invalid value: "a": duplicate of key present in binaryData');
  });

  test('a ServiceAccount is stored as given', () => {
    const sa = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: build-robot, namespace: default}';
    expect(admit('ServiceAccount', sa)).toEqual(manifest(sa));
  });

  test('a Node: spec and the always-serialized status structs; allocatable from capacity', () => {
    expect(admit('Node', 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {capacity: {cpu: 4, memory: 8192Mi}}')).toEqual({
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' },
      spec: {},
      status: {
        capacity: { cpu: '4', memory: '8Gi' }, allocatable: { cpu: '4', memory: '8Gi' },
        daemonEndpoints: { kubeletEndpoint: { Port: 0 } },
        nodeInfo: { architecture: '', bootID: '', containerRuntimeVersion: '', kernelVersion: '', kubeProxyVersion: '',
          kubeletVersion: '', machineID: '', operatingSystem: '', osImage: '', systemUUID: '' },
      },
    });
    expect(reject('Node', 'apiVersion: v1\nkind: Node\nmetadata: {name: n1}\nspec: {taints: [{key: a, effect: NoRun}]}'))
      .toBe('Invalid: Node "n1" is invalid: metadata.taints[0].effect: Unsupported value: "NoRun": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"');
  });

  test('an Event gets the fields Go always writes', () => {
    expect(admit('Event', `
apiVersion: v1
kind: Event
metadata: {name: x.1, namespace: default}
involvedObject: {kind: Pod, name: x, namespace: default}
reason: Scheduled
message: ok
type: Normal
`)).toEqual({
      apiVersion: 'v1', kind: 'Event', metadata: { name: 'x.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' }, reason: 'Scheduled', message: 'ok', type: 'Normal',
      source: {}, firstTimestamp: null, lastTimestamp: null, eventTime: null, reportingComponent: '', reportingInstance: '',
    });
  });
});

describe('Namespace finalization', () => {
  test('a terminating namespace can have its spec finalizers removed', () => {
    const created = admitCreate('Namespace', manifest('apiVersion: v1\nkind: Namespace\nmetadata: {name: gone}'), ctx());
    const old = stored({ ...created, metadata: { ...created.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } });
    const next = structuredClone(old);
    next.spec = { finalizers: [] };
    expect((admitUpdate('Namespace', next, old, ctx()) as Record<string, any>).spec).toEqual({ finalizers: [] });
  });
});

describe('contributed plugins', () => {
  test('an allocating plugin sees the Service with its IP families and its result is validated', async () => {
    const { registerAdmissionPlugin } = await import('../../src/apiserver/admission/index.js');
    registerAdmissionPlugin({
      name: 'test-cluster-ip', phase: 'allocating', kinds: ['Service'],
      admit(op, obj) {
        const spec = (obj as Record<string, any>).spec;
        if (op === 'create' && spec.ipFamilies?.[0] === 'IPv4') { spec.clusterIP = '10.96.0.10'; spec.clusterIPs = ['10.96.0.10']; }
      },
    });
    const svc = admit('Service', 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: default}\nspec: {ports: [{port: 80}]}');
    expect(svc.spec.clusterIPs).toEqual(['10.96.0.10']);
    registerAdmissionPlugin({ name: 'test-cluster-ip', phase: 'allocating', kinds: ['Service'], admit() {} });
  });
});
