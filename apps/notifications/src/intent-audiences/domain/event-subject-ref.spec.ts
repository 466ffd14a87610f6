import { subjectRefOf } from './event-subject-ref';

describe('subjectRefOf', () => {
  it('reads the environment and the intent or booking each event family names', () => {
    expect(subjectRefOf('intent.approved', { id: 'i1', environmentId: 'e1' })).toEqual({
      environmentId: 'e1',
      intentId: 'i1',
      booking: null,
    });
    expect(subjectRefOf('environment.upserted', { id: 'e1', key: 'uat' })).toEqual({
      environmentId: 'e1',
      intentId: null,
      booking: null,
    });
    expect(subjectRefOf('booking.created', { id: 'b1', environmentId: 'e1', group: 'qa' })).toEqual({
      environmentId: 'e1',
      intentId: null,
      booking: { id: 'b1', group: 'qa' },
    });
    for (const type of ['conflict.detected', 'schedule.reminder_due'])
      expect(subjectRefOf(type, { id: 'x', intentId: 'i1', environmentId: 'e1' })).toEqual({
        environmentId: 'e1',
        intentId: 'i1',
        booking: null,
      });
  });

  it('names nothing it cannot read', () => {
    expect(subjectRefOf('window.created', { id: 'w1', scope: {} })).toEqual({
      environmentId: null,
      intentId: null,
      booking: null,
    });
    expect(subjectRefOf('intent.approved', null)).toEqual({
      environmentId: null,
      intentId: null,
      booking: null,
    });
  });
});
