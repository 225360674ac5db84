// Kubernetes' own round-trip fixtures for every kind mk speaks in protobuf: k8s.io/api's
// testdata/HEAD holds each type with every field set, as the .pb and .json Go writes for it. Each
// .pb must decode to its .json (key order included) and the .json encode to the .pb's bytes. The
// fixtures are not part of this repository: the suite runs when MK_K8S_API_GIT names a git
// directory of kubernetes/api (MK_K8S_API_REF, default v0.32.4, picks the release).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { decodeObject, encodeObject } from '../../src/apiserver/http/protobuf.js';
import descriptor from '../../src/apiserver/http/protobuf-descriptor.json' with { type: 'json' };

const git = process.env.MK_K8S_API_GIT;
const ref = process.env.MK_K8S_API_REF ?? 'v0.32.4';
const fixture = (name: string) => execFileSync('git', ['--git-dir', git!, 'show', `${ref}:testdata/HEAD/${name}`], { maxBuffer: 1 << 26 });

describe.skipIf(!git)('Kubernetes round-trip fixtures in protobuf', () => {
  for (const [apiVersion, { kinds }] of Object.entries(descriptor.kinds)) {
    if (apiVersion === '') continue;
    // core.v1.Pod, apps.v1.Deployment, networking.k8s.io.v1.Ingress
    const prefix = (apiVersion.includes('/') ? apiVersion : `core/${apiVersion}`).replace('/', '.');
    for (const kind of kinds.filter((k) => !k.endsWith('List'))) {
      it(`${prefix}.${kind}`, () => {
        const pb = fixture(`${prefix}.${kind}.pb`);
        const json = JSON.parse(fixture(`${prefix}.${kind}.json`).toString('utf8'));
        const decoded = decodeObject(pb);
        expect(decoded).toEqual(json);
        expect(JSON.stringify(decoded)).toBe(JSON.stringify(json));
        expect(encodeObject(json)?.toString('hex')).toBe(pb.toString('hex'));
      });
    }
  }
});
