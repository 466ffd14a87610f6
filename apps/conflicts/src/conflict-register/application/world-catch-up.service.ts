import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  EnvironmentView,
  IntentView,
  catalogEnvironmentsRpc,
  catalogIntentsRpc,
} from '@envrefresh/contracts';
import { retryingTransientFailures } from '@envrefresh/application';
import {
  OwnerQueries,
  ProjectionSource,
  TransactionContext,
  UnitOfWork,
  WantedVersion,
  catchUp,
} from '@envrefresh/messaging';
import { WORLD_REPOSITORY, WorldRepository } from '../../world/application/world.repository.port';
import { WorldCatchUp } from '../../world/application/world-catch-up.port';
import { WorldChangesService } from './world-changes.service';

/**
 * ADR 0014 for this service: what it does not know yet it asks of the intents service, and takes
 * the answer in through WorldChangesService, the path `environment.upserted` and the intent events
 * take (upsert only if newer, then the recomputation the change calls for). The event, when it
 * arrives, then finds the row current and does nothing.
 */
@Injectable()
export class WorldCatchUpService implements WorldCatchUp {
  private readonly environmentSource: ProjectionSource<EnvironmentView>;
  private readonly intentSource: ProjectionSource<IntentView>;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    unitOfWork: UnitOfWork,
    owners: OwnerQueries,
    changes: WorldChangesService,
    @Inject(WORLD_REPOSITORY) world: WorldRepository,
  ) {
    const inTransaction = (work: (transaction: TransactionContext) => Promise<void>) =>
      retryingTransientFailures(() => unitOfWork.run(work));
    this.environmentSource = {
      what: 'environment',
      storedVersions: (refs) => world.environmentVersions(dataSource.manager, refs),
      fetchFromOwner: (refs) => owners.ask(catalogEnvironmentsRpc, { refs: [...refs] }),
      apply: (view) => inTransaction((transaction) => changes.environmentChanged(transaction, view)),
    };
    this.intentSource = {
      what: 'intent',
      storedVersions: (ids) => world.intentVersions(dataSource.manager, ids),
      fetchFromOwner: (ids) => owners.ask(catalogIntentsRpc, { ids: [...ids] }),
      apply: (view) => inTransaction((transaction) => changes.intentChanged(transaction, view)),
    };
  }

  environments(wanted: readonly WantedVersion[]): Promise<void> {
    return catchUp(this.environmentSource, wanted);
  }

  intents(wanted: readonly WantedVersion[]): Promise<void> {
    return catchUp(this.intentSource, wanted);
  }
}
