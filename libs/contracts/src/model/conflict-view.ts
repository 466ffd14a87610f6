import {
  dateTimeSchema,
  enumSchema,
  idSchema,
  JsonSchema,
  TimeWindow,
  timeWindowSchema,
} from '../json-schema';
import { ActorRef, actorRefSchema } from './actor';

export const CONFLICT_TYPES = [
  'INTENT_OVERLAP',
  'BOOKING_OVERLAP',
  'BLACKOUT',
  'OUTSIDE_MAINTENANCE',
  'DEPENDENCY',
  'SOURCE_CONTENTION',
] as const;
export type ConflictType = (typeof CONFLICT_TYPES)[number];

export const CONFLICT_SEVERITIES = ['BLOCKING', 'WARNING'] as const;
export type ConflictSeverity = (typeof CONFLICT_SEVERITIES)[number];

export const CONFLICT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'OVERRIDDEN', 'RESOLVED'] as const;
export type ConflictStatus = (typeof CONFLICT_STATUSES)[number];

export const RELATED_REF_KINDS = ['INTENT', 'BOOKING', 'WINDOW', 'ENVIRONMENT'] as const;
export type RelatedRefKind = (typeof RELATED_REF_KINDS)[number];

/** What the conflict is with: the other intent, the booking, the window, or the environment itself. */
export interface RelatedRef {
  kind: RelatedRefKind;
  /**
   * Always present in events. In API answers an `INTENT` the caller may not see has no id: it is
   * "another refresh" with its window, nothing more (SPEC "Identity and roles").
   */
  id?: string;
  /** The environment the related thing sits on, when it is not the intent's own (DEPENDENCY). */
  environmentId?: string;
}

/** A conflict as the REST API returns it; every `conflict.*` event carries one. */
export interface ConflictView {
  id: string;
  intentId: string;
  environmentId: string;
  type: ConflictType;
  severity: ConflictSeverity;
  /** Stable rule id, e.g. INTENT_OVERLAP. */
  rule: string;
  explanation: string;
  relatedRef: RelatedRef;
  window: TimeWindow;
  status: ConflictStatus;
  acknowledgedBy?: ActorRef;
  acknowledgedAt?: string;
  overriddenBy?: ActorRef;
  overriddenAt?: string;
  justification?: string;
  resolvedAt?: string;
  createdAt: string;
  updatedAt: string;
}

export const relatedRefSchema: JsonSchema = {
  type: 'object',
  required: ['kind', 'id'],
  properties: { kind: enumSchema(RELATED_REF_KINDS), id: idSchema, environmentId: idSchema },
};

/** `relatedRef` as the REST API answers it: events always carry the id, answers not always. */
export const answeredRelatedRefSchema: JsonSchema = {
  ...relatedRefSchema,
  description:
    'What the conflict is with. `id` is left out when it is another refresh intent you may not see: then it is only "another refresh" with its window.',
  required: ['kind'],
};

export const conflictViewSchema: JsonSchema = {
  title: 'ConflictView',
  description: 'A conflict as the REST API returns it. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: [
    'id',
    'intentId',
    'environmentId',
    'type',
    'severity',
    'rule',
    'explanation',
    'relatedRef',
    'window',
    'status',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: idSchema,
    intentId: idSchema,
    environmentId: idSchema,
    type: enumSchema(CONFLICT_TYPES),
    severity: enumSchema(CONFLICT_SEVERITIES),
    rule: { type: 'string', minLength: 1, description: 'Stable rule id.' },
    explanation: {
      type: 'string',
      minLength: 1,
      description: 'What clashes and what a person can do about it.',
    },
    relatedRef: relatedRefSchema,
    window: { ...timeWindowSchema, description: 'The overlapping part, half-open [start, end).' },
    status: enumSchema(CONFLICT_STATUSES),
    acknowledgedBy: actorRefSchema,
    acknowledgedAt: dateTimeSchema,
    overriddenBy: actorRefSchema,
    overriddenAt: dateTimeSchema,
    justification: {
      type: 'string',
      description: 'Why an approver overrode the conflict, or the notes given with an acknowledgement.',
    },
    resolvedAt: dateTimeSchema,
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
};
