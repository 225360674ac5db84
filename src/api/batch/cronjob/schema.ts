// batch/v1 CronJob (k8s.io/api/batch/v1/types.go, release-1.32).
import { z } from 'zod';
import { ObjectMeta } from '../../meta/schema.js';
import { JobSpec } from '../job/schema.js';
import { ObjectReference } from '../../core/event/schema.js';

export const JobTemplateSpec = z.strictObject({
  metadata: ObjectMeta.optional(),
  spec: JobSpec,
});

export const CronJobSpec = z.strictObject({
  schedule: z.string(),
  timeZone: z.string().optional(),
  startingDeadlineSeconds: z.number().int().optional(),
  concurrencyPolicy: z.string().optional(),
  suspend: z.boolean().optional(),
  jobTemplate: JobTemplateSpec,
  successfulJobsHistoryLimit: z.number().int().optional(),
  failedJobsHistoryLimit: z.number().int().optional(),
});


export const CronJobStatus = z.strictObject({
  active: z.array(ObjectReference).optional(),
  lastScheduleTime: z.string().nullable().optional(),
  lastSuccessfulTime: z.string().nullable().optional(),
});

export const CronJob = z.strictObject({
  apiVersion: z.string(),
  kind: z.literal('CronJob'),
  metadata: ObjectMeta,
  spec: CronJobSpec,
  status: CronJobStatus.optional(),
});

export type CronJob = z.infer<typeof CronJob> & { metadata: { name: string } };
export type CronJobSpec = z.infer<typeof CronJobSpec>;
export type CronJobStatus = z.infer<typeof CronJobStatus>;
export type { ObjectReference } from '../../core/event/schema.js';
