// ConfigMap defaulting: SetDefaults_ConfigMap only allocates an empty data map, which Go then
// omits when serializing, so nothing is visible; binaryData was made canonical base64 by decoding.
import type { ConfigMap } from './schema.js';

export function setObjectDefaultsConfigMap(cm: ConfigMap): ConfigMap {
  return cm;
}
