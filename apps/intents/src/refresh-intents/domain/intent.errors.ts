import { IntentStatus, allowedActions } from '@envrefresh/contracts';
import { DomainError, ValidationError } from '@envrefresh/kernel';

export function intentNotFound(id: unknown): DomainError {
  return new DomainError('not-found', 'INTENT.NOT_FOUND', `No refresh intent ${String(id)} that you may see`);
}

export function invalidTransition(status: IntentStatus, action: string): DomainError {
  const allowed = allowedActions(status);
  return new DomainError(
    'conflict',
    'INTENT.INVALID_TRANSITION',
    `A ${status} intent cannot ${action}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'nothing (it is final)'}`,
    { allowedActions: allowed },
  );
}

export function notAmendable(status: IntentStatus): DomainError {
  return new DomainError(
    'conflict',
    'INTENT.NOT_AMENDABLE',
    `A ${status} intent can no longer be amended (only DRAFT, REQUESTED, APPROVED or SCHEDULED ones can)`,
    { allowedActions: allowedActions(status) },
  );
}

/** `current` unknown: a concurrent change won the race between our read and our write. */
export function staleVersion(given: unknown, current?: number): DomainError {
  const now = current === undefined ? 'no longer current' : `not the current version ${current}`;
  return new DomainError(
    'conflict',
    'INTENT.STALE_VERSION',
    `Version ${String(given)} is ${now}: someone changed the intent meanwhile; reload it and retry`,
  );
}

export function selfApproval(action: string): DomainError {
  return new DomainError(
    'forbidden',
    'INTENT.SELF_APPROVAL',
    `Separation of duties: nobody may ${action} their own intent, admins included`,
  );
}

export function notRequester(action: string): DomainError {
  return new DomainError(
    'forbidden',
    'INTENT.NOT_REQUESTER',
    `Only the requester of this intent (or an admin) may ${action} it`,
  );
}

export function notInOwnerGroup(action: string, ownerGroup: string | null): DomainError {
  const owners =
    ownerGroup === null
      ? 'the owner group of its environment (unknown here, so only an admin may)'
      : `the owner group ${ownerGroup} of its environment`;
  return new DomainError(
    'forbidden',
    'INTENT.NOT_IN_OWNER_GROUP',
    `To ${action} an intent you must belong to ${owners}, or be an admin; notification groups may read it, not decide on it`,
  );
}

export function roleRequired(action: string, roles: string): DomainError {
  return new DomainError(
    'forbidden',
    'INTENT.ROLE_REQUIRED',
    `To ${action} an intent you need the ${roles} role`,
  );
}

export function blockingConflicts(
  action: string,
  conflictIds: string[],
  findings: string[] = [],
): DomainError {
  const named = [
    ...(conflictIds.length > 0 ? [conflictIds.join(', ')] : []),
    ...findings.map((finding) => `between now and the planned start: ${finding}`),
  ];
  return new DomainError(
    'conflict',
    'INTENT.BLOCKING_CONFLICT',
    `Cannot ${action} while BLOCKING conflicts are open: ${named.join('; ')}; resolve or override them first`,
    { blockingConflictIds: conflictIds, ...(findings.length > 0 ? { blockingFindings: findings } : {}) },
  );
}

export function tooEarlyToStart(earliest: Date, plannedStart: Date): DomainError {
  return new DomainError(
    'conflict',
    'INTENT.TOO_EARLY',
    `This refresh may start from ${earliest.toISOString()} (plannedStart is ${plannedStart.toISOString()}); to start sooner, amend its window`,
    { earliestStart: earliest.toISOString() },
  );
}

/** The conflicts service could not say whether BLOCKING conflicts are open: nothing is decided. */
export function conflictCheckUnavailable(action: string): DomainError {
  return new DomainError(
    'unavailable',
    'APPROVAL_GATE.UNAVAILABLE',
    `The conflict check could not be made, so the intent was not ${action === 'start' ? 'started' : 'approved'}; try again shortly`,
  );
}

export function unknownEnvironment(environmentId: string): ValidationError {
  return new ValidationError('INTENT.UNKNOWN_ENVIRONMENT', [
    { field: 'environmentId', message: `no environment has the id ${environmentId}` },
  ]);
}
