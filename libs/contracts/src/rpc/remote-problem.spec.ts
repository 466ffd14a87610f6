import { isRemoteProblem } from './remote-problem';

describe('isRemoteProblem', () => {
  it('recognises a problem with its optional members', () => {
    expect(isRemoteProblem({ status: 404, type: 'about:blank', title: 'Not Found' })).toBe(true);
    expect(
      isRemoteProblem({
        status: 409,
        type: 'https://envrefresh.dev/problems/invalid-transition',
        title: 'Invalid transition',
        detail: 'A COMPLETED intent cannot be cancelled',
        code: 'INTENT.INVALID_TRANSITION',
        errors: [{ field: 'version', message: 'is stale' }],
        allowedActions: [],
      }),
    ).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'Internal server error'],
    ["Nest's generic RPC error", { status: 'error', message: 'Internal server error' }],
    ['a non-error status', { status: 200, type: 'about:blank', title: 'OK' }],
    ['a missing title', { status: 400, type: 'about:blank' }],
    ['a non-string detail', { status: 400, type: 'about:blank', title: 'Bad', detail: 3 }],
    ['malformed field errors', { status: 400, type: 'about:blank', title: 'Bad', errors: [{ field: 'x' }] }],
    [
      'non-string allowed actions',
      { status: 409, type: 'about:blank', title: 'Conflict', allowedActions: [1] },
    ],
  ])('rejects %s', (_case, value) => {
    expect(isRemoteProblem(value)).toBe(false);
  });
});
