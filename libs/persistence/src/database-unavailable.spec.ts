import { isDatabaseUnavailable, isRetryableTransactionFailure } from './database-unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a server going away, a restart and a refused connection, also wrapped by TypeORM', () => {
    expect(
      isDatabaseUnavailable(withCode('57P01', 'terminating connection due to administrator command')),
    ).toBe(true);
    expect(isDatabaseUnavailable(withCode('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('08006'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    const wrapped = Object.assign(new Error('Query failed'), { driverError: withCode('57P01') });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new Error('outer', { cause: withCode('ECONNRESET') }))).toBe(true);
  });

  it('leaves what the request or the code got wrong alone', () => {
    expect(isDatabaseUnavailable(withCode('23505', 'duplicate key value violates unique constraint'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(withCode('42P01', 'relation "nope" does not exist'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('57014', 'canceling statement due to statement timeout'))).toBe(
      false,
    );
    expect(isDatabaseUnavailable(new TypeError('cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });

  it('tells a transaction rolled back by a deadlock or a serialization failure from other errors', () => {
    const deadlock = Object.assign(new Error('Query failed'), {
      driverError: withCode('40P01', 'deadlock detected'),
    });
    expect(isRetryableTransactionFailure(deadlock)).toBe(true);
    expect(isRetryableTransactionFailure(withCode('40001'))).toBe(true);
    expect(isRetryableTransactionFailure(withCode('23505'))).toBe(false);
    expect(isDatabaseUnavailable(deadlock)).toBe(false);
  });
});
