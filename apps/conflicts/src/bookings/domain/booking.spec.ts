import { DomainError } from '@envrefresh/kernel';
import { Booking } from './booking';

const REQUEST = {
  environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  start: new Date('2030-03-01T19:00:00Z'),
  end: new Date('2030-03-01T22:00:00Z'),
  group: 'payments',
  purpose: 'Release testing',
  priority: 'HIGH' as const,
};

describe('Booking', () => {
  const created = () =>
    Booking.create(REQUEST, {
      id: 'b1',
      createdBy: { sub: 'carol', name: 'Carol', email: undefined },
      now: new Date('2030-02-01T00:00:00Z'),
    });

  it('records who booked, without members that are not there', () => {
    expect(created().snapshot()).toEqual({
      id: 'b1',
      ...REQUEST,
      createdBy: { sub: 'carol', name: 'Carol' },
      createdAt: new Date('2030-02-01T00:00:00Z'),
    });
  });

  it('is cancelled once: the second cancel is BOOKING.ALREADY_CANCELLED and changes nothing', () => {
    const booking = created();
    booking.cancel({ sub: 'rob' }, new Date('2030-02-02T00:00:00Z'));
    const after = booking.snapshot();
    expect(after).toMatchObject({
      cancelledBy: { sub: 'rob' },
      cancelledAt: new Date('2030-02-02T00:00:00Z'),
    });
    expect(booking.isCancelled).toBe(true);
    let refusal: unknown;
    try {
      booking.cancel({ sub: 'ada' }, new Date('2030-02-03T00:00:00Z'));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ kind: 'conflict', code: 'BOOKING.ALREADY_CANCELLED' });
    expect(booking.snapshot()).toEqual(after);
  });
});
