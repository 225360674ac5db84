// `kubectl diff -f` against `mk serve` and `mk diff -f` on the same cluster: the same temp files
// handed to the same diff program, the same output and exit code.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../e2e/harness.js';
import { servedCluster, hasKubectl, webDeployment } from './served.js';


const APPLIED = `${webDeployment()}---
apiVersion: v1
kind: ConfigMap
metadata:
  name: same
data:
  a: "1"
---
apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  user: admin
  pass: one
`;

// The deployment's image and replicas changed, the config map unchanged, one secret value changed
// and one added, a service and a (cluster-scoped) namespace that do not exist yet.
const CHANGED = APPLIED.replace('replicas: 2', 'replicas: 3').replace('nginx:1.27', 'nginx:1.28').replace('pass: one', 'pass: two\n  extra: new')
  + `---
apiVersion: v1
kind: Service
metadata:
  name: fresh
spec:
  selector: {app: web}
  ports:
  - port: 80
---
apiVersion: v1
kind: Namespace
metadata:
  name: team-a
  labels: {team: a}
`;

// Prints the dirs it was given (without their random suffixes), the arguments kept after them,
// then each file's name and its unified diff labelled without dir names or mtimes.
const SCRIPT = `#!/bin/sh
from="$1"; to="$2"; shift 2
echo "$(basename "$from" | sed 's/-.*//') $(basename "$to" | sed 's/-.*//') $*"
rc=0
for f in $( (ls "$from"; ls "$to") | sort -u); do
  echo "== $f"
  diff -u --label "a/$f" --label "b/$f" "$from/$f" "$to/$f" || rc=$?
done
exit $rc
`;

// A dry-run create gives a new object a fresh uid (and a service a cluster IP) on every request, as
// any API server does: in a new object's added lines those are the only ones that may differ.
const serverRandom = (out: string) => out.replace(/^\+( {2}uid| {2}clusterIP|  - )(: )?[0-9a-f.:-]+$/gm, '+$1<random>');

describe.skipIf(!hasKubectl)('kubectl diff against mk serve', () => {
  const served = servedCluster('manual');
  const { home, kubectl, mk } = served;
  const file = (name: string, text: string) => {
    const p = join(home.dir, name);
    writeFileSync(p, text);
    return p;
  };
  const both = (env: string | undefined, ...args: string[]): [Result, Result] => {
    const saved = process.env.KUBECTL_EXTERNAL_DIFF;
    if (env === undefined) delete process.env.KUBECTL_EXTERNAL_DIFF;
    else process.env.KUBECTL_EXTERNAL_DIFF = env;
    try {
      return [kubectl('diff', ...args), mk('diff', ...args)];
    } finally {
      if (saved === undefined) delete process.env.KUBECTL_EXTERNAL_DIFF;
      else process.env.KUBECTL_EXTERNAL_DIFF = saved;
    }
  };

  it('shows what applying changes would change, as kubectl diff does', () => {
    expect(mk('apply', '-f', file('applied.yaml', APPLIED)).code).toBe(0);
    const script = file('show-diff.sh', SCRIPT);
    chmodSync(script, 0o755);
    const changed = file('changed.yaml', CHANGED);
    // `bad/arg` is dropped by kubectl's argument filter, `--context=3` and `-N` are kept.
    const [k, m] = both(`${script} --context=3 bad/arg -N`, '-f', changed);
    expect(k.code).toBe(1);
    expect(k.stdout).toContain('== apps.v1.Deployment.default.web');
    expect(k.stdout).toContain("-  pass: '*** (before)'");
    expect({ ...m, stdout: serverRandom(m.stdout) }).toEqual({ ...k, stdout: serverRandom(k.stdout) });

    const [k0, m0] = both(`${script}`, '-f', file('applied-again.yaml', APPLIED));
    expect(k0.code).toBe(0);
    expect(m0).toEqual(k0);
  });

  it('runs diff -u -N by default', () => {
    const [k, m] = both(undefined, '-f', join(home.dir, 'changed.yaml'));
    // Only kubectl's own randomness is replaced: the temp dirs' suffixes and the files' mtimes on
    // the ---/+++ lines (and, as above, the server's fresh uid and cluster IP for the new service).
    const norm = (r: Result) => ({
      ...r,
      stdout: serverRandom(r.stdout.replace(/(LIVE|MERGED)-[A-Za-z0-9]+/g, '$1-X').replace(/^((?:---|\+\+\+) \S+)\t.*$/gm, '$1')),
    });
    expect(k.code).toBe(1);
    expect(norm(m)).toEqual(norm(k));
  });

  it('diffs a server-side apply with its field manager', () => {
    const script = join(home.dir, 'show-diff.sh');
    const [k, m] = both(script, '--server-side', '--field-manager=deployer', '-f', join(home.dir, 'applied.yaml'));
    expect(k.stdout).toContain('== apps.v1.Deployment.default.web');
    expect(m).toEqual(k);
    const [km, mm] = both(script, '--show-managed-fields', '-f', join(home.dir, 'changed.yaml'));
    expect(km.stdout).toContain('managedFields');
    expect(serverRandom(mm.stdout)).toBe(serverRandom(km.stdout));
    expect(mm.code).toBe(km.code);
  });

  it('diffs only the objects a label selector picks', () => {
    const script = join(home.dir, 'show-diff.sh');
    const [k, m] = both(script, '-l', 'team=a', '-f', join(home.dir, 'changed.yaml'));
    expect(k.stdout).toContain('== v1.Namespace..team-a');
    expect(k.stdout).not.toContain('Deployment');
    expect({ ...m, stdout: serverRandom(m.stdout) }).toEqual({ ...k, stdout: serverRandom(k.stdout) });
    const [k2, m2] = both(script, '-l', 'a in (', '-f', join(home.dir, 'changed.yaml'));
    expect(k2.code).toBe(2);
    expect(m2).toEqual(k2);
  });

  it('reports kubectl diff errors with its exit codes', () => {
    const [k, m] = both(undefined, '-f', join(home.dir, 'missing.yaml'));
    expect(k.code).toBe(2);
    expect(m).toEqual(k);
    const [k2, m2] = both('no-such-diff-program', '-f', join(home.dir, 'changed.yaml'));
    expect(k2.code).toBe(2);
    expect(m2).toEqual(k2);
    const [k3, m3] = both(undefined, '--force-conflicts', '-f', join(home.dir, 'changed.yaml'));
    expect(m3).toEqual(k3);
    const [k4, m4] = both(undefined);
    expect(k4.code).toBe(2);
    expect(m4).toEqual(k4);
    // The hint names the command's path: `kubectl diff` there, `mk diff` here.
    const [k5, m5] = both(undefined, 'extra', '-f', join(home.dir, 'changed.yaml'));
    expect(k5.code).toBe(2);
    expect(m5).toEqual({ ...k5, stderr: k5.stderr.replace("'kubectl diff", "'mk diff") });
    const [k6, m6] = both(undefined, '--bogus', '-f', join(home.dir, 'changed.yaml'));
    expect(k6.code).toBe(2);
    expect(m6).toEqual({ ...k6, stderr: k6.stderr.replace("'kubectl diff", "'mk diff") });
    // An unknown kind, an object without a name, and one the server refuses.
    for (const [name, text] of [
      ['unknown-kind.yaml', 'apiVersion: v1\nkind: Nothing\nmetadata:\n  name: x\n'],
      ['no-name.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {a: b}\n'],
      ['two-unknown-kinds.yaml', 'apiVersion: v1\nkind: Nothing\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: Other\nmetadata:\n  name: z\n'],
      ['invalid.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n'],
    ]) {
      const [ke, me] = both(undefined, '-f', file(name, text));
      expect(ke.code).toBe(2);
      expect(me).toEqual(ke);
    }
  });
});
