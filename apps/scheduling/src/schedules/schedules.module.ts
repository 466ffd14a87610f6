import { DynamicModule, Module } from '@nestjs/common';
import { SCHEDULING_CONFIG, SchedulingConfig } from '../scheduling.config';
import { EnvironmentCatchUpService } from './application/environment-catch-up.service';
import { FireJobsUseCase } from './application/fire-jobs.use-case';
import { IntentChangedUseCase } from './application/intent-changed.use-case';
import { SCHEDULE_REPOSITORY } from './application/schedule.repository.port';
import { ScheduleQueries } from './application/schedule-queries.service';
import { SCHEDULING_PROJECTIONS } from './application/scheduling-projections.port';
import { ScheduleJobsWorker } from './infrastructure/schedule-jobs.worker';
import { SqlScheduleRepository } from './infrastructure/sql-schedule.repository';
import { SqlSchedulingProjections } from './infrastructure/sql-scheduling-projections';
import { CatalogEventsHandler } from './interface/catalog-events.handler';
import { SchedulesRpcController } from './interface/schedules.rpc-controller';

/** Schedules and their durable jobs: made on approval, fired once on the due-row worker. */
@Module({})
export class SchedulesModule {
  static register(config: SchedulingConfig): DynamicModule {
    return {
      module: SchedulesModule,
      controllers: [SchedulesRpcController],
      providers: [
        { provide: SCHEDULING_CONFIG, useValue: config },
        { provide: SCHEDULE_REPOSITORY, useClass: SqlScheduleRepository },
        { provide: SCHEDULING_PROJECTIONS, useClass: SqlSchedulingProjections },
        EnvironmentCatchUpService,
        IntentChangedUseCase,
        FireJobsUseCase,
        ScheduleQueries,
        CatalogEventsHandler,
        ScheduleJobsWorker,
      ],
      exports: [SCHEDULING_PROJECTIONS, SCHEDULE_REPOSITORY],
    };
  }
}
