import { Module } from '@nestjs/common';
import { API_TOKEN_REPOSITORY } from './application/api-token.repository.port';
import { ApiTokensService } from './application/api-tokens.service';
import { SqlApiTokenRepository } from './infrastructure/sql-api-token.repository';
import { ApiTokensRpcController } from './interface/api-tokens.rpc-controller';

/** envrefresh API tokens: machines' identities, owned by the users who make them (SPEC "Machines"). */
@Module({
  controllers: [ApiTokensRpcController],
  providers: [ApiTokensService, { provide: API_TOKEN_REPOSITORY, useClass: SqlApiTokenRepository }],
})
export class ApiTokensModule {}
