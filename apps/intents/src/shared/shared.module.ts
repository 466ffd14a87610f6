import { Module } from '@nestjs/common';
import { IDEMPOTENCY_STORE } from './application/idempotency.store.port';
import { IdempotentCommandRunner } from './application/idempotent-command.runner';
import { SqlIdempotencyStore } from './infrastructure/sql-idempotency.store';

/** What both bounded contexts of this service use: Idempotency-Key handling. */
@Module({
  providers: [IdempotentCommandRunner, { provide: IDEMPOTENCY_STORE, useClass: SqlIdempotencyStore }],
  exports: [IdempotentCommandRunner],
})
export class SharedModule {}
