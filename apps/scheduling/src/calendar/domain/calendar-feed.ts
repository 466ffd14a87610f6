import { ENVIRONMENT_TIERS, EnvironmentTier } from '@envrefresh/contracts';
import { IntentViewer, Problems, isUuid, objectOf } from '@envrefresh/kernel';

/** At most this many feeds per person: each is a standing credential to revoke when lost. */
export const MAX_CALENDAR_FEEDS_PER_OWNER = 50;

/**
 * A personal iCal feed. It shows what its owner could see with the groups and admin standing
 * they had when they made it (SPEC "Calendar"), so a feed handed to a calendar app does not grow
 * with the owner's later groups, and its filter narrows it to an environment or a tier.
 */
export interface CalendarFeed {
  id: string;
  owner: IntentViewer;
  environmentId: string | null;
  tier: EnvironmentTier | null;
  createdAt: Date;
}

export interface CalendarFeedFilter {
  environmentId: string | null;
  tier: EnvironmentTier | null;
}

/** `{ environmentId?, tier? }`, nothing else; every problem names its field. */
export function parseFeedRequest(input: unknown): CalendarFeedFilter {
  const problems = new Problems();
  const body = objectOf(input ?? {}, problems);
  for (const field of Object.keys(body))
    if (field !== 'environmentId' && field !== 'tier') problems.add(field, 'is not a feed filter');
  if (body.environmentId !== undefined && !isUuid(body.environmentId))
    problems.add('environmentId', 'must be a UUID');
  if (body.tier !== undefined && !ENVIRONMENT_TIERS.includes(body.tier as EnvironmentTier))
    problems.add('tier', `must be one of ${ENVIRONMENT_TIERS.join(', ')}`);
  problems.throwIfAny('CALENDAR_FEED.INVALID');
  return {
    environmentId: (body.environmentId as string | undefined) ?? null,
    tier: (body.tier as EnvironmentTier | undefined) ?? null,
  };
}

/** What the feed's calendar app sees as its name (X-WR-CALNAME). */
export function feedName(feed: Pick<CalendarFeed, 'environmentId' | 'tier'>): string {
  if (feed.environmentId !== null) return `envrefresh: environment ${feed.environmentId}`;
  if (feed.tier !== null) return `envrefresh: ${feed.tier} environments`;
  return 'envrefresh: refreshes';
}
