// The `rollout history` cases recorded from the real kubectl 1.32 (record.test.ts) and replayed
// against mk (history.test.ts). `objects` names a file under fixtures/history: what the oracle's
// fake API server serves; `mk-journey` was produced by mk itself (create, set image, set env,
// set resources, undo), the `hand` set covers the pod template fields and odd ReplicaSets,
// `mk-sts` a StatefulSet's ControllerRevisions.
export interface HistoryCase {
  name: string;
  objects: string;
  /** What follows `rollout history`. */
  args: string[];
  exitCode: number;
}

export const historyCases: HistoryCase[] = [
  { name: 'journey-table', objects: 'mk-journey', args: ['deploy/web'], exitCode: 0 },
  { name: 'journey-revision-2', objects: 'mk-journey', args: ['deploy/web', '--revision=2'], exitCode: 0 },
  { name: 'journey-revision-4', objects: 'mk-journey', args: ['deploy/web', '--revision=4'], exitCode: 0 },
  { name: 'journey-revision-5', objects: 'mk-journey', args: ['deploy/web', '--revision=5'], exitCode: 0 },
  { name: 'journey-missing-revision', objects: 'mk-journey', args: ['deploy/web', '--revision=1'], exitCode: 1 },
  { name: 'hand-table', objects: 'hand', args: ['deployment', 'web'], exitCode: 0 },
  { name: 'hand-revision-10', objects: 'hand', args: ['deploy/web', '--revision=10'], exitCode: 0 },
  { name: 'hand-revision-9', objects: 'hand', args: ['deploy/web', '--revision=9'], exitCode: 0 },
  { name: 'hand-revision-2', objects: 'hand', args: ['deploy/web', '--revision=2'], exitCode: 0 },
  { name: 'hand-no-history', objects: 'hand', args: ['deploy/lonely'], exitCode: 0 },
  { name: 'hand-all-deployments', objects: 'hand', args: ['deployments'], exitCode: 0 },
  { name: 'hand-two-revision', objects: 'hand', args: ['deploy/web', 'deploy/lonely', '--revision=2'], exitCode: 0 },
  { name: 'hand-not-found', objects: 'hand', args: ['deploy/web', 'deploy/nope'], exitCode: 1 },
  { name: 'hand-replicaset', objects: 'hand', args: ['rs/web-5d4f8c9b7'], exitCode: 1 },
  { name: 'hand-two-errors', objects: 'hand', args: ['rs/web-5d4f8c9b7', 'deploy/nope', 'deploy/web'], exitCode: 1 },
  { name: 'hand-output-name', objects: 'hand', args: ['deploy/web', '--output=name'], exitCode: 0 },
  { name: 'hand-output-name-revision', objects: 'hand', args: ['deploy/web', '--revision=9', '--output=name'], exitCode: 0 },
  { name: 'journey-output-yaml', objects: 'mk-journey', args: ['deploy/web', '--output=yaml'], exitCode: 0 },
  // mk-sts: the web StatefulSet through mk (apply, annotate + set image, annotate + set env).
  { name: 'sts-table', objects: 'mk-sts', args: ['sts/web'], exitCode: 0 },
  { name: 'sts-revision-2', objects: 'mk-sts', args: ['sts/web', '--revision=2'], exitCode: 0 },
  { name: 'sts-revision-3', objects: 'mk-sts', args: ['statefulset/web', '--revision=3'], exitCode: 0 },
  { name: 'sts-missing-revision', objects: 'mk-sts', args: ['sts/web', '--revision=9'], exitCode: 1 },
  { name: 'sts-not-found', objects: 'mk-sts', args: ['sts/nope'], exitCode: 1 },
  { name: 'sts-output-yaml-revision', objects: 'mk-sts', args: ['sts/web', '--revision=1', '--output=yaml'], exitCode: 0 },
  { name: 'sts-output-name', objects: 'mk-sts', args: ['statefulsets', '--output=name'], exitCode: 0 },
];
