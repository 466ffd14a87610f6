import { DomainError, ValidationError } from '@envrefresh/kernel';

export function windowNotFound(id: unknown): DomainError {
  return new DomainError('not-found', 'WINDOW.NOT_FOUND', `No window has the id ${String(id)}`);
}

export function adminRequired(action: string): DomainError {
  return new DomainError(
    'forbidden',
    'WINDOW.ADMIN_REQUIRED',
    `Only an admin may ${action} blackout and maintenance windows`,
  );
}

/** Names every position of `scope.environmentIds` (as given) holding an id no environment has. */
export function unknownScopeEnvironments(
  environmentIds: readonly string[],
  unknown: ReadonlySet<string>,
): ValidationError {
  return new ValidationError(
    'WINDOW.UNKNOWN_ENVIRONMENT',
    environmentIds.flatMap((id, index) =>
      unknown.has(id)
        ? [
            {
              field: `scope.environmentIds[${index}]`,
              message: `no environment has the id ${id}`,
            },
          ]
        : [],
    ),
  );
}
