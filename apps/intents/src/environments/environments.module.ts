import { CatalogSourceQuery } from './application/catalog-source.query';
import { CatalogSourceRpcController } from './interface/catalog-source.rpc-controller';
import { Module } from '@nestjs/common';
import { SharedModule } from '../shared/shared.module';
import { CreateEnvironmentUseCase } from './application/create-environment.use-case';
import { EnvironmentDirectory } from './application/environment-directory';
import { EnvironmentQueries } from './application/environment-queries.service';
import { ENVIRONMENT_REPOSITORY } from './application/environment.repository.port';
import { UpdateEnvironmentUseCase } from './application/update-environment.use-case';
import { SqlEnvironmentRepository } from './infrastructure/sql-environment.repository';
import { EnvironmentsRpcController } from './interface/environments.rpc-controller';

/** The environment catalog: keys, owners, dependencies, approval policy, freshness. */
@Module({
  imports: [SharedModule],
  controllers: [EnvironmentsRpcController, CatalogSourceRpcController],
  providers: [
    CreateEnvironmentUseCase,
    UpdateEnvironmentUseCase,
    EnvironmentQueries,
    CatalogSourceQuery,
    EnvironmentDirectory,
    { provide: ENVIRONMENT_REPOSITORY, useClass: SqlEnvironmentRepository },
  ],
  exports: [EnvironmentDirectory],
})
export class EnvironmentsModule {}
