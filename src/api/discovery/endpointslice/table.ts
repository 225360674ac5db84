// `kubectl get endpointslices` columns: printEndpointSlice, formatDiscoveryPorts and
// formatDiscoveryEndpoints from pkg/printers/internalversion/printers.go (v1.32).
import type { EndpointSlice } from './schema.js';
import { translateTimestampSince } from '../../duration.js';
import { ageColumn, columns, nameColumn } from '../../table.js';
import type { GenerateOptions, TableHandler, TableRow } from '../../table.js';

export const endpointSliceColumnDefinitions = columns([
  nameColumn,
  { name: 'AddressType', type: 'string', description: 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.' },
  { name: 'Ports', type: 'string', description: 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.' },
  { name: 'Endpoints', type: 'string', description: 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.' },
  ageColumn,
]);

const MAX = 3;

/** listWithMoreString. */
function listWithMore(list: string[], more: boolean, count: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - MAX} more...`;
  return ret || '<unset>';
}

/** formatDiscoveryPorts: the port numbers (a nil port shows its name, or `*`). */
export function formatDiscoveryPorts(ports: EndpointSlice['ports']): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const p of ports ?? []) {
    if (list.length < MAX) list.push(p.port !== undefined ? String(p.port) : p.name ?? '*');
    else more = true;
    count++;
  }
  return listWithMore(list, more, count);
}

/** formatDiscoveryEndpoints: every address of every endpoint, ready or not. */
export function formatDiscoveryEndpoints(endpoints: EndpointSlice['endpoints']): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const e of endpoints ?? []) {
    for (const a of e.addresses) {
      if (list.length < MAX) list.push(a);
      else more = true;
      count++;
    }
  }
  return listWithMore(list, more, count);
}

export function printEndpointSlice(slice: EndpointSlice, options: GenerateOptions): TableRow<EndpointSlice>[] {
  return [{
    cells: [slice.metadata.name, slice.addressType, formatDiscoveryPorts(slice.ports), formatDiscoveryEndpoints(slice.endpoints),
      translateTimestampSince(slice.metadata.creationTimestamp, options.now)],
    object: slice,
  }];
}

export const endpointSliceTable: TableHandler<EndpointSlice> = { columns: endpointSliceColumnDefinitions, rows: printEndpointSlice };
