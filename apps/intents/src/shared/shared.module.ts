import { Module } from '@nestjs/common';
import { IdempotencyModule } from '@envrefresh/application';
import { SCHEMA } from './infrastructure/intents-schema';

/** What both bounded contexts of this service use: Idempotency-Key handling in the intents schema. */
@Module({
  imports: [IdempotencyModule.forSchema(SCHEMA)],
  exports: [IdempotencyModule],
})
export class SharedModule {}
