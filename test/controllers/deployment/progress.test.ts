// progress_test.go (release-1.32): the Progressing condition and the requeue at the deadline.
import { describe, expect, test } from 'vitest';
import type { DeploymentCondition } from '../../../src/api/apps/deployment/schema.js';
import type { ReplicaSet } from '../../../src/api/apps/replicaset/schema.js';
import { requeueStuckDeployment, syncRolloutStatus } from '../../../src/controllers/deployment/progress.js';
import {
  getDeploymentCondition, NewRSAvailableReason, ReplicaSetUpdatedReason, statusOf, TimedOutReason,
} from '../../../src/controllers/deployment/util.js';
import { currentDeployment, fakeDc, newRSWithAvailable } from './builders.js';

const at = (s: string) => Date.parse(s);

describe('requeueStuckDeployment', () => {
  const failed: DeploymentCondition[] = [{ type: 'Progressing', status: 'False', reason: TimedOutReason }];
  const stuck: DeploymentCondition[] = [{ type: 'Progressing', status: 'True', lastUpdateTime: '2017-02-15T18:49:00Z' }];
  const status = (replicas: number, updated: number, available: number) => statusOf(currentDeployment(60, 0, replicas, updated, available, undefined));
  test.each([
    { name: 'nil progressDeadlineSeconds specified', d: currentDeployment(undefined, 4, 3, 3, 2, undefined), status: status(3, 3, 2), expected: -1 },
    { name: 'infinite progressDeadlineSeconds specified', d: currentDeployment(2147483647, 4, 3, 3, 2, undefined), status: status(3, 3, 2), expected: -1 },
    { name: 'no progressing condition found', d: currentDeployment(60, 4, 3, 3, 2, undefined), status: status(3, 3, 2), expected: -1 },
    { name: 'complete deployment does not need to be requeued', d: currentDeployment(60, 3, 3, 3, 3, undefined), status: status(3, 3, 3), expected: -1 },
    { name: 'already failed deployment does not need to be requeued', d: currentDeployment(60, 3, 3, 3, 0, failed), status: status(3, 3, 0), expected: -1 },
    { name: 'stuck deployment - 30s', d: currentDeployment(60, 3, 3, 3, 1, stuck), status: status(3, 3, 1), now: at('2017-02-15T18:49:30Z'), expected: 30_000, due: at('2017-02-15T18:50:01Z') },
    { name: 'stuck deployment - 1s', d: currentDeployment(60, 3, 3, 3, 1, stuck), status: status(3, 3, 1), now: at('2017-02-15T18:49:59Z'), expected: 1000, due: at('2017-02-15T18:50:01Z') },
    { name: 'failed deployment - less than a second => now', d: currentDeployment(60, 3, 3, 3, 1, stuck), status: status(3, 3, 1), now: at('2017-02-15T18:49:59Z') + 1, expected: 0, due: at('2017-02-15T18:50:00Z') + 1 },
    { name: 'failed deployment - now', d: currentDeployment(60, 3, 3, 3, 1, stuck), status: status(3, 3, 1), now: at('2017-02-15T18:50:00Z'), expected: 0, due: at('2017-02-15T18:50:00Z') + 1 },
    { name: 'failed deployment - 1s after deadline', d: currentDeployment(60, 3, 3, 3, 1, stuck), status: status(3, 3, 1), now: at('2017-02-15T18:50:01Z'), expected: 0 },
    { name: 'failed deployment - 60s after deadline', d: currentDeployment(60, 3, 3, 3, 1, stuck), status: status(3, 3, 1), now: at('2017-02-15T18:51:00Z'), expected: 0 },
  ])('$name', (t) => {
    const { dc, ctx } = fakeDc({ deployments: [t.d] }, t.now ?? at('2017-02-15T18:49:00Z'));
    expect(requeueStuckDeployment(dc, t.d, t.status)).toBe(t.expected);
    expect(ctx.requeues.map((r) => r.due)).toEqual(t.due === undefined ? [] : [t.due]);
  });
});

describe('syncRolloutStatus', () => {
  const testTime = '2017-02-15T18:49:00Z';
  const failedTimedOut: DeploymentCondition = { type: 'Progressing', status: 'False', reason: TimedOutReason };
  const newRSAvailable: DeploymentCondition = { type: 'Progressing', status: 'True', reason: NewRSAvailableReason, lastUpdateTime: testTime, lastTransitionTime: testTime };
  const replicaSetUpdated: DeploymentCondition = { type: 'Progressing', status: 'True', reason: ReplicaSetUpdatedReason, lastUpdateTime: testTime, lastTransitionTime: testTime };
  interface Case {
    name: string;
    d: ReturnType<typeof currentDeployment>;
    allRSs: ReplicaSet[];
    newRS?: ReplicaSet;
    conditionStatus?: string;
    conditionReason?: string;
    lastUpdate?: boolean;
    lastTransition?: boolean;
  }
  const cases: Case[] = [
    { name: 'General: remove Progressing condition and do not estimate progress if deployment has no Progress Deadline',
      d: currentDeployment(undefined, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2) },
    { name: 'General: do not estimate progress of deployment with only one active ReplicaSet',
      d: currentDeployment(60, 3, 3, 3, 3, [newRSAvailable]), allRSs: [newRSWithAvailable('bar', 3, 3, 3)],
      conditionStatus: 'True', conditionReason: NewRSAvailableReason, lastUpdate: true, lastTransition: true },
    { name: "DeploymentProgressing: dont update lastTransitionTime if deployment already has Progressing=True",
      d: currentDeployment(60, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2),
      conditionStatus: 'True', conditionReason: ReplicaSetUpdatedReason, lastTransition: true },
    { name: 'DeploymentProgressing: update everything if deployment has Progressing=False',
      d: currentDeployment(60, 3, 2, 2, 2, [failedTimedOut]), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2),
      conditionStatus: 'True', conditionReason: ReplicaSetUpdatedReason },
    { name: 'DeploymentProgressing: create Progressing condition if it does not exist',
      d: currentDeployment(60, 3, 2, 2, 2, []), allRSs: [newRSWithAvailable('bar', 0, 1, 1)], newRS: newRSWithAvailable('foo', 3, 2, 2),
      conditionStatus: 'True', conditionReason: ReplicaSetUpdatedReason },
    { name: "DeploymentComplete: dont update lastTransitionTime if deployment already has Progressing=True",
      d: currentDeployment(60, 3, 3, 3, 3, [replicaSetUpdated]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 3, 3),
      conditionStatus: 'True', conditionReason: NewRSAvailableReason, lastTransition: true },
    { name: 'DeploymentComplete: update everything if deployment has Progressing=False',
      d: currentDeployment(60, 3, 3, 3, 3, [failedTimedOut]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 3, 3),
      conditionStatus: 'True', conditionReason: NewRSAvailableReason },
    { name: 'DeploymentComplete: create Progressing condition if it does not exist',
      d: currentDeployment(60, 3, 3, 3, 3, []), allRSs: [], newRS: newRSWithAvailable('foo', 3, 3, 3),
      conditionStatus: 'True', conditionReason: NewRSAvailableReason },
    { name: 'DeploymentComplete: defend against NPE when newRS=nil',
      d: currentDeployment(60, 0, 3, 3, 3, [replicaSetUpdated]), allRSs: [newRSWithAvailable('foo', 0, 0, 0)],
      conditionStatus: 'True', conditionReason: NewRSAvailableReason },
    { name: 'DeploymentTimedOut: update status if rollout exceeds Progress Deadline',
      d: currentDeployment(60, 3, 2, 2, 2, [replicaSetUpdated]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 2, 2),
      conditionStatus: 'False', conditionReason: TimedOutReason },
    { name: 'DeploymentTimedOut: do not update status if deployment has existing timedOut condition',
      d: currentDeployment(60, 3, 2, 2, 2, [failedTimedOut]), allRSs: [], newRS: newRSWithAvailable('foo', 3, 2, 2),
      conditionStatus: 'False', conditionReason: TimedOutReason },
  ];
  test.each(cases)('$name', (t) => {
    const allRSs = t.newRS ? [...t.allRSs, t.newRS] : t.allRSs;
    const { dc } = fakeDc({ deployments: [t.d] }, at('2025-01-01T00:00:00Z'));
    syncRolloutStatus(dc, allRSs, t.newRS, t.d);
    const cond = getDeploymentCondition(statusOf(t.d), 'Progressing');
    if (!t.conditionReason) {
      expect(cond).toBeUndefined();
      return;
    }
    expect([cond?.status, cond?.reason]).toEqual([t.conditionStatus, t.conditionReason]);
    if (t.lastUpdate) expect(cond?.lastUpdateTime).toBe(testTime);
    if (t.lastTransition) expect(cond?.lastTransitionTime).toBe(testTime);
  });

  test('the messages name the new ReplicaSet', () => {
    const d = currentDeployment(60, 3, 2, 2, 2, []);
    const { dc } = fakeDc({ deployments: [d] }, at('2025-01-01T00:00:00Z'));
    syncRolloutStatus(dc, [newRSWithAvailable('web-5d4f8c7b9', 3, 3, 3)], newRSWithAvailable('web-5d4f8c7b9', 3, 3, 3), d);
    expect(statusOf(d).conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-5d4f8c7b9" has successfully progressed.'],
    ]);
  });
});
