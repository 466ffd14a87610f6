import { grantsAny } from './roles';

describe('grantsAny', () => {
  it('follows the role ladder: each role includes the ones below it', () => {
    expect(grantsAny(['approver'], ['requester'])).toBe(true);
    expect(grantsAny(['requester'], ['approver'])).toBe(false);
    expect(grantsAny(['operator'], ['viewer'])).toBe(true);
    expect(grantsAny(['operator'], ['requester'])).toBe(false);
    expect(grantsAny(['admin'], ['operator'])).toBe(true);
  });

  it('ignores roles it does not know', () => {
    expect(grantsAny(['superuser'], ['viewer'])).toBe(false);
    expect(grantsAny([], ['viewer'])).toBe(false);
  });
});
