// EndpointSlice defaulting (discovery/v1 SetDefaults_EndpointPort): a port gets an empty name and TCP.
import type { EndpointSlice } from './schema.js';

export function setObjectDefaultsEndpointSlice(slice: EndpointSlice): EndpointSlice {
  for (const p of slice.ports ?? []) {
    p.name ??= '';
    p.protocol ??= 'TCP';
  }
  return slice;
}
