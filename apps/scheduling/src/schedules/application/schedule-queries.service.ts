import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IntentView, ScheduleView, catalogIntentsRpc } from '@envrefresh/contracts';
import { retryingTransientFailures } from '@envrefresh/application';
import { OwnerQueries, ProjectionSource, UnitOfWork, catchUp } from '@envrefresh/messaging';
import { ActingUser, Problems, canSeeIntent, isUuid } from '@envrefresh/kernel';
import { intentNotFound, noSchedule } from '../domain/schedule.errors';
import { EnvironmentCatchUpService } from './environment-catch-up.service';
import { IntentChangedUseCase } from './intent-changed.use-case';
import { SCHEDULE_REPOSITORY, ScheduleRepository } from './schedule.repository.port';
import { toScheduleView } from './schedule-view.mapper';
import { SCHEDULING_PROJECTIONS, SchedulingProjections } from './scheduling-projections.port';

/**
 * `GET /schedules/{intentId}`. Read your writes (ADR 0014): the gateway passes the intent's version
 * as it just read it; an intent this service holds at an older version (an approval answered a
 * moment ago, its event still in flight) is asked of the intents service and taken in through the
 * event path, which makes its schedule in that same transaction. So a schedule an approval made is
 * always there, and the answer never says "no schedule" for one that exists.
 */
@Injectable()
export class ScheduleQueries {
  private readonly intentSource: ProjectionSource<IntentView>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    unitOfWork: UnitOfWork,
    owners: OwnerQueries,
    intentChanged: IntentChangedUseCase,
    private readonly environments: EnvironmentCatchUpService,
    @Inject(SCHEDULING_PROJECTIONS) private readonly projections: SchedulingProjections,
    @Inject(SCHEDULE_REPOSITORY) private readonly schedules: ScheduleRepository,
  ) {
    this.intentSource = {
      what: 'intent',
      storedVersions: (ids) => projections.intentVersions(dataSource.manager, ids),
      fetchFromOwner: (ids) => owners.ask(catalogIntentsRpc, { ids: [...ids] }),
      apply: (view) =>
        retryingTransientFailures(() =>
          unitOfWork.run((transaction) => intentChanged.execute(transaction, view)),
        ),
    };
  }

  async get(user: ActingUser, intentId: unknown, version?: unknown): Promise<ScheduleView> {
    const problems = new Problems();
    if (!isUuid(intentId)) problems.add('intentId', 'must be a UUID');
    if (version !== undefined && !(Number.isSafeInteger(version) && (version as number) >= 0))
      problems.add('version', 'must be a whole number');
    problems.throwIfAny('REQUEST.INVALID');
    const id = intentId as string;
    await catchUp(this.intentSource, [
      { ref: id, ...(version === undefined ? {} : { atLeast: version as number }) },
    ]);
    const manager = this.dataSource.manager;
    const intent = await this.projections.intent(manager, id);
    if (!intent) throw intentNotFound(id);
    let environment = await this.projections.environment(manager, intent.environmentId);
    if (!environment) {
      await this.environments.known(intent.environmentId);
      environment = await this.projections.environment(manager, intent.environmentId);
    }
    const audience = {
      requestedBySub: intent.requestedBy.sub,
      notificationGroups: intent.notificationGroups,
      environmentOwnerGroup: environment?.ownerGroup ?? null,
    };
    if (!canSeeIntent(user, audience)) throw intentNotFound(id);
    const schedule = await this.schedules.currentFor(manager, id);
    if (!schedule) throw noSchedule(id, intent.status);
    return toScheduleView(schedule);
  }
}
