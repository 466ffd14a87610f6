import { Inject, Injectable } from '@nestjs/common';
import { WindowView, windowDeletedEvent } from '@envrefresh/contracts';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import { isUuid, ActingUser, Clock, actorRefOf } from '@envrefresh/kernel';
import { windowNotFound } from '../domain/window.errors';
import { assertMayManageWindows } from '../domain/window-policy';
import { WINDOW_REPOSITORY, WindowRepository } from './window.repository.port';
import { WorldChangesService } from '../../conflict-register/application/world-changes.service';
import { toWindowView } from './window-view.mapper';

export interface DeleteWindowCommand {
  user: ActingUser;
  windowId: unknown;
}

/**
 * Admin: deletes a window. It stops counting at once (conflicts it caused resolve), but its row
 * is kept with who deleted it and when, for an admin's `?includeDeleted=true`; `window.deleted`
 * carries it so marked, so consumers can recompute what it touched. Of two concurrent deletes
 * one succeeds, the other finds nothing standing (404).
 */
@Injectable()
export class DeleteWindowUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(WINDOW_REPOSITORY) private readonly windows: WindowRepository,
    private readonly changes: WorldChangesService,
    private readonly clock: Clock,
  ) {}

  async execute({ user, windowId }: DeleteWindowCommand): Promise<WindowView> {
    assertMayManageWindows(user, 'delete');
    return this.unitOfWork.run(async (transaction) => {
      await this.changes.takeTurnForRequest(transaction);
      const deleted = isUuid(windowId)
        ? await this.windows.markDeleted(
            transaction.manager,
            windowId.toLowerCase(),
            actorRefOf(user),
            this.clock.now(),
          )
        : null;
      if (!deleted) throw windowNotFound(windowId);
      const view = toWindowView(deleted.snapshot());
      await transaction.publish(this.events.create(windowDeletedEvent, view));
      await this.changes.windowChanged(transaction, view);
      return view;
    });
  }
}
