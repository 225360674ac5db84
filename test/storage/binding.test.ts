// The persistentvolume-controller, kind's local-path provisioner and the scheduler's
// VolumeBinding plugin on an in-process cluster (manual clock): static binding picks the
// smallest volume that fits, reclaim policies, WaitForFirstConsumer provisioning on the node the
// scheduler picked, and the FailedScheduling words of pkg/scheduler/framework/plugins/volumebinding.
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../src/api/object.js';
import type { PersistentVolume } from '../../src/api/core/persistentvolume/schema.js';
import type { PersistentVolumeClaim } from '../../src/api/core/persistentvolumeclaim/schema.js';
import type { Pod } from '../../src/api/core/pod/schema.js';
import { enableWrites, settle, type ClusterHandle } from '../../src/cluster/runtime.js';
import { advance, memoryCluster } from '../sim/harness.js';

const PV = 'persistentvolumes';
const PVC = 'persistentvolumeclaims';

async function apply(h: ClusterHandle, resource: string, yaml: string): Promise<void> {
  h.api.create(resource, parse(yaml) as KubeObject);
  await settle(h);
}

const pv = (h: ClusterHandle, name: string) => h.api.tryGet<KubeObject>(PV, undefined, name) as unknown as PersistentVolume | undefined;
const claim = (h: ClusterHandle, name: string) => h.api.get<KubeObject>(PVC, 'default', name) as unknown as PersistentVolumeClaim;
const pod = (h: ClusterHandle, name: string) => h.api.get<KubeObject>('pods', 'default', name) as unknown as Pod;

/** Events of one object as `Type Reason (xCount): message`, oldest first. */
function events(h: ClusterHandle, name: string): string[] {
  return h.api.list<KubeObject>('events', { namespace: 'default' })
    .map((e) => e as unknown as { involvedObject: { name: string }; type: string; reason: string; message: string; count?: number;
      firstTimestamp?: string; eventTime?: string })
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp ?? a.eventTime ?? '').localeCompare(b.firstTimestamp ?? b.eventTime ?? ''))
    .map((e) => `${e.type} ${e.reason} (x${e.count ?? 1}): ${e.message}`);
}

async function cluster(): Promise<ClusterHandle> {
  const h = memoryCluster();
  await enableWrites(h);
  return h;
}

const staticPv = (name: string, size: string, modes: string, extra = '') =>
  `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\nspec: {capacity: {storage: ${size}}, accessModes: [${modes}], hostPath: {path: /data/${name}}${extra}}`;
const noClassClaim = (name: string, size: string, modes = 'ReadWriteOnce') =>
  `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: default}\nspec: {storageClassName: "", accessModes: [${modes}], resources: {requests: {storage: ${size}}}}`;
const podUsing = (name: string, claimName: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: default}\nspec: {containers: [{name: c, image: nginx, volumeMounts: [{name: v, mountPath: /data}]}], volumes: [{name: v, persistentVolumeClaim: {claimName: ${claimName}}}]}`;

describe('static binding', () => {
  test('the smallest Available volume with the class and access modes asked for', async () => {
    const h = await cluster();
    await apply(h, PV, staticPv('big', '10Gi', 'ReadWriteOnce'));
    await apply(h, PV, staticPv('rwx', '2Gi', 'ReadWriteMany'));
    await apply(h, PV, staticPv('small', '1Gi', 'ReadWriteOnce'));
    await apply(h, PV, staticPv('fits', '3Gi', 'ReadWriteOnce, ReadOnlyMany'));
    expect(['big', 'rwx', 'small', 'fits'].map((n) => pv(h, n)?.status?.phase)).toEqual(['Available', 'Available', 'Available', 'Available']);
    await apply(h, PVC, noClassClaim('data', '1500Mi'));
    const c = claim(h, 'data');
    expect(c.spec?.volumeName).toBe('fits');
    expect(c.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], capacity: { storage: '3Gi' } });
    expect(c.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const bound = pv(h, 'fits')!;
    expect(bound.status?.phase).toBe('Bound');
    expect(bound.spec?.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: c.metadata.uid, apiVersion: 'v1' });
    expect(bound.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
  });

  test('a claim without class that nothing fits waits, saying so on every resync', async () => {
    const h = await cluster();
    await apply(h, PVC, noClassClaim('data', '1Gi'));
    await advance(h, '40s');
    expect(claim(h, 'data').status).toEqual({ phase: 'Pending' });
    expect(events(h, 'data')).toEqual(['Normal FailedBinding (x3): no persistent volumes available for this claim and no storage class is set']);
    // A volume that fits appears: the next resync binds the claim.
    await apply(h, PV, staticPv('late', '1Gi', 'ReadWriteOnce'));
    expect(claim(h, 'data').status?.phase).toBe('Pending');
    await advance(h, '15s');
    expect(claim(h, 'data').spec?.volumeName).toBe('late');
  });

  test('a deleted claim\'s waiting Event stops counting', async () => {
    const h = await cluster();
    await apply(h, PVC, noClassClaim('gone', '1Gi'));
    await advance(h, '20s');
    h.api.delete(PVC, 'default', 'gone');
    await advance(h, '1m');
    expect(events(h, 'gone')).toEqual(['Normal FailedBinding (x2): no persistent volumes available for this claim and no storage class is set']);
  });

  test('Retain keeps a released volume; Delete of a hostPath outside /tmp fails as the deleter does', async () => {
    const h = await cluster();
    await apply(h, PV, staticPv('keep', '1Gi', 'ReadWriteOnce'));
    await apply(h, PVC, noClassClaim('a', '1Gi'));
    h.api.delete(PVC, 'default', 'a');
    await settle(h);
    expect(pv(h, 'keep')?.status?.phase).toBe('Released');
    expect(pv(h, 'keep')?.spec?.claimRef?.name).toBe('a');

    await apply(h, PV, staticPv('drop', '1Gi', 'ReadWriteOnce', ', persistentVolumeReclaimPolicy: Delete'));
    await apply(h, PVC, noClassClaim('b', '1Gi'));
    expect(claim(h, 'b').spec?.volumeName).toBe('drop');
    h.api.delete(PVC, 'default', 'b');
    await settle(h);
    expect(pv(h, 'drop')?.status).toMatchObject({ phase: 'Failed', message: 'host_path deleter only supports /tmp/.+ but received provided /data/drop' });
    expect(events(h, 'drop')).toEqual(['Warning VolumeFailedDelete (x1): host_path deleter only supports /tmp/.+ but received provided /data/drop']);
  });

  test('a claim in use stays Terminating until its pod is gone (pvc-protection)', async () => {
    const h = await cluster();
    await apply(h, PV, staticPv('v', '1Gi', 'ReadWriteOnce'));
    await apply(h, PVC, noClassClaim('data', '1Gi'));
    await apply(h, 'pods', podUsing('user', 'data'));
    await advance(h, '10s');
    expect(pod(h, 'user').spec.nodeName).toBeTruthy();
    h.api.delete(PVC, 'default', 'data');
    await settle(h);
    expect(claim(h, 'data').metadata.deletionTimestamp).toBeDefined();
    expect(claim(h, 'data').metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    h.api.delete('pods', 'default', 'user', { gracePeriodSeconds: 0 });
    await advance(h, '1s');
    expect(h.api.tryGet(PVC, 'default', 'data')).toBeUndefined();
    expect(pv(h, 'v')?.status?.phase).toBe('Released');
  });
});

describe('WaitForFirstConsumer provisioning (kind\'s standard class)', () => {
  test('the claim waits for a pod, then the provisioner makes a hostPath volume on the pod\'s node', async () => {
    const h = await cluster();
    await apply(h, PVC, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: default}\nspec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}');
    await advance(h, '20s');
    const waiting = claim(h, 'data');
    expect(waiting.spec?.storageClassName).toBe('standard');
    expect(waiting.status).toEqual({ phase: 'Pending' });
    expect(events(h, 'data')).toEqual(['Normal WaitForFirstConsumer (x2): waiting for first consumer to be created before binding']);

    await apply(h, 'pods', podUsing('web', 'data'));
    // The scheduler picked a node and waits in PreBind: the pod is not bound yet.
    const selected = claim(h, 'data').metadata.annotations?.['volume.kubernetes.io/selected-node'];
    expect(selected).toMatch(/^mk-worker2?$/);
    expect(pod(h, 'web').spec.nodeName).toBeUndefined();
    await advance(h, '3s');
    const uid = claim(h, 'data').metadata.uid!;
    const provisioned = pv(h, `pvc-${uid}`)!;
    expect(provisioned.metadata.annotations).toEqual({ 'local.path.provisioner/selected-node': selected, 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' });
    expect(provisioned.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
    expect(provisioned.spec).toEqual({
      accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data', namespace: 'default', resourceVersion: provisioned.spec?.claimRef?.resourceVersion, uid },
      hostPath: { path: `/var/local-path-provisioner/pvc-${uid}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [selected] }] }] } },
      persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem',
    });
    expect(provisioned.status?.phase).toBe('Bound');
    const bound = claim(h, 'data');
    expect(bound.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(pod(h, 'web').spec.nodeName).toBe(selected);
    const from = h.api.list<KubeObject>('events', { namespace: 'default' }).find((e) => e.reason === 'Provisioning') as unknown as { source: { component: string } };
    expect(from.source.component).toMatch(/^rancher\.io\/local-path_local-path-provisioner-[a-z0-9]+-[a-z0-9]{5}_[0-9a-f-]{36}$/);
    expect(events(h, 'data')).toEqual([
      'Normal WaitForFirstConsumer (x2): waiting for first consumer to be created before binding',
      "Normal ExternalProvisioning (x2): Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
      'Normal Provisioning (x1): External provisioner is provisioning volume for claim "default/data"',
      `Normal ProvisioningSucceeded (x1): Successfully provisioned volume pvc-${uid}`,
    ]);

    // The claim goes, and with it (reclaim policy Delete) the volume.
    h.api.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 });
    h.api.delete(PVC, 'default', 'data');
    await advance(h, '5s');
    expect(pv(h, `pvc-${uid}`)).toBeUndefined();
  });
});

describe('local volumes of a no-provisioner WaitForFirstConsumer class', () => {
  const localPv = (name: string, node: string) => `apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: ${name}}\n`
    + `spec: {capacity: {storage: 5Gi}, accessModes: [ReadWriteOnce], storageClassName: local-storage, local: {path: /mnt/disks/vol1}, `
    + `nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [${node}]}]}]}}}`;
  const localClaim = (name: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: ${name}, namespace: default}\n`
    + 'spec: {storageClassName: local-storage, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}';

  test('the scheduler picks the node of a free volume and pre-binds it; the PV controller completes the binding', async () => {
    const h = await cluster();
    await apply(h, 'storageclasses.storage.k8s.io', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: local-storage}\n'
      + 'provisioner: kubernetes.io/no-provisioner\nvolumeBindingMode: WaitForFirstConsumer');
    await apply(h, PV, localPv('local-worker2', 'mk-worker2'));
    await apply(h, PVC, localClaim('data'));
    await apply(h, PVC, localClaim('more'));
    await advance(h, '1s');
    expect(claim(h, 'data').status?.phase).toBe('Pending');
    expect(events(h, 'data')).toEqual(['Normal WaitForFirstConsumer (x1): waiting for first consumer to be created before binding']);
    await apply(h, 'pods', podUsing('p', 'data'));
    await advance(h, '1s');
    expect(pod(h, 'p').spec.nodeName).toBe('mk-worker2');
    expect(claim(h, 'data').spec?.volumeName).toBe('local-worker2');
    expect(pv(h, 'local-worker2')?.status?.phase).toBe('Bound');
    expect(pv(h, 'local-worker2')?.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    // No volume is left for a second claim, and nothing provisions one.
    await apply(h, 'pods', podUsing('q', 'more'));
    expect(events(h, 'q').filter((e) => e.includes('FailedScheduling'))).toEqual(['Warning FailedScheduling (x1): 0/3 nodes are available: '
      + "1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't find available persistent volumes to bind. "
      + 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.']);
  });
});

describe('VolumeBinding in FailedScheduling', () => {
  const failed = (h: ClusterHandle, name: string) => events(h, name).filter((e) => e.includes('FailedScheduling'));

  test('a claim that does not exist', async () => {
    const h = await cluster();
    await apply(h, 'pods', podUsing('p', 'missing'));
    expect(failed(h, 'p')).toEqual(['Warning FailedScheduling (x1): 0/3 nodes are available: persistentvolumeclaim "missing" not found. '
      + 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.']);
    // The claim appears (and binds): the pod is tried again at once, past its back-off.
    await apply(h, PV, staticPv('v', '1Gi', 'ReadWriteOnce'));
    await apply(h, PVC, noClassClaim('missing', '1Gi'));
    await advance(h, '1s');
    expect(pod(h, 'p').spec.nodeName).toMatch(/^mk-worker2?$/);
  });

  test('an unbound claim of an Immediate class', async () => {
    const h = await cluster();
    await apply(h, 'storageclasses.storage.k8s.io', 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: slow}\nprovisioner: example.com/nfs');
    await apply(h, PVC, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: default}\nspec: {storageClassName: slow, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}');
    await apply(h, 'pods', podUsing('p', 'data'));
    expect(failed(h, 'p')).toEqual(['Warning FailedScheduling (x1): 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. '
      + 'preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.']);
  });

  test('a bound local volume pins the pod to its node', async () => {
    const h = await cluster();
    await apply(h, PV, staticPv('pinned', '1Gi', 'ReadWriteOnce',
      ', nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: kubernetes.io/hostname, operator: In, values: [mk-worker]}]}]}}'));
    await apply(h, PVC, noClassClaim('data', '1Gi'));
    h.api.patch('nodes', undefined, 'mk-worker', 'strategic', { spec: { unschedulable: true } });
    await apply(h, 'pods', podUsing('p', 'data'));
    expect(failed(h, 'p')).toEqual(['Warning FailedScheduling (x1): 0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, '
      + '1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.']);
    h.api.patch('nodes', undefined, 'mk-worker', 'strategic', { spec: { unschedulable: false } });
    await advance(h, '15s');
    expect(pod(h, 'p').spec.nodeName).toBe('mk-worker');
  });

  test('a WaitForFirstConsumer claim nobody provisions: PreBind gives up after bindTimeout', async () => {
    const h = await cluster();
    await apply(h, 'storageclasses.storage.k8s.io',
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata: {name: later}\nprovisioner: example.com/none\nvolumeBindingMode: WaitForFirstConsumer');
    await apply(h, PVC, 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data, namespace: default}\nspec: {storageClassName: later, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}');
    await apply(h, 'pods', podUsing('p', 'data'));
    await advance(h, '9m59s');
    expect(pod(h, 'p').spec.nodeName).toBeUndefined();
    expect(failed(h, 'p')).toEqual([]);
    await advance(h, '1s');
    expect(failed(h, 'p')).toEqual(['Warning FailedScheduling (x1): running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded']);
    expect(pod(h, 'p').status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'SchedulerError' });
  });
});
