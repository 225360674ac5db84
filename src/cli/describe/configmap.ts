// kubectl describe configmap (ConfigMapDescriber in kubectl 1.32's describe.go).
import type { ConfigMap } from '../../api/core/configmap/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, sortStrings, type DescribeClient, type DescribeOptions } from './helpers.js';

export function describeConfigMapObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const cm = obj as ConfigMap;
  const events = opts.showEvents ? searchEvents(client, refFor(cm)) : undefined;
  return describeConfigMap(cm, events, opts.now);
}

/**
 * Keys are printed sorted. kubectl 1.32 ranges over the Go map, so its order changes from run
 * to run; sorted is one of the orders it prints, and the one later kubectl versions settled on.
 */
export function describeConfigMap(cm: ConfigMap, events: ReturnType<typeof searchEvents> | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = cm.data ?? {};
    for (const k of sortStrings(Object.keys(data))) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const binary = cm.binaryData ?? {};
    for (const k of sortStrings(Object.keys(binary))) {
      w.write(LEVEL_0, `${k}: ${Buffer.from(binary[k], 'base64').length} bytes\n`);
    }
    w.write(LEVEL_0, '\n');
    if (events) describeEvents(events, w, now);
  });
}
