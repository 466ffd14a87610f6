import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EnvironmentView } from '@envrefresh/contracts';
import { EnvironmentNode, environmentNodeOf } from '../domain/environment-node';
import { ProjectionChange, WORLD_REPOSITORY, WorldRepository } from './world.repository.port';

/** Keeps this service's copy of the environment catalog and its dependency graph. */
@Injectable()
export class TrackEnvironmentUseCase {
  constructor(@Inject(WORLD_REPOSITORY) private readonly world: WorldRepository) {}

  execute(manager: EntityManager, environment: EnvironmentView): Promise<ProjectionChange<EnvironmentNode>> {
    return this.world.saveEnvironment(manager, environmentNodeOf(environment));
  }
}
