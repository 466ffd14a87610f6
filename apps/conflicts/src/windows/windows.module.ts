import { Module } from '@nestjs/common';
import { WindowCatalogRpcController } from './interface/window-catalog.rpc-controller';
import { IdempotencyModule } from '@envrefresh/application';
import { CreateWindowUseCase } from './application/create-window.use-case';
import { DeleteWindowUseCase } from './application/delete-window.use-case';
import { WINDOW_ENVIRONMENTS } from './application/window-environments.port';
import { WindowQueries } from './application/window-queries.service';
import { WINDOW_REPOSITORY } from './application/window.repository.port';
import { SqlWindowEnvironments } from './infrastructure/sql-window-environments';
import { SqlWindowRepository } from './infrastructure/sql-window.repository';
import { WindowsRpcController } from './interface/windows.rpc-controller';

/** Blackout and maintenance windows: when and where refreshes may not, or should, happen. */
@Module({
  imports: [IdempotencyModule.forSchema('conflicts')],
  controllers: [WindowsRpcController, WindowCatalogRpcController],
  providers: [
    CreateWindowUseCase,
    DeleteWindowUseCase,
    WindowQueries,
    { provide: WINDOW_REPOSITORY, useClass: SqlWindowRepository },
    { provide: WINDOW_ENVIRONMENTS, useClass: SqlWindowEnvironments },
  ],
})
export class WindowsModule {}
