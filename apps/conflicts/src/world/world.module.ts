import { Module } from '@nestjs/common';
import { TrackEnvironmentUseCase } from './application/track-environment.use-case';
import { TrackIntentUseCase } from './application/track-intent.use-case';
import { WORLD_REPOSITORY } from './application/world.repository.port';
import { WorldSnapshotCache } from '../shared/infrastructure/world-snapshot.cache';
import { SqlWorldRepository } from './infrastructure/sql-world.repository';

/** This service's picture of environments (with the dependency graph) and intents, kept from events. */
@Module({
  providers: [
    TrackIntentUseCase,
    TrackEnvironmentUseCase,
    WorldSnapshotCache,
    { provide: WORLD_REPOSITORY, useClass: SqlWorldRepository },
  ],
  exports: [TrackIntentUseCase, TrackEnvironmentUseCase, WorldSnapshotCache, WORLD_REPOSITORY],
})
export class WorldModule {}
