import { BookingPriority } from '@envrefresh/contracts';
import { intersection } from '@envrefresh/recurrence';
import { Candidate, Finding, Situation } from '../situation';
import { ConflictRule } from './conflict-rule';
import { describeBooking } from './wording';

const BLOCKING_PRIORITIES: readonly BookingPriority[] = ['HIGH', 'CRITICAL'];

/** BOOKING_OVERLAP: a booking of the environment overlaps; BLOCKING for HIGH and CRITICAL ones. */
export function bookingOverlap(candidate: Candidate, situation: Situation): Finding[] {
  return situation.bookings
    .filter((booking) => booking.environmentId === candidate.environmentId)
    .flatMap((booking) => {
      const overlap = intersection(candidate.window, booking.window);
      if (!overlap) return [];
      return [
        {
          type: 'BOOKING_OVERLAP',
          rule: 'BOOKING_OVERLAP',
          severity: BLOCKING_PRIORITIES.includes(booking.priority) ? 'BLOCKING' : 'WARNING',
          explanation: `${situation.target.key} is ${describeBooking(booking)}; move the refresh or ask ${booking.group} to release the booking.`,
          relatedRef: { kind: 'BOOKING', id: booking.id },
          window: overlap,
        },
      ];
    });
}

export const bookingOverlapRule: ConflictRule = {
  type: 'BOOKING_OVERLAP',
  check: bookingOverlap,
  occupied: (probe, situation) =>
    situation.bookings
      .filter((booking) => booking.environmentId === probe.environmentId)
      .map((booking) => booking.window),
};
