// IngressClass defaulting: SetDefaults_IngressClass of pkg/apis/networking/v1 (release-1.32).
import { SCOPE_CLUSTER, type IngressClass } from './schema.js';

export function setObjectDefaultsIngressClass(ic: IngressClass): IngressClass {
  const params = ic.spec?.parameters;
  if (params && params.scope === undefined) params.scope = SCOPE_CLUSTER;
  return ic;
}
