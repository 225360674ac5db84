// kubectl describe priorityclass (PriorityClassDescriber in kubectl 1.32's describe.go).
import type { PriorityClass } from '../../api/scheduling/priorityclass/schema.js';
import type { KubeObject } from '../../api/object.js';
import { formatLabels } from '../../api/table.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import type { DescribeClient, DescribeOptions } from './helpers.js';

export function describePriorityClassObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const pc = obj as unknown as PriorityClass;
  const events = opts.showEvents ? searchEvents(client, refFor(pc as unknown as KubeObject)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault ?? false}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    if (events) describeEvents(events, w, opts.now);
  });
}
