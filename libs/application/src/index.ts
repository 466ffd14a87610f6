// What the services' application and interface layers share: the acting user, paging, problems, Idempotency-Key.
export * from './acting-user.factory';
export * from './domain-problem.mapper';
export * from './idempotency/idempotency.module';
export * from './idempotency/idempotency-key.janitor';
export * from './idempotency/idempotency.store.port';
export * from './idempotency/idempotent-command.runner';
export * from './migrations/1763790000300-create-idempotency-keys';
export * from './migrations/1765000000100-index-idempotency-key-age';
export * from './page-request';
export * from './postgres-errors';
export * from './user-proof/user-proof.decorators';
export * from './user-proof/user-proof.guard';
export * from './user-proof/user-request-proof';
export * from './owner-query-refs';
