// A manifest in, the stored pod out: the whole object a 1.32 cluster returns after `kubectl apply`.
import { describe, expect, test } from 'vitest';
import { admitCreate } from '../../src/apiserver/admission/index.js';
import { ctx, golden, manifest } from './helpers.js';

describe('pod create', () => {
  test('a minimal redis pod gets every default, the token volume, tolerations and Pending status', () => {
    const input = manifest(`
apiVersion: v1
kind: Pod
metadata:
  name: redis
  namespace: default
spec:
  containers:
  - name: redis
    image: redis
`);
    expect(admitCreate('Pod', input, ctx())).toEqual(golden('redis-pod.yaml'));
  });

  test('ports, probes, resources, env and volumes are defaulted field by field', () => {
    const input = manifest(`
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
  labels: {app: web}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - {name: http, containerPort: 80}
    env:
    - name: POD_IP
      valueFrom: {fieldRef: {fieldPath: status.podIP}}
    resources:
      limits: {cpu: 0.5, memory: 1024Mi}
      requests: {cpu: 250m}
    livenessProbe:
      httpGet: {port: 80}
    readinessProbe:
      tcpSocket: {port: http}
      periodSeconds: 5
    volumeMounts:
    - {name: conf, mountPath: /etc/nginx/conf.d}
    - {name: cache, mountPath: /cache}
  volumes:
  - name: conf
    configMap: {name: nginx-conf}
  - name: cache
  - name: logs
    hostPath: {path: /var/log}
  - name: certs
    secret: {secretName: web-tls}
`);
    expect(admitCreate('Pod', input, ctx())).toEqual(golden('nginx-pod.yaml'));
  });

  test("`kubectl run --dry-run=client -o yaml` output is accepted as it is", () => {
    // Recorded from kubectl 1.32: `kubectl run x --image=nginx --dry-run=client -o yaml`.
    const input = manifest(`
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: x
  name: x
spec:
  containers:
  - image: nginx
    name: x
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
    input.metadata.namespace = 'default';
    const out = admitCreate('Pod', input, ctx()) as Record<string, any>;
    expect(out.metadata).toEqual({ labels: { run: 'x' }, name: 'x', namespace: 'default' });
    expect(out.spec.containers[0]).toMatchObject({ image: 'nginx', imagePullPolicy: 'Always', resources: {} });
    expect(out.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  test('QoS class follows requests and limits', () => {
    const qos = (resources: object) => (admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: q, namespace: default}
spec:
  containers: [{name: c, image: busybox, resources: ${JSON.stringify(resources)}}]
`), ctx()) as Record<string, any>).status.qosClass;
    expect(qos({})).toBe('BestEffort');
    expect(qos({ requests: { cpu: '100m' } })).toBe('Burstable');
    expect(qos({ limits: { cpu: '1', memory: '1Gi' } })).toBe('Guaranteed');
    expect(qos({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } })).toBe('Burstable');
  });

  test('image pull policy: Always for latest or no tag, IfNotPresent otherwise', () => {
    const policy = (image: string) => (admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec: {containers: [{name: c, image: "${image}"}]}
`), ctx()) as Record<string, any>).spec.containers[0].imagePullPolicy;
    expect(policy('nginx')).toBe('Always');
    expect(policy('nginx:latest')).toBe('Always');
    expect(policy('nginx:1.27')).toBe('IfNotPresent');
    expect(policy('registry.k8s.io/pause:3.10')).toBe('IfNotPresent');
    expect(policy('localhost:5000/app')).toBe('Always');
    expect(policy('nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef')).toBe('IfNotPresent');
  });

  test('quantities are stored in canonical form, rounded up to milli', () => {
    const out = admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  containers:
  - name: c
    image: busybox
    resources:
      requests: {cpu: 0.0001, memory: 1000M, ephemeral-storage: 10000}
      limits: {memory: 1.5Gi}
`), ctx()) as Record<string, any>;
    expect(out.spec.containers[0].resources).toEqual({
      requests: { cpu: '1m', memory: '1G', 'ephemeral-storage': '10k' },
      limits: { memory: '1536Mi' },
    });
  });

  test('a named service account and automountServiceAccountToken: false', () => {
    const out = admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  serviceAccount: builder
  automountServiceAccountToken: false
  containers: [{name: c, image: busybox}]
`), ctx()) as Record<string, any>;
    expect(out.spec.serviceAccountName).toBe('builder');
    expect(out.spec.serviceAccount).toBe('builder');
    expect(out.spec.volumes).toBeUndefined();
    expect(out.spec.containers[0].volumeMounts).toBeUndefined();
  });

  test('hostNetwork copies container ports to host ports', () => {
    const out = admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  hostNetwork: true
  containers: [{name: c, image: busybox, ports: [{containerPort: 8080}]}]
`), ctx()) as Record<string, any>;
    expect(out.spec.containers[0].ports).toEqual([{ containerPort: 8080, hostPort: 8080, protocol: 'TCP' }]);
  });

  test('scheduling gates add the SchedulingGated condition', () => {
    const out = admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: p, namespace: default}
spec:
  schedulingGates: [{name: example.com/foo}]
  containers: [{name: c, image: busybox}]
`), ctx()) as Record<string, any>;
    expect(out.status.conditions).toEqual([{
      lastProbeTime: null, message: 'Scheduling is blocked due to non-empty scheduling gates',
      reason: 'SchedulingGated', status: 'False', type: 'PodScheduled',
    }]);
  });

  test('a pod name with dots is allowed, with the hostname warning', () => {
    const c = ctx();
    admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: my.pod, namespace: default}
spec: {containers: [{name: c, image: busybox}]}
`), c);
    expect(c.warnings).toEqual([
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
    ]);
  });
});

describe('pod create warnings', () => {
  test('deprecated node labels, duplicated env and ports, fractional bytes', () => {
    const c = ctx();
    admitCreate('Pod', manifest(`
apiVersion: v1
kind: Pod
metadata: {name: w, namespace: default}
spec:
  nodeSelector: {beta.kubernetes.io/os: linux}
  containers:
  - name: c
    image: busybox
    env: [{name: A, value: "1"}, {name: A, value: "2"}]
    ports: [{containerPort: 80}, {containerPort: 80}]
    resources: {requests: {memory: 0.5}}
`), c);
    expect(c.warnings).toEqual([
      'spec.nodeSelector[beta.kubernetes.io/os]: deprecated since v1.14; use "kubernetes.io/os" instead',
      'spec.containers[0].resources.requests[memory]: fractional byte value "500m" is invalid, must be an integer',
      'spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
      'spec.containers[0].ports[1]: duplicate port definition with spec.containers[0].ports[0]',
    ]);
  });
});
