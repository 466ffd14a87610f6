import { Problems } from './domain-error';
import { GROUP_KEY_MAX_LENGTH, groupKeyOf, isGroupKey, objectOf } from './input-rules';

describe('group keys', () => {
  it.each(['payments', 'qa-team', 'team.payments', 'org:payments', 'alice@example.com', 'org/team_2', 'a'])(
    'takes %s',
    (key) => expect(isGroupKey(key)).toBe(true),
  );

  it.each(['', ' payments', 'pay ments', '-payments', '.hidden', 'payments\n', 'p\u0000', 'ä-team', 7, null])(
    'refuses %p',
    (key) => expect(isGroupKey(key)).toBe(false),
  );

  it('is at most GROUP_KEY_MAX_LENGTH characters', () => {
    expect(isGroupKey('g'.repeat(GROUP_KEY_MAX_LENGTH))).toBe(true);
    expect(isGroupKey('g'.repeat(GROUP_KEY_MAX_LENGTH + 1))).toBe(false);
  });

  it('reads a key with spaces around it as that key, and nothing else as one', () => {
    expect(groupKeyOf('  payments ')).toBe('payments');
    expect(groupKeyOf('pay ments')).toBeUndefined();
    expect(groupKeyOf(['payments'])).toBeUndefined();
  });
});

describe('objectOf', () => {
  it.each([null, [], 'text', 3])('makes %p one problem on body', (input) => {
    const problems = new Problems();
    expect(objectOf(input, problems)).toEqual({});
    expect(() => problems.throwIfAny('X')).toThrow('body: must be a JSON object');
  });

  it('hands an object through', () => {
    const problems = new Problems();
    expect(objectOf({ a: 1 }, problems)).toEqual({ a: 1 });
    expect(problems.empty).toBe(true);
  });
});
