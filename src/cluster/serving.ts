// What clients need to reach a cluster's API server (`mk serve`): its bearer token, its CA and the
// address it last served on, kept in the cluster's store so `mk kubeconfig` can write them out.
import { randomBytes } from 'node:crypto';
import { generateCA, generateServing, servingValid, type KeyPair } from '../apiserver/http/certs.js';
import type { Store } from '../store/store.js';

/** Where the cluster's bearer token is kept (the control-plane components' servers check it too). */
export const TOKEN_KEY = 'serve/token';
const ADDRESS_KEY = 'serve/address';
export const DEFAULT_PORT = 6443;

/**
 * The cluster's bearer token, made on first use. A credential must not be guessable from the
 * cluster's seed, so it comes from the system's random source, not the seeded one.
 */
export function clusterToken(store: Store): string {
  return store.transaction(() => {
    let token = store.getMeta(TOKEN_KEY);
    if (!token) {
      token = randomBytes(32).toString('base64url');
      store.setMeta(TOKEN_KEY, token);
    }
    return token;
  });
}

export function recordServerAddress(store: Store, url: string): void {
  store.transaction(() => store.setMeta(ADDRESS_KEY, url));
}

/** The URL `mk serve` last listened on, else where it listens by default. */
export function serverAddress(store: Store): string {
  return store.getMeta(ADDRESS_KEY) ?? `https://127.0.0.1:${DEFAULT_PORT}`;
}

const PKI_KEY = 'serve/pki';

/** The CA that signs the API server's serving certificate: what a kubeconfig trusts. */
export function clusterCA(store: Store): KeyPair {
  return store.transaction(() => {
    const raw = store.getMeta(PKI_KEY);
    if (raw) return (JSON.parse(raw) as { ca: KeyPair }).ca;
    const ca = generateCA(Date.now());
    store.setMeta(PKI_KEY, JSON.stringify({ ca }));
    return ca;
  });
}

/**
 * The serving certificate for `hosts`, signed by the cluster CA: the stored one while it is valid
 * for them, else a new one. Certificates are about real connections, so wall-clock time.
 */
export function servingCertificate(store: Store, hosts: string[]): { ca: KeyPair; serving: KeyPair } {
  return store.transaction(() => {
    const ca = clusterCA(store);
    const stored = JSON.parse(store.getMeta(PKI_KEY)!) as { ca: KeyPair; serving?: KeyPair };
    const now = Date.now();
    if (stored.serving && servingValid(ca, stored.serving, hosts, now)) return { ca, serving: stored.serving };
    const serving = generateServing(ca, hosts, now);
    store.setMeta(PKI_KEY, JSON.stringify({ ca, serving }));
    return { ca, serving };
  });
}
