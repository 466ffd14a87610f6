import { BookingPriority } from '@envrefresh/contracts';

/** What a booking claims: where, when, by whom and how strongly. Conflict detection reads just this. */
export const BOOKING_CLAIM_COLUMNS = `id, environment_id, lower(during) AS start, upper(during) AS "end", group_key,
  purpose, priority`;

export interface BookingClaimRow {
  id: string;
  environment_id: string;
  start: Date;
  end: Date;
  group_key: string;
  purpose: string;
  priority: BookingPriority;
}
