import { CONFLICT_TYPES } from '@envrefresh/contracts';
import { DEFAULT_RULE_SET, isEnabled, parseRuleSet, withoutRule } from './rule-set';

describe('parseRuleSet', () => {
  it('runs every rule with its own severity when nothing is configured', () => {
    expect(parseRuleSet('')).toEqual(DEFAULT_RULE_SET);
    expect(parseRuleSet(' , ')).toEqual(DEFAULT_RULE_SET);
    for (const type of CONFLICT_TYPES) expect(DEFAULT_RULE_SET[type]).toEqual({ enabled: true });
  });

  it('switches rules off, overrides severities, and leaves the others alone', () => {
    const ruleSet = parseRuleSet(
      'DEPENDENCY=off, OUTSIDE_MAINTENANCE=BLOCKING,BOOKING_OVERLAP=WARNING,blackout=On',
    );
    expect(ruleSet).toEqual({
      INTENT_OVERLAP: { enabled: true },
      BOOKING_OVERLAP: { enabled: true, severity: 'WARNING' },
      BLACKOUT: { enabled: true },
      OUTSIDE_MAINTENANCE: { enabled: true, severity: 'BLOCKING' },
      DEPENDENCY: { enabled: false },
      SOURCE_CONTENTION: { enabled: true },
    });
    expect(isEnabled(ruleSet, 'DEPENDENCY')).toBe(false);
  });

  it('refuses an unknown rule, listing the rules', () => {
    expect(() => parseRuleSet('DEPENDENCIES=off')).toThrow(
      '"DEPENDENCIES" is not a conflict rule; the rules are INTENT_OVERLAP, BOOKING_OVERLAP, BLACKOUT, OUTSIDE_MAINTENANCE, DEPENDENCY, SOURCE_CONTENTION',
    );
  });

  it.each(['DEPENDENCY=maybe', 'DEPENDENCY', 'DEPENDENCY=', 'DEPENDENCY=off=on'])(
    'refuses %j, listing the values',
    (text) => {
      expect(() => parseRuleSet(text)).toThrow('must be DEPENDENCY=<on|off|BLOCKING|WARNING>');
    },
  );

  it('refuses a rule set twice', () => {
    expect(() => parseRuleSet('BLACKOUT=WARNING,BLACKOUT=off')).toThrow('BLACKOUT is set twice');
  });

  it('withoutRule switches one rule off and leaves the given set as it was', () => {
    const ruleSet = parseRuleSet('BLACKOUT=WARNING');
    const without = withoutRule(ruleSet, 'OUTSIDE_MAINTENANCE');
    expect(without.OUTSIDE_MAINTENANCE).toEqual({ enabled: false });
    expect(without.BLACKOUT).toEqual({ enabled: true, severity: 'WARNING' });
    expect(ruleSet.OUTSIDE_MAINTENANCE).toEqual({ enabled: true });
  });
});
