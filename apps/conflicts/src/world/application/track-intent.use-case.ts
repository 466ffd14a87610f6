import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IntentView } from '@envrefresh/contracts';
import { IntentWindow, intentWindowOf } from '../domain/intent-window';
import { ProjectionChange, WORLD_REPOSITORY, WorldRepository } from './world.repository.port';

/** Keeps this service's copy of where and when each intent wants its environment. */
@Injectable()
export class TrackIntentUseCase {
  constructor(@Inject(WORLD_REPOSITORY) private readonly world: WorldRepository) {}

  execute(manager: EntityManager, intent: IntentView): Promise<ProjectionChange<IntentWindow>> {
    return this.world.saveIntent(manager, intentWindowOf(intent));
  }
}
