import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  DELIVERY_STATUSES,
  DeliveryStatus,
  DeliveryView,
  ListDeliveriesPayload,
  Page,
} from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { ActingUser, Problems, isUuid } from '@envrefresh/kernel';
import { DELIVERY_REPOSITORY, DeliveryRepository } from './delivery.repository.port';

/**
 * `GET /deliveries`: admins read every delivery with its target; anyone else those about intents
 * they may see (SPEC "Identity and roles"), without targets, so a list never reveals where
 * another team's webhooks point.
 */
@Injectable()
export class DeliveryQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DELIVERY_REPOSITORY) private readonly deliveries: DeliveryRepository,
  ) {}

  async list(user: ActingUser, query: ListDeliveriesPayload): Promise<Page<DeliveryView>> {
    const problems = new Problems();
    const limit = pageSize(query.limit, problems);
    const after = decodeCursor(query.cursor, ['createdAt', 'id'] as const, problems);
    for (const field of ['intentId', 'subscriptionId'] as const)
      if (query[field] !== undefined && !isUuid(query[field])) problems.add(field, 'must be a UUID');
    if (query.status !== undefined && !DELIVERY_STATUSES.includes(query.status as DeliveryStatus))
      problems.add('status', `must be one of ${DELIVERY_STATUSES.join(', ')}`);
    assertValidQuery(problems);
    const rows = await this.deliveries.list(this.dataSource.manager, {
      limit,
      after,
      ...(query.intentId ? { intentId: query.intentId.toLowerCase() } : {}),
      ...(query.subscriptionId ? { subscriptionId: query.subscriptionId.toLowerCase() } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(user.isAdmin ? {} : { viewer: { sub: user.sub, groups: user.groups } }),
      withTargets: user.isAdmin,
    });
    return pageFrom(
      rows,
      limit,
      (row) => row,
      (view) => ({ createdAt: view.createdAt, id: view.id }),
    );
  }
}
