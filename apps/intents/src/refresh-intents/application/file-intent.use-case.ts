import { ActingUser } from '@envrefresh/kernel';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CreateIntentPayload, IntentView } from '@envrefresh/contracts';
import { IdempotentCommandRunner } from '@envrefresh/application';
import { Clock } from '@envrefresh/kernel';
import { unknownEnvironment } from '../domain/intent.errors';
import { parseFiling } from '../domain/intent-input.validation';
import { assertMayPerform } from '../domain/intent-policy';
import { RefreshIntent } from '../domain/refresh-intent';
import { INTENT_ENVIRONMENTS, IntentEnvironments } from './intent-environments.port';
import { IntentChangeRecorder } from './intent-change.recorder';

export interface FileIntentCommand {
  user: ActingUser;
  payload: CreateIntentPayload;
  idempotencyKey?: string;
}

/**
 * Files a refresh intent as DRAFT, or REQUESTED with `submit` (APPROVED at once, recorded as
 * automatic, where the environment needs no approval). The intent, its history, its events and
 * its idempotency key commit together or not at all: one statement, after the one read of the
 * environment (ADR 0032).
 */
@Injectable()
export class FileIntentUseCase {
  constructor(
    private readonly runner: IdempotentCommandRunner,
    private readonly recorder: IntentChangeRecorder,
    @Inject(INTENT_ENVIRONMENTS) private readonly environments: IntentEnvironments,
    private readonly clock: Clock,
  ) {}

  async execute({ user, payload, idempotencyKey }: FileIntentCommand): Promise<IntentView> {
    assertMayPerform(user, 'create', user);
    const filing = parseFiling(payload);
    return this.runner.runAsOneStatement(
      { actorSub: user.sub, idempotencyKey, operation: 'intents.create', payload },
      async (statement) => {
        const environment = await this.environments.findById(statement.manager, filing.environmentId);
        if (!environment) throw unknownEnvironment(filing.environmentId);
        const intent = RefreshIntent.file(filing, {
          id: randomUUID(),
          requester: user,
          environment,
          now: this.clock.now(),
        });
        return this.recorder.fileNew(statement, intent);
      },
    );
  }
}
