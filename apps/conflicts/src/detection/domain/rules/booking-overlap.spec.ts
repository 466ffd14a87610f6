import { BookingPriority } from '@envrefresh/contracts';
import { bookingOverlap, bookingOverlapRule } from './booking-overlap';
import { booking, candidate, situation, span } from './situation.fixture';

const mine = candidate(span('21:00', '22:00'));

describe('BOOKING_OVERLAP', () => {
  it('names the group, purpose, priority and time, and says what to do', () => {
    const world = situation({
      target: { id: 'env-web', key: 'UAT-2', tier: 'UAT', timezone: 'UTC' },
      bookings: [booking(span('20:00', '23:00'))],
    });
    expect(bookingOverlap(mine, world)).toEqual([
      {
        type: 'BOOKING_OVERLAP',
        rule: 'BOOKING_OVERLAP',
        severity: 'BLOCKING',
        explanation:
          'UAT-2 is booked by payments-qa for release 4.2 testing (HIGH) from 2026-03-01 20:00 to 23:00 UTC; move the refresh or ask payments-qa to release the booking.',
        relatedRef: { kind: 'BOOKING', id: 'booking-1' },
        window: span('21:00', '22:00'),
      },
    ]);
  });

  it.each([
    ['LOW', 'WARNING'],
    ['MEDIUM', 'WARNING'],
    ['HIGH', 'BLOCKING'],
    ['CRITICAL', 'BLOCKING'],
  ] as Array<[BookingPriority, string]>)('a %s booking gives a %s', (priority, severity) => {
    const [finding] = bookingOverlap(
      mine,
      situation({ bookings: [booking(span('20:00', '23:00'), { priority })] }),
    );
    expect(finding.severity).toBe(severity);
  });

  it('leaves out an empty purpose', () => {
    const [finding] = bookingOverlap(
      mine,
      situation({ bookings: [booking(span('20:00', '23:00'), { purpose: ' ' })] }),
    );
    expect(finding.explanation).toMatch(/^uat-web is booked by payments-qa \(HIGH\) from/);
  });

  it('back-to-back bookings and bookings of other environments do not conflict', () => {
    const world = situation({
      bookings: [
        booking(span('20:00', '21:00')),
        booking(span('22:00', '23:00'), { id: 'b2' }),
        booking(span('20:00', '23:00'), { id: 'b3', environmentId: 'env-api' }),
      ],
    });
    expect(bookingOverlap(mine, world)).toEqual([]);
    expect(
      bookingOverlapRule.occupied({ environmentId: 'env-web' }, world, span('00:00', '24:00')),
    ).toHaveLength(2);
  });
});
