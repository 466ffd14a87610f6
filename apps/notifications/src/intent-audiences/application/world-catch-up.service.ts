import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  EnvironmentView,
  IntentView,
  catalogEnvironmentsRpc,
  catalogIntentsRpc,
} from '@envrefresh/contracts';
import { retryingTransientFailures } from '@envrefresh/application';
import { OwnerQueries, ProjectionSource, UnitOfWork, catchUp } from '@envrefresh/messaging';
import { isUuid } from '@envrefresh/kernel';
import { EventSubjectRef } from '../domain/event-subject-ref';
import { TrackWorldUseCase } from './track-world.use-case';
import { WORLD_REPOSITORY, WorldRepository } from './world.repository.port';

/**
 * ADR 0014 for fan-out: an event about an environment or intent this service has not heard of
 * yet (its own event still on the way, or sent before this service existed) is not judged as if
 * nobody owned it. The intents service is asked, and the answer taken in as its event would be;
 * an owner that cannot answer fails the event, which the consumer retries.
 */
@Injectable()
export class WorldCatchUpService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly owners: OwnerQueries,
    private readonly track: TrackWorldUseCase,
    @Inject(WORLD_REPOSITORY) private readonly world: WorldRepository,
  ) {}

  /**
   * `manager` is the event's own transaction: what it already wrote counts as known (asking for
   * it again would wait on its own uncommitted row). What is asked for is written in a
   * transaction of its own, which the event's next statements see.
   */
  async forEvent(manager: EntityManager, ref: EventSubjectRef): Promise<void> {
    if (ref.intentId && isUuid(ref.intentId)) await catchUp(this.intents(manager), [{ ref: ref.intentId }]);
    if (ref.environmentId && isUuid(ref.environmentId))
      await catchUp(this.environments(manager), [{ ref: ref.environmentId }]);
  }

  private environments(manager: EntityManager): ProjectionSource<EnvironmentView> {
    return {
      what: 'environment',
      storedVersions: async (refs) => known(await this.world.knownEnvironments(manager, refs)),
      fetchFromOwner: (refs) => this.owners.ask(catalogEnvironmentsRpc, { refs: [...refs] }),
      apply: (view) => this.inTransaction((own) => this.track.environment(own, view)),
    };
  }

  private intents(manager: EntityManager): ProjectionSource<IntentView> {
    return {
      what: 'intent',
      storedVersions: async (ids) => known(await this.world.knownIntents(manager, ids)),
      fetchFromOwner: (ids) => this.owners.ask(catalogIntentsRpc, { ids: [...ids] }),
      apply: (view) => this.inTransaction(async (own) => void (await this.track.intent(own, view))),
    };
  }

  private async inTransaction(work: (manager: EntityManager) => Promise<void>): Promise<void> {
    await retryingTransientFailures(() => this.unitOfWork.run(({ manager }) => work(manager)));
  }
}

/** The projection only has to know them: any version will do. */
function known(found: Set<string>): Map<string, number> {
  return new Map([...found].map((ref) => [ref, 0]));
}
