import { REFRESH_TYPES, RefreshType } from '@envrefresh/contracts';
import {
  Problems,
  isUuid,
  parseInstant,
  objectOf,
  REASON_MAX_LENGTH,
  MAX_NOTIFICATION_GROUPS,
  isGroupKey,
  GROUP_KEY_RULE,
  SNAPSHOT_MAX_LENGTH,
} from '@envrefresh/kernel';

export interface IntentSource {
  environmentId?: string;
  snapshot?: string;
}

/** A filing request that passed validation, with instants parsed and text trimmed. */
export interface Filing {
  environmentId: string;
  refreshType: RefreshType;
  plannedStart: Date;
  plannedEnd: Date;
  reason: string;
  source?: IntentSource;
  notificationGroups: string[];
  externalRef: string | null;
  submit: boolean;
}

const FILING_FIELDS = new Set([
  'environmentId',
  'refreshType',
  'plannedStart',
  'plannedEnd',
  'reason',
  'source',
  'notificationGroups',
  'externalRef',
  'submit',
]);

/** Validates a filing as the domain needs it, naming every field that is wrong (INTENT.INVALID). */
export function parseFiling(input: unknown): Filing {
  const problems = new Problems();
  const fields = objectOf(input, problems);
  for (const field of Object.keys(fields)) {
    if (!FILING_FIELDS.has(field)) problems.add(field, 'is not a field of a refresh intent');
  }
  const plannedStart = parseInstant(fields.plannedStart, 'plannedStart', problems);
  const plannedEnd = parseInstant(fields.plannedEnd, 'plannedEnd', problems);
  checkWindow(plannedStart, plannedEnd, problems);
  if (!(REFRESH_TYPES as readonly unknown[]).includes(fields.refreshType)) {
    problems.add('refreshType', `must be one of ${REFRESH_TYPES.join(', ')}`);
  }
  if (!isUuid(fields.environmentId)) problems.add('environmentId', 'must be the id (uuid) of an environment');
  const reason = readReason(fields.reason, problems);
  const notificationGroups = readGroups(fields.notificationGroups ?? [], problems);
  const source = readSource(fields.source, problems);
  if (fields.externalRef !== undefined && fields.externalRef !== null) {
    if (typeof fields.externalRef !== 'string' || fields.externalRef.length > 200) {
      problems.add('externalRef', 'must be a string of at most 200 characters');
    }
  }
  if (fields.submit !== undefined && typeof fields.submit !== 'boolean')
    problems.add('submit', 'must be true or false');
  problems.throwIfAny('INTENT.INVALID');
  return {
    environmentId: (fields.environmentId as string).toLowerCase(),
    refreshType: fields.refreshType as RefreshType,
    plannedStart: plannedStart as Date,
    plannedEnd: plannedEnd as Date,
    reason: reason as string,
    ...(source ? { source } : {}),
    notificationGroups: notificationGroups ?? [],
    externalRef: (fields.externalRef as string | undefined) ?? null,
    submit: fields.submit === true,
  };
}

export function checkWindow(start: Date | undefined, end: Date | undefined, problems: Problems): void {
  if (start && end && end <= start) {
    problems.add('plannedEnd', 'must be after plannedStart (windows are half-open [start, end))');
  }
}

export function readReason(value: unknown, problems: Problems): string | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > REASON_MAX_LENGTH) {
    problems.add('reason', `must be a non-blank string of at most ${REASON_MAX_LENGTH} characters`);
    return undefined;
  }
  return value.trim();
}

export function readGroups(value: unknown, problems: Problems): string[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_NOTIFICATION_GROUPS || !value.every(isGroupKey)) {
    problems.add(
      'notificationGroups',
      `must be an array of at most ${MAX_NOTIFICATION_GROUPS} items, each ${GROUP_KEY_RULE}`,
    );
    return undefined;
  }
  return [...new Set(value as string[])];
}

function readSource(value: unknown, problems: Problems): IntentSource | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.add('source', 'must be an object {environmentId?, snapshot?}');
    return undefined;
  }
  const { environmentId, snapshot, ...rest } = value as Record<string, unknown>;
  for (const field of Object.keys(rest)) problems.add(`source.${field}`, 'is not a field of a source');
  if (environmentId !== undefined && !isUuid(environmentId))
    problems.add('source.environmentId', 'must be a uuid');
  if (
    snapshot !== undefined &&
    (typeof snapshot !== 'string' || snapshot.trim() === '' || snapshot.length > SNAPSHOT_MAX_LENGTH)
  ) {
    problems.add(
      'source.snapshot',
      `must be a non-blank string of at most ${SNAPSHOT_MAX_LENGTH} characters`,
    );
  }
  return {
    ...(environmentId === undefined ? {} : { environmentId: environmentId as string }),
    ...(snapshot === undefined ? {} : { snapshot: snapshot as string }),
  };
}
