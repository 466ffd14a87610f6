import { ActingUser } from '@envrefresh/kernel';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CreateWindowPayload, WindowView, windowCreatedEvent } from '@envrefresh/contracts';
import { EventFactory } from '@envrefresh/messaging';
import { IdempotentCommandRunner } from '@envrefresh/application';
import { Clock } from '@envrefresh/kernel';
import { WorldChangesService } from '../../conflict-register/application/world-changes.service';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';
import { Window } from '../domain/window';
import { unknownScopeEnvironments } from '../domain/window.errors';
import { assertMayManageWindows } from '../domain/window-policy';
import { parseWindowRequest } from '../domain/window-request.validation';
import { WINDOW_ENVIRONMENTS, WindowEnvironments } from './window-environments.port';
import { WINDOW_REPOSITORY, WindowRepository } from './window.repository.port';
import { toWindowView } from './window-view.mapper';

export interface CreateWindowCommand {
  user: ActingUser;
  payload: CreateWindowPayload;
  idempotencyKey?: unknown;
}

/** Admin: adds a blackout or maintenance window; the row, its idempotency key and `window.created` commit together. */
@Injectable()
export class CreateWindowUseCase {
  constructor(
    private readonly runner: IdempotentCommandRunner,
    private readonly events: EventFactory,
    @Inject(WINDOW_REPOSITORY) private readonly windows: WindowRepository,
    @Inject(WINDOW_ENVIRONMENTS) private readonly environments: WindowEnvironments,
    @Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp,
    private readonly changes: WorldChangesService,
    private readonly clock: Clock,
  ) {}

  async execute({ user, payload, idempotencyKey }: CreateWindowCommand): Promise<WindowView> {
    assertMayManageWindows(user, 'create');
    const request = parseWindowRequest(payload);
    await this.catchUp.environments(request.scope.environmentIds.map((ref) => ({ ref })));
    return this.runner.run(
      { actorSub: user.sub, idempotencyKey, operation: 'windows.create', payload },
      async (transaction) => {
        const { manager } = transaction;
        await this.changes.takeTurnForRequest(transaction);
        const { environmentIds } = request.scope;
        const unknown = await this.environments.unknownAmong(manager, environmentIds);
        if (unknown.size > 0) throw unknownScopeEnvironments(environmentIds, unknown);
        const window = Window.create(request, { id: randomUUID(), createdBy: user, now: this.clock.now() });
        await this.windows.insert(manager, window);
        const view = toWindowView(window.snapshot());
        await transaction.publish(this.events.create(windowCreatedEvent, view));
        // Read your writes (ADR 0014): the intents it touches are recomputed in this transaction.
        await this.changes.windowChanged(transaction, view);
        return view;
      },
    );
  }
}
