// kubectl describe horizontalpodautoscaler (describeHorizontalPodAutoscalerV2 and
// printDirectionBehavior in kubectl 1.32's describe.go).
import type { HPAScalingRules, HorizontalPodAutoscaler } from '../../api/autoscaling/horizontalpodautoscaler/schema.js';
import type { KubeObject } from '../../api/object.js';
import { canonicalQuantity } from '../../api/quantity.js';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';

/** (*Quantity).String(): an unset one prints "<nil>". */
const q = (v: string | number | undefined) => (v === undefined ? '<nil>' : canonicalQuantity(v));
const goQ = (s: string) => JSON.stringify(s);

function printDirectionBehavior(w: PrefixWriter, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(LEVEL_1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(LEVEL_2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies && rules.policies.length > 0) {
    w.write(LEVEL_2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(LEVEL_2, 'Policies:\n');
    for (const p of rules.policies) w.write(LEVEL_3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export function describeHorizontalPodAutoscalerObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const hpa = obj as unknown as HorizontalPodAutoscaler;
  const events = opts.showEvents ? searchEvents(client, refFor(obj)) : undefined;
  const spec = hpa.spec;
  const status = hpa.status ?? { desiredReplicas: 0 };
  const current = status.currentMetrics ?? [];
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${hpa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${hpa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', hpa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', hpa.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(hpa.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Reference:\t${spec.scaleTargetRef.kind}/${spec.scaleTargetRef.name}\n`);
    w.write(LEVEL_0, 'Metrics:\t( current / target )\n');
    (spec.metrics ?? []).forEach((metric, i) => {
      const st = current[i];
      switch (metric.type) {
        case 'External': {
          const ext = metric.external!;
          if (ext.target.averageValue !== undefined) {
            const cur = st?.external?.current.averageValue !== undefined ? q(st.external.current.averageValue) : '<unknown>';
            w.write(LEVEL_1, `${goQ(ext.metric.name)} (target average value):\t${cur} / ${q(ext.target.averageValue)}\n`);
          } else {
            const cur = st?.external ? q(st.external.current.value) : '<unknown>';
            w.write(LEVEL_1, `${goQ(ext.metric.name)} (target value):\t${cur} / ${q(ext.target.value)}\n`);
          }
          break;
        }
        case 'Pods': {
          const cur = st?.pods ? q(st.pods.current.averageValue) : '<unknown>';
          w.write(LEVEL_1, `${goQ(metric.pods!.metric.name)} on pods:\t${cur} / ${q(metric.pods!.target.averageValue)}\n`);
          break;
        }
        case 'Object': {
          const o = metric.object!;
          w.write(LEVEL_1, `"${o.metric.name}" on ${o.describedObject.kind}/${o.describedObject.name} `);
          if (o.target.type === 'AverageValue') {
            const cur = st?.object ? q(st.object.current.averageValue) : '<unknown>';
            w.write(LEVEL_0, `(target average value):\t${cur} / ${q(o.target.averageValue)}\n`);
          } else {
            const cur = st?.object ? q(st.object.current.value) : '<unknown>';
            w.write(LEVEL_0, `(target value):\t${cur} / ${q(o.target.value)}\n`);
          }
          break;
        }
        case 'Resource':
        case 'ContainerResource': {
          const src = metric.type === 'Resource' ? metric.resource! : metric.containerResource!;
          const cs = metric.type === 'Resource' ? st?.resource : st?.containerResource;
          w.write(LEVEL_1, metric.type === 'Resource'
            ? `resource ${src.name} on pods`
            : `resource ${src.name} of container "${metric.containerResource!.container}" on pods`);
          if (src.target.averageValue !== undefined) {
            w.write(LEVEL_0, `:\t${cs ? q(cs.current.averageValue) : '<unknown>'} / ${q(src.target.averageValue)}\n`);
          } else {
            const cur = cs?.current.averageUtilization !== undefined
              ? `${cs.current.averageUtilization}% (${q(cs.current.averageValue)})` : '<unknown>';
            const target = src.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
            w.write(LEVEL_1, `(as a percentage of request):\t${cur} / ${target}\n`);
          }
          break;
        }
        default:
          w.write(LEVEL_1, `<unknown metric type ${goQ(metric.type)}>\n`);
      }
    });
    w.write(LEVEL_0, `Min replicas:\t${spec.minReplicas !== undefined ? spec.minReplicas : '<unset>'}\n`);
    w.write(LEVEL_0, `Max replicas:\t${spec.maxReplicas}\n`);
    if (spec.behavior) {
      w.write(LEVEL_0, 'Behavior:\n');
      printDirectionBehavior(w, 'Scale Up', spec.behavior.scaleUp);
      printDirectionBehavior(w, 'Scale Down', spec.behavior.scaleDown);
    }
    w.write(LEVEL_0, `${spec.scaleTargetRef.kind} pods:\t`);
    w.write(LEVEL_0, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas} desired\n`);
    if (status.conditions && status.conditions.length > 0) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------\t-------\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    if (events) describeEvents(events, w, opts.now);
  });
}
