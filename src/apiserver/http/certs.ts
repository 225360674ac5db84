// The API server's PKI as kubeadm lays it out, in small: a self-signed cluster CA, and a serving
// certificate it signs for the addresses the server answers on. Keys are ECDSA P-256, signatures
// ecdsa-with-SHA256, which Go's crypto/x509 (kubectl, client-go) verifies.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString, boolean, explicit, implicit, octetString, oid, sequence, set, time, unsignedInteger, utf8String,
} from './der.js';

export interface KeyPair {
  /** PEM certificate. */
  cert: string;
  /** PEM PKCS#8 private key. */
  key: string;
}

const ECDSA_WITH_SHA256 = sequence(oid('1.2.840.10045.4.3.2'));
const DAY_MS = 24 * 60 * 60 * 1000;

function name(commonName: string): Buffer {
  return sequence(set(sequence(oid('2.5.4.3'), utf8String(commonName))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

function subjectAltNames(hosts: string[]): Buffer {
  return sequence(...hosts.map((h) => {
    const family = isIP(h);
    if (family === 4) return implicit(7, Buffer.from(h.split('.').map(Number)));
    if (family === 6) return implicit(7, ipv6Bytes(h));
    return implicit(2, Buffer.from(h, 'ascii'));
  }));
}

function ipv6Bytes(ip: string): Buffer {
  const [head, tail = ''] = ip.split('::');
  const part = (s: string) => (s ? s.split(':') : []);
  const h = part(head);
  const t = ip.includes('::') ? part(tail) : [];
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return Buffer.concat(groups.map((g) => Buffer.from(g.padStart(4, '0'), 'hex')));
}

interface CertSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signer: KeyObject;
  ca: boolean;
  hosts: string[];
  notBefore: number;
  days: number;
}

function certificate(spec: CertSpec): string {
  const spki = spec.publicKey.export({ type: 'spki', format: 'der' });
  const extensions = spec.ca
    ? [
      // keyUsage: digitalSignature, keyEncipherment, keyCertSign (as kubeadm's CA).
      extension('2.5.29.15', true, tlv03([0xa4])),
      extension('2.5.29.19', true, sequence(boolean(true))),
    ]
    : [
      extension('2.5.29.15', true, tlv03([0xa0])),
      // extKeyUsage: serverAuth.
      extension('2.5.29.37', false, sequence(oid('1.3.6.1.5.5.7.3.1'))),
      extension('2.5.29.19', true, sequence()),
      extension('2.5.29.17', false, subjectAltNames(spec.hosts)),
    ];
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))),
    unsignedInteger(serial),
    ECDSA_WITH_SHA256,
    name(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notBefore + spec.days * DAY_MS)),
    name(spec.subject),
    spki,
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, spec.signer);
  const der = sequence(tbs, ECDSA_WITH_SHA256, bitString(signature));
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

/** A KeyUsage BIT STRING of one byte, every bit after the last set one unused. */
function tlv03(bits: number[]): Buffer {
  const last = bits[0];
  let unused = 0;
  while (unused < 8 && !(last & (1 << unused))) unused++;
  return Buffer.from([0x03, 2, unused, last]);
}

function keyPair() {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

/** The cluster CA, valid ten years as kubeadm's. */
export function generateCA(now: number): KeyPair {
  const { publicKey, privateKey } = keyPair();
  const cert = certificate({ subject: 'kubernetes', issuer: 'kubernetes', publicKey, signer: privateKey, ca: true, hosts: [], notBefore: now, days: 3650 });
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** The API server's serving certificate for `hosts` (IPs and DNS names), signed by `ca`; one year. */
export function generateServing(ca: KeyPair, hosts: string[], now: number): KeyPair {
  const { publicKey, privateKey } = keyPair();
  const cert = certificate({
    subject: 'kube-apiserver', issuer: 'kubernetes', publicKey, signer: createPrivateKey(ca.key), ca: false, hosts, notBefore: now, days: 365,
  });
  return { cert, key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
}

/** Whether `serving` was signed by `ca`, is current at `now` and names every host. */
export function servingValid(ca: KeyPair, serving: KeyPair, hosts: string[], now: number): boolean {
  try {
    const c = new X509Certificate(serving.cert);
    if (!c.verify(createPublicKey(ca.cert))) return false;
    if (Date.parse(c.validTo) <= now || Date.parse(c.validFrom) > now) return false;
    return hosts.every((h) => (isIP(h) ? c.checkIP(h) !== undefined : c.checkHost(h) !== undefined));
  } catch {
    return false;
  }
}
