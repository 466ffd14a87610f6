import { failureMessage } from './failure-message';

describe('failureMessage', () => {
  it('uses the message of an error', () => {
    expect(failureMessage(new Error('password authentication failed'))).toBe(
      'password authentication failed',
    );
  });

  it('falls back to the code of a socket error without a message', () => {
    expect(failureMessage(Object.assign(new Error(''), { code: 'ECONNRESET' }))).toBe('ECONNRESET');
  });

  it('names each cause of an AggregateError without a message', () => {
    const refused = new AggregateError(
      [new Error('connect ECONNREFUSED ::1:5999'), new Error('connect ECONNREFUSED 127.0.0.1:5999')],
      '',
    );
    expect(failureMessage(refused)).toBe(
      'connect ECONNREFUSED ::1:5999; connect ECONNREFUSED 127.0.0.1:5999',
    );
  });

  it('prints what was thrown when it is not an error', () => {
    expect(failureMessage('broker closed')).toBe('broker closed');
  });
});
