import { ValidationError } from '@envrefresh/kernel';
import { MAX_BOOKING_DAYS, parseBookingRequest } from './booking-request.validation';

const NOW = new Date('2030-01-01T00:00:00Z');
const VALID = {
  environmentId: '5F1E8C2A-0B7D-4C1E-8E3A-6D2B9F4A7C30',
  start: '2030-03-01T20:00:00+01:00',
  end: '2030-03-01T23:00:00+01:00',
  group: ' payments ',
  purpose: '  Release 4.2 regression testing ',
  priority: 'CRITICAL',
};

function problemsOf(input: unknown, now = NOW): { field: string; message: string }[] {
  try {
    parseBookingRequest(input, now);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

describe('parseBookingRequest', () => {
  it('parses instants, lowercases the environment id and trims text', () => {
    expect(parseBookingRequest(VALID, NOW)).toEqual({
      environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
      start: new Date('2030-03-01T19:00:00Z'),
      end: new Date('2030-03-01T22:00:00Z'),
      group: 'payments',
      purpose: 'Release 4.2 regression testing',
      priority: 'CRITICAL',
    });
  });

  it('names each wrong field under BOOKING.INVALID', () => {
    try {
      parseBookingRequest({ ...VALID, priority: 'urgent', extra: 1 }, NOW);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).code).toBe('BOOKING.INVALID');
      expect((error as ValidationError).problems.map((problem) => problem.field)).toEqual([
        'extra',
        'priority',
      ]);
    }
  });

  it('wants the end after the start: a booking is half-open, so an empty one is no booking', () => {
    expect(problemsOf({ ...VALID, end: VALID.start })).toEqual([
      { field: 'end', message: expect.stringContaining('after start') },
    ]);
  });

  it(`accepts ${MAX_BOOKING_DAYS} days and not a millisecond more`, () => {
    const start = '2030-01-10T00:00:00.000Z';
    const longest = new Date(Date.parse(start) + MAX_BOOKING_DAYS * 86_400_000);
    expect(parseBookingRequest({ ...VALID, start, end: longest.toISOString() }, NOW).end).toEqual(longest);
    const tooLong = new Date(longest.getTime() + 1).toISOString();
    expect(problemsOf({ ...VALID, start, end: tooLong })).toEqual([
      { field: 'end', message: `must be at most ${MAX_BOOKING_DAYS} days after start` },
    ]);
  });

  it('refuses a booking that is already over, and takes one still running', () => {
    const running = { ...VALID, start: '2029-12-31T23:00:00Z', end: '2030-01-01T00:00:01Z' };
    expect(parseBookingRequest(running, NOW).end).toEqual(new Date('2030-01-01T00:00:01Z'));
    expect(problemsOf({ ...running, end: '2030-01-01T00:00:00Z' })).toEqual([
      { field: 'end', message: expect.stringContaining('future') },
    ]);
  });

  it('bounds group and purpose, and wants them non-blank', () => {
    expect(
      problemsOf({ ...VALID, group: 'g'.repeat(101), purpose: 'p'.repeat(501) }).map((p) => p.field),
    ).toEqual(['group', 'purpose']);
    expect(parseBookingRequest({ ...VALID, purpose: 'p'.repeat(500) }, NOW).purpose).toHaveLength(500);
    expect(problemsOf({ ...VALID, group: 7, purpose: '\t' }).map((p) => p.field)).toEqual([
      'group',
      'purpose',
    ]);
  });

  it('refuses anything but an object as one problem on the body', () => {
    for (const input of [null, 'booking', [VALID]]) {
      expect(problemsOf(input)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
    }
  });
});
