import {
  ENVIRONMENT_TIERS,
  EnvironmentTier,
  NOTIFICATION_CHANNELS,
  NotificationChannel,
  SUBSCRIBABLE_EVENT_TYPES,
  SUBSCRIPTION_FILTER_MAX_ENTRIES as MAX_FILTER_ENTRIES,
  SUBSCRIPTION_TARGET_MAX_LENGTH as TARGET_MAX_LENGTH,
} from '@envrefresh/contracts';
import { GROUP_KEY_RULE, Problems, isGroupKey, isUuid, objectOf } from '@envrefresh/kernel';
import { StoredFilter } from './subscription';

/** A mailbox, loosely: something@domain.tld, no spaces, no second @. */
export const EMAIL_ADDRESS_PATTERN =
  /^[^\s@<>()[\],;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

export interface SubscriptionRequest {
  channel: NotificationChannel;
  target: string;
  /** Given by the caller; checked with the channels' parser in the use case. */
  secret: string | null;
  filter: StoredFilter;
}

/**
 * The shape of `POST /subscriptions`, every problem named by its field. Whether a URL may be
 * called (https, no literal private address) is the outbound policy's to say, in the use case.
 */
export function parseSubscriptionRequest(input: unknown, problems: Problems): SubscriptionRequest {
  const body = objectOf(input, problems);
  const channel = body.channel as NotificationChannel;
  if (!NOTIFICATION_CHANNELS.includes(channel))
    problems.add('channel', `must be one of ${NOTIFICATION_CHANNELS.join(', ')}`);
  const target = typeof body.target === 'string' ? body.target.trim() : '';
  if (typeof body.target !== 'string' || target.length === 0)
    problems.add('target', 'must be a non-empty string');
  else if (target.length > TARGET_MAX_LENGTH)
    problems.add('target', `must be at most ${TARGET_MAX_LENGTH} characters`);
  else if (channel === 'EMAIL' && !EMAIL_ADDRESS_PATTERN.test(target))
    problems.add('target', 'must be an e-mail address for channel EMAIL');
  let secret: string | null = null;
  if (body.secret !== undefined && body.secret !== null) {
    if (typeof body.secret !== 'string') problems.add('secret', 'must be a string');
    else if (channel !== 'WEBHOOK') problems.add('secret', 'only a WEBHOOK has a secret');
    else secret = body.secret;
  }
  return { channel, target, secret, filter: parseFilter(body.filter, problems) };
}

function parseFilter(input: unknown, problems: Problems): StoredFilter {
  if (input === undefined || input === null)
    return { groups: [], environmentIds: [], tiers: [], eventTypes: null };
  if (typeof input !== 'object' || Array.isArray(input)) {
    problems.add('filter', 'must be an object');
    return { groups: [], environmentIds: [], tiers: [], eventTypes: null };
  }
  const filter = input as Record<string, unknown>;
  for (const key of Object.keys(filter))
    if (!['groups', 'environmentIds', 'tiers', 'eventTypes'].includes(key))
      problems.add(`filter.${key}`, 'is not a filter field');
  const groups = listOf(
    filter.groups,
    'filter.groups',
    problems,
    isGroupKey,
    `each entry must be ${GROUP_KEY_RULE}`,
  );
  const environmentIds = listOf(
    filter.environmentIds,
    'filter.environmentIds',
    problems,
    isUuid,
    'each entry must be a UUID',
  ).map((id) => id.toLowerCase());
  const tiers = listOf(
    filter.tiers,
    'filter.tiers',
    problems,
    (value): value is EnvironmentTier => ENVIRONMENT_TIERS.includes(value as EnvironmentTier),
    `each entry must be one of ${ENVIRONMENT_TIERS.join(', ')}`,
  );
  const eventTypes =
    filter.eventTypes === undefined
      ? null
      : listOf(
          filter.eventTypes,
          'filter.eventTypes',
          problems,
          (value): value is string => (SUBSCRIBABLE_EVENT_TYPES as readonly unknown[]).includes(value),
          `each entry must be one of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}`,
        );
  if (Array.isArray(filter.eventTypes) && filter.eventTypes.length === 0)
    problems.add('filter.eventTypes', 'must name at least one event type (leave it out for the default set)');
  return { groups, environmentIds, tiers, eventTypes };
}

function listOf<T extends string>(
  value: unknown,
  field: string,
  problems: Problems,
  accepts: (entry: unknown) => entry is T,
  rule: string,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.add(field, 'must be an array');
    return [];
  }
  if (value.length > MAX_FILTER_ENTRIES)
    problems.add(field, `must have at most ${MAX_FILTER_ENTRIES} entries`);
  const accepted: T[] = [];
  value.forEach((entry, index) => {
    if (accepts(entry)) accepted.push(entry);
    else problems.add(`${field}[${index}]`, rule);
  });
  if (new Set(accepted).size !== accepted.length) problems.add(field, 'must not repeat an entry');
  return accepted;
}
