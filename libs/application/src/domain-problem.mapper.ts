import { RemoteProblem } from '@envrefresh/contracts';
import { DomainError, DomainErrorKind } from '@envrefresh/kernel';
import { isDatabaseTimeout } from './postgres-errors';

const STATUS: Record<DomainErrorKind, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Invalid request' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not Found' },
  conflict: { status: 409, title: 'Conflict' },
  unprocessable: { status: 422, title: 'Unprocessable request' },
  unavailable: { status: 503, title: 'Service Unavailable' },
};

/** `INTENT.STALE_VERSION` → `https://envrefresh.dev/problems/intent-stale-version`. */
export function problemType(code: string): string {
  return `https://envrefresh.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`;
}

/** A query or lock wait the database cut (DATABASE_*_TIMEOUT): nothing was written; try again. */
const DATABASE_BUSY: RemoteProblem = {
  status: 503,
  type: problemType('DATABASE.TIMEOUT'),
  title: STATUS.unavailable.title,
  detail: 'The database did not finish this request in time and nothing was changed; try again shortly',
  code: 'DATABASE.TIMEOUT',
} as RemoteProblem;

/**
 * Every refusal of this service as the problem the gateway relays. For a blocked approval the
 * conflict ids also travel as `blockingConflictIds` (RemoteProblem allows extra members).
 */
export function domainProblem(error: unknown): RemoteProblem | null {
  if (isDatabaseTimeout(error)) return DATABASE_BUSY;
  if (!(error instanceof DomainError)) return null;
  const { status, title } = STATUS[error.kind];
  const {
    problems,
    allowedActions,
    blockingConflictIds,
    blockingFindings,
    earliestStart,
    retryAfterSeconds,
  } = error.details;
  return {
    status,
    type: error.kind === 'invalid' ? 'https://envrefresh.dev/problems/validation' : problemType(error.code),
    title,
    detail: error.message,
    code: error.code,
    ...(problems ? { errors: problems } : {}),
    ...(allowedActions ? { allowedActions } : {}),
    ...(blockingConflictIds ? { blockingConflictIds } : {}),
    ...(blockingFindings ? { blockingFindings } : {}),
    ...(earliestStart ? { earliestStart } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  } as RemoteProblem;
}
