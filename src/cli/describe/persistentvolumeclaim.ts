// kubectl describe persistentvolumeclaim (describePersistentVolumeClaim, printPersistentVolumeClaim
// and getPodsForPVC in kubectl 1.32's describe.go).
import type { PersistentVolumeClaim } from '../../api/core/persistentvolumeclaim/schema.js';
import { accessModesAsString, persistentVolumeClaimClass } from '../../api/core/persistentvolume/util.js';
import { storageText } from '../../api/core/persistentvolume/table.js';
import type { Pod } from '../../api/core/pod/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import {
  formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, sortStrings, translateTimestampSince, type DescribeClient,
  type DescribeOptions,
} from './helpers.js';
import { goStrings } from './persistentvolume.js';

/** getPodsForPVC: pods mounting the claim (once per volume naming it), then pods owning it. */
function podsForClaim(client: DescribeClient, pvc: PersistentVolumeClaim): string[] {
  const pods = client.list<Pod>('pods', { namespace: pvc.metadata.namespace });
  const using: Pod[] = [];
  for (const pod of pods) {
    for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) using.push(pod);
  }
  for (const ref of pvc.metadata.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = pods.find((p) => p.metadata.uid === ref.uid);
    if (owner && !using.some((p) => p.metadata.uid === owner.metadata.uid)) using.push(owner);
  }
  return sortStrings(using.map((p) => p.metadata.name ?? ''));
}

export function describePersistentVolumeClaimObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const pvc = obj as unknown as PersistentVolumeClaim;
  const spec = pvc.spec ?? {};
  const pods = podsForClaim(client, pvc);
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `StorageClass:\t${persistentVolumeClaimClass(pvc)}\n`);
    if (pvc.metadata.deletionTimestamp) {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, opts.now)})\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
    }
    w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goStrings(pvc.metadata.finalizers)}\n`);
    const bound = Boolean(spec.volumeName);
    w.write(LEVEL_0, `Capacity:\t${bound ? storageText(pvc.status?.capacity) : ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesAsString(pvc.status?.accessModes) : ''}\n`);
    if (spec.volumeMode !== undefined) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    if (spec.dataSource) {
      w.write(LEVEL_0, 'DataSource:\n');
      if (spec.dataSource.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
      w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
    }
    w.write(LEVEL_0, 'Used By:\t');
    if (pods.length === 0) w.writeLine('<none>');
    pods.forEach((name, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${name}\n`);
    });
    const conditions = pvc.status?.conditions ?? [];
    if (conditions.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastProbeTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    if (events) describeEvents(events, w, opts.now);
  });
}
