import type { IntentView } from '@envrefresh/contracts';
import { RefreshInvitation } from './notice';

/** The calendar UID of a refresh, the same the calendar feed gives it (`<kind>-<id>@envrefresh`). */
export function refreshUid(intentId: string): string {
  return `refresh-${intentId}@envrefresh`;
}

/**
 * Which intent events put the refresh in the reader's calendar, and which take it out:
 * - `intent.scheduled` invites (METHOD:REQUEST): the refresh is approved and its jobs are set, so
 *   the window is firm. A moved refresh is amended, re-approved and scheduled again with a higher
 *   version, so the same UID arrives with a higher SEQUENCE and replaces the entry.
 * - `intent.cancelled` withdraws it (METHOD:CANCEL, a still higher SEQUENCE). A CANCEL for an
 *   entry a calendar never had is ignored by it, so a cancelled draft costs nothing.
 * `intent.approved` does not invite (`intent.scheduled` follows it at once and would send a second
 * copy), nor do the `schedule.*` reminders (they speak of an entry already there).
 */
export const INVITING_EVENT = 'intent.scheduled';
export const WITHDRAWING_EVENT = 'intent.cancelled';

export function invitationFor(
  eventType: string,
  intent: IntentView,
  details: { summary: string; description: string; location: string; url: string },
): RefreshInvitation | null {
  const method = eventType === INVITING_EVENT ? 'REQUEST' : eventType === WITHDRAWING_EVENT ? 'CANCEL' : null;
  if (!method) return null;
  return {
    method,
    uid: refreshUid(intent.id),
    sequence: intent.version,
    start: new Date(intent.plannedStart),
    end: new Date(intent.plannedEnd),
    ...details,
  };
}
