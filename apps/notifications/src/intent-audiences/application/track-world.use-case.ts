import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BookingView, EnvironmentView, IntentView } from '@envrefresh/contracts';
import { WORLD_REPOSITORY, WorldRepository } from './world.repository.port';

/**
 * Remembers what later events need to reach the right people: who an intent concerns and when it
 * runs, whose each environment is and what depends on it, which group holds which booking.
 */
@Injectable()
export class TrackWorldUseCase {
  constructor(@Inject(WORLD_REPOSITORY) private readonly world: WorldRepository) {}

  intent(manager: EntityManager, intent: IntentView): Promise<boolean> {
    return this.world.saveIntent(manager, {
      intentId: intent.id,
      environmentId: intent.environmentId,
      status: intent.status,
      requestedBy: intent.requestedBy,
      notificationGroups: intent.notificationGroups,
      planned: { start: intent.plannedStart, end: intent.plannedEnd },
      version: intent.version,
    });
  }

  environment(manager: EntityManager, environment: EnvironmentView): Promise<void> {
    return this.world.saveEnvironment(manager, environment);
  }

  booking(manager: EntityManager, booking: BookingView): Promise<void> {
    return this.world.saveBooking(manager, booking);
  }
}
