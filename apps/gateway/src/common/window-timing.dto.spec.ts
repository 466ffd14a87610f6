import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { MaintenanceWindowDto } from '../environments/maintenance-window.dto';
import { flattenValidationErrors } from '../http/validation-errors';
import { WindowTimingDto } from './window-timing.dto';

const oneOff = { start: '2027-03-01T22:00:00+01:00', end: '2027-03-02T06:00:00+01:00' };
const recurring = {
  rrule: 'FREQ=DAILY',
  duration: 'PT8H',
  timezone: 'Europe/Berlin',
  startsAt: '2027-01-01T22:00:00+01:00',
};

/** The fields the gateway's ValidationPipe would name, with its options. */
function badFields(type: typeof WindowTimingDto, value: object): string[] {
  const errors = validateSync(plainToInstance(type, value), {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
  });
  return flattenValidationErrors(errors).map((error) => error.field);
}

describe('WindowTimingDto: exactly one of the two forms of a window', () => {
  it.each([
    ['one-off', oneOff],
    ['recurring', recurring],
    ['recurring with until', { ...recurring, until: '2027-12-31T00:00:00Z' }],
  ])('accepts a %s window', (_case, value) => {
    expect(badFields(WindowTimingDto, value)).toEqual([]);
  });

  it.each<[string, object, string[]]>([
    ['nothing at all', {}, ['start', 'end']],
    ['start and rrule together', { ...recurring, start: oneOff.start }, ['start']],
    ['end on a recurring window', { ...recurring, end: oneOff.end }, ['end']],
    ['a timezone on a one-off window', { ...oneOff, timezone: 'Europe/Berlin' }, ['timezone']],
    ['until on a one-off window', { ...oneOff, until: '2028-01-01T00:00:00Z' }, ['until']],
    ['an end equal to its start', { ...oneOff, end: '2027-03-01T21:00:00Z' }, ['end']],
    ['until before startsAt', { ...recurring, until: '2026-12-31T00:00:00Z' }, ['until']],
    ['a recurring window without its timezone', { ...recurring, timezone: undefined }, ['timezone']],
    ['an unknown timezone', { ...recurring, timezone: 'Mars/Olympus' }, ['timezone']],
    ['a zero duration', { ...recurring, duration: 'PT0M' }, ['duration']],
    ['a duration that is not ISO-8601', { ...recurring, duration: '8h' }, ['duration']],
    ['a start without offset', { ...oneOff, start: '2027-03-01T22:00:00' }, ['start']],
  ])('refuses %s, naming %p', (_case, value, fields) => {
    expect(badFields(WindowTimingDto, value)).toEqual(fields);
  });

  it('is the timing of a maintenance window, which may also be named', () => {
    expect(badFields(MaintenanceWindowDto, { ...recurring, name: 'Nightly' })).toEqual([]);
    expect(badFields(MaintenanceWindowDto, { ...recurring, name: 'Nightly', start: oneOff.start })).toEqual([
      'start',
    ]);
  });
});
