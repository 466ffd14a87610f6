import { dateTimeSchema, enumSchema, idSchema, isoDurationSchema, JsonSchema } from '../json-schema';

export const SCHEDULE_JOB_KINDS = ['REMINDER', 'START', 'OVERRUN'] as const;
export type ScheduleJobKind = (typeof SCHEDULE_JOB_KINDS)[number];

export const SCHEDULE_JOB_STATUSES = ['PENDING', 'DONE', 'SKIPPED', 'CANCELLED'] as const;
export type ScheduleJobStatus = (typeof SCHEDULE_JOB_STATUSES)[number];

export interface ScheduleJobView {
  id: string;
  kind: ScheduleJobKind;
  dueAt: string;
  status: ScheduleJobStatus;
  /** For reminders: how long before plannedStart, e.g. P1D. */
  leadTime?: string;
}

/** The timed jobs registered for an approved intent; `schedule.created` carries one. */
export interface ScheduleView {
  intentId: string;
  environmentId: string;
  plannedStart: string;
  plannedEnd: string;
  jobs: ScheduleJobView[];
}

export const scheduleJobViewSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'kind', 'dueAt', 'status'],
  properties: {
    id: idSchema,
    kind: enumSchema(SCHEDULE_JOB_KINDS),
    dueAt: dateTimeSchema,
    status: enumSchema(SCHEDULE_JOB_STATUSES),
    leadTime: { ...isoDurationSchema, description: 'Reminders only: how long before plannedStart.' },
  },
};

export const scheduleViewSchema: JsonSchema = {
  title: 'ScheduleView',
  description:
    'Reminders, start signal and overrun alarm of one intent. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: ['intentId', 'environmentId', 'plannedStart', 'plannedEnd', 'jobs'],
  properties: {
    intentId: idSchema,
    environmentId: idSchema,
    plannedStart: dateTimeSchema,
    plannedEnd: dateTimeSchema,
    jobs: { type: 'array', items: scheduleJobViewSchema },
  },
};
