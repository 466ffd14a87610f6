import { Module } from '@nestjs/common';
import { TrackWorldUseCase } from './application/track-world.use-case';
import { WorldCatchUpService } from './application/world-catch-up.service';
import { WORLD_REPOSITORY } from './application/world.repository.port';
import { SqlWorldRepository } from './infrastructure/sql-world.repository';

/** Who is told, apart from subscriptions: the world as this service learns it from events. */
@Module({
  providers: [
    TrackWorldUseCase,
    WorldCatchUpService,
    { provide: WORLD_REPOSITORY, useClass: SqlWorldRepository },
  ],
  exports: [TrackWorldUseCase, WorldCatchUpService, WORLD_REPOSITORY],
})
export class IntentAudiencesModule {}
