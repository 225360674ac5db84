// kubectl describe storageclass (describeStorageClass in kubectl 1.32's describe.go).
import type { StorageClass } from '../../api/storage/storageclass/schema.js';
import { isDefaultStorageClass } from '../../api/storage/storageclass/util.js';
import type { KubeObject } from '../../api/object.js';
import { formatLabels } from '../../api/table.js';
import { LEVEL_0, LEVEL_1, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import type { DescribeClient, DescribeOptions } from './helpers.js';

const printBoolPtr = (v: boolean | undefined) => (v === undefined ? '<unset>' : v ? 'True' : 'False');

export function describeStorageClassObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const sc = obj as unknown as StorageClass;
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefaultStorageClass(sc) ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${printBoolPtr(sc.allowVolumeExpansion)}\n`);
    if (!sc.mountOptions?.length) {
      w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    } else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of sc.mountOptions) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy !== undefined) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode !== undefined) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies !== undefined) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      if (sc.allowedTopologies.length === 0) w.writeLine('<none>');
      else {
        w.writeLine('');
        sc.allowedTopologies.forEach((term, i) => {
          w.write(LEVEL_1, `Term ${i}:\t`);
          const exprs = term.matchLabelExpressions ?? [];
          if (exprs.length === 0) w.writeLine('<none>');
          exprs.forEach((e, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            w.write(LEVEL_0, e.values.length ? `${e.key} in [${e.values.join(', ')}]\n` : `${e.key} in\n`);
          });
        });
      }
    }
    if (events) describeEvents(events, w, opts.now);
  });
}
