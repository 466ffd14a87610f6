import { validateReadinessChecks } from './readiness.indicator';

const check = (name: string) => ({ name, check: async () => undefined });

describe('validateReadinessChecks', () => {
  it('accepts checks with distinct names', () => {
    const checks = [check('database'), check('broker')];
    expect(validateReadinessChecks(checks)).toBe(checks);
  });

  it('refuses a check without a name', () => {
    expect(() => validateReadinessChecks([check('')])).toThrow('Every readiness check needs a name');
  });

  it('refuses two checks of the same name, one of which would hide the other', () => {
    expect(() => validateReadinessChecks([check('database'), check('database')])).toThrow(
      'Two readiness checks are named "database"',
    );
  });
});
