import type { EntityManager } from 'typeorm';
import type { SqlWrite } from '@envrefresh/persistence';
import { DeliveryStatus, DeliveryView, EventEnvelope } from '@envrefresh/contracts';
import { Destination } from '../domain/destinations';
import { NextStep } from '../domain/delivery-progress';
import { AttemptRecord, DeliveryRecord } from '../domain/delivery';

export interface NewDeliveries {
  event: EventEnvelope;
  intentId: string | null;
  environmentId: string | null;
  destinations: Destination[];
  dueAt: Date;
}

export interface DeliveryListQuery {
  limit: number;
  after?: { createdAt: string; id: string };
  intentId?: string;
  subscriptionId?: string;
  status?: DeliveryStatus;
  /** Non-admins: only deliveries about intents this viewer may see. */
  viewer?: { sub: string; groups: readonly string[] };
  withTargets: boolean;
}

/** One attempt at a delivery, and where it leaves the delivery. */
export interface DeliveryProgress {
  delivery: DeliveryRecord;
  attempt: AttemptRecord;
  step: NextStep;
}

export interface DeliveryRepository {
  /** PENDING rows, once per (event, destination): a redelivered event adds nothing. Returns the ids written. */
  insertPending(manager: EntityManager, deliveries: NewDeliveries): Promise<string[]>;
  /** The attempts made, one row each, and each delivery moved on to its next step, in one statement. */
  progressWrite(progress: readonly DeliveryProgress[], at: Date): SqlWrite;
  /** The envelopes of these events, by id (an event's envelope is stored once for its deliveries). */
  events(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, EventEnvelope>>;
  view(manager: EntityManager, id: string, withTarget: boolean): Promise<DeliveryView | null>;
  list(manager: EntityManager, query: DeliveryListQuery): Promise<DeliveryView[]>;
  /** A DEAD delivery due again now, with a fresh schedule; false when it is not DEAD. */
  requeueDead(manager: EntityManager, id: string, at: Date): Promise<boolean>;
  /** Copies of what one subscription was SENT or DEAD in [since, until), due now; at most `limit`+1 counted. */
  replay(
    manager: EntityManager,
    request: { subscriptionId: string; since: Date; until: Date; at: Date; limit: number },
  ): Promise<string[] | 'too-many'>;
  /** Seconds since the oldest open delivery fell due (0 when none), for the gauge. */
  oldestPendingSeconds(manager: EntityManager, now: Date): Promise<number>;
}

export const DELIVERY_REPOSITORY = Symbol('DeliveryRepository');
