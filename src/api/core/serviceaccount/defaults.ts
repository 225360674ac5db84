// ServiceAccount defaulting: v1 has none. The file exists so every kind has its defaulter.
import type { ServiceAccount } from './schema.js';

export function setObjectDefaultsServiceAccount(sa: ServiceAccount): ServiceAccount {
  return sa;
}
