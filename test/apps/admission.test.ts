// Deployments and ReplicaSets through the API server: what `kubectl apply` stores
// (pkg/apis/apps/v1 defaults, the registry strategies) and what it is refused with
// (pkg/apis/apps/validation, release-1.32), message for message.
import { describe, expect, test } from 'vitest';
import { ApiServer } from '../../src/apiserver/server.js';
import { createAdmission } from '../../src/apiserver/admission/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { SeededRand } from '../../src/sim/rand.js';
import type { KubeObject } from '../../src/api/object.js';
import { ApiError } from '../../src/apiserver/errors.js';
import { patchObject } from '../../src/apiserver/patch/strategic.js';
import { parse } from 'yaml';

function server(): ApiServer {
  const api = new ApiServer({ store: new MemoryStore(), now: () => Date.UTC(2025, 0, 1, 12), rand: SeededRand.fromSeed('x') });
  api.configure({ admission: createAdmission({ get: (r, ns, n) => api.tryGet(r, ns, n), list: (r) => api.list(r) }), patcher: patchObject });
  api.create('namespaces', manifest('apiVersion: v1\nkind: Namespace\nmetadata: {name: default}'));
  return api;
}

const manifest = (yaml: string) => parse(yaml) as KubeObject;

/** The causes of a refused write, as kubectl lists them, or 'no error'. */
function causes(fn: () => unknown): string[] | string {
  try {
    fn();
    return 'no error';
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const c = e.status.details?.causes;
    return c?.length ? c.map((x) => `${x.field}: ${x.message}`) : `${e.status.reason}: ${e.status.message}`;
  }
}

const REDIS = `
apiVersion: apps/v1
kind: Deployment
metadata:
  labels: {app: redis}
  name: saythx-redis
spec:
  selector:
    matchLabels: {app: redis}
  replicas: 1
  template:
    metadata:
      labels: {app: redis}
    spec:
      containers:
      - image: redis:5
        name: redis
        ports:
        - containerPort: 6379
`;

function deploy(patch: (d: any) => void = () => {}): KubeObject {
  const d = manifest(REDIS);
  patch(d);
  return d;
}

const RS = `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: frontend
spec:
  replicas: 3
  selector:
    matchLabels: {tier: frontend}
  template:
    metadata:
      labels: {tier: frontend}
    spec:
      containers:
      - name: php-redis
        image: gcr.io/google_samples/gb-frontend:v3
`;

function rs(patch: (r: any) => void = () => {}): KubeObject {
  const r = manifest(RS);
  patch(r);
  return r;
}

describe('Deployment defaults and strategy', () => {
  test('the stored deployment: SetDefaults_Deployment, the template defaults, an empty status, generation 1', () => {
    const d = server().create('deployments.apps', deploy()) as any;
    expect(d.spec).toEqual({
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'redis' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'redis' } },
        spec: {
          containers: [{
            image: 'redis:5', imagePullPolicy: 'IfNotPresent', name: 'redis', ports: [{ containerPort: 6379, protocol: 'TCP' }],
            resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          }],
          dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
          terminationGracePeriodSeconds: 30,
        },
      },
    });
    expect(d.status).toEqual({});
    expect(d.metadata.generation).toBe(1);
  });

  test('replicas left out is 1; an explicit 0 stays', () => {
    const api = server();
    expect((api.create('deployments.apps', deploy((d) => { delete d.spec.replicas; })) as any).spec.replicas).toBe(1);
    expect((api.create('deployments.apps', deploy((d) => { d.metadata.name = 'zero'; d.spec.replicas = 0; })) as any).spec.replicas).toBe(0);
  });

  test('Recreate gets no rollingUpdate; a partial rollingUpdate is completed', () => {
    const api = server();
    const r = api.create('deployments.apps', deploy((d) => { d.spec.strategy = { type: 'Recreate' }; })) as any;
    expect(r.spec.strategy).toEqual({ type: 'Recreate' });
    const p = api.create('deployments.apps', deploy((d) => { d.metadata.name = 'p'; d.spec.strategy = { rollingUpdate: { maxSurge: 1 } }; })) as any;
    expect(p.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  });

  test('status in a create is dropped', () => {
    const d = server().create('deployments.apps', deploy((x) => { x.status = { replicas: 5, availableReplicas: 5 }; })) as any;
    expect(d.status).toEqual({});
  });

  test('a spec change bumps generation; a label change does not; status survives', () => {
    const api = server();
    const created = api.create('deployments.apps', deploy());
    api.updateStatus('deployments.apps', { ...created, status: { observedGeneration: 1, replicas: 1 } });
    const relabeled = api.patch('deployments.apps', 'default', 'saythx-redis', 'merge', { metadata: { labels: { x: 'y' } } }) as any;
    expect(relabeled.metadata.generation).toBe(1);
    const scaled = api.patch('deployments.apps', 'default', 'saythx-redis', 'merge', { spec: { replicas: 3 } }) as any;
    expect(scaled.metadata.generation).toBe(2);
    expect(scaled.status).toEqual({ observedGeneration: 1, replicas: 1 });
  });

  test('a name that is not a DNS label is accepted with a warning', () => {
    const api = server();
    api.create('deployments.apps', deploy((d) => { d.metadata.name = 'my.app'; }));
    expect(api.warnings).toEqual(['metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]']);
  });

  test('an unknown field is a strict decoding error', () => {
    expect(causes(() => server().create('deployments.apps', deploy((d) => { d.spec.replica = 2; }))))
      .toBe('BadRequest: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
  });
});

describe('Deployment validation', () => {
  const cases: { name: string; patch: (d: any) => void; want: string[] }[] = [
    {
      name: 'no selector: required, and a nil selector matches no template',
      patch: (d) => { delete d.spec.selector; },
      want: [
        'spec.selector: Required value',
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"redis"}: `selector` does not match template `labels`',
      ],
    },
    {
      name: 'selector that does not match the template labels',
      patch: (d) => { d.spec.selector.matchLabels = { app: 'cache' }; },
      want: ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"redis"}: `selector` does not match template `labels`'],
    },
    {
      name: 'empty selector',
      patch: (d) => { d.spec.selector = { matchLabels: {} }; },
      want: ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment'],
    },
    {
      name: 'template without labels',
      patch: (d) => { delete d.spec.template.metadata; },
      want: ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`'],
    },
    {
      name: 'negative replicas',
      patch: (d) => { d.spec.replicas = -1; },
      want: ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    },
    {
      name: 'maxSurge and maxUnavailable both 0',
      patch: (d) => { d.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }; },
      want: ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    },
    {
      name: 'maxUnavailable over 100% and a percent that is not one',
      patch: (d) => { d.spec.strategy = { rollingUpdate: { maxSurge: 'lots', maxUnavailable: '110%' } }; },
      want: [
        'spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"lots"}: a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\',  or \'93%\', regex used for validation is \'[0-9]+%\')',
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"110%"}: must not be greater than 100%',
      ],
    },
    {
      name: 'Recreate with rollingUpdate',
      patch: (d) => { d.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }; },
      want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    },
    {
      name: 'an unknown strategy type',
      patch: (d) => { d.spec.strategy = { type: 'BlueGreen' }; },
      want: ['spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"BlueGreen", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    },
    {
      name: 'a restart policy other than Always',
      patch: (d) => { d.spec.template.spec.restartPolicy = 'OnFailure'; },
      want: ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    },
    {
      name: 'progressDeadlineSeconds not above minReadySeconds',
      patch: (d) => { d.spec.minReadySeconds = 30; d.spec.progressDeadlineSeconds = 30; },
      want: ['spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds'],
    },
    {
      name: 'template errors under spec.template',
      patch: (d) => { delete d.spec.template.spec.containers[0].image; },
      want: ['spec.template.spec.containers[0].image: Required value'],
    },
  ];
  test.each(cases)('$name', ({ patch, want }) => {
    expect(causes(() => server().create('deployments.apps', deploy(patch)))).toEqual(want);
  });

  test('the 422 names Deployment.apps', () => {
    try {
      server().create('deployments.apps', deploy((d) => { d.spec.replicas = -1; }));
      expect.unreachable();
    } catch (e) {
      expect((e as ApiError).status.message).toBe('Deployment.apps "saythx-redis" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    }
  });

  test('the selector is immutable', () => {
    const api = server();
    api.create('deployments.apps', deploy());
    const changed = deploy((d) => {
      d.spec.selector.matchLabels = { app: 'redis', tier: 'cache' };
      d.spec.template.metadata.labels = { app: 'redis', tier: 'cache' };
    });
    expect(causes(() => api.update('deployments.apps', changed))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"redis", "tier":"cache"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });
});

describe('ReplicaSet', () => {
  test('stored with replicas defaulted and status replicas 0', () => {
    const r = server().create('replicasets.apps', rs((x) => { delete x.spec.replicas; })) as any;
    expect(r.spec.replicas).toBe(1);
    expect(r.status).toEqual({ replicas: 0 });
    expect(r.metadata.generation).toBe(1);
    expect(r.spec.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
  });

  test('an annotation change keeps the generation, a spec change bumps it', () => {
    const api = server();
    api.create('replicasets.apps', rs());
    expect((api.patch('replicasets.apps', 'default', 'frontend', 'merge', { metadata: { annotations: { a: 'b' } } }) as any).metadata.generation).toBe(1);
    expect((api.patch('replicasets.apps', 'default', 'frontend', 'merge', { spec: { replicas: 5 } }) as any).metadata.generation).toBe(2);
  });

  test('validation: selector, template, replicas', () => {
    expect(causes(() => server().create('replicasets.apps', rs((x) => {
      x.spec.replicas = -2;
      x.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] };
    })))).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
      'spec.template.metadata.labels: Invalid value: map[string]string{"tier":"frontend"}: `selector` does not match template `labels`',
    ]);
  });

  test('the selector is immutable', () => {
    const api = server();
    api.create('replicasets.apps', rs());
    expect(causes(() => api.update('replicasets.apps', rs((x) => {
      x.spec.selector = { matchLabels: { tier: 'frontend' }, matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] };
    })))).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"tier":"frontend"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"env", Operator:"NotIn", Values:[]string{"dev"}}}}: field is immutable',
    ]);
  });
});
