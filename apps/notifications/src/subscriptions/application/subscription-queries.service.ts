import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQuery, SubscriptionView } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { ActingUser, Problems } from '@envrefresh/kernel';
import { SUBSCRIPTION_REPOSITORY, SubscriptionRepository } from './subscription.repository.port';
import { toSubscriptionView } from './subscription-view.mapper';

/** `GET /subscriptions`: those of the caller's groups (admins: all), newest first. */
@Injectable()
export class SubscriptionQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SUBSCRIPTION_REPOSITORY) private readonly subscriptions: SubscriptionRepository,
  ) {}

  async list(user: ActingUser, query: PageQuery): Promise<Page<SubscriptionView>> {
    const problems = new Problems();
    const limit = pageSize(query.limit, problems);
    const after = decodeCursor(query.cursor, ['createdAt', 'id'] as const, problems);
    assertValidQuery(problems);
    const rows = await this.subscriptions.list(this.dataSource.manager, {
      limit,
      after,
      ...(user.isAdmin ? {} : { groups: user.groups }),
    });
    return pageFrom(rows, limit, toSubscriptionView, (view) => ({ createdAt: view.createdAt, id: view.id }));
  }
}
