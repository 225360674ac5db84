// kubectl describe resourcequota (ResourceQuotaDescriber in kubectl 1.32's describe.go).
import type { ResourceQuota } from '../../api/core/resourcequota/schema.js';
import type { KubeObject } from '../../api/object.js';
import { formatQuantity, newQuantity, quantityValue, tryParseQuantity } from '../../api/quantity.js';
import { sortResourceNames } from '../../api/core/resourcequota/table.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import type { DescribeClient, DescribeOptions } from './helpers.js';

/** helpTextForResourceQuotaScope. */
function helpTextForResourceQuotaScope(scope: string): string {
  switch (scope) {
    case 'Terminating': return 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.';
    case 'NotTerminating': return 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.';
    case 'BestEffort': return 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.';
    case 'NotBestEffort': return 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.';
    default: return '';
  }
}

/** The used value in the hard value's format, as the describer converts it (Value(), so whole units). */
export function usedInHardFormat(used: string | number | undefined, hard: string | number): [string, string] {
  const h = tryParseQuantity(hard);
  const u = used === undefined ? undefined : tryParseQuantity(used);
  const hardString = h ? formatQuantity(h) : String(hard);
  if (!h) return [used === undefined ? '0' : String(used), hardString];
  if (!u) return [formatQuantity(newQuantity(0, h.format)), hardString];
  if (u.format !== h.format) return [formatQuantity(newQuantity(quantityValue(u), h.format)), hardString];
  return [formatQuantity(u), hardString];
}

/** The Resource/Used/Hard rows, also printed in a namespace's description. */
export function resourceQuotaRows(rq: ResourceQuota): [string, string, string][] {
  const hard = rq.status?.hard ?? {};
  const used = rq.status?.used ?? {};
  return sortResourceNames(Object.keys(hard)).map((r) => [r, ...usedInHardFormat(used[r], hard[r])]);
}

export function describeResourceQuotaObject(obj: KubeObject, _client: DescribeClient, _opts: DescribeOptions): string {
  const rq = obj as unknown as ResourceQuota;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rq.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rq.metadata.namespace ?? ''}\n`);
    const scopes = [...(rq.spec?.scopes ?? [])].sort();
    if (scopes.length) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) {
        const help = helpTextForResourceQuotaScope(s);
        if (help) w.write(LEVEL_0, ` * ${help}\n`);
      }
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    for (const [r, u, h] of resourceQuotaRows(rq)) w.write(LEVEL_0, `${r}\t${u}\t${h}\n`);
  });
}
