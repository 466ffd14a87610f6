import { dateTimeSchema, enumSchema, idSchema, isoDurationSchema, JsonSchema } from '../json-schema';

export const SCHEDULE_JOB_KINDS = ['REMINDER', 'START', 'OVERRUN'] as const;
export type ScheduleJobKind = (typeof SCHEDULE_JOB_KINDS)[number];

/** PENDING until its moment; then FIRED (its event published) or SKIPPED (too late to mean anything); CANCELLED with its schedule. */
export const SCHEDULE_JOB_STATUSES = ['PENDING', 'FIRED', 'SKIPPED', 'CANCELLED'] as const;
export type ScheduleJobStatus = (typeof SCHEDULE_JOB_STATUSES)[number];

/** ACTIVE while the intent is approved and not ended; CANCELLED when sent back for re-approval or cancelled; DONE when it ended. */
export const SCHEDULE_STATUSES = ['ACTIVE', 'CANCELLED', 'DONE'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

export interface ScheduleJobView {
  id: string;
  kind: ScheduleJobKind;
  dueAt: string;
  status: ScheduleJobStatus;
  /** For reminders: how long before plannedStart, e.g. P1D. */
  leadTime?: string;
  /** When it fired (FIRED jobs only). */
  firedAt?: string;
}

/**
 * The timed jobs registered for an approved intent, for the window it was approved with;
 * `schedule.created` and `schedule.cancelled` carry one, `GET /schedules/{intentId}` answers one.
 */
export interface ScheduleView {
  intentId: string;
  environmentId: string;
  status: ScheduleStatus;
  plannedStart: string;
  plannedEnd: string;
  jobs: ScheduleJobView[];
}

export const scheduleJobViewSchema: JsonSchema = {
  title: 'ScheduleJobView',
  type: 'object',
  required: ['id', 'kind', 'dueAt', 'status'],
  properties: {
    id: idSchema,
    kind: enumSchema(SCHEDULE_JOB_KINDS),
    dueAt: dateTimeSchema,
    status: enumSchema(SCHEDULE_JOB_STATUSES),
    leadTime: { ...isoDurationSchema, description: 'Reminders only: how long before plannedStart.' },
    firedAt: { ...dateTimeSchema, description: 'FIRED jobs only: when the job fired.' },
  },
};

export const scheduleViewSchema: JsonSchema = {
  title: 'ScheduleView',
  description:
    'Reminders, start signal and overrun alarm of one intent. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: ['intentId', 'environmentId', 'status', 'plannedStart', 'plannedEnd', 'jobs'],
  properties: {
    intentId: idSchema,
    environmentId: idSchema,
    status: enumSchema(SCHEDULE_STATUSES),
    plannedStart: dateTimeSchema,
    plannedEnd: dateTimeSchema,
    jobs: { type: 'array', items: scheduleJobViewSchema },
  },
};
