import { dateTimeSchema, idSchema, isoDurationSchema, JsonSchema } from '../../json-schema';
import { ScheduleView, scheduleViewSchema } from '../../model/schedule-view';
import { defineEvent } from '../event-definition';

/** A scheduled job whose moment has come. */
interface ScheduleJobDueBase {
  intentId: string;
  environmentId: string;
  jobId: string;
  dueAt: string;
  plannedStart: string;
  plannedEnd: string;
}

export interface ReminderDue extends ScheduleJobDueBase {
  kind: 'REMINDER';
  /** How long before plannedStart, e.g. P1D. */
  leadTime: string;
}

export interface StartDue extends ScheduleJobDueBase {
  kind: 'START';
}

export interface OverrunDetected extends ScheduleJobDueBase {
  kind: 'OVERRUN';
  /** Grace after plannedEnd before the intent counts as overrunning. */
  grace: string;
}

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
      'plannedStart',
      'plannedEnd',
      ...Object.keys(extra),
    ],
    properties: {
      intentId: idSchema,
      environmentId: idSchema,
      jobId: idSchema,
      kind: { const: kind },
      dueAt: dateTimeSchema,
      plannedStart: dateTimeSchema,
      plannedEnd: dateTimeSchema,
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

export const scheduleCreatedEvent = defineEvent<ScheduleView>()({
  type: 'schedule.created',
  version: 1,
  source: 'scheduling',
  description: 'The reminders, start signal and overrun alarm of an approved intent were registered.',
  dataSchema: scheduleViewSchema,
  example: {
    ...exampleJob,
    jobs: [
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
    ],
  },
});

export const scheduleReminderDueEvent = defineEvent<ReminderDue>()({
  type: 'schedule.reminder_due',
  version: 1,
  source: 'scheduling',
  description:
    'A refresh starts in `leadTime`: time to remind everyone affected. Never sent late after downtime.',
  dataSchema: jobDueSchema('ReminderDue', 'REMINDER', { leadTime: isoDurationSchema }),
  example: {
    ...exampleJob,
    jobId: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f6',
    kind: 'REMINDER',
    dueAt: '2025-02-28T22:00:00Z',
    leadTime: 'P1D',
  },
});

export const scheduleStartDueEvent = defineEvent<StartDue>()({
  type: 'schedule.start_due',
  version: 1,
  source: 'scheduling',
  description: 'The planned start of an approved refresh has come: the signal for refresh executors.',
  dataSchema: jobDueSchema('StartDue', 'START'),
  example: {
    ...exampleJob,
    jobId: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f8',
    kind: 'START',
    dueAt: '2025-03-01T22:00:00Z',
  },
});

export const scheduleOverrunEvent = defineEvent<OverrunDetected>()({
  type: 'schedule.overrun',
  version: 1,
  source: 'scheduling',
  description: 'A refresh is still in progress after its planned end plus the grace period.',
  dataSchema: jobDueSchema('OverrunDetected', 'OVERRUN', { grace: isoDurationSchema }),
  example: {
    ...exampleJob,
    jobId: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f9',
    kind: 'OVERRUN',
    dueAt: '2025-03-02T02:30:00Z',
    grace: 'PT30M',
  },
});
