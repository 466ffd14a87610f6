import { DomainError } from '@envrefresh/kernel';

/** A subscription that does not exist, or that the caller may not manage: the same 404. */
export function subscriptionNotFound(id: unknown): DomainError {
  return new DomainError(
    'not-found',
    'SUBSCRIPTION.NOT_FOUND',
    `No subscription of yours has the id ${String(id)}`,
  );
}

export function subscriptionForbidden(detail: string): DomainError {
  return new DomainError('forbidden', 'SUBSCRIPTION.FORBIDDEN', detail);
}

export function notAWebhook(id: string): DomainError {
  return new DomainError(
    'unprocessable',
    'SUBSCRIPTION.NOT_A_WEBHOOK',
    `Subscription ${id} is not a WEBHOOK: only webhooks have a secret to rotate`,
  );
}
