import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CreateEnvironmentPayload, environmentUpsertedEvent } from '@envrefresh/contracts';
import { EventFactory } from '@envrefresh/messaging';
import { IdempotentCommandRunner, actingUserOf } from '@envrefresh/application';
import { Clock } from '@envrefresh/kernel';
import { Environment } from '../domain/environment';
import { adminRequired, environmentKeyTaken } from '../domain/environment.errors';
import { assertDependenciesAcceptable } from './dependency-check';
import { ENVIRONMENT_REPOSITORY, EnvironmentRepository } from './environment.repository.port';
import { EnvironmentRecordView, toEnvironmentView } from './environment-view.mapper';

export interface CreateEnvironmentCommand {
  actor: unknown;
  payload: CreateEnvironmentPayload;
  idempotencyKey?: string;
}

/** Admin: adds an environment; the row, its idempotency key and `environment.upserted` commit together. */
@Injectable()
export class CreateEnvironmentUseCase {
  constructor(
    private readonly runner: IdempotentCommandRunner,
    private readonly events: EventFactory,
    @Inject(ENVIRONMENT_REPOSITORY) private readonly environments: EnvironmentRepository,
    private readonly clock: Clock,
  ) {}

  async execute({
    actor,
    payload,
    idempotencyKey,
  }: CreateEnvironmentCommand): Promise<EnvironmentRecordView> {
    const user = actingUserOf(actor);
    if (!user.isAdmin) throw adminRequired();
    const environment = Environment.create(payload, randomUUID(), this.clock.now());
    return this.runner.run(
      { actorSub: user.sub, idempotencyKey, operation: 'intents.environments.create', payload },
      async (transaction) => {
        const { manager } = transaction;
        await this.environments.lockDependencyGraph(manager);
        if ((await this.environments.keysThatExist(manager, [environment.key])).size > 0) {
          throw environmentKeyTaken(environment.key);
        }
        await assertDependenciesAcceptable(
          this.environments,
          manager,
          environment.key,
          environment.dependsOn,
        );
        await this.environments.insert(manager, environment);
        const view = toEnvironmentView(environment.snapshot());
        await transaction.publish(this.events.create(environmentUpsertedEvent, view));
        return view;
      },
    );
  }
}
