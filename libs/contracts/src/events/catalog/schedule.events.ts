import { dateTimeSchema, idSchema, isoDurationSchema, JsonSchema } from '../../json-schema';
import { IntentStatus, IntentView, intentViewSchema } from '../../model/intent-view';
import {
  ScheduleJobView,
  ScheduleView,
  scheduleJobViewSchema,
  scheduleViewSchema,
} from '../../model/schedule-view';
import { defineEvent } from '../event-definition';
import { exampleIntent } from './intent.events';

/**
 * A scheduled job whose moment has come. The flat fields name the job and its intent at a
 * glance; `intent` is the whole intent as its latest event carried it, `job` the job as
 * `GET /schedules/{intentId}` shows it (FIRED, with `firedAt`).
 */
interface ScheduleJobFiredBase {
  intentId: string;
  environmentId: string;
  jobId: string;
  dueAt: string;
  firedAt: string;
  /** How long after `dueAt` it fired: 0 on time, more after downtime. */
  lateBySeconds: number;
  plannedStart: string;
  plannedEnd: string;
  intent: IntentView;
  job: ScheduleJobView;
}

export interface ReminderDue extends ScheduleJobFiredBase {
  kind: 'REMINDER';
  /** How long before plannedStart, e.g. P1D. */
  leadTime: string;
}

export interface StartDue extends ScheduleJobFiredBase {
  kind: 'START';
}

export interface OverrunDetected extends ScheduleJobFiredBase {
  kind: 'OVERRUN';
  /** Grace after plannedEnd before the intent counts as overrunning. */
  grace: string;
}

/** The OVERRUN job found the intent never started: still SCHEDULED after its window and grace. */
export type StartMissed = OverrunDetected;

export type ScheduleJobFired = ReminderDue | StartDue | OverrunDetected;

function jobDueSchema(title: string, kind: string, extra: Record<string, JsonSchema> = {}): JsonSchema {
  return {
    title,
    type: 'object',
    additionalProperties: true,
    required: [
      'intentId',
      'environmentId',
      'jobId',
      'kind',
      'dueAt',
      'firedAt',
      'lateBySeconds',
      'plannedStart',
      'plannedEnd',
      'intent',
      'job',
      ...Object.keys(extra),
    ],
    properties: {
      intentId: idSchema,
      environmentId: idSchema,
      jobId: idSchema,
      kind: { const: kind },
      dueAt: dateTimeSchema,
      firedAt: dateTimeSchema,
      lateBySeconds: { type: 'integer', minimum: 0, description: 'How long after dueAt the job fired.' },
      plannedStart: dateTimeSchema,
      plannedEnd: dateTimeSchema,
      intent: intentViewSchema,
      job: scheduleJobViewSchema,
      ...extra,
    },
  };
}

const exampleJob = {
  intentId: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
  environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  plannedStart: '2025-03-01T22:00:00Z',
  plannedEnd: '2025-03-02T02:00:00Z',
};

const exampleJobs: ScheduleJobView[] = [
  {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f5',
    kind: 'REMINDER',
    dueAt: '2025-02-22T22:00:00Z',
    status: 'PENDING',
    leadTime: 'P7D',
  },
  {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f6',
    kind: 'REMINDER',
    dueAt: '2025-02-28T22:00:00Z',
    status: 'PENDING',
    leadTime: 'P1D',
  },
  {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f7',
    kind: 'REMINDER',
    dueAt: '2025-03-01T21:00:00Z',
    status: 'PENDING',
    leadTime: 'PT1H',
  },
  {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f8',
    kind: 'START',
    dueAt: '2025-03-01T22:00:00Z',
    status: 'PENDING',
  },
  {
    id: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f9',
    kind: 'OVERRUN',
    dueAt: '2025-03-02T02:30:00Z',
    status: 'PENDING',
  },
];

/** The example job of `kind`, as its firing shows it. */
function firedExample(index: number, firedAt: string, status: IntentStatus) {
  const job = { ...exampleJobs[index], status: 'FIRED' as const, firedAt };
  return {
    ...exampleJob,
    jobId: job.id,
    dueAt: job.dueAt,
    firedAt,
    lateBySeconds: Math.round((Date.parse(firedAt) - Date.parse(job.dueAt)) / 1000),
    intent: exampleIntent(status),
    job,
  };
}

export const scheduleCreatedEvent = defineEvent<ScheduleView>()({
  type: 'schedule.created',
  version: 1,
  source: 'scheduling',
  description:
    'The reminders, start signal and overrun alarm of an approved intent were registered (a reminder whose moment had already passed is SKIPPED). The intent becomes SCHEDULED.',
  dataSchema: scheduleViewSchema,
  example: { ...exampleJob, status: 'ACTIVE', jobs: exampleJobs },
});

export const scheduleCancelledEvent = defineEvent<ScheduleView>()({
  type: 'schedule.cancelled',
  version: 1,
  source: 'scheduling',
  description:
    'The schedule of an intent was withdrawn: the intent was cancelled, or its window amended back to REQUESTED (a new schedule follows its re-approval). Its pending jobs are CANCELLED.',
  dataSchema: scheduleViewSchema,
  example: {
    ...exampleJob,
    status: 'CANCELLED',
    jobs: exampleJobs.map((job) => ({ ...job, status: 'CANCELLED' as const })),
  },
});

export const scheduleReminderDueEvent = defineEvent<ReminderDue>()({
  type: 'schedule.reminder_due',
  version: 1,
  source: 'scheduling',
  description:
    'A refresh starts in `leadTime`: time to remind everyone affected. Never sent late once the start itself is due (such a reminder is SKIPPED).',
  dataSchema: jobDueSchema('ReminderDue', 'REMINDER', { leadTime: isoDurationSchema }),
  example: { ...firedExample(1, '2025-02-28T22:00:00.120Z', 'SCHEDULED'), kind: 'REMINDER', leadTime: 'P1D' },
});

export const scheduleStartDueEvent = defineEvent<StartDue>()({
  type: 'schedule.start_due',
  version: 1,
  source: 'scheduling',
  description:
    'The planned start of an approved refresh has come: the signal for refresh executors. After downtime it still fires, late, and says by how much (`lateBySeconds`).',
  dataSchema: jobDueSchema('StartDue', 'START'),
  example: { ...firedExample(3, '2025-03-01T22:00:00.080Z', 'SCHEDULED'), kind: 'START' },
});

export const scheduleOverrunEvent = defineEvent<OverrunDetected>()({
  type: 'schedule.overrun',
  version: 1,
  source: 'scheduling',
  description: 'A refresh is still IN_PROGRESS after its planned end plus the grace period.',
  dataSchema: jobDueSchema('OverrunDetected', 'OVERRUN', { grace: isoDurationSchema }),
  example: { ...firedExample(4, '2025-03-02T02:30:00.050Z', 'IN_PROGRESS'), kind: 'OVERRUN', grace: 'PT30M' },
});

export const scheduleStartMissedEvent = defineEvent<StartMissed>()({
  type: 'schedule.start_missed',
  version: 1,
  source: 'scheduling',
  description:
    'An approved refresh never started: still SCHEDULED after its planned end plus the grace period.',
  dataSchema: jobDueSchema('StartMissed', 'OVERRUN', { grace: isoDurationSchema }),
  example: { ...firedExample(4, '2025-03-02T02:30:00.050Z', 'SCHEDULED'), kind: 'OVERRUN', grace: 'PT30M' },
});

/** Every event of this service, in catalog order. */
export const SCHEDULE_EVENTS = [
  scheduleCreatedEvent,
  scheduleCancelledEvent,
  scheduleReminderDueEvent,
  scheduleStartDueEvent,
  scheduleOverrunEvent,
  scheduleStartMissedEvent,
] as const;
