import { ConflictView } from '@envrefresh/contracts';
import { DomainError } from '@envrefresh/kernel';

export function conflictNotFound(id: unknown): DomainError {
  return new DomainError('not-found', 'CONFLICT.NOT_FOUND', `No conflict ${String(id)} that you may see`);
}

export function mayNotDecide(): DomainError {
  return new DomainError(
    'forbidden',
    'CONFLICT.APPROVER_REQUIRED',
    'Only approvers and admins acknowledge or override conflicts',
  );
}

/** Seeing a conflict (through a notification group) is not deciding on it: that is the owner group's. */
export function notInOwnerGroup(ownerGroup: string | null): DomainError {
  const owners = ownerGroup === null ? 'the owner group of the environment' : `the owner group ${ownerGroup}`;
  return new DomainError(
    'forbidden',
    'CONFLICT.NOT_IN_OWNER_GROUP',
    `Only approvers of ${owners} (or admins) acknowledge or override this conflict; notification groups may read it, not decide on it`,
  );
}

/** Separation of duties: overriding a blocking conflict of your own intent would approve it yourself. */
export function ownIntent(): DomainError {
  return new DomainError(
    'forbidden',
    'CONFLICT.OWN_INTENT',
    'Nobody overrides a conflict of their own intent; ask another approver',
  );
}

export function notOpen(conflict: ConflictView): DomainError {
  return new DomainError(
    'conflict',
    'CONFLICT.NOT_OPEN',
    `The conflict is ${conflict.status}; only an OPEN conflict can be acknowledged or overridden`,
  );
}

export function acknowledgeIsForWarnings(): DomainError {
  return new DomainError(
    'conflict',
    'CONFLICT.BLOCKING_NEEDS_OVERRIDE',
    'A BLOCKING conflict is not acknowledged but overridden, with a justification',
  );
}

export function overrideIsForBlocking(): DomainError {
  return new DomainError(
    'conflict',
    'CONFLICT.WARNING_NEEDS_ACKNOWLEDGE',
    'A WARNING conflict does not block anything; acknowledge it instead of overriding it',
  );
}
