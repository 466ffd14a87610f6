import { DomainError } from '@envrefresh/kernel';

export function deliveryNotFound(id: unknown): DomainError {
  return new DomainError('not-found', 'DELIVERY.NOT_FOUND', `No delivery has the id ${String(id)}`);
}

export function adminRequired(action: string): DomainError {
  return new DomainError('forbidden', 'DELIVERY.ADMIN_REQUIRED', `Only an admin may ${action}`);
}

export function notDead(id: string): DomainError {
  return new DomainError(
    'conflict',
    'DELIVERY.NOT_DEAD',
    `Delivery ${id} is not DEAD: only a dead delivery is retried by hand`,
  );
}

export function replayTooLarge(limit: number): DomainError {
  return new DomainError(
    'unprocessable',
    'DELIVERY.REPLAY_TOO_LARGE',
    `More than ${limit} deliveries fall in that period; replay a shorter one`,
  );
}
