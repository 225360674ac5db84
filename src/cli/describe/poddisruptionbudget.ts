// kubectl describe poddisruptionbudget (PodDisruptionBudgetDescriber, describePodDisruptionBudgetV1
// in kubectl 1.32's describe.go).
import type { PodDisruptionBudget } from '../../api/policy/poddisruptionbudget/schema.js';
import type { KubeObject } from '../../api/object.js';
import { formatLabelSelector } from '../../api/apps/label-selector.js';
import { LEVEL_0, LEVEL_2, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import type { DescribeClient, DescribeOptions } from './helpers.js';

export function describePodDisruptionBudgetObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const pdb = obj as unknown as PodDisruptionBudget;
  const spec = pdb.spec ?? {};
  const status = pdb.status ?? {};
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
    if (spec.minAvailable !== undefined) w.write(LEVEL_0, `Min available:\t${spec.minAvailable}\n`);
    else if (spec.maxUnavailable !== undefined) w.write(LEVEL_0, `Max unavailable:\t${spec.maxUnavailable}\n`);
    w.write(LEVEL_0, `Selector:\t${spec.selector ? formatLabelSelector(spec.selector) : '<unset>'}\n`);
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${status.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${status.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${status.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${status.expectedPods ?? 0}\n`);
    if (events) describeEvents(events, w, opts.now);
  });
}
