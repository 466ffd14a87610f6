import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { environmentUpsertedEvent } from '@envrefresh/contracts';
import { EventFactory, TransactionContext } from '@envrefresh/messaging';
import { environmentNotFound } from '../domain/environment.errors';
import { ENVIRONMENT_REPOSITORY, EnvironmentRepository } from './environment.repository.port';
import { toEnvironmentView } from './environment-view.mapper';

/** What other parts of this service need to know about an environment. */
export interface EnvironmentFacts {
  id: string;
  key: string;
  ownerGroup: string;
  requiresApproval: boolean;
}

/** The catalog as the refresh-intents context sees it (it never touches environment rows itself). */
@Injectable()
export class EnvironmentDirectory {
  constructor(
    private readonly events: EventFactory,
    @Inject(ENVIRONMENT_REPOSITORY) private readonly environments: EnvironmentRepository,
  ) {}

  async findById(manager: EntityManager, id: string): Promise<EnvironmentFacts | null> {
    const environment = await this.environments.findById(manager, id);
    return environment ? factsOf(environment.snapshot()) : null;
  }

  async resolve(manager: EntityManager, ref: unknown): Promise<EnvironmentFacts> {
    const environment = typeof ref === 'string' ? await this.environments.findByRef(manager, ref) : null;
    if (!environment) throw environmentNotFound(String(ref));
    return factsOf(environment.snapshot());
  }

  /** A refresh completed: the environment's freshness moves forward, announced as `environment.upserted`. */
  async recordRefresh(
    transaction: TransactionContext,
    environmentId: string,
    completedAt: Date,
  ): Promise<void> {
    const environment = await this.environments.findById(transaction.manager, environmentId, {
      forUpdate: true,
    });
    if (!environment || !environment.recordRefresh(completedAt, completedAt)) return;
    await this.environments.update(transaction.manager, environment);
    await transaction.publish(
      this.events.create(environmentUpsertedEvent, toEnvironmentView(environment.snapshot())),
    );
  }
}

function factsOf(state: {
  id: string;
  key: string;
  ownerGroup: string;
  requiresApproval: boolean;
}): EnvironmentFacts {
  return {
    id: state.id,
    key: state.key,
    ownerGroup: state.ownerGroup,
    requiresApproval: state.requiresApproval,
  };
}
