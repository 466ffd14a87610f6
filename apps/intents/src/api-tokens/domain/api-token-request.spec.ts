import { DomainError, ValidationError } from '@envrefresh/kernel';
import { readApiTokenRequest } from './api-token-request';

const NOW = new Date('2026-12-01T12:00:00Z');
const fields = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError)
      return { kind: error.kind, fields: error.details.problems?.map((p) => p.field) };
    throw error;
  }
  return null;
};

describe('readApiTokenRequest', () => {
  it('takes a name, roles the creator holds (all of theirs by default) and an expiry within a year', () => {
    expect(
      readApiTokenRequest(
        { name: ' CI ', roles: ['viewer'], expiresAt: '2027-12-01T12:00:00Z' },
        ['approver'],
        NOW,
      ),
    ).toEqual({ name: 'CI', roles: ['viewer'], expiresAt: new Date('2027-12-01T12:00:00Z') });
    expect(
      readApiTokenRequest({ name: 'all', expiresAt: '2026-12-02T00:00:00Z' }, ['operator', 'x'], NOW).roles,
    ).toEqual(['operator']);
  });

  it.each([
    ['an expiry a second over a year', { name: 'a', expiresAt: '2027-12-01T12:00:01Z' }, ['expiresAt']],
    ['an expiry in the past', { name: 'a', expiresAt: '2026-12-01T11:59:59Z' }, ['expiresAt']],
    ['an expiry without offset', { name: 'a', expiresAt: '2027-01-01T00:00:00' }, ['expiresAt']],
    ['no name', { expiresAt: '2027-01-01T00:00:00Z' }, ['name']],
    ['unknown roles', { name: 'a', roles: ['root'], expiresAt: '2027-01-01T00:00:00Z' }, ['roles']],
    ['empty roles', { name: 'a', roles: [], expiresAt: '2027-01-01T00:00:00Z' }, ['roles']],
  ])('refuses %s with a 400 naming the field', (_case, input, expected) => {
    expect(fields(() => readApiTokenRequest(input, ['admin'], NOW))).toEqual({
      kind: 'invalid',
      fields: expected,
    });
  });

  it('refuses roles beyond the creator’s with a 403 naming roles; included roles are fine', () => {
    expect(
      fields(() =>
        readApiTokenRequest(
          { name: 'a', roles: ['approver'], expiresAt: '2027-01-01T00:00:00Z' },
          ['requester'],
          NOW,
        ),
      ),
    ).toEqual({ kind: 'forbidden', fields: ['roles'] });
    expect(
      readApiTokenRequest(
        { name: 'a', roles: ['requester', 'viewer'], expiresAt: '2027-01-01T00:00:00Z' },
        ['approver'],
        NOW,
      ).roles,
    ).toEqual(['requester', 'viewer']);
    expect(() => readApiTokenRequest(undefined, [], NOW)).toThrow(ValidationError);
  });
});
