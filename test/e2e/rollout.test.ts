// The workload verbs on the built CLI, one process per command, on a manual clock: create a
// Deployment and watch it roll out, change its image and watch again, read the history, undo and
// see the revision reused, pause/resume/restart, scale, wait, a rollout that misses its progress
// deadline; then the same script on a second cluster prints identical bytes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MkHome } from './harness.js';

const script: string[][] = [
  ['cluster', 'create', '--clock', 'manual'],
  ['create', 'deployment', 'web', '--image=nginx:1.25', '--replicas=3'],
  ['rollout', 'status', 'deploy/web'],
  ['set', 'image', 'deploy/web', 'nginx=nginx:1.26'],
  ['rollout', 'status', 'deployment/web'],
  ['rollout', 'history', 'deploy/web'],
  ['rollout', 'history', 'deploy/web', '--revision=1'],
  ['rollout', 'undo', 'deploy/web'],
  ['rollout', 'status', 'deploy/web'],
  ['rollout', 'history', 'deploy/web'],
  ['rollout', 'undo', 'deploy/web', '--to-revision=5'],
  ['rollout', 'undo', 'deploy/web', '--to-revision=3'],
  ['get', 'rs'],
  ['scale', 'deploy/web', '--replicas=2', '--current-replicas=3'],
  ['scale', 'deploy/web', '--replicas=2', '--current-replicas=5'],
  ['wait', '--for=jsonpath={.status.replicas}=2', 'deploy/web', '--timeout=1m'],
  ['rollout', 'pause', 'deploy/web'],
  ['rollout', 'pause', 'deploy/web'],
  ['rollout', 'restart', 'deploy/web'],
  ['set', 'env', 'deploy/web', 'MODE=prod'],
  ['rollout', 'status', 'deploy/web', '-w=false'],
  ['rollout', 'resume', 'deploy/web'],
  ['rollout', 'status', 'deploy/web'],
  ['set', 'env', 'deploy/web', '--list'],
  ['rollout', 'restart', 'deploy/web'],
  ['rollout', 'status', 'deploy/web'],
  ['wait', '--for=condition=Available', 'deploy/web'],
  ['set', 'image', 'deploy/web', 'nginx=nginx:no-such-tag'],
  ['rollout', 'status', 'deploy/web'],
  ['rollout', 'undo', 'deploy/web'],
  ['rollout', 'status', 'deploy/web'],
  ['rollout', 'history', 'deploy/web'],
  ['delete', 'deploy', 'web', '--wait=false'],
  ['wait', '--for=delete', 'deploy/web', '--timeout=1m'],
];

function runScript(home: MkHome): string {
  let transcript = '';
  for (const args of script) {
    const r = home.run(args);
    transcript += `$ mk ${args.join(' ')}\n${r.stdout}${r.stderr}[exit ${r.code}]\n`;
  }
  return transcript;
}

/** What one step printed, exit line included. */
function step(transcript: string, command: string, occurrence = 0): string {
  const parts = transcript.split(`$ mk ${command}\n`);
  if (parts.length <= occurrence + 1) throw new Error(`no step ${command} #${occurrence}`);
  return parts[occurrence + 1].split(/^\$ mk /m)[0];
}

describe('a Deployment from create to delete, on a manual clock', () => {
  const a = new MkHome();
  const b = new MkHome();
  let first = '';
  beforeAll(() => {
    first = runScript(a);
  }, 120_000);
  afterAll(() => {
    a.dispose();
    b.dispose();
  });

  test('the same script on a second cluster prints identical bytes', () => {
    expect(runScript(b)).toBe(first);
  }, 120_000);

  test('create deployment, then rollout status prints a line per status change until available', () => {
    expect(step(first, 'create deployment web --image=nginx:1.25 --replicas=3')).toBe('deployment.apps/web created\n[exit 0]\n');
    expect(step(first, 'rollout status deploy/web')).toBe(
      'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n'
      + 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...\n'
      + 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...\n'
      + 'deployment "web" successfully rolled out\n[exit 0]\n');
  });

  test('a new image rolls out in kubectl\'s phases, each status write printed as kubectl\'s watch does', () => {
    expect(step(first, 'set image deploy/web nginx=nginx:1.26')).toBe('deployment.apps/web image updated\n[exit 0]\n');
    // The same lines, repeats included, that kubectl printed for this rollout of a 3-replica
    // Deployment against a real cluster in kubernetes/kubectl#979.
    const line = (s: string) => `Waiting for deployment "web" rollout to finish: ${s}\n`;
    expect(step(first, 'rollout status deployment/web')).toBe(
      line('1 out of 3 new replicas have been updated...').repeat(3)
      + line('2 out of 3 new replicas have been updated...').repeat(3)
      + line('1 old replicas are pending termination...').repeat(2)
      + 'deployment "web" successfully rolled out\n[exit 0]\n');
  });

  test('history, undo to the previous revision, and the ReplicaSet reused under a new number', () => {
    expect(step(first, 'rollout history deploy/web')).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n[exit 0]\n');
    expect(step(first, 'rollout history deploy/web --revision=1')).toMatch(/^deployment\.apps\/web with revision #1\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n  Containers:\n   nginx:\n    Image:\tnginx:1\.25\n/);
    expect(step(first, 'rollout undo deploy/web')).toBe('deployment.apps/web rolled back\n[exit 0]\n');
    expect(step(first, 'rollout history deploy/web', 1)).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n[exit 0]\n');
    expect(step(first, 'rollout undo deploy/web --to-revision=5')).toBe('error: unable to find specified revision 5 in history\n[exit 1]\n');
    expect(step(first, 'rollout undo deploy/web --to-revision=3'))
      .toBe('deployment.apps/web skipped rollback (current template already matches revision 3)\n[exit 0]\n');
    // Two ReplicaSets: the first one back at full size, the second scaled to zero.
    expect(step(first, 'get rs').split('\n').filter((l) => l.startsWith('web-')).map((l) => l.split(/\s+/).slice(1, 4).join(' ')).sort())
      .toEqual(['0 0 0', '3 3 3']);
  });

  test('scale with a --current-replicas precondition, then wait for the new size', () => {
    expect(step(first, 'scale deploy/web --replicas=2 --current-replicas=3')).toBe('deployment.apps/web scaled\n[exit 0]\n');
    expect(step(first, 'scale deploy/web --replicas=2 --current-replicas=5')).toBe('error: Expected replicas to be 5, was 2\n[exit 1]\n');
    expect(step(first, 'wait --for=jsonpath={.status.replicas}=2 deploy/web --timeout=1m')).toBe('deployment.apps/web condition met\n[exit 0]\n');
  });

  test('pause holds a template change back until resume; restart refuses a paused Deployment', () => {
    expect(step(first, 'rollout pause deploy/web')).toBe('deployment.apps/web paused\n[exit 0]\n');
    expect(step(first, 'rollout pause deploy/web', 1)).toBe('error: deployments.apps "web" is already paused\n[exit 1]\n');
    expect(step(first, 'rollout restart deploy/web'))
      .toBe('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n[exit 1]\n');
    expect(step(first, 'set env deploy/web MODE=prod')).toBe('deployment.apps/web env updated\n[exit 0]\n');
    expect(step(first, 'rollout status deploy/web -w=false'))
      .toBe('Waiting for deployment "web" rollout to finish: 0 out of 2 new replicas have been updated...\n[exit 0]\n');
    expect(step(first, 'rollout resume deploy/web')).toBe('deployment.apps/web resumed\n[exit 0]\n');
    expect(step(first, 'rollout status deploy/web', 2)).toMatch(/deployment "web" successfully rolled out\n\[exit 0\]\n$/);
    expect(step(first, 'set env deploy/web --list')).toBe('# Deployment web, container nginx\nMODE=prod\n[exit 0]\n');
    expect(step(first, 'rollout restart deploy/web', 1)).toBe('deployment.apps/web restarted\n[exit 0]\n');
    expect(step(first, 'rollout status deploy/web', 3)).toMatch(/deployment "web" successfully rolled out\n\[exit 0\]\n$/);
    expect(step(first, 'wait --for=condition=Available deploy/web')).toBe('deployment.apps/web condition met\n[exit 0]\n');
  });

  test('an image that cannot be pulled ends in the progress deadline error, and undo recovers', () => {
    const status = step(first, 'rollout status deploy/web', 4);
    expect(status).toMatch(/^Waiting for deployment "web" rollout to finish: 1 out of 2 new replicas have been updated\.\.\.\n/);
    expect(status).toMatch(/error: deployment "web" exceeded its progress deadline\n\[exit 1\]\n$/);
    expect(step(first, 'rollout undo deploy/web', 1)).toBe('deployment.apps/web rolled back\n[exit 0]\n');
    expect(step(first, 'rollout status deploy/web', 5)).toMatch(/deployment "web" successfully rolled out\n\[exit 0\]\n$/);
  });

  test('wait --for=delete returns once the Deployment is gone', () => {
    expect(step(first, 'delete deploy web --wait=false')).toBe('deployment.apps "web" deleted\n[exit 0]\n');
    expect(step(first, 'wait --for=delete deploy/web --timeout=1m')).toBe('[exit 0]\n');
  });
});
