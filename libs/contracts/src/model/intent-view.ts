import { dateTimeSchema, enumSchema, idSchema, JsonSchema, stringListSchema } from '../json-schema';
import { ActorRef, actorRefSchema } from './actor';

export const REFRESH_TYPES = [
  'FULL_COPY',
  'PARTIAL_COPY',
  'DATA_ONLY',
  'SCHEMA_ONLY',
  'MASKED_COPY',
  'CONFIG_ONLY',
  'GOLDEN_COPY',
  'POINT_IN_TIME',
] as const;
export type RefreshType = (typeof REFRESH_TYPES)[number];

export const INTENT_STATUSES = [
  'DRAFT',
  'REQUESTED',
  'APPROVED',
  'SCHEDULED',
  'IN_PROGRESS',
  'COMPLETED',
  'FAILED',
  'ROLLED_BACK',
  'REJECTED',
  'CANCELLED',
] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/** Where the data of a copy comes from. */
export interface IntentSource {
  environmentId?: string;
  snapshot?: string;
}

/** A refresh intent exactly as the REST API returns it; every `intent.*` event carries one. */
export interface IntentView {
  id: string;
  environmentId: string;
  refreshType: RefreshType;
  status: IntentStatus;
  plannedStart: string;
  plannedEnd: string;
  reason: string;
  source?: IntentSource;
  notificationGroups: string[];
  externalRef: string | null;
  requestedBy: ActorRef;
  /** Optimistic-concurrency version; state-changing calls must send it back. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const intentSourceSchema: JsonSchema = {
  type: 'object',
  properties: {
    environmentId: { ...idSchema, description: 'Environment the data is copied from.' },
    snapshot: { type: 'string', minLength: 1, description: 'Named snapshot or backup to restore.' },
  },
};

export const intentViewSchema: JsonSchema = {
  title: 'IntentView',
  description: 'A refresh intent as the REST API returns it. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: [
    'id',
    'environmentId',
    'refreshType',
    'status',
    'plannedStart',
    'plannedEnd',
    'reason',
    'notificationGroups',
    'externalRef',
    'requestedBy',
    'version',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: idSchema,
    environmentId: idSchema,
    refreshType: enumSchema(REFRESH_TYPES),
    status: enumSchema(INTENT_STATUSES),
    plannedStart: dateTimeSchema,
    plannedEnd: dateTimeSchema,
    reason: { type: 'string' },
    source: intentSourceSchema,
    notificationGroups: stringListSchema,
    externalRef: { type: ['string', 'null'], description: 'Ticket or change number in another system.' },
    requestedBy: actorRefSchema,
    version: { type: 'integer', minimum: 0 },
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
};
