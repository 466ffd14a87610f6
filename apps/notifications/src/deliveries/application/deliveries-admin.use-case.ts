import { Inject, Injectable } from '@nestjs/common';
import { DeliveryView, ReplayDeliveriesPayload } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { ActingUser, Clock, Problems, isUuid, objectOf, parseInstant } from '@envrefresh/kernel';
import {
  SUBSCRIPTION_REPOSITORY,
  SubscriptionRepository,
} from '../../subscriptions/application/subscription.repository.port';
import { subscriptionNotFound } from '../../subscriptions/domain/subscription.errors';
import { adminRequired, deliveryNotFound, notDead, replayTooLarge } from '../domain/delivery.errors';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';
import { DELIVERY_NUDGE, DeliveryNudge } from './delivery-nudge.port';

/** The most deliveries one replay sends again (ADR 0016: one request's work is bounded). */
export const MAX_REPLAYED_DELIVERIES = 1000;

/** Admin: try a dead delivery again, or send again what one subscription got in a period. */
@Injectable()
export class DeliveriesAdminUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
    @Inject(DELIVERY_NUDGE) private readonly nudge: DeliveryNudge,
    private readonly clock: Clock,
  ) {}

  async retry(user: ActingUser, id: unknown): Promise<DeliveryView> {
    if (!user.isAdmin) throw adminRequired('retry a delivery');
    if (!isUuid(id)) throw deliveryNotFound(id);
    const view = await this.unitOfWork.run(async ({ manager }) => {
      const known = await this.deliveries.view(manager, id.toLowerCase(), true);
      if (!known) throw deliveryNotFound(id);
      if (!(await this.deliveries.requeueDead(manager, known.id, this.clock.now()))) throw notDead(known.id);
      return this.deliveries.view(manager, known.id, true);
    });
    this.nudge.nudge();
    return view as DeliveryView;
  }

  async replay(user: ActingUser, payload: unknown): Promise<{ replayed: number; deliveryIds: string[] }> {
    if (!user.isAdmin) throw adminRequired('replay deliveries');
    const request = parseReplay(payload);
    const result = await this.unitOfWork.run(async ({ manager }) => {
      if (!(await this.subscriptions.get(manager, request.subscriptionId)))
        throw subscriptionNotFound(request.subscriptionId);
      return this.deliveries.replay(manager, {
        ...request,
        at: this.clock.now(),
        limit: MAX_REPLAYED_DELIVERIES,
      });
    });
    if (result === 'too-many') throw replayTooLarge(MAX_REPLAYED_DELIVERIES);
    this.nudge.nudge();
    return { replayed: result.length, deliveryIds: result };
  }
}

function parseReplay(payload: unknown): { subscriptionId: string; since: Date; until: Date } {
  const problems = new Problems();
  const body = objectOf(payload, problems) as Partial<Record<keyof ReplayDeliveriesPayload, unknown>>;
  for (const key of Object.keys(body))
    if (!['subscriptionId', 'since', 'until'].includes(key)) problems.add(key, 'is not a field of a replay');
  if (!isUuid(body.subscriptionId)) problems.add('subscriptionId', 'must be a UUID');
  const since = parseInstant(body.since, 'since', problems);
  const until = parseInstant(body.until, 'until', problems);
  if (since && until && since.getTime() >= until.getTime()) problems.add('until', 'must be after since');
  problems.throwIfAny('DELIVERY.INVALID');
  return { subscriptionId: (body.subscriptionId as string).toLowerCase(), since: since!, until: until! };
}
