import { isRetryableTransactionFailure } from '@envrefresh/persistence';

/** SQLSTATE 23505: a unique or primary-key constraint refused the row. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  return (candidate.code ?? candidate.driverError?.code) === '23505';
}

/**
 * SQLSTATE 57014 (a statement cut by `statement_timeout`), 55P03 (a lock not granted within
 * `lock_timeout`) or 25P03 (the session ended by `idle_in_transaction_session_timeout`): the
 * database's own limits (DATABASE_*_TIMEOUT), so the caller may try again later.
 */
export function isDatabaseTimeout(error: unknown): boolean {
  const candidate = error as { code?: string; driverError?: { code?: string } };
  const code = candidate.code ?? candidate.driverError?.code;
  return code === '57014' || code === '55P03' || code === '25P03';
}

/** SQLSTATE 40P01 (deadlock detected) or 40001 (serialization failure), defined once in libs/persistence. */
export { isRetryableTransactionFailure };

/** Runs `work` again (at most `attempts` times in all) when Postgres chose it as a deadlock victim. */
export async function retryingTransientFailures<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionFailure(error)) throw error;
    }
  }
}
