// kubectl's typed clients send Secrets and ConfigMaps to mk serve as protobuf (client-go 1.32 forces
// it for built-in kinds): what they create must be the object mk's own `create` makes from the same
// flags.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { servedCluster, hasKubectl } from './served.js';


/** The object's YAML or JSON with what differs between two creations (name, uid, resourceVersion) blanked. */
const identity = (text: string, name: string) => text
  .replaceAll(name, 'NAME')
  .replace(/("?uid"?: "?)[0-9a-f-]+/, '$1UID')
  .replace(/("?resourceVersion"?: ")\d+/, '$1RV');

describe.skipIf(!hasKubectl)('kubectl typed clients (protobuf bodies) against mk serve', () => {
  const served = servedCluster('manual');
  const { kubectl, mk } = served;

  it('creates a generic Secret as mk create secret does', () => {
    const flags = ['--from-literal=user=admin', '--from-literal=empty=', '--type=Opaque'];
    expect(kubectl('create', 'secret', 'generic', 'by-kubectl', ...flags)).toEqual({ stdout: 'secret/by-kubectl created\n', stderr: '', code: 0 });
    expect(mk('create', 'secret', 'generic', 'by-mk', ...flags).code).toBe(0);
    const k = kubectl('get', 'secret', 'by-kubectl', '-o', 'yaml').stdout;
    expect(k).toContain('user: YWRtaW4=\n');
    expect(identity(k, 'by-kubectl')).toBe(identity(kubectl('get', 'secret', 'by-mk', '-o', 'yaml').stdout, 'by-mk'));
    expect(identity(kubectl('get', 'secret', 'by-kubectl', '-o', 'json').stdout, 'by-kubectl'))
      .toBe(identity(kubectl('get', 'secret', 'by-mk', '-o', 'json').stdout, 'by-mk'));
  });

  it('creates a ConfigMap with text and binary data as mk create configmap does', () => {
    const file = join(served.home.dir, 'blob.bin');
    writeFileSync(file, Buffer.from([0, 1, 0xff]));
    const flags = ['--from-literal=k=v', `--from-file=blob=${file}`];
    expect(kubectl('create', 'configmap', 'by-kubectl', ...flags)).toEqual({ stdout: 'configmap/by-kubectl created\n', stderr: '', code: 0 });
    expect(mk('create', 'configmap', 'by-mk', ...flags).code).toBe(0);
    const k = kubectl('get', 'configmap', 'by-kubectl', '-o', 'yaml').stdout;
    expect(k).toContain('binaryData:\n  blob: AAH/\n');
    expect(identity(k, 'by-kubectl')).toBe(identity(kubectl('get', 'configmap', 'by-mk', '-o', 'yaml').stdout, 'by-mk'));
    expect(identity(kubectl('get', 'configmap', 'by-kubectl', '-o', 'json').stdout, 'by-kubectl'))
      .toBe(identity(kubectl('get', 'configmap', 'by-mk', '-o', 'json').stdout, 'by-mk'));
  });
});
