// The ServiceAccount admission plugin (plugin/pkg/admission/serviceaccount, release-1.32): on pod
// create it defaults spec.serviceAccountName to `default`, rejects pods whose service account does
// not exist, mounts the API credentials as a projected `kube-api-access-xxxxx` volume in every
// container, and copies the account's imagePullSecrets.
import type { Pod, PodSpec, Volume } from '../../api/core/pod/schema.js';
import type { ServiceAccount } from '../../api/core/serviceaccount/schema.js';
import { forbidden } from '../errors.js';
import { NAME_ALPHABET } from '../../sim/rand.js';
import { type AdmissionContext, nameForMessages } from './context.js';

export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const SERVICE_ACCOUNT_VOLUME_NAME = 'kube-api-access';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
/** serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds. */
export const WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS = 60 * 60 + 7;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export function admitServiceAccount(pod: Pod, ctx: AdmissionContext): void {
  const spec = pod.spec;
  const ns = pod.metadata.namespace ?? 'default';
  const deny = (msg: string) => forbidden(`pods "${nameForMessages(pod.metadata)}" is forbidden: ${msg}`);
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
    if (spec.serviceAccountName) throw deny('a mirror pod may not reference service accounts');
    if (podReferencesSecrets(spec)) throw deny('a mirror pod may not reference secrets');
    if ((spec.volumes ?? []).some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken))) {
      throw deny('a mirror pod may not use ServiceAccountToken volume projections');
    }
    return;
  }
  if (!spec.serviceAccountName) spec.serviceAccountName = DEFAULT_SERVICE_ACCOUNT_NAME;
  const name = spec.serviceAccountName;
  let sa: Partial<ServiceAccount> = {};
  if (ctx.get) {
    const found = ctx.get('serviceaccounts', ns, name) as ServiceAccount | undefined;
    if (!found) throw deny(`error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`);
    sa = found;
  }
  const automount = spec.automountServiceAccountToken ?? sa.automountServiceAccountToken ?? true;
  if (automount) mountServiceAccountToken(spec, ctx);
  if (!(spec.imagePullSecrets ?? []).length && (sa.imagePullSecrets ?? []).length) {
    spec.imagePullSecrets = sa.imagePullSecrets!.map((s) => ({ name: s.name }));
  }
  if (sa.metadata?.annotations?.['kubernetes.io/enforce-mountable-secrets'] === 'true') {
    const err = limitSecretReferences(sa as ServiceAccount, spec);
    if (err) throw deny(err);
  }
}

function mountServiceAccountToken(spec: PodSpec, ctx: AdmissionContext): void {
  let volumeName = '';
  let hasVolume = false;
  for (const v of spec.volumes ?? []) {
    if (v.name.startsWith(`${SERVICE_ACCOUNT_VOLUME_NAME}-`)) {
      volumeName = v.name;
      hasVolume = true;
      break;
    }
  }
  if (!volumeName) volumeName = `${SERVICE_ACCOUNT_VOLUME_NAME}-${ctx.rand.string(5, NAME_ALPHABET)}`;
  let needsVolume = false;
  for (const c of [...spec.initContainers ?? [], ...spec.containers ?? []]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
    c.volumeMounts = [...c.volumeMounts ?? [], { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH }];
    needsVolume = true;
  }
  if (!hasVolume && needsVolume) spec.volumes = [...spec.volumes ?? [], tokenVolume(volumeName)];
}

/** TokenVolumeSource: the token, the cluster CA and the namespace, defaultMode set explicitly. */
function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 0o644,
      sources: [
        { serviceAccountToken: { expirationSeconds: WARN_ONLY_BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

function podReferencesSecrets(spec: PodSpec): boolean {
  if ((spec.imagePullSecrets ?? []).length) return true;
  for (const v of spec.volumes ?? []) {
    if (v.secret || v.projected?.sources?.some((s) => s.secret)) return true;
  }
  return [...spec.initContainers ?? [], ...spec.containers ?? []].some((c) =>
    (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef) || (c.envFrom ?? []).some((e) => e.secretRef));
}

function limitSecretReferences(sa: ServiceAccount, spec: PodSpec): string | undefined {
  const mountable = new Set((sa.secrets ?? []).map((s) => s.name));
  for (const v of spec.volumes ?? []) {
    if (v.secret && !mountable.has(v.secret.secretName)) {
      return `volume with secret.secretName="${v.secret.secretName ?? ''}" is not allowed because service account ${sa.metadata.name} does not reference that secret`;
    }
  }
  for (const [kind, list] of [['init container', spec.initContainers ?? []], ['container', spec.containers ?? []]] as const) {
    for (const c of list) {
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        if (ref && !mountable.has(ref.name)) {
          return `${kind} ${c.name} with envVar ${e.name} referencing secret.secretName="${ref.name ?? ''}" is not allowed because service account ${sa.metadata.name} does not reference that secret`;
        }
      }
    }
  }
  const pull = new Set((sa.imagePullSecrets ?? []).map((s) => s.name));
  for (const [i, ref] of (spec.imagePullSecrets ?? []).entries()) {
    if (!pull.has(ref.name)) {
      return `imagePullSecrets[${i}].name="${ref.name ?? ''}" is not allowed because service account ${sa.metadata.name} does not reference that imagePullSecret`;
    }
  }
  return undefined;
}
