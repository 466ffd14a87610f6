import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EnvironmentView, catalogEnvironmentsRpc } from '@envrefresh/contracts';
import { retryingTransientFailures } from '@envrefresh/application';
import { OwnerQueries, ProjectionSource, UnitOfWork, catchUp } from '@envrefresh/messaging';
import { SCHEDULING_PROJECTIONS, SchedulingProjections } from './scheduling-projections.port';

/**
 * ADR 0014 for the catalog: an environment this service meets before its `environment.upserted`
 * (an intent approved on an environment just created) is asked of the intents service and stored
 * as the event would store it.
 */
@Injectable()
export class EnvironmentCatchUpService {
  private readonly source: ProjectionSource<EnvironmentView>;
  private readonly projections: SchedulingProjections;

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    unitOfWork: UnitOfWork,
    owners: OwnerQueries,
    @Inject(SCHEDULING_PROJECTIONS) projections: SchedulingProjections,
  ) {
    this.projections = projections;
    this.source = {
      what: 'environment',
      storedVersions: (refs) => projections.environmentVersions(dataSource.manager, refs),
      fetchFromOwner: (refs) => owners.ask(catalogEnvironmentsRpc, { refs: [...refs] }),
      apply: (view) =>
        retryingTransientFailures(() => unitOfWork.run(({ manager }) => this.store(manager, view))),
    };
  }

  /** `environment.upserted`: stored if newer. */
  async store(manager: EntityManager, environment: EnvironmentView): Promise<void> {
    await this.projections.saveEnvironment(manager, environment);
  }

  /** Makes sure the environment is known here (any version). */
  known(environmentId: string): Promise<void> {
    return catchUp(this.source, [{ ref: environmentId }]);
  }
}
