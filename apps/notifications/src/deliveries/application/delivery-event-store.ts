import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@envrefresh/contracts';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';

/**
 * Envelopes remembered; events never change, so nothing here goes stale. A fan-out's hundred
 * claims read their event once, not a thousand times.
 */
export const REMEMBERED_DELIVERY_EVENTS = 2_000;

/** The envelopes of the events being delivered: read once from `delivery_events`, then remembered. */
@Injectable()
export class DeliveryEventStore {
  private readonly remembered = new Map<string, EventEnvelope>();

  constructor(@Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository) {}

  /** Each of these events' envelope, by id; one query for those not remembered. */
  async envelopes(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, EventEnvelope>> {
    const found = new Map<string, EventEnvelope>();
    const missing: string[] = [];
    for (const id of new Set(eventIds)) {
      const known = this.remembered.get(id);
      if (known) {
        // Most recently used last: the Map's order is what is forgotten first.
        this.remembered.delete(id);
        this.remembered.set(id, known);
        found.set(id, known);
      } else missing.push(id);
    }
    if (missing.length === 0) return found;
    for (const [id, envelope] of await this.deliveries.events(manager, missing)) {
      found.set(id, envelope);
      this.remember(id, envelope);
    }
    return found;
  }

  private remember(id: string, envelope: EventEnvelope): void {
    this.remembered.set(id, envelope);
    while (this.remembered.size > REMEMBERED_DELIVERY_EVENTS)
      this.remembered.delete(this.remembered.keys().next().value as string);
  }
}
