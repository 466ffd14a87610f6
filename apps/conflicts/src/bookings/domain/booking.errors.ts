import { DomainError, ValidationError } from '@envrefresh/kernel';

export function bookingNotFound(id: unknown): DomainError {
  return new DomainError('not-found', 'BOOKING.NOT_FOUND', `No booking has the id ${String(id)}`);
}

export function bookingAlreadyCancelled(id: string, cancelledAt: Date): DomainError {
  return new DomainError(
    'conflict',
    'BOOKING.ALREADY_CANCELLED',
    `Booking ${id} was already cancelled at ${cancelledAt.toISOString()}`,
  );
}

export function requesterRoleRequired(): DomainError {
  return new DomainError(
    'forbidden',
    'BOOKING.ROLE_REQUIRED',
    'Booking an environment needs the requester role (or approver or admin)',
  );
}

export function notGroupMember(group: string): DomainError {
  return new DomainError(
    'forbidden',
    'BOOKING.NOT_GROUP_MEMBER',
    `You may book only for your own groups, and you are not a member of "${group}" (admins may book for any group)`,
  );
}

export function mayNotCancel(): DomainError {
  return new DomainError(
    'forbidden',
    'BOOKING.NOT_CANCELLABLE_BY_YOU',
    'Only the creator of this booking, a member of its group, or an admin may cancel it',
  );
}

export function unknownEnvironment(environmentId: string): ValidationError {
  return new ValidationError('BOOKING.UNKNOWN_ENVIRONMENT', [
    {
      field: 'environmentId',
      message: `no environment has the id ${environmentId}`,
    },
  ]);
}
