// kubectl describe secret (SecretDescriber in kubectl 1.32's describe.go): sizes, never values,
// except a service account token, which is shown.
import type { Secret } from '../../api/core/secret/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { printAnnotationsMultiline, printLabelsMultiline, sortStrings, type DescribeClient, type DescribeOptions } from './helpers.js';

const SERVICE_ACCOUNT_TOKEN_KEY = 'token';
const SECRET_TYPE_SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';

export function describeSecretObject(obj: KubeObject, _client: DescribeClient, _opts: DescribeOptions): string {
  return describeSecret(obj as Secret);
}

/** Keys are printed sorted (kubectl 1.32 ranges over a Go map; sorted is one order it prints). */
export function describeSecret(secret: Secret): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${secret.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${secret.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', secret.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', secret.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${secret.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = secret.data ?? {};
    for (const k of sortStrings(Object.keys(data))) {
      const bytes = Buffer.from(data[k], 'base64');
      if (k === SERVICE_ACCOUNT_TOKEN_KEY && secret.type === SECRET_TYPE_SERVICE_ACCOUNT_TOKEN) {
        w.write(LEVEL_0, `${k}:\t${bytes.toString('utf8')}\n`);
      } else {
        w.write(LEVEL_0, `${k}:\t${bytes.length} bytes\n`);
      }
    }
  });
}
