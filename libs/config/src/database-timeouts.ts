import { AppName } from './app-name';
import { EnvReader } from './env-reader';

/**
 * What Postgres cuts on every connection of a service's pool, so one stuck query or transaction
 * cannot hold a connection, or a lock such as the conflicts recomputation lock, for ever.
 * Milliseconds; 0 switches a limit off.
 */
export interface DatabaseTimeouts {
  /** `statement_timeout`: a statement running longer is cancelled (SQLSTATE 57014). */
  statementTimeoutMs: number;
  /** `lock_timeout`: a statement waiting longer for a lock (advisory locks included) fails (55P03). */
  lockTimeoutMs: number;
  /** `idle_in_transaction_session_timeout`: a session idle this long inside a transaction is ended, its locks released. */
  idleInTransactionTimeoutMs: number;
}

/**
 * One row per limit: the variable, its default and why. `<APP>_<VARIABLE>` overrides the shared
 * variable for one service, like `<APP>_DATABASE_URL`.
 */
export const DATABASE_TIMEOUT_VARIABLES: readonly {
  variable: string;
  field: keyof DatabaseTimeouts;
  fallback: string;
}[] = [
  // Above the gateway's RPC timeout (5 s) and any batch the services run, far below "for ever".
  { variable: 'DATABASE_STATEMENT_TIMEOUT', field: 'statementTimeoutMs', fallback: 'PT30S' },
  // Recomputations queue on one advisory lock; a wait this long means its holder is stuck.
  { variable: 'DATABASE_LOCK_TIMEOUT', field: 'lockTimeoutMs', fallback: 'PT10S' },
  // Above the longest wait inside a transaction (a publish confirm, an owner query, an RPC).
  { variable: 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT', field: 'idleInTransactionTimeoutMs', fallback: 'PT1M' },
];

const ONE_DAY_MS = 86_400_000;

export function readDatabaseTimeouts(app: AppName, env: EnvReader): DatabaseTimeouts {
  const timeouts = {} as DatabaseTimeouts;
  for (const { variable, field, fallback } of DATABASE_TIMEOUT_VARIABLES) {
    timeouts[field] = env.durationMs(variable, fallback, {
      minMs: 0,
      maxMs: ONE_DAY_MS,
      from: [`${app.toUpperCase()}_${variable}`],
    });
  }
  return timeouts;
}
