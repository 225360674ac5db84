// The serviceaccount controller and the root-ca-cert-publisher: every active namespace gets a
// `default` ServiceAccount and the `kube-root-ca.crt` ConfigMap, recreated if deleted.
import type { Controller } from './controller.js';

/** The cluster's CA certificate (a real self-signed `CN=kubernetes` CA; no component verifies it). */
export const ROOT_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIDGzCCAgOgAwIBAgIURxV5sOJJBKTkn0HBQQh0fjzYb1MwDQYJKoZIhvcNAQEL
BQAwFTETMBEGA1UEAwwKa3ViZXJuZXRlczAeFw0yNjExMzAxMDE4MTdaFw0zNjEx
MjcxMDE4MTdaMBUxEzARBgNVBAMMCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEB
AQUAA4IBDwAwggEKAoIBAQCIzaCISNPZrA7es3ZujR/iFTx2DpGC4v3hT5Lo+hod
b2gVL8S20nXX/RwfX6fY5sxD1YEdB/I0Xcc2xH4RTr2vMAcd4cyww4MTDaa9xn/u
ScQLSr6pAtlUF+q5m5LI7kcyF2QAME3WfmS8a3PVb+6o9VLq/iHiZqKJyOgGwIp4
9K/O0/2+M9e8sUV+KIJGJBSxH3eB7mpxQOnrAcAiKhD2ODHoRZHpKHS4t5yBWXLk
eGaZ0rayNFGgi5bawj0I9OEUIaeT9Y3uQbxi/UBXq6nZXP1HznZ9zIPnXkvw52yW
fP+lI0DPN+nChK5u8oSKEoGiK6lyvQYN2d+KJkA6sfHRAgMBAAGjYzBhMB0GA1Ud
DgQWBBTnpo6tAedqT8c/NkaLZLSDwyVT5TAfBgNVHSMEGDAWgBTnpo6tAedqT8c/
NkaLZLSDwyVT5TAPBgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICpDANBgkq
hkiG9w0BAQsFAAOCAQEATVcZCJXP104YceqYkQIZVPZTvD/d9LbVhfsaTDyLY0hM
7lMxnapszPlR3AWcEIc0QQi1XsHvf6FvsdtHoU13BhKqtxoxWgGbnxrQ4Hr7o3x5
VZZQdicA5ZIfH/1wDlJ7R2PK9/icF29v8noVkw3BUlkLneyinEmmfCkDANIog4Da
hFcsEjXVxjxibtfX3LZ5Fy7t15weIFPvnkANzBgXlaf84DRrKgue9GIYa+N5DIkN
GYlOApckjJJNpKb2VXR5MvioTdGwgRrEAB9sHi5kb5Kw78b9dHsdgr2PHnNWLAEq
2R1s02L5bHmhUzcFw2YyI2/IteGLJ3xO0ztEJaYxPQ==
-----END CERTIFICATE-----
`;

export const serviceAccountController: Controller = {
  name: 'serviceaccount',
  watches: ['namespaces', 'serviceaccounts', 'configmaps'],
  keysFor(ev) {
    if (ev.resource === 'namespaces') return ev.type === 'DELETED' ? [] : [ev.object.metadata.name];
    const name = ev.object.metadata.name;
    if (ev.type === 'DELETED' && (name === 'default' || name === 'kube-root-ca.crt')) {
      return [ev.object.metadata.namespace ?? ''];
    }
    return [];
  },
  reconcile(ns, ctx) {
    const namespace = ctx.api.tryGet('namespaces', undefined, ns);
    if (!namespace || namespace.metadata.deletionTimestamp) return;
    if (!ctx.api.tryGet('serviceaccounts', ns, 'default')) {
      ctx.api.create('serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: ns } });
    }
    if (!ctx.api.tryGet('configmaps', ns, 'kube-root-ca.crt')) {
      ctx.api.create('configmaps', {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: ns, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
        data: { 'ca.crt': ROOT_CA_PEM },
      });
    }
  },
};
