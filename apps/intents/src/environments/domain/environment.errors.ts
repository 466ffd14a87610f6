import { DomainError, ValidationError } from '@envrefresh/kernel';

export function environmentNotFound(ref: string): DomainError {
  return new DomainError('not-found', 'ENVIRONMENT.NOT_FOUND', `No environment has the id or key "${ref}"`);
}

export function environmentKeyTaken(key: string): DomainError {
  return new DomainError(
    'conflict',
    'ENVIRONMENT.KEY_TAKEN',
    `An environment with key "${key}" already exists`,
    {
      problems: [{ field: 'key', message: `"${key}" is taken` }],
    },
  );
}

export function unknownDependencies(keys: string[]): ValidationError {
  return new ValidationError('ENVIRONMENT.UNKNOWN_DEPENDENCY', [
    { field: 'dependsOn', message: `no environment has the key ${keys.map((key) => `"${key}"`).join(', ')}` },
  ]);
}

export function dependencyCycle(path: string[]): ValidationError {
  return new ValidationError('ENVIRONMENT.DEPENDENCY_CYCLE', [
    {
      field: 'dependsOn',
      message: `would make the dependency graph cyclic: ${path.join(' → ')} (an environment cannot depend on itself, directly or through others)`,
    },
  ]);
}

export function adminRequired(): DomainError {
  return new DomainError(
    'forbidden',
    'ENVIRONMENT.ADMIN_REQUIRED',
    'Only an admin may change the environment catalog',
  );
}
