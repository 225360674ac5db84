// The pod-template-hash: controller.ComputeHash over go-spew's rendering of the template.
import { describe, expect, test } from 'vitest';
import {
  computeHash, fnv32a, parseGoQuantity, safeEncodeString, spewTemplate,
} from '../../../src/controllers/deployment/hash.js';
import { goNamedTypes, goStructs } from '../../../src/controllers/deployment/go-types.js';
import { Cluster, createDeployment } from './harness.js';

describe('a real 1.32 cluster names the same template the same way', () => {
  // `kubectl create deployment nginx --image=nginx` on a 1.32 cluster creates ReplicaSet
  // nginx-5869d7778c (kubectl describe of such a deployment: "Scaled up replica set
  // nginx-5869d7778c from 0 to 1"). The template as the API server stores it:
  const stored = {
    metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
    spec: {
      containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
    },
  };

  // The method does not depend on the release, only the type table does: rendering this template
  // over the struct tables of k8s.io/api from earlier releases gives the names those releases are
  // known for: nginx-6799fc88d8 (1.20-1.22), -85b98978db (1.23-1.24), -76d6c9b8c (1.25),
  // -748c667d99 (1.26), -77b4fdf86c (1.27), -7854ff8877 (1.28-1.29), -bf5d5cf98 (1.30),
  // -676b6c5bbc (1.31); and the documentation's nginx-deployment (nginx:1.14.2, containerPort 80)
  // -66b6c48dd5 (1.20-1.22) and -86dcfdf4c6 (1.28-1.29).
  test('ComputeHash of the stored template', () => {
    expect(computeHash(stored, undefined)).toBe('5869d7778c');
  });

  test('the documentation example, nginx:1.14.2 then 1.16.1 with containerPort 80', () => {
    const docs = (image: string) => ({
      metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
      spec: {
        ...stored.spec,
        containers: [{ ...stored.spec.containers[0], image, imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }] }],
      },
    });
    expect([computeHash(docs('nginx:1.14.2')), computeHash(docs('nginx:1.16.1'))]).toEqual(['647677fc66', '8d94c585f']);
  });

  test('the controller creates nginx-5869d7778c for the deployment kubectl sends', () => {
    const c = new Cluster();
    c.api.create('deployments.apps', createDeployment('nginx', 'nginx'));
    c.settle();
    expect(c.replicaSets().map((r) => r.metadata.name)).toEqual(['nginx-5869d7778c']);
    expect(c.deploymentEvents()).toEqual(['Scaled up replica set nginx-5869d7778c from 0 to 1']);
  });

  test('the collision count is hashed after the template, as four little-endian bytes and four zeros', () => {
    const h0 = computeHash(stored, 0);
    expect(h0).not.toBe('5869d7778c');
    expect(computeHash(stored, 1)).not.toBe(h0);
    const base = fnv32a(Buffer.from(spewTemplate(stored)));
    expect(h0).toBe(safeEncodeString(String(fnv32a(new Uint8Array(8), base))));
  });
});

describe('the pieces', () => {
  test('FNV-32a vectors', () => {
    expect(fnv32a(new Uint8Array())).toBe(0x811c9dc5);
    expect(fnv32a(Buffer.from('a'))).toBe(0xe40c292c);
    expect(fnv32a(Buffer.from('foobar'))).toBe(0xbf9cf968);
  });

  test('SafeEncodeString: the decimal sum spelled in the name alphabet', () => {
    // An older cluster showed both forms: label pod-template-hash=3130754918 on the pods of
    // ReplicaSet saythx-redis-7574c98f5d.
    expect(safeEncodeString('3130754918')).toBe('7574c98f5d');
    expect(safeEncodeString('663450821')).toBe('bb7894d65');
  });

  test('the spew rendering of a template: types in parentheses, nil for what is unset', () => {
    const out = spewTemplate({ metadata: { labels: { b: '2', a: '1' } }, spec: { containers: [] } });
    expect(out.startsWith('(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) Namespace:(string) SelfLink:(string) UID:(types.UID) ResourceVersion:(string) Generation:(int64)0 CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}} DeletionTimestamp:(*v1.Time)<nil> DeletionGracePeriodSeconds:(*int64)<nil> Labels:(map[string]string)map[a:1 b:2] Annotations:(map[string]string)<nil>')).toBe(true);
    expect(out).toContain(' Spec:(v1.PodSpec){Volumes:([]v1.Volume)<nil> InitContainers:([]v1.Container)<nil> Containers:([]v1.Container)<nil> ');
    expect(out.endsWith(' ResourceClaims:([]v1.PodResourceClaim)<nil> Resources:(*v1.ResourceRequirements)<nil>}}')).toBe(true);
  });

  test('pointers, embedded structs, int-or-string and quantities', () => {
    const out = spewTemplate({
      spec: {
        containers: [{
          name: 'c', image: 'i', ports: [{ containerPort: 80, protocol: 'TCP' }],
          resources: { limits: { memory: '128Mi', cpu: '500m' } },
          readinessProbe: { httpGet: { path: '/', port: 'http', scheme: 'HTTP' }, periodSeconds: 10 },
        }],
        terminationGracePeriodSeconds: 30,
      },
    });
    expect(out).toContain('Ports:([]v1.ContainerPort)[{Name:(string) HostPort:(int32)0 ContainerPort:(int32)80 Protocol:(v1.Protocol)TCP HostIP:(string)}]');
    expect(out).toContain('Limits:(v1.ResourceList)map[cpu:{i:(resource.int64Amount){value:(int64)500 scale:(resource.Scale)-3} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)500m Format:(resource.Format)DecimalSI} memory:{i:(resource.int64Amount){value:(int64)134217728 scale:(resource.Scale)0} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string) Format:(resource.Format)BinarySI}]');
    expect(out).toContain('ReadinessProbe:(*v1.Probe){ProbeHandler:(v1.ProbeHandler){Exec:(*v1.ExecAction)<nil> HTTPGet:(*v1.HTTPGetAction){Path:(string)/ Port:(intstr.IntOrString){Type:(intstr.Type)1 IntVal:(int32)0 StrVal:(string)http} Host:(string) Scheme:(v1.URIScheme)HTTP HTTPHeaders:([]v1.HTTPHeader)<nil>}');
    expect(out).toContain('TerminationGracePeriodSeconds:(*int64)30');
  });

  test('serviceAccount is the alias of serviceAccountName the API server writes back', () => {
    expect(spewTemplate({ spec: { serviceAccount: 'robot' } })).toBe(spewTemplate({ spec: { serviceAccountName: 'robot' } }));
    expect(spewTemplate({ spec: { serviceAccountName: 'robot' } })).toContain('ServiceAccountName:(string)robot DeprecatedServiceAccount:(string)robot ');
  });

  test.each([
    ['0', { i: { value: 0n, scale: 0 }, s: '0', format: 'DecimalSI' }],
    ['100m', { i: { value: 100n, scale: -3 }, s: '100m', format: 'DecimalSI' }],
    ['1500m', { i: { value: 1500n, scale: -3 }, s: '1500m', format: 'DecimalSI' }],
    ['2', { i: { value: 2n, scale: 0 }, s: '2', format: 'DecimalSI' }],
    ['1k', { i: { value: 1n, scale: 3 }, s: '1k', format: 'DecimalSI' }],
    ['1Gi', { i: { value: 1073741824n, scale: 0 }, s: '1Gi', format: 'BinarySI' }],
    // 128 is a multiple of 8: upstream does not cache the string.
    ['128Mi', { i: { value: 134217728n, scale: 0 }, s: '', format: 'BinarySI' }],
    ['100Mi', { i: { value: 104857600n, scale: 0 }, s: '100Mi', format: 'BinarySI' }],
    ['1e3', { i: { value: 1n, scale: 3 }, s: '1e3', format: 'DecimalExponent' }],
  ])('ParseQuantity(%s)', (s, want) => {
    expect(parseGoQuantity(s)).toEqual(want);
  });

  test('every type the table names is defined', () => {
    const basic = new Set(['string', 'bool', 'int32', 'int64', 'uint8', 'resource.Quantity', 'intstr.IntOrString', 'v1.Time']);
    const check = (t: string): boolean => {
      if (t.startsWith('*')) return check(t.slice(1));
      if (t.startsWith('[]')) return check(t.slice(2));
      const m = /^map\[([^\]]+)\](.+)$/.exec(t);
      if (m) return check(m[1]) && check(m[2]);
      return basic.has(t) || t in goStructs || t in goNamedTypes;
    };
    const missing = Object.values(goStructs).flatMap((fields) => fields.map(([, , t]) => t)).filter((t) => !check(t));
    expect(missing).toEqual([]);
  });
});
