import {
  ConflictCheckView,
  ConflictFindingView,
  ConflictView,
  FreeSlotsView,
  FreezeView,
  INTENT_STATUSES,
  actorRefSchema,
  bookingCancelledEvent,
  bookingCreatedEvent,
  bookingViewSchema,
  conflictAcknowledgedEvent,
  conflictDetectedEvent,
  conflictOverriddenEvent,
  answeredRelatedRefSchema,
  conflictViewSchema,
  dateTimeSchema,
  deliveryViewSchema,
  environmentUpsertedEvent,
  environmentViewSchema,
  idSchema,
  intentRequestedEvent,
  intentViewSchema,
  isoDurationSchema,
  scheduleCreatedEvent,
  scheduleJobViewSchema,
  scheduleViewSchema,
  subscriptionViewSchema,
  timeWindowSchema,
  windowCreatedEvent,
  windowDeletedEvent,
  windowViewSchema,
} from '@envrefresh/contracts';
import { DELIVERY_REPLAY_SCHEMA } from './notification-schemas';
import { CALENDAR_SCHEMAS } from '../calendar/calendar-schemas';
import { API_TOKEN_SCHEMAS } from './api-token-schemas';
import { PROBLEM_SCHEMA_NAME, problemSchema } from './problem-responses';

const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const statusSchema = { type: 'string', enum: [...INTENT_STATUSES] };

const historyEntrySchema = {
  type: 'object',
  required: [
    'sequence',
    'intentId',
    'action',
    'actor',
    'fromStatus',
    'toStatus',
    'notes',
    'at',
    'correlationId',
    'hash',
    'previousHash',
  ],
  properties: {
    sequence: { type: 'integer', minimum: 1 },
    intentId: { type: 'string', format: 'uuid' },
    action: {
      type: 'string',
      description: 'created, submit, approve, auto-approve, amend, schedule, start, …',
    },
    actor: actorRefSchema,
    fromStatus: nullable(statusSchema),
    toStatus: statusSchema,
    notes: { type: ['string', 'null'] },
    at: dateTimeSchema,
    correlationId: { type: 'string', description: 'X-Request-Id of the request that caused it' },
    hash: { type: 'string', description: 'SHA-256 (hex) of previousHash and this entry' },
    previousHash: { type: ['string', 'null'] },
  },
};

const historyVerificationSchema = {
  type: 'object',
  required: ['intentId', 'intact', 'entries', 'firstBrokenSequence', 'reason'],
  properties: {
    intentId: { type: 'string', format: 'uuid' },
    intact: { type: 'boolean' },
    entries: { type: 'integer', minimum: 0 },
    firstBrokenSequence: { type: ['integer', 'null'] },
    reason: { type: ['string', 'null'] },
  },
};

const refreshRecordSchema = {
  type: 'object',
  description:
    'A completed refresh. One whose intent you may not see is `hidden: true` and gives only its times ("another refresh"): no intentId, refreshType, facts or completedBy.',
  required: ['environmentId', 'completedAt'],
  properties: {
    hidden: { type: 'boolean', enum: [true] },
    intentId: { type: 'string', format: 'uuid' },
    environmentId: { type: 'string', format: 'uuid' },
    refreshType: { type: 'string' },
    completedAt: dateTimeSchema,
    startedAt: nullable(dateTimeSchema),
    durationSeconds: { type: ['integer', 'null'] },
    rowsAffected: { type: ['integer', 'null'] },
    dataVolumeGb: { type: ['number', 'null'] },
    logUrl: { type: ['string', 'null'] },
    completedBy: actorRefSchema,
  },
};

const pageOf = (item: string) => ({
  type: 'object',
  required: ['items', 'nextCursor'],
  properties: {
    items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    nextCursor: {
      type: ['string', 'null'],
      description: 'Pass as ?cursor= for the next page; null on the last',
    },
  },
});

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** ConflictView as answered: a related intent the caller may not see comes without its id. */
const answeredConflictViewSchema = {
  ...conflictViewSchema,
  properties: { ...(conflictViewSchema.properties as object), relatedRef: answeredRelatedRefSchema },
};
const conflictProperties = answeredConflictViewSchema.properties as Record<string, object>;
const FINDING_FIELDS = ['type', 'severity', 'rule', 'explanation', 'relatedRef', 'window'] as const;

/** A conflict a rule finds before anything is stored: the ConflictView fields that say what and why. */
const conflictFindingSchema = {
  title: 'ConflictFinding',
  description:
    'What a rule found: its type, severity, stable rule id, explanation and the overlapping window.',
  type: 'object',
  required: [...FINDING_FIELDS],
  properties: Object.fromEntries(FINDING_FIELDS.map((field) => [field, conflictProperties[field]])),
};

const conflictCheckSchema = {
  title: 'ConflictCheckView',
  description: 'What an intent with this window would meet; nothing was created.',
  type: 'object',
  required: ['environmentId', 'window', 'blocking', 'conflicts'],
  properties: {
    environmentId: idSchema,
    window: { ...timeWindowSchema, description: 'The window asked about, half-open [start, end).' },
    blocking: {
      type: 'boolean',
      description: 'true when at least one conflict is BLOCKING: such an intent could not be approved',
    },
    conflicts: { type: 'array', items: ref('ConflictFinding') },
  },
};

const freeSlotSchema = {
  title: 'FreeSlot',
  type: 'object',
  required: ['start', 'end', 'availableUntil'],
  properties: {
    start: dateTimeSchema,
    end: { ...dateTimeSchema, description: 'start + duration, exclusive' },
    availableUntil: {
      ...dateTimeSchema,
      description: 'The gap stays free until this instant, so the slot may start later within it',
    },
  },
};

const freeSlotsSchema = {
  title: 'FreeSlotsView',
  description: 'The earliest slots with no BLOCKING and no WARNING conflict under any rule.',
  type: 'object',
  required: ['environmentId', 'duration', 'from', 'to', 'slots'],
  properties: {
    environmentId: idSchema,
    duration: isoDurationSchema,
    from: { ...dateTimeSchema, description: 'Start of the range searched' },
    to: { ...dateTimeSchema, description: 'End of the range searched, exclusive' },
    slots: { type: 'array', items: ref('FreeSlot'), description: 'Earliest first; empty when none fits' },
  },
};

const freezeSchema = {
  title: 'FreezeView',
  description: 'May this environment be changed at `at`?',
  type: 'object',
  required: ['environmentId', 'at', 'frozen', 'reasons', 'stableUntil'],
  properties: {
    environmentId: idSchema,
    at: dateTimeSchema,
    frozen: {
      type: 'boolean',
      description:
        'true while a BLOCKING reason holds (a blackout, a HIGH or CRITICAL booking, an approved refresh): do not change it',
    },
    reasons: { type: 'array', items: ref('ConflictFinding') },
    stableUntil: {
      ...dateTimeSchema,
      description:
        'The earliest instant after `at` at which a window, booking or refresh the verdict looked at starts or ends, at most an hour after `at`: the verdict holds until then unless the data changes',
    },
  },
};

/** Component schemas of the responses, from the same definitions the events are validated with. */
export const VIEW_SCHEMAS = {
  [PROBLEM_SCHEMA_NAME]: problemSchema,
  IntentView: intentViewSchema,
  IntentPage: pageOf('IntentView'),
  EnvironmentView: environmentViewSchema,
  EnvironmentPage: pageOf('EnvironmentView'),
  HistoryEntry: historyEntrySchema,
  ConflictView: answeredConflictViewSchema,
  ConflictPage: pageOf('ConflictView'),
  ConflictFinding: conflictFindingSchema,
  ConflictCheckView: conflictCheckSchema,
  FreeSlot: freeSlotSchema,
  FreeSlotsView: freeSlotsSchema,
  FreezeView: freezeSchema,
  BookingView: bookingViewSchema,
  BookingPage: pageOf('BookingView'),
  WindowView: windowViewSchema,
  WindowPage: pageOf('WindowView'),
  HistoryVerification: historyVerificationSchema,
  RefreshRecord: refreshRecordSchema,
  RefreshRecordPage: pageOf('RefreshRecord'),
  ScheduleView: scheduleViewSchema,
  ScheduleJobView: scheduleJobViewSchema,
  ...API_TOKEN_SCHEMAS,
  SubscriptionView: subscriptionViewSchema,
  SubscriptionPage: pageOf('SubscriptionView'),
  DeliveryView: deliveryViewSchema,
  DeliveryPage: pageOf('DeliveryView'),
  DeliveryReplay: DELIVERY_REPLAY_SCHEMA,
  ...CALENDAR_SCHEMAS,
} as const;

export type ViewSchemaName = keyof typeof VIEW_SCHEMAS;

export const INTENT_EXAMPLE = intentRequestedEvent.example;
export const ENVIRONMENT_EXAMPLE = environmentUpsertedEvent.example;
export const SCHEDULE_EXAMPLE = scheduleCreatedEvent.example;

export const HISTORY_EXAMPLE = [
  {
    sequence: 1,
    intentId: INTENT_EXAMPLE.id,
    action: 'created',
    actor: INTENT_EXAMPLE.requestedBy,
    fromStatus: null,
    toStatus: 'REQUESTED',
    notes: null,
    at: '2025-02-20T09:15:00Z',
    correlationId: '0f6a2f5e-49a4-4b0e-9b0a-1d1f7f3f8c01',
    hash: 'c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2',
    previousHash: null,
  },
];

export const VERIFICATION_EXAMPLE = {
  intentId: INTENT_EXAMPLE.id,
  intact: true,
  entries: 4,
  firstBrokenSequence: null,
  reason: null,
};

export const REFRESH_RECORD_EXAMPLE = {
  intentId: INTENT_EXAMPLE.id,
  environmentId: INTENT_EXAMPLE.environmentId,
  refreshType: 'MASKED_COPY',
  completedAt: '2025-03-02T01:30:00Z',
  startedAt: '2025-03-01T22:00:00Z',
  durationSeconds: 12600,
  rowsAffected: 1250000,
  dataVolumeGb: 42.5,
  logUrl: 'https://ci.example.com/refresh/8812/log',
  completedBy: { sub: 'refresh-bot' },
};

export const CONFLICT_EXAMPLE = conflictDetectedEvent.example;
export const ACKNOWLEDGED_CONFLICT_EXAMPLE: ConflictView = {
  ...conflictAcknowledgedEvent.example,
  type: 'DEPENDENCY',
  severity: 'WARNING',
  rule: 'DEPENDENCY',
  explanation:
    'uat-ledger, which uat-payments depends on, is refreshed from 2025-03-01T21:00Z to 2025-03-01T23:00Z; expect it to be unavailable then.',
  relatedRef: {
    kind: 'INTENT',
    id: '2b4d6f80-1a3c-4e5f-8a7b-9c0d1e2f3a4b',
    environmentId: '8a1d2c3b-4e5f-4a6b-9c7d-0e1f2a3b4c5d',
  },
};
export const OVERRIDDEN_CONFLICT_EXAMPLE = conflictOverriddenEvent.example;

const finding = (conflict: ConflictView): ConflictFindingView => {
  const { type, severity, rule, explanation, relatedRef, window } = conflict;
  return { type, severity, rule, explanation, relatedRef, window };
};

export const CONFLICT_CHECK_EXAMPLE: ConflictCheckView = {
  environmentId: CONFLICT_EXAMPLE.environmentId,
  window: { start: '2025-03-01T22:00:00Z', end: '2025-03-02T02:00:00Z' },
  blocking: true,
  conflicts: [finding(CONFLICT_EXAMPLE)],
};

export const FREE_SLOTS_EXAMPLE: FreeSlotsView = {
  environmentId: CONFLICT_EXAMPLE.environmentId,
  duration: 'PT4H',
  from: '2025-03-01T00:00:00Z',
  to: '2025-03-15T00:00:00Z',
  slots: [
    { start: '2025-03-01T23:00:00Z', end: '2025-03-02T03:00:00Z', availableUntil: '2025-03-02T06:00:00Z' },
    { start: '2025-03-02T22:00:00Z', end: '2025-03-03T02:00:00Z', availableUntil: '2025-03-03T06:00:00Z' },
  ],
};

export const FREEZE_EXAMPLE: FreezeView = {
  environmentId: CONFLICT_EXAMPLE.environmentId,
  at: '2025-03-01T22:30:00Z',
  frozen: true,
  reasons: [finding(CONFLICT_EXAMPLE)],
  stableUntil: '2025-03-01T23:00:00Z',
};

export const BOOKING_EXAMPLE = bookingCreatedEvent.example;
export const CANCELLED_BOOKING_EXAMPLE = bookingCancelledEvent.example;
export const WINDOW_EXAMPLE = windowCreatedEvent.example;
export const RECURRING_WINDOW_EXAMPLE = windowDeletedEvent.example;
