import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { IntentView } from '@envrefresh/contracts';
import { INTENT_WINDOW_REPOSITORY, IntentWindowRepository } from './intent-window.repository.port';

/** Keeps this service's copy of where and when each intent wants its environment. */
@Injectable()
export class TrackIntentWindowUseCase {
  constructor(@Inject(INTENT_WINDOW_REPOSITORY) private readonly windows: IntentWindowRepository) {}

  execute(manager: EntityManager, intent: IntentView): Promise<boolean> {
    return this.windows.save(manager, {
      intentId: intent.id,
      environmentId: intent.environmentId,
      status: intent.status,
      start: new Date(intent.plannedStart),
      end: new Date(intent.plannedEnd),
      version: intent.version,
    });
  }
}
