// Endpoints defaulting (SetDefaults_Endpoints): a port without a protocol is TCP.
import type { Endpoints } from './schema.js';

export function setObjectDefaultsEndpoints(ep: Endpoints): Endpoints {
  for (const subset of ep.subsets ?? []) for (const p of subset.ports ?? []) p.protocol ||= 'TCP';
  return ep;
}
