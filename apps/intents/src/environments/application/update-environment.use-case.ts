import { Inject, Injectable } from '@nestjs/common';
import { environmentUpsertedEvent } from '@envrefresh/contracts';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import { actingUserOf } from '@envrefresh/application';
import { Clock } from '@envrefresh/kernel';
import { Environment } from '../domain/environment';
import { adminRequired, environmentNotFound } from '../domain/environment.errors';
import { assertDependenciesAcceptable } from './dependency-check';
import { ENVIRONMENT_REPOSITORY, EnvironmentRepository } from './environment.repository.port';
import { EnvironmentRecordView, toEnvironmentView } from './environment-view.mapper';

export interface UpdateEnvironmentCommand {
  actor: unknown;
  ref: unknown;
  patch: unknown;
}

/** Admin: changes an environment; a change of `dependsOn` keeps the graph known and acyclic. */
@Injectable()
export class UpdateEnvironmentUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(ENVIRONMENT_REPOSITORY) private readonly environments: EnvironmentRepository,
    private readonly clock: Clock,
  ) {}

  async execute({ actor, ref, patch }: UpdateEnvironmentCommand): Promise<EnvironmentRecordView> {
    const user = actingUserOf(actor);
    if (!user.isAdmin) throw adminRequired();
    const changes = Environment.readChanges(patch);
    return this.unitOfWork.run(async (transaction) => {
      const { manager } = transaction;
      if (changes.dependsOn) await this.environments.lockDependencyGraph(manager);
      const environment =
        typeof ref === 'string' ? await this.environments.findByRef(manager, ref, { forUpdate: true }) : null;
      if (!environment) throw environmentNotFound(String(ref));
      if (changes.dependsOn) {
        await assertDependenciesAcceptable(this.environments, manager, environment.key, changes.dependsOn);
      }
      if (environment.apply(changes, this.clock.now())) {
        await this.environments.update(manager, environment);
        await transaction.publish(
          this.events.create(environmentUpsertedEvent, toEnvironmentView(environment.snapshot())),
        );
      }
      return toEnvironmentView(environment.snapshot());
    });
  }
}
