export * from './data-source.factory';
export * from './database.module';
export * from './migrations/run-migrations';
export * from './migrations/schema-of';
export * from './cli/run-migrate-cli';
export * from './upsert-newer-version';
export * from './database-unavailable';
export * from './write-statement';
