import {
  dateTimeSchema,
  enumSchema,
  idSchema,
  isoDurationSchema,
  JsonSchema,
  stringListSchema,
} from '../json-schema';
import { WindowTiming, oneOffTimingSchema, recurringTimingSchema } from './window-timing';

export const ENVIRONMENT_TIERS = ['DEV', 'QA', 'SIT', 'UAT', 'STAGING', 'PERF', 'TRAINING'] as const;
export type EnvironmentTier = (typeof ENVIRONMENT_TIERS)[number];

export type MaintenanceWindow = WindowTiming & { name?: string };

/** An environment as the REST API returns it; `environment.upserted` carries one. */
export interface EnvironmentView {
  id: string;
  key: string;
  name: string;
  tier: EnvironmentTier;
  ownerGroup: string;
  /** Keys of the environments this one depends on. */
  dependsOn: string[];
  maintenanceWindows: MaintenanceWindow[];
  requiresApproval: boolean;
  timezone: string;
  /** Reminder lead times before plannedStart (ISO-8601 durations); the intents service always sends them. */
  reminderLeadTimes?: string[];
  /** How long after plannedEnd a refresh still IN_PROGRESS counts as overrunning (ISO-8601 duration). */
  overrunGrace?: string;
  lastRefreshedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

const maintenanceWindowSchema: JsonSchema = {
  oneOf: [oneOffTimingSchema, recurringTimingSchema].map((timing) => ({
    ...timing,
    properties: { ...(timing.properties as object), name: { type: 'string' } },
  })),
};

export const environmentViewSchema: JsonSchema = {
  title: 'EnvironmentView',
  description: 'An environment as the REST API returns it. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: [
    'id',
    'key',
    'name',
    'tier',
    'ownerGroup',
    'dependsOn',
    'maintenanceWindows',
    'requiresApproval',
    'timezone',
    'lastRefreshedAt',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: idSchema,
    key: { type: 'string', minLength: 1, description: 'Stable human key, e.g. uat-payments.' },
    name: { type: 'string', minLength: 1 },
    tier: enumSchema(ENVIRONMENT_TIERS),
    ownerGroup: { type: 'string', minLength: 1 },
    dependsOn: { ...stringListSchema, description: 'Keys of the environments this one depends on.' },
    maintenanceWindows: { type: 'array', items: maintenanceWindowSchema },
    requiresApproval: {
      type: 'boolean',
      description: 'false: a submitted intent is approved automatically.',
    },
    timezone: { type: 'string', minLength: 1, description: 'IANA timezone.' },
    reminderLeadTimes: {
      type: 'array',
      items: isoDurationSchema,
      description: 'Reminders before plannedStart, e.g. P7D, P1D, PT1H.',
    },
    overrunGrace: {
      ...isoDurationSchema,
      description: 'After plannedEnd plus this, a refresh still IN_PROGRESS is overrunning.',
    },
    lastRefreshedAt: { anyOf: [dateTimeSchema, { type: 'null' }] },
    createdAt: dateTimeSchema,
    updatedAt: dateTimeSchema,
  },
};
