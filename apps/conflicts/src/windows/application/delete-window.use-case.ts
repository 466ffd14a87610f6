import { Inject, Injectable } from '@nestjs/common';
import { WindowView, windowDeletedEvent } from '@envrefresh/contracts';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import { isUuid, ActingUser } from '@envrefresh/kernel';
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
 * Admin: deletes a window for good; `window.deleted` carries it as it was, so consumers can
 * recompute what it touched. Of two concurrent deletes one succeeds, the other finds nothing (404).
 */
@Injectable()
export class DeleteWindowUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(WINDOW_REPOSITORY) private readonly windows: WindowRepository,
    private readonly changes: WorldChangesService,
  ) {}

  async execute({ user, windowId }: DeleteWindowCommand): Promise<WindowView> {
    assertMayManageWindows(user, 'delete');
    return this.unitOfWork.run(async (transaction) => {
      const deleted = isUuid(windowId)
        ? await this.windows.delete(transaction.manager, windowId.toLowerCase())
        : null;
      if (!deleted) throw windowNotFound(windowId);
      const view = toWindowView(deleted.snapshot());
      await transaction.publish(this.events.create(windowDeletedEvent, view));
      await this.changes.windowChanged(transaction, view);
      return view;
    });
  }
}
