import { parseRuleText } from './rrule-text';

describe('parseRuleText', () => {
  it('normalizes the rule, takes off an RRULE: prefix, and keeps UNTIL apart', () => {
    expect(parseRuleText(' rrule:freq=weekly;byday=sa,su;interval=2 ')).toEqual({
      ok: true,
      rule: { freq: 'WEEKLY', withoutUntil: 'FREQ=WEEKLY;BYDAY=SA,SU;INTERVAL=2', until: undefined },
    });
    expect(parseRuleText('FREQ=DAILY;UNTIL=20261231T230000Z;BYHOUR=22')).toEqual({
      ok: true,
      rule: {
        freq: 'DAILY',
        withoutUntil: 'FREQ=DAILY;BYHOUR=22',
        until: { kind: 'instant', at: new Date('2026-12-31T23:00:00Z') },
      },
    });
    expect(parseRuleText('FREQ=DAILY;UNTIL=20261231')).toMatchObject({
      ok: true,
      rule: { until: { kind: 'date', date: '2026-12-31' } },
    });
  });

  it('accepts signed and ordinal values within their ranges', () => {
    for (const text of [
      'FREQ=MONTHLY;BYDAY=-1FR,+2MO,TU',
      'FREQ=MONTHLY;BYMONTHDAY=-1,1,31',
      'FREQ=YEARLY;BYYEARDAY=-366,366;BYWEEKNO=-53,1;BYMONTH=1,12;BYSETPOS=-1;WKST=SU',
      'FREQ=DAILY;BYHOUR=0,23;BYMINUTE=0,59;BYSECOND=0,60;COUNT=5',
    ]) {
      expect(parseRuleText(text).ok).toBe(true);
    }
  });

  it.each([
    ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY must list weekdays'],
    ['FREQ=MONTHLY;BYDAY=54MO', 'BYDAY must list weekdays'],
    ['FREQ=DAILY;BYHOUR=-1', 'BYHOUR must list whole numbers from 0 to 23'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY must list whole numbers from 1 to 366 or -366 to -1'],
    ['FREQ=DAILY;COUNT=0', 'COUNT must be a positive whole number'],
    ['FREQ=DAILY;WKST=XX', 'WKST must be a weekday'],
    ['FREQ=DAILY;RSCALE=GREGORIAN', 'unknown or unsupported part RSCALE'],
    ['FREQ=DAILY;', 'where a NAME=VALUE part'],
    ['FREQ=SECONDLY', 'FREQ=SECONDLY is not supported'],
  ])('refuses %j', (text, problem) => {
    const result = parseRuleText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain(problem);
  });
});
