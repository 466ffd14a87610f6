import { dateTimeSchema, enumSchema, idSchema, JsonSchema } from '../json-schema';
import { ActorRef, actorRefSchema } from './actor';
import { EnvironmentTier, ENVIRONMENT_TIERS } from './environment-view';
import { WindowTiming, windowTimingSchema } from './window-timing';

export const WINDOW_KINDS = ['BLACKOUT', 'MAINTENANCE'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** Which environments a window covers; an empty scope covers everything. */
export interface WindowScope {
  environmentIds?: string[];
  tiers?: EnvironmentTier[];
}

/** A blackout or maintenance window, one-off or recurring; `window.*` events carry one. */
export type WindowView = WindowTiming & {
  id: string;
  kind: WindowKind;
  name: string;
  scope: WindowScope;
  createdBy: ActorRef;
  createdAt: string;
  /** Only on a deleted window (an admin's `?includeDeleted=true` list, `window.deleted`): when, and by whom. */
  deletedAt?: string;
  deletedBy?: ActorRef;
};

export const windowViewSchema: JsonSchema = {
  title: 'WindowView',
  description: 'A window as the REST API returns it: one-off (start, end) or recurring (rrule, duration, …).',
  type: 'object',
  additionalProperties: true,
  required: ['id', 'kind', 'name', 'scope', 'createdBy', 'createdAt'],
  properties: {
    id: idSchema,
    kind: enumSchema(WINDOW_KINDS),
    name: { type: 'string', minLength: 1 },
    scope: {
      type: 'object',
      description: 'Empty scope = every environment.',
      properties: {
        environmentIds: { type: 'array', items: idSchema },
        tiers: { type: 'array', items: enumSchema(ENVIRONMENT_TIERS) },
      },
    },
    createdBy: actorRefSchema,
    createdAt: dateTimeSchema,
    deletedAt: { ...dateTimeSchema, description: 'Only on a deleted window: when it was deleted.' },
    deletedBy: { ...actorRefSchema, description: 'Only on a deleted window: who deleted it.' },
  },
  allOf: [windowTimingSchema],
};
