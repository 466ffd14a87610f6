import { ValidationError } from '@envrefresh/kernel';
import { parseFiling } from './intent-input.validation';

const valid = {
  environmentId: '1B7E4C62-3F0A-4A55-8D0E-6C2F1A9B8E77',
  refreshType: 'MASKED_COPY',
  plannedStart: '2026-12-01T22:00:00+01:00',
  plannedEnd: '2026-12-02T02:00:00+01:00',
  reason: '  Sprint 42 regression data  ',
  notificationGroups: ['qa', 'qa'],
};

function problemFields(input: unknown): string[] {
  try {
    parseFiling(input);
  } catch (error) {
    return (error as ValidationError).problems.map((problem) => problem.field);
  }
  throw new Error('expected the filing to be refused');
}

describe('parseFiling', () => {
  it('stores instants, a trimmed reason, distinct groups and a lowercase environment id', () => {
    const filing = parseFiling(valid);
    expect(filing).toMatchObject({
      environmentId: '1b7e4c62-3f0a-4a55-8d0e-6c2f1a9b8e77',
      plannedStart: new Date('2026-12-01T21:00:00Z'),
      reason: 'Sprint 42 regression data',
      notificationGroups: ['qa'],
      externalRef: null,
      submit: false,
    });
  });

  it('names every field that is wrong, including ones it does not know', () => {
    expect(
      problemFields({
        ...valid,
        refreshType: 'WIPE',
        plannedStart: '2026-12-01 22:00',
        plannedEnd: 'soon',
        reason: ' ',
        color: 'red',
      }),
    ).toEqual(['color', 'plannedStart', 'plannedEnd', 'refreshType', 'reason']);
    expect(
      problemFields({
        ...valid,
        environmentId: 'uat',
        source: { snapshot: 3 },
        submit: 'yes',
        externalRef: 7,
      }),
    ).toEqual(['environmentId', 'source.snapshot', 'externalRef', 'submit']);
  });

  it('refuses an empty or inverted window: end must follow start', () => {
    expect(problemFields({ ...valid, plannedEnd: valid.plannedStart })).toEqual(['plannedEnd']);
  });

  it.each([null, 'text', 42, []])(
    'refuses a body that is not an object (%p) with a 400, not a crash',
    (body) => {
      expect(problemFields(body)).toContain('body');
    },
  );
});
