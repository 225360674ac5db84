// Images mk's catalog does not know: a user's or organisation's repository exists (any tag) and
// runs as a generic server; an unknown official (`library/`) name is a typo and fails as Docker
// Hub answers it.
import { describe, expect, test } from 'vitest';
import { catalogEntry, parseImage, pullErrorMessage, resolveImage } from '../../src/kubelet/images.js';

describe('images outside the catalog', () => {
  test('a user repository resolves, with the tag asked for, and keeps running', () => {
    const r = resolveImage(parseImage('taobeier/saythx-be:v2'));
    expect('code' in r).toBe(false);
    if ('code' in r) return;
    expect(r.version).toBe('v2');
    expect(r.entry.personality).toBe('server');
    expect(catalogEntry('docker.io/taobeier/saythx-be')?.personality).toBe('server');
  });

  test('the same repository always has the same size', () => {
    const a = resolveImage(parseImage('ghcr.io/acme/api'));
    const b = resolveImage(parseImage('ghcr.io/acme/api:latest'));
    expect('size' in a && 'size' in b && a.size === b.size).toBe(true);
  });

  test('an unknown official image is pull access denied, as Docker Hub says', () => {
    const ref = parseImage('ngnix');
    const r = resolveImage(ref);
    expect('code' in r).toBe(true);
    if (!('code' in r)) return;
    expect(pullErrorMessage(ref, r)).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": '
      + 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(catalogEntry('docker.io/library/ngnix')).toBeUndefined();
  });
});
