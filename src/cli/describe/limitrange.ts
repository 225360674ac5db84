// kubectl describe limitrange (LimitRangeDescriber in kubectl 1.32's describe.go). kubectl ranges
// over a Go map for each item's resources, so its row order varies between runs; rows are sorted
// here, one of the orders it prints.
import type { LimitRange } from '../../api/core/limitrange/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, tabbedString, type PrefixWriter } from '../printers/prefix-writer.js';
import { showQuantity, sortStrings, type DescribeClient, type DescribeOptions } from './helpers.js';

/** describeLimitRangeSpec: one row per item and resource; `-` where the item sets nothing. */
export function describeLimitRangeSpec(spec: LimitRange['spec'], prefix: string, w: PrefixWriter): void {
  for (const item of spec?.limits ?? []) {
    const lists = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    const names = new Set<string>();
    for (const l of lists) for (const k of Object.keys(l ?? {})) names.add(k);
    for (const k of sortStrings([...names])) {
      const cells = lists.map((l) => (l && k in l ? showQuantity(l[k]) : '-'));
      w.write(LEVEL_0, `${prefix}${item.type}\t${k}\t${cells.join('\t')}\n`);
    }
  }
}

export function describeLimitRangeObject(obj: KubeObject, _client: DescribeClient, _opts: DescribeOptions): string {
  const lr = obj as unknown as LimitRange;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec(lr.spec, '', w);
  });
}
