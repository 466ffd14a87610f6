import { Window, contractTimingOf } from './window';
import { WindowRequest } from './window-request.validation';

const CONTEXT = { id: 'w1', createdBy: { sub: 'ada' }, now: new Date('2030-01-01T00:00:00Z') };
const ENV = '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30';

function request(timing: WindowRequest['timing']): WindowRequest {
  return {
    kind: 'BLACKOUT',
    name: 'x',
    scope: { environmentIds: [ENV, ENV], tiers: ['UAT', 'UAT'] },
    timing,
  };
}

describe('Window', () => {
  it('spans exactly a one-off window, and keeps each scope entry once', () => {
    const start = new Date('2030-03-01T00:00:00Z');
    const end = new Date('2030-03-02T00:00:00Z');
    const state = Window.create(request({ form: 'one-off', start, end }), CONTEXT).snapshot();
    expect(state.span).toEqual({ start, end });
    expect(state.scope).toEqual({ environmentIds: [ENV], tiers: ['UAT'] });
  });

  it('spans a recurrence from its start to its last end, or without end when it never stops', () => {
    const nightly = {
      form: 'recurring' as const,
      rrule: 'FREQ=DAILY;COUNT=2',
      duration: 'PT8H',
      timezone: 'Europe/Berlin',
      startsAt: new Date('2030-01-01T21:00:00Z'),
    };
    const counted = Window.create(request(nightly), CONTEXT).snapshot().span;
    expect(counted.start.getTime()).toBeLessThanOrEqual(nightly.startsAt.getTime());
    expect(counted.end).toEqual(new Date('2030-01-03T05:00:00Z'));
    const endless = Window.create(request({ ...nightly, rrule: 'FREQ=DAILY' }), CONTEXT).snapshot().span;
    expect(endless.end).toBeNull();
    const until = new Date('2030-02-01T00:00:00Z');
    const bounded = Window.create(request({ ...nightly, rrule: 'FREQ=DAILY', until }), CONTEXT).snapshot()
      .span;
    // The last night starts before `until` and lasts 8 hours; the bound may be wider, never narrower.
    expect(bounded.end?.getTime()).toBeGreaterThanOrEqual(until.getTime() + 8 * 3_600_000);
  });

  it('writes its timing back as the API shows it, instants in UTC', () => {
    expect(
      contractTimingOf({
        form: 'recurring',
        rrule: 'FREQ=WEEKLY',
        duration: 'PT2H',
        timezone: 'America/New_York',
        startsAt: new Date('2030-01-05T22:00:00-05:00'),
        until: new Date('2030-06-01T00:00:00-04:00'),
      }),
    ).toEqual({
      rrule: 'FREQ=WEEKLY',
      duration: 'PT2H',
      timezone: 'America/New_York',
      startsAt: '2030-01-06T03:00:00.000Z',
      until: '2030-06-01T04:00:00.000Z',
    });
  });
});
