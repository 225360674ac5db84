// What the workload kinds reuse: template defaulting (no SetDefaults_Pod) and template validation.
import { describe, expect, test } from 'vitest';
import { setObjectDefaultsPodTemplateSpec } from '../../src/api/core/pod/defaults.js';
import { validatePodTemplateSpec } from '../../src/api/core/pod/validate.js';
import type { PodTemplateSpec } from '../../src/api/core/pod/schema.js';
import { FieldPath, errorString } from '../../src/api/field-errors.js';

describe('pod templates', () => {
  test('the template of `kubectl create deployment web --image=nginx` as a Deployment stores it', () => {
    const t: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } };
    expect(setObjectDefaultsPodTemplateSpec(t)).toEqual({
      metadata: { creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        containers: [{
          image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', resources: {},
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        }],
        dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    });
  });

  test('template errors are reported under the template path', () => {
    const t = setObjectDefaultsPodTemplateSpec({ metadata: { labels: { app: 'bad value' } }, spec: { containers: [{ name: 'c' }] } });
    expect(validatePodTemplateSpec(t, FieldPath.of('spec', 'template')).map(errorString)).toEqual([
      "spec.template.labels: Invalid value: \"bad value\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
      'spec.template.spec.containers[0].image: Required value',
    ]);
  });
});
