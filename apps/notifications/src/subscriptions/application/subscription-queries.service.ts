import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ListSubscriptionsPayload, Page, SubscriptionView } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize, readQueryFlag } from '@envrefresh/application';
import { ActingUser, Problems } from '@envrefresh/kernel';
import { subscriptionForbidden } from '../domain/subscription.errors';
import { SUBSCRIPTION_REPOSITORY, SubscriptionRepository } from './subscription.repository.port';
import { toSubscriptionView } from './subscription-view.mapper';

/**
 * `GET /subscriptions`: those of the caller's groups (admins: all), newest first; deleted ones
 * only for an admin who asks (`includeDeleted`), anyone else asking is refused (403).
 */
@Injectable()
export class SubscriptionQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
  ) {}

  async list(user: ActingUser, query: ListSubscriptionsPayload): Promise<Page<SubscriptionView>> {
    const problems = new Problems();
    const limit = pageSize(query.limit, problems);
    const after = decodeCursor(query.cursor, ['createdAt', 'id'] as const, problems);
    const includeDeleted = readQueryFlag(query.includeDeleted, 'includeDeleted', problems);
    assertValidQuery(problems);
    if (includeDeleted && !user.isAdmin)
      throw subscriptionForbidden('Only an admin may list deleted subscriptions');
    const rows = await this.subscriptions.list(this.dataSource.manager, {
      limit,
      after,
      includeDeleted,
      ...(user.isAdmin ? {} : { groups: user.groups }),
    });
    return pageFrom(rows, limit, toSubscriptionView, (view) => ({ createdAt: view.createdAt, id: view.id }));
  }
}
