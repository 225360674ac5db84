// `kubectl get ingresses` columns: printIngress from pkg/printers/internalversion/printers.go (v1.32).
import type { Ingress, IngressRule, IngressTLS } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';
import { loadBalancerStatusStringer } from '../../core/service/table.js';

export const ingressColumnDefinitions = columns([
  nameColumn,
  { name: 'Class', type: 'string', description: 'The name of the IngressClass resource that should be used for additional configuration' },
  { name: 'Hosts', type: 'string', description: 'Hosts that incoming requests are matched against before the ingress rule' },
  { name: 'Address', type: 'string', description: 'Address is a list containing ingress points for the load-balancer' },
  { name: 'Ports', type: 'string', description: 'Ports of TLS configurations that open' },
  ageColumn,
]);

/** formatHosts: the first three hosts, `*` when no rule names one. */
export function formatHosts(rules: readonly IngressRule[] | undefined): string {
  const max = 3;
  const list: string[] = [];
  let more = false;
  for (const rule of rules ?? []) {
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${(rules?.length ?? 0) - max} more...` : ret;
}

export const formatPorts = (tls: readonly IngressTLS[] | undefined): string => (tls?.length ? '80, 443' : '80');

export function printIngress(ing: Ingress, options: GenerateOptions): TableRow<Ingress>[] {
  return [{
    cells: [ing.metadata.name, ing.spec?.ingressClassName ?? '<none>', formatHosts(ing.spec?.rules),
      loadBalancerStatusStringer(ing.status?.loadBalancer, options.wide), formatPorts(ing.spec?.tls),
      translateTimestampSince(ing.metadata.creationTimestamp, options.now)],
    object: ing,
  }];
}

export const ingressTable: TableHandler<Ingress> = { columns: ingressColumnDefinitions, rows: printIngress };
