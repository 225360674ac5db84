import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:https';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { generateCA, generateServing, servingValid } from '../../src/apiserver/http/certs.js';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('test/serve: openssl is not on PATH; skipping its check of the certificate chain');

describe('API server certificates', () => {
  const now = Date.now();
  const ca = generateCA(now);
  const serving = generateServing(ca, ['127.0.0.1', 'localhost'], now);

  it('signs a serving certificate the CA verifies, for its hosts only', () => {
    expect(servingValid(ca, serving, ['127.0.0.1', 'localhost'], now)).toBe(true);
    expect(servingValid(ca, serving, ['10.0.0.1'], now)).toBe(false);
    expect(servingValid(generateCA(now), serving, ['127.0.0.1'], now)).toBe(false);
    expect(servingValid(ca, serving, ['127.0.0.1'], now + 400 * 24 * 3600 * 1000)).toBe(false);
  });

  it.skipIf(!hasOpenssl)('is accepted by openssl as a chain with the server purpose', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mk-certs-'));
    try {
      writeFileSync(join(dir, 'ca.crt'), ca.cert);
      writeFileSync(join(dir, 'apiserver.crt'), serving.cert);
      const out = execFileSync('openssl', ['verify', '-purpose', 'sslserver', '-CAfile', join(dir, 'ca.crt'), join(dir, 'apiserver.crt')], { encoding: 'utf8' });
      expect(out).toBe(`${join(dir, 'apiserver.crt')}: OK\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves TLS that a client trusting only the CA accepts', async () => {
    const server = createServer({ cert: serving.cert, key: serving.key }, (_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const body = await new Promise<string>((resolve, reject) => {
        request({ host: '127.0.0.1', port, ca: ca.cert, path: '/' }, (res) => {
          let s = '';
          res.on('data', (c) => (s += c));
          res.on('end', () => resolve(s));
        }).on('error', reject).end();
      });
      expect(body).toBe('ok');
    } finally {
      server.close();
    }
  });
});
