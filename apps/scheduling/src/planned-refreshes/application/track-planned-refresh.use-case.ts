import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IntentView } from '@envrefresh/contracts';
import { PLANNED_REFRESH_REPOSITORY, PlannedRefreshRepository } from './planned-refresh.repository.port';

/** Records each filed intent's plan, which schedules will be built from once it is approved. */
@Injectable()
export class TrackPlannedRefreshUseCase {
  constructor(@Inject(PLANNED_REFRESH_REPOSITORY) private readonly plans: PlannedRefreshRepository) {}

  execute(manager: EntityManager, intent: IntentView): Promise<boolean> {
    return this.plans.save(manager, {
      intentId: intent.id,
      environmentId: intent.environmentId,
      status: intent.status,
      plannedStart: new Date(intent.plannedStart),
      plannedEnd: new Date(intent.plannedEnd),
      version: intent.version,
    });
  }
}
