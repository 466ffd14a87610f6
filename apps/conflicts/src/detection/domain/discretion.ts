import type { RelatedRef } from '@envrefresh/contracts';
import { IntentAudience, IntentViewer, canSeeIntent } from '@envrefresh/kernel';
import { describeSpan } from './describe-time';
import { Interval } from '@envrefresh/recurrence';

/** What a caller reads of a conflict or a finding: its words and what it is with. */
export interface Explained {
  explanation: string;
  relatedRef: RelatedRef;
}

/** How to word a conflict about another intent for those who may not see that intent. */
export interface Discretion {
  /** Who may see the related intent; null when it is no longer known here (then only admins). */
  audience: IntentAudience | null;
  /** The explanation naming it only as "another refresh"; null for conflicts stored before there was one. */
  discreetExplanation: string | null;
}

const NOBODY: IntentAudience = { requestedBySub: null, notificationGroups: [], environmentOwnerGroup: null };

/**
 * A conflict or finding as `viewer` may read it (SPEC "Identity and roles"): one about an intent
 * they may not see names it only as "another refresh" with its window: the discreet wording, and
 * a relatedRef without the intent's id. Everything else is shown as it is.
 */
export function asSeenBy<T extends Explained>(
  item: T,
  viewer: IntentViewer,
  discretion: Discretion | undefined,
  window: Interval,
): T {
  if (item.relatedRef.kind !== 'INTENT') return item;
  if (canSeeIntent(viewer, discretion?.audience ?? NOBODY)) return item;
  const { environmentId } = item.relatedRef;
  return {
    ...item,
    explanation: discretion?.discreetExplanation ?? `Another refresh overlaps from ${describeSpan(window)}.`,
    relatedRef: { kind: 'INTENT', ...(environmentId === undefined ? {} : { environmentId }) },
  };
}
