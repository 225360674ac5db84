// kubectl describe serviceaccount (ServiceAccountDescriber in kubectl 1.32's describe.go): pull
// secrets, mountable secrets and the legacy token Secrets bound to it, `(not found)` for a
// referenced Secret that does not exist.
import type { Secret } from '../../api/core/secret/schema.js';
import type { ServiceAccount } from '../../api/core/serviceaccount/schema.js';
import type { KubeObject } from '../../api/object.js';
import { LEVEL_0, tabbedString } from '../printers/prefix-writer.js';
import { describeEvents, refFor, searchEvents } from './events.js';
import { printAnnotationsMultiline, printLabelsMultiline, type DescribeClient, type DescribeOptions } from './helpers.js';

const SECRET_TYPE_SERVICE_ACCOUNT_TOKEN = 'kubernetes.io/service-account-token';
const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';
const SERVICE_ACCOUNT_UID_KEY = 'kubernetes.io/service-account.uid';

export function describeServiceAccountObject(obj: KubeObject, client: DescribeClient, opts: DescribeOptions): string {
  const sa = obj as ServiceAccount;
  const tokens: Secret[] = [];
  const missing = new Set<string>();
  let secrets: Secret[] | undefined;
  try {
    secrets = client.list<Secret>('secrets', { namespace: sa.metadata.namespace });
  } catch {
    // kubectl describes the account even when its Secrets cannot be listed.
    secrets = undefined;
  }
  if (secrets) {
    const existing = new Set<string>();
    for (const s of secrets) {
      if (s.type === SECRET_TYPE_SERVICE_ACCOUNT_TOKEN) {
        const ann = s.metadata.annotations ?? {};
        if ((ann[SERVICE_ACCOUNT_NAME_KEY] ?? '') === sa.metadata.name && (ann[SERVICE_ACCOUNT_UID_KEY] ?? '') === (sa.metadata.uid ?? '')) {
          tokens.push(s);
        }
      }
      existing.add(s.metadata.name);
    }
    for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) {
      const name = s.name ?? '';
      if (!existing.has(name)) missing.add(name);
    }
  }
  const events = opts.showEvents ? searchEvents(client, refFor(sa)) : undefined;
  return describeServiceAccount(sa, tokens, missing, events, opts.now);
}

export function describeServiceAccount(sa: ServiceAccount, tokens: Secret[], missing: ReadonlySet<string>,
  events: ReturnType<typeof searchEvents> | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const emptyHeader = ' '.repeat(19);
    // The headers are padded to one width and printed in sorted order, as kubectl keys them.
    const sections: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s) => s.name ?? '')],
      ['Mountable secrets:'.padEnd(19), (sa.secrets ?? []).map((s) => s.name ?? '')],
      ['Tokens:'.padEnd(19), tokens.map((s) => s.metadata.name)],
    ];
    for (const [header, names] of sections) {
      if (names.length === 0) {
        w.write(LEVEL_0, `${header}\t<none>\n`);
        continue;
      }
      let prefix = header;
      for (const name of names) {
        w.write(LEVEL_0, missing.has(name) ? `${prefix}\t${name} (not found)\n` : `${prefix}\t${name}\n`);
        prefix = emptyHeader;
      }
    }
    if (events) describeEvents(events, w, now);
  });
}
