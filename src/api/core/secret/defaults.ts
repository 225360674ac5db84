// Secret defaulting: type Opaque (SetDefaults_Secret), and the v1 → internal conversion that folds
// the write-only `stringData` into base64 `data`, a stringData key winning over the same data key.
import type { Secret } from './schema.js';

export function setObjectDefaultsSecret(secret: Secret): Secret {
  if (secret.stringData && Object.keys(secret.stringData).length > 0) {
    const data = { ...secret.data };
    for (const [k, v] of Object.entries(secret.stringData)) data[k] = Buffer.from(v, 'utf8').toString('base64');
    secret.data = data;
  }
  delete secret.stringData;
  secret.type ||= 'Opaque';
  return secret;
}
