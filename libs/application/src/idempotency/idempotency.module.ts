import { DynamicModule, Module } from '@nestjs/common';
import { IDEMPOTENCY_STORE } from './idempotency.store.port';
import { IdempotentCommandRunner } from './idempotent-command.runner';
import { IDEMPOTENCY_SCHEMA, SqlIdempotencyStore } from './sql-idempotency.store';

/** Idempotency-Key handling for a service's creating commands, keys kept in its own schema. */
@Module({})
export class IdempotencyModule {
  static forSchema(schema: string): DynamicModule {
    return {
      module: IdempotencyModule,
      providers: [
        IdempotentCommandRunner,
        { provide: IDEMPOTENCY_SCHEMA, useValue: schema },
        { provide: IDEMPOTENCY_STORE, useClass: SqlIdempotencyStore },
      ],
      exports: [IdempotentCommandRunner],
    };
  }
}
