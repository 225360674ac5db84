// PersistentVolume, PersistentVolumeClaim and StorageClass through the API server: defaulting
// (pkg/apis/core/v1 and storage/v1 defaults.go), the registry strategies, validation
// (pkg/apis/core/validation, pkg/apis/storage/validation) and the storage admission plugins,
// release-1.32; and their printers (printers.go).
import { describe, expect, test } from 'vitest';
import { NOW, failure, manifest, server } from '../policy/helpers.js';
import { printPersistentVolume } from '../../src/api/core/persistentvolume/table.js';
import { printPersistentVolumeClaim } from '../../src/api/core/persistentvolumeclaim/table.js';
import { printStorageClass } from '../../src/api/storage/storageclass/table.js';
import type { PersistentVolume } from '../../src/api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../src/api/core/persistentvolumeclaim/schema.js';
import type { StorageClass } from '../../src/api/storage/storageclass/schema.js';
import { resolveResource } from '../../src/api/registry.js';
import type { KubeObject } from '../../src/api/object.js';

const PV = 'persistentvolumes';
const PVC = 'persistentvolumeclaims';
const SC = 'storageclasses.storage.k8s.io';
const pv = (spec: string, name = 'pv1') => manifest(`apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\nspec: ${spec}`);
const pvc = (spec: string, name = 'c', meta = '') => manifest(`apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}${meta}}\nspec: ${spec}`);
const sc = (body: string, name = 'fast') => manifest(`apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: ${name}}\n${body}`);
const HOSTPATH_PV = '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}';
const CLAIM = '{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}';

describe('short names and scope', () => {
  test.each([['pv', 'PersistentVolume', false], ['pvc', 'PersistentVolumeClaim', true], ['sc', 'StorageClass', false]])('%s', (short, kind, namespaced) => {
    const k = resolveResource(short);
    expect([k?.kind, k?.namespaced]).toEqual([kind, namespaced]);
  });
});

describe('PersistentVolume admission', () => {
  test('a static volume is Pending with its transition time, Retain, Filesystem and the pv-protection finalizer', () => {
    const stored = server().create(PV, pv(HOSTPATH_PV)) as unknown as PersistentVolume;
    expect(stored.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(stored.spec).toEqual({ capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' },
      persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(stored.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2025-01-01T12:00:00Z' });
  });

  test.each([
    ['no access modes, capacity or source', '{}',
      'PersistentVolume "pv1" is invalid: [spec.accessModes: Required value, spec.capacity: Required value, '
      + 'spec.capacity: Unsupported value: core.ResourceList(nil): supported values: "storage", spec: Required value: must specify a volume type]'],
    ['an unknown access mode', '{capacity: {storage: 1Gi}, accessModes: [ReadWriteSometimes], hostPath: {path: /d}}',
      'PersistentVolume "pv1" is invalid: spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ['ReadWriteOncePod with another mode', '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOncePod, ReadWriteOnce], hostPath: {path: /d}}',
      'PersistentVolume "pv1" is invalid: spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes'],
    ['a zero capacity', '{capacity: {storage: "0"}, accessModes: [ReadWriteOnce], hostPath: {path: /d}}',
      'PersistentVolume "pv1" is invalid: spec.capacity[storage]: Invalid value: "0": must be greater than zero'],
    ['two volume sources', '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /d}, nfs: {server: s, path: /e}}',
      'PersistentVolume "pv1" is invalid: spec.nfs: Forbidden: may not specify more than 1 volume type'],
    ['a local volume without node affinity', '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], local: {path: /mnt/disk}}',
      'PersistentVolume "pv1" is invalid: spec.nodeAffinity: Required value: Local volume requires node affinity'],
    ['an unknown reclaim policy', '{capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /d}, persistentVolumeReclaimPolicy: Keep}',
      'PersistentVolume "pv1" is invalid: spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"'],
  ])('refuses %s', (_name, spec, want) => {
    expect(failure(() => server().create(PV, pv(spec)))).toBe(`Invalid: ${want}`);
  });

  test('the volume source cannot change', () => {
    const api = server();
    const stored = api.create(PV, pv(HOSTPATH_PV)) as unknown as PersistentVolume;
    const changed = { ...stored, spec: { ...stored.spec, hostPath: { path: '/other' } } };
    expect(failure(() => api.update(PV, changed))).toMatch(/^Invalid: PersistentVolume "pv1" is invalid: spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/);
  });
});

describe('PersistentVolumeClaim admission', () => {
  test('a claim is Pending, Filesystem, protected, and gets the default class', () => {
    const api = server();
    api.create(SC, sc('provisioner: rancher.io/local-path\nvolumeBindingMode: WaitForFirstConsumer', 'standard'));
    api.create(SC, manifest('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: standard-default, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}\nprovisioner: rancher.io/local-path'));
    const stored = api.create(PVC, pvc(CLAIM)) as unknown as PersistentVolumeClaim;
    expect(stored.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    expect(stored.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } },
      storageClassName: 'standard-default', volumeMode: 'Filesystem' });
    expect(stored.status).toEqual({ phase: 'Pending' });
  });

  test('an explicit empty class stays empty: the claim wants a volume without class', () => {
    const api = server();
    api.create(SC, manifest('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: d, annotations: {storageclass.kubernetes.io/is-default-class: "true"}}\nprovisioner: x.io/y'));
    const stored = api.create(PVC, pvc('{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: ""}')) as unknown as PersistentVolumeClaim;
    expect(stored.spec?.storageClassName).toBe('');
  });

  test('without a default class the claim keeps no class', () => {
    const stored = server().create(PVC, pvc(CLAIM)) as unknown as PersistentVolumeClaim;
    expect(stored.spec?.storageClassName).toBeUndefined();
  });

  test.each([
    ['an empty spec', '{}',
      '[spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]'],
    ['a negative request', '{accessModes: [ReadWriteOnce], resources: {requests: {storage: "-1Gi"}}}',
      'spec.resources[storage]: Invalid value: "-1Gi": must be greater than zero'],
    ['a bad class name', '{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, storageClassName: Fast_SSD}',
      'spec.storageClassName: Invalid value: "Fast_SSD": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')'],
    ['an unknown volume mode', '{accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}, volumeMode: Raw}',
      'spec.volumeMode: Unsupported value: "Raw": supported values: "Block", "Filesystem"'],
  ])('refuses %s', (_name, spec, want) => {
    expect(failure(() => server().create(PVC, pvc(spec)))).toBe(`Invalid: PersistentVolumeClaim "c" is invalid: ${want}`);
  });

  test('the spec is immutable except the one-time volumeName', () => {
    const api = server();
    const stored = api.create(PVC, pvc(CLAIM)) as unknown as PersistentVolumeClaim;
    const named = api.update(PVC, { ...stored, spec: { ...stored.spec, volumeName: 'pv1' } }) as unknown as PersistentVolumeClaim;
    expect(named.spec?.volumeName).toBe('pv1');
    expect(failure(() => api.update(PVC, { ...named, spec: { ...named.spec, accessModes: ['ReadWriteMany'] } })))
      .toBe('Invalid: PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n'
        + '  core.PersistentVolumeClaimSpec{\n- \tAccessModes: {"ReadWriteOnce"},\n+ \tAccessModes: {"ReadWriteMany"},\n  \t... // 8 identical fields\n  }\n');
  });

  test('growing a claim: unbound, the spec is immutable; bound, the class must allow expansion', () => {
    const api = server();
    const stored = api.create(PVC, pvc(CLAIM)) as unknown as PersistentVolumeClaim;
    const grown = (c: PersistentVolumeClaim) => ({ ...c, spec: { ...c.spec, resources: { requests: { storage: '2Gi' } } } });
    expect(failure(() => api.update(PVC, grown(stored)))).toMatch(/^Invalid: PersistentVolumeClaim "c" is invalid: spec: Forbidden: spec is immutable after creation/);
    const bound = api.updateStatus(PVC, { ...stored, status: { phase: 'Bound' } }) as unknown as PersistentVolumeClaim;
    expect(failure(() => api.update(PVC, grown(bound))))
      .toBe('Forbidden: persistentvolumeclaims "c" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  });
});

describe('StorageClass admission', () => {
  test('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const stored = server().create(SC, sc('provisioner: example.com/ssd')) as unknown as StorageClass;
    expect([stored.reclaimPolicy, stored.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
  });

  test.each([
    ['no provisioner', 'parameters: {}', 'provisioner: Required value'],
    ['Recycle', 'provisioner: a.io/b\nreclaimPolicy: Recycle', 'reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    ['an unknown binding mode', 'provisioner: a.io/b\nvolumeBindingMode: Later',
      'volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"'],
  ])('refuses %s', (_name, body, want) => {
    expect(failure(() => server().create(SC, sc(body)))).toBe(`Invalid: StorageClass.storage.k8s.io "fast" is invalid: ${want}`);
  });

  test('provisioner and parameters cannot change', () => {
    const api = server();
    const stored = api.create(SC, sc('provisioner: a.io/b\nparameters: {type: ssd}')) as unknown as StorageClass;
    expect(failure(() => api.update(SC, { ...stored, provisioner: 'c.io/d', parameters: { type: 'hdd' } })))
      .toBe('Invalid: StorageClass.storage.k8s.io "fast" is invalid: [parameters: Forbidden: updates to parameters are forbidden., provisioner: Forbidden: updates to provisioner are forbidden.]');
  });
});

describe('printers', () => {
  const opts = { now: NOW, wide: true };
  const created = new Date(NOW - 3_600_000).toISOString();
  test('printPersistentVolume', () => {
    const obj = { apiVersion: 'v1', kind: 'PersistentVolume' as const, metadata: { name: 'pv1', creationTimestamp: created },
      spec: { capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain',
        claimRef: { namespace: 'ns', name: 'c' }, storageClassName: 'slow', volumeMode: 'Filesystem' },
      status: { phase: 'Bound' } };
    expect(printPersistentVolume(obj, opts)[0].cells).toEqual(['pv1', '1Gi', 'RWO,RWX', 'Retain', 'Bound', 'ns/c', 'slow', '<unset>', '', '60m', 'Filesystem']);
  });
  test('printPersistentVolumeClaim shows capacity and modes only once bound', () => {
    const base = { apiVersion: 'v1', kind: 'PersistentVolumeClaim' as const, metadata: { name: 'c', namespace: 'ns', creationTimestamp: created } };
    expect(printPersistentVolumeClaim({ ...base, spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Pending' } }, opts)[0].cells).toEqual(['c', 'Pending', '', '', '', 'standard', '<unset>', '60m', '<unset>']);
    expect(printPersistentVolumeClaim({ ...base, metadata: { ...base.metadata, deletionTimestamp: created },
      spec: { volumeName: 'pv1', volumeMode: 'Block' }, status: { phase: 'Bound', capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOncePod'] } },
    opts)[0].cells).toEqual(['c', 'Terminating', 'pv1', '2Gi', 'RWOP', '', '<unset>', '60m', 'Block']);
  });
  test('printStorageClass marks the default class', () => {
    const obj = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass' as const,
      metadata: { name: 'standard', creationTimestamp: created, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer' };
    expect(printStorageClass(obj, opts)[0].cells).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '60m']);
  });
});

describe('ResourceQuota on claims (the persistentVolumeClaimEvaluator)', () => {
  test('claims count their storage, also per storage class', () => {
    const api = server();
    const hard = { 'requests.storage': '3Gi', persistentvolumeclaims: '5', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi' };
    const quota = api.create('resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard } } as KubeObject);
    // What the quota controller writes before any claim exists.
    api.updateStatus('resourcequotas', { ...quota, status: { hard, used: { 'requests.storage': '0', persistentvolumeclaims: '0', 'gold.storageclass.storage.k8s.io/requests.storage': '0' } } });
    api.create(PVC, pvc(CLAIM, 'a'));
    expect(failure(() => api.create(PVC, pvc('{accessModes: [ReadWriteOnce], resources: {requests: {storage: 2Gi}}, storageClassName: gold}', 'b'))))
      .toBe('Forbidden: persistentvolumeclaims "b" is forbidden: exceeded quota: q, requested: gold.storageclass.storage.k8s.io/requests.storage=2Gi, '
        + 'used: gold.storageclass.storage.k8s.io/requests.storage=0, limited: gold.storageclass.storage.k8s.io/requests.storage=1Gi');
    expect(failure(() => api.create(PVC, pvc('{accessModes: [ReadWriteOnce], resources: {requests: {storage: 3Gi}}}', 'c'))))
      .toBe('Forbidden: persistentvolumeclaims "c" is forbidden: exceeded quota: q, requested: requests.storage=3Gi, used: requests.storage=1Gi, limited: requests.storage=3Gi');
  });
});
