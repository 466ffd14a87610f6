import { Module } from '@nestjs/common';
import { PLANNED_REFRESH_REPOSITORY } from './application/planned-refresh.repository.port';
import { TrackPlannedRefreshUseCase } from './application/track-planned-refresh.use-case';
import { SqlPlannedRefreshRepository } from './infrastructure/sql-planned-refresh.repository';
import { IntentEventsHandler } from './interface/intent-events.handler';

@Module({
  providers: [
    TrackPlannedRefreshUseCase,
    IntentEventsHandler,
    { provide: PLANNED_REFRESH_REPOSITORY, useClass: SqlPlannedRefreshRepository },
  ],
})
export class PlannedRefreshesModule {}
