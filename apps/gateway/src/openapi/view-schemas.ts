import {
  INTENT_STATUSES,
  actorRefSchema,
  conflictViewSchema,
  dateTimeSchema,
  environmentUpsertedEvent,
  environmentViewSchema,
  intentRequestedEvent,
  intentViewSchema,
} from '@envrefresh/contracts';
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
  required: ['intentId', 'environmentId', 'refreshType', 'completedAt', 'completedBy'],
  properties: {
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

/** Component schemas of the responses, from the same definitions the events are validated with. */
export const VIEW_SCHEMAS = {
  [PROBLEM_SCHEMA_NAME]: problemSchema,
  IntentView: intentViewSchema,
  IntentPage: pageOf('IntentView'),
  EnvironmentView: environmentViewSchema,
  EnvironmentPage: pageOf('EnvironmentView'),
  HistoryEntry: historyEntrySchema,
  ConflictView: conflictViewSchema,
  HistoryVerification: historyVerificationSchema,
  RefreshRecord: refreshRecordSchema,
  RefreshRecordPage: pageOf('RefreshRecord'),
} as const;

export type ViewSchemaName = keyof typeof VIEW_SCHEMAS;

export const INTENT_EXAMPLE = intentRequestedEvent.example;
export const ENVIRONMENT_EXAMPLE = environmentUpsertedEvent.example;

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
