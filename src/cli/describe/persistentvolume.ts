// kubectl describe persistentvolume (describePersistentVolume in kubectl 1.32's describe.go).
import type { PersistentVolume, VolumeNodeAffinity } from '../../api/core/persistentvolume/schema.js';
import { accessModesAsString, persistentVolumeClass } from '../../api/core/persistentvolume/util.js';
import { storageText } from '../../api/core/persistentvolume/table.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, translateTimestampSince, type DescribeClient, type DescribeOptions } from './helpers.js';
import { printCSIVolumeAttributesMultiline } from './pod.js';

/** Go's %v of a []string: `[a b]`. */
export const goStrings = (xs: readonly string[] | undefined): string => `[${(xs ?? []).join(' ')}]`;

function printVolumeNodeAffinity(w: PrefixWriter, affinity: VolumeNodeAffinity | undefined): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = affinity.required.nodeSelectorTerms ?? [];
  if (terms.length === 0) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (reqs.length === 0) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((req, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${req.key} ${req.operator.toLowerCase()}`;
      if (req.values?.length) expr += ` [${req.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}

function printSource(pv: PersistentVolume, w: PrefixWriter): void {
  const spec = pv.spec ?? {};
  if (spec.hostPath) {
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n`
      + `    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
  } else if (spec.nfs) {
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n`
      + `    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
  } else if (spec.local) {
    w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
  } else if (spec.csi) {
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n`
      + `    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
    printCSIVolumeAttributesMultiline(w, 'VolumeAttributes', spec.csi.volumeAttributes);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

export function describePersistentVolumeObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const pv = obj as unknown as PersistentVolume;
  const spec = pv.spec ?? {};
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pv.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', pv.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', pv.metadata.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goStrings(pv.metadata.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${persistentVolumeClass(pv)}\n`);
    if (pv.metadata.deletionTimestamp) {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pv.metadata.deletionTimestamp, opts.now)})\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    }
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
    if (spec.volumeMode !== undefined) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${storageText(spec.capacity)}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    printSource(pv, w);
    if (events) describeEvents(events, w, opts.now);
  });
}
