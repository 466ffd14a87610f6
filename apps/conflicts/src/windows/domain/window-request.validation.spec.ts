import { ValidationError } from '@envrefresh/kernel';
import { parseWindowRequest } from './window-request.validation';

const ENV = '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30';

function fieldsRefused(input: unknown): string[] {
  try {
    parseWindowRequest(input);
  } catch (error) {
    if (error instanceof ValidationError && error.code === 'WINDOW.INVALID') {
      return error.problems.map((problem) => problem.field);
    }
    throw error;
  }
  throw new Error('expected the window to be refused');
}

describe('parseWindowRequest', () => {
  it('reads a one-off window as instants, with an absent scope covering everything', () => {
    expect(
      parseWindowRequest({
        kind: 'BLACKOUT',
        name: ' Quarter-end ',
        start: '2030-03-28T00:00:00+01:00',
        end: '2030-04-02T00:00:00+02:00',
      }),
    ).toEqual({
      kind: 'BLACKOUT',
      name: 'Quarter-end',
      scope: { environmentIds: [], tiers: [] },
      timing: {
        form: 'one-off',
        start: new Date('2030-03-27T23:00:00Z'),
        end: new Date('2030-04-01T22:00:00Z'),
      },
    });
  });

  it('reads a recurring window, keeping its rule and timezone and treating a null until as none', () => {
    expect(
      parseWindowRequest({
        kind: 'MAINTENANCE',
        name: 'Nightly',
        scope: { environmentIds: [ENV.toUpperCase()], tiers: ['UAT'] },
        rrule: ' FREQ=WEEKLY;BYDAY=SA ',
        duration: 'PT8H',
        timezone: 'America/New_York',
        startsAt: '2030-01-05T22:00:00-05:00',
        until: null,
      }),
    ).toEqual({
      kind: 'MAINTENANCE',
      name: 'Nightly',
      scope: { environmentIds: [ENV], tiers: ['UAT'] },
      timing: {
        form: 'recurring',
        rrule: 'FREQ=WEEKLY;BYDAY=SA',
        duration: 'PT8H',
        timezone: 'America/New_York',
        startsAt: new Date('2030-01-06T03:00:00Z'),
      },
    });
  });

  it('wants exactly one timing form, naming the fields that clash or are missing', () => {
    const both = {
      kind: 'BLACKOUT',
      name: 'x',
      start: '2030-01-01T00:00:00Z',
      rrule: 'FREQ=DAILY',
      duration: 'PT1H',
    };
    expect(fieldsRefused(both)).toEqual(['start']);
    expect(fieldsRefused({ kind: 'BLACKOUT', name: 'x' })).toEqual(['start', 'end']);
  });

  it('names scope problems by position, and unknown fields wherever they are', () => {
    expect(
      fieldsRefused({
        kind: 'BLACKOUT',
        name: 'x',
        colour: 'red',
        scope: { environmentIds: [ENV, 'uat'], tiers: ['PROD'], owner: 'qa' },
        start: '2030-01-01T00:00:00Z',
        end: '2030-01-02T00:00:00Z',
      }),
    ).toEqual(['colour', 'scope.owner', 'scope.environmentIds[1]', 'scope.tiers[0]']);
  });

  it('passes recurring problems on under the names the API gives the fields', () => {
    expect(
      fieldsRefused({
        kind: 'MAINTENANCE',
        name: 'x',
        rrule: 'FREQ=SOMETIMES',
        duration: 'PT8H',
        timezone: 'Nowhere/Land',
        startsAt: '2030-01-05T22:00:00Z',
      }).sort(),
    ).toEqual(['rrule', 'timezone']);
  });

  it('refuses a bad kind and a blank or overlong name', () => {
    const window = { start: '2030-01-01T00:00:00Z', end: '2030-01-02T00:00:00Z' };
    expect(fieldsRefused({ ...window, kind: 'freeze', name: '' })).toEqual(['kind', 'name']);
    expect(fieldsRefused({ ...window, kind: 'BLACKOUT', name: 'n'.repeat(201) })).toEqual(['name']);
  });
});
