// `kubectl get horizontalpodautoscalers` columns: printHorizontalPodAutoscaler and formatHPAMetrics
// from pkg/printers/internalversion/printers.go (v1.32).
import type { HorizontalPodAutoscaler, MetricSpec, MetricStatus } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { canonicalQuantity } from '../../quantity.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

// Upstream describes these columns with autoscaling/v2beta1's swagger docs.
export const horizontalPodAutoscalerColumnDefinitions = columns([
  nameColumn,
  { name: 'Reference', type: 'string', description: 'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.' },
  { name: 'Targets', type: 'string', description: 'metrics contains the specifications for which to use to calculate the desired replica count (the maximum replica count across all metrics will be used).  The desired replica count is calculated multiplying the ratio between the target value and the current value by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, and vice-versa.  See the individual metric source types for more information about how each type of metric must respond.' },
  { name: 'MinPods', type: 'string', description: 'minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured.  Scaling is active as long as at least one metric value is available.' },
  { name: 'MaxPods', type: 'string', description: 'maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up. It cannot be less that minReplicas.' },
  { name: 'Replicas', type: 'string', description: 'currentReplicas is current number of replicas of pods managed by this autoscaler, as last seen by the autoscaler.' },
  ageColumn,
]);

/** Quantity.String() of a field that may be unset (Go prints a nil *Quantity as "<nil>"). */
const q = (v: string | number | undefined) => (v === undefined ? '<nil>' : canonicalQuantity(v));

/** formatHPAMetrics: `cpu: 45%/50%`, at most two metrics and `+ N more...`. */
export function formatHPAMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] | undefined): string {
  if (!specs || specs.length === 0) return '<none>';
  const list: string[] = [];
  const maximum = 2;
  const st = (i: number) => statuses?.[i];
  specs.forEach((spec, i) => {
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target;
        const cur = st(i)?.external?.current;
        if (t?.averageValue !== undefined) list.push(`${cur?.averageValue !== undefined ? q(cur.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`);
        else list.push(`${cur ? q(cur.value) : '<unknown>'}/${q(t?.value)}`);
        break;
      }
      case 'Pods': {
        const cur = st(i)?.pods?.current;
        list.push(`${cur ? q(cur.averageValue) : '<unknown>'}/${q(spec.pods?.target.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = spec.object?.target;
        const cur = st(i)?.object?.current;
        if (t?.averageValue !== undefined) list.push(`${cur?.averageValue !== undefined ? q(cur.averageValue) : '<unknown>'}/${q(t.averageValue)} (avg)`);
        else list.push(`${cur ? q(cur.value) : '<unknown>'}/${q(t?.value)}`);
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const src = spec.type === 'Resource' ? spec.resource : spec.containerResource;
        const status = spec.type === 'Resource' ? st(i)?.resource : st(i)?.containerResource;
        const name = src?.name ?? '';
        if (src?.target.averageValue !== undefined) {
          list.push(`${name}: ${status ? q(status.current.averageValue) : '<unknown>'}/${q(src.target.averageValue)}`);
        } else {
          const current = status?.current.averageUtilization !== undefined ? `${status.current.averageUtilization}%` : '<unknown>';
          const target = src?.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
          list.push(`${name}: ${current}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
  });
  const ret = list.slice(0, maximum).join(', ');
  return list.length > maximum ? `${ret} + ${list.length - maximum} more...` : ret;
}

export function printHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler, options: GenerateOptions): TableRow<HorizontalPodAutoscaler>[] {
  const ref = hpa.spec.scaleTargetRef;
  const minPods = hpa.spec.minReplicas !== undefined ? String(hpa.spec.minReplicas) : '<unset>';
  return [{
    cells: [hpa.metadata.name, `${ref.kind}/${ref.name}`, formatHPAMetrics(hpa.spec.metrics, hpa.status?.currentMetrics), minPods,
      hpa.spec.maxReplicas, hpa.status?.currentReplicas ?? 0, translateTimestampSince(hpa.metadata.creationTimestamp, options.now)],
    object: hpa,
  }];
}

export const horizontalPodAutoscalerTable: TableHandler<HorizontalPodAutoscaler> = { columns: horizontalPodAutoscalerColumnDefinitions, rows: printHorizontalPodAutoscaler };
