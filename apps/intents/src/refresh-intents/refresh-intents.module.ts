import { Module } from '@nestjs/common';
import { FileIntentUseCase } from './application/file-intent.use-case';
import { INTENT_REPOSITORY } from './application/intent.repository.port';
import { TypeOrmIntentRepository } from './infrastructure/typeorm-intent.repository';
import { IntentsRpcController } from './interface/intents.rpc-controller';

@Module({
  controllers: [IntentsRpcController],
  providers: [FileIntentUseCase, { provide: INTENT_REPOSITORY, useClass: TypeOrmIntentRepository }],
})
export class RefreshIntentsModule {}
