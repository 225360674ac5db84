// Pod validation messages as kube-apiserver 1.32 words them (pkg/apis/core/validation).
import { describe, expect, test } from 'vitest';
import { admitCreate, admitUpdate } from '../../src/apiserver/admission/index.js';
import type { KubeObject } from '../../src/api/object.js';
import { container, ctx, failure, pod } from './helpers.js';

const create = (p: KubeObject) => failure(() => admitCreate('Pod', p, ctx()));

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('pod create validation', () => {
  test.each<[string, KubeObject, string]>([
    ['a container without image', pod({ containers: [{ name: 'c' }] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].image: Required value'],
    ['no containers', pod({ containers: [] }),
      'Invalid: Pod "x" is invalid: spec.containers: Required value'],
    ['an upper-case pod name', pod({ containers: [container()] }, { name: 'Foo' }),
      `Invalid: Pod "Foo" is invalid: metadata.name: Invalid value: "Foo": ${SUBDOMAIN_MSG}`],
    ['an invalid container name', pod({ containers: [container({ name: 'My_C' })] }),
      `Invalid: Pod "x" is invalid: spec.containers[0].name: Invalid value: "My_C": ${LABEL_MSG}`],
    ['two containers with one name', pod({ containers: [container(), container()] }),
      'Invalid: Pod "x" is invalid: spec.containers[1].name: Duplicate value: "c"'],
    ['an unknown restart policy', pod({ restartPolicy: 'Sometimes', containers: [container()] }),
      'Invalid: Pod "x" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ['a mount of a volume that does not exist', pod({ containers: [container({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ['a port out of range', pod({ containers: [container({ ports: [{ containerPort: 70000 }] })] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['requests above limits', pod({ containers: [container({ resources: { limits: { cpu: '1' }, requests: { cpu: '2' } } })] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ['an env var starting with a digit', pod({ containers: [container({ env: [{ name: '1A', value: 'x' }] })] }),
      "Invalid: Pod \"x\" is invalid: spec.containers[0].env[0].name: Invalid value: \"1A\": a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"],
    ['a liveness probe with successThreshold 2', pod({ containers: [container({ livenessProbe: { exec: { command: ['true'] }, successThreshold: 2 } })] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ['a probe without a handler', pod({ containers: [container({ readinessProbe: { periodSeconds: 5 } })] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].readinessProbe: Required value: must specify a handler type'],
    ['an unknown image pull policy', pod({ containers: [container({ imagePullPolicy: 'Sometimes' })] }),
      'Invalid: Pod "x" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ['a label value with a space', pod({ containers: [container()] }, { labels: { app: 'bad value' } }),
      "Invalid: Pod \"x\" is invalid: metadata.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"],
    ['an Exists toleration with a value', pod({ containers: [container()], tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }] }),
      'Invalid: Pod "x" is invalid: spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\''],
    ['tolerationSeconds without NoExecute', pod({ containers: [container()], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }] }),
      "Invalid: Pod \"x\" is invalid: spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"],
    ['a hostPort clash', pod({ containers: [container({ ports: [{ containerPort: 80, hostPort: 8080 }] }), container({ name: 'd', ports: [{ containerPort: 81, hostPort: 8080 }] })] }),
      'Invalid: Pod "x" is invalid: spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"'],
    ['a volume with two sources', pod({ containers: [container()], volumes: [{ name: 'v', emptyDir: {}, secret: { secretName: 's' } }] }),
      'Invalid: Pod "x" is invalid: spec.volumes[0].secret: Forbidden: may not specify more than 1 volume type'],
    ['several problems at once', pod({ restartPolicy: 'Sometimes', containers: [{ name: 'C' }] }),
      `Invalid: Pod "x" is invalid: [spec.containers[0].name: Invalid value: "C": ${LABEL_MSG}, spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"]`],
    ['an unknown PriorityClass', pod({ containers: [container()], priorityClassName: 'high' }),
      'Forbidden: pods "x" is forbidden: no PriorityClass with name high was found'],
    ['a priority that disagrees with its class', pod({ containers: [container()], priority: 10 }),
      'Forbidden: pods "x" is forbidden: the integer value of priority (10) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name'],
    ['ephemeral containers on create', pod({ containers: [container()], ephemeralContainers: [{ name: 'debug', image: 'busybox' }] }),
      'Invalid: Pod "x" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create'],
  ])('%s', (_name, input, want) => {
    expect(create(input)).toBe(want);
  });

  test('system priority classes resolve without being stored', () => {
    const out = admitCreate('Pod', pod({ containers: [container()], priorityClassName: 'system-node-critical' }), ctx()) as Record<string, any>;
    expect(out.spec.priority).toBe(2000001000);
    expect(out.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  test('a missing service account is forbidden when the server can look it up', () => {
    const c = ctx({ get: () => undefined });
    expect(failure(() => admitCreate('Pod', pod({ containers: [container()], serviceAccountName: 'robot' }), c)))
      .toBe('Forbidden: pods "x" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found');
  });

  test('a generated name shows as its prefix in admission errors', () => {
    const p = pod({ containers: [container()], priorityClassName: 'high' }, { name: 'web-7d4b9c8f5d-abcde', generateName: 'web-7d4b9c8f5d-' });
    expect(create(p)).toBe('Forbidden: pods "web-7d4b9c8f5d-" is forbidden: no PriorityClass with name high was found');
  });

  test("a service account's imagePullSecrets are copied and automount can be turned off", () => {
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' },
      imagePullSecrets: [{ name: 'regcred' }], automountServiceAccountToken: false } as KubeObject;
    const out = admitCreate('Pod', pod({ containers: [container()] }), ctx({ get: (r) => (r === 'serviceaccounts' ? sa : undefined) })) as Record<string, any>;
    expect(out.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(out.spec.volumes).toBeUndefined();
  });
});

describe('pod update validation', () => {
  const stored = () => admitCreate('Pod', pod({ containers: [container()] }), ctx()) as KubeObject & Record<string, any>;
  const withRV = (o: KubeObject) =>
    ({ ...o, metadata: { ...o.metadata, resourceVersion: '1', uid: 'u1', creationTimestamp: '2025-01-01T00:00:00Z' } }) as KubeObject & Record<string, any>;

  test('the image may change', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.spec.containers[0].image = 'busybox:1.36';
    const out = admitUpdate('Pod', next, old, ctx()) as Record<string, any>;
    expect(out.spec.containers[0].image).toBe('busybox:1.36');
    expect(out.spec.containers[0].imagePullPolicy).toBe('Always');
  });

  test('other spec fields may not', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.spec.restartPolicy = 'Never';
    const msg = failure(() => admitUpdate('Pod', next, old, ctx()));
    expect(msg.split('\n')[0]).toBe('Invalid: Pod "x" is invalid: spec: Forbidden: pod updates may not change fields other than '
      + '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),'
      + '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)');
    expect(msg).toContain('- \tRestartPolicy: "Always",\n+ \tRestartPolicy: "Never",');
  });

  test('adding or removing a container', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.spec.containers.push(container({ name: 'd' }));
    expect(failure(() => admitUpdate('Pod', next, old, ctx())))
      .toBe('Invalid: Pod "x" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers');
  });

  test('activeDeadlineSeconds may only go down', () => {
    const old = withRV(stored());
    old.spec.activeDeadlineSeconds = 30;
    const next = structuredClone(old);
    next.spec.activeDeadlineSeconds = 60;
    expect(failure(() => admitUpdate('Pod', next, old, ctx())))
      .toBe('Invalid: Pod "x" is invalid: spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value');
  });

  test('tolerations may be added but not changed', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.spec.tolerations.push({ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' });
    expect(failure(() => admitUpdate('Pod', next, old, ctx()))).toBe('no error');
    const added = admitUpdate('Pod', next, old, ctx()) as KubeObject & Record<string, any>;
    next.spec.tolerations = structuredClone(added.spec.tolerations);
    next.spec.tolerations[2].effect = 'NoExecute';
    Object.assign(old, structuredClone(added));
    expect(failure(() => admitUpdate('Pod', next, old, ctx())))
      .toBe('Invalid: Pod "x" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });

  test('labels, annotations and owner references may change; status is kept', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.metadata.labels = { app: 'x' };
    next.status = { phase: 'Running' };
    const out = admitUpdate('Pod', next, old, ctx()) as Record<string, any>;
    expect(out.metadata.labels).toEqual({ app: 'x' });
    expect(out.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });

  test('binding sets nodeName once', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.spec.nodeName = 'node-1';
    expect((admitUpdate('Pod', next, old, ctx()) as Record<string, any>).spec.nodeName).toBe('node-1');
  });

  test('a uid that differs from the stored one', () => {
    const old = withRV(stored());
    const next = structuredClone(old);
    next.metadata.uid = 'other';
    expect(failure(() => admitUpdate('Pod', next, old, ctx())))
      .toBe('Invalid: Pod "x" is invalid: metadata.uid: Invalid value: "other": field is immutable');
  });
});

describe('absent required fields', () => {
  test('are all reported by validation, as Go decodes them to zero values', () => {
    expect(failure(() => admitCreate('Pod', pod({ containers: [{}] }), ctx())))
      .toBe('Invalid: Pod "x" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]');
    expect(failure(() => admitCreate('Pod', pod({ containers: [container({ ports: [{ name: 'http' }] })] }), ctx())))
      .toBe('Invalid: Pod "x" is invalid: spec.containers[0].ports[0].containerPort: Required value');
  });
});
