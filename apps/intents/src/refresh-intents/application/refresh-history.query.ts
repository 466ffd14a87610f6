import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQuery, RefreshRecordView } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { Problems, isUuid, ActingUser } from '@envrefresh/kernel';
import { INTENT_ENVIRONMENTS, IntentEnvironments } from './intent-environments.port';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { toRefreshRecordView } from './intent-view.mapper';

/**
 * The executed refreshes of an environment, most recent first, with the facts recorded at
 * `complete`. Everyone may read it, as the catalog itself.
 */
@Injectable()
export class RefreshHistoryQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INTENT_ENVIRONMENTS) private readonly environments: IntentEnvironments,
    @Inject(INTENT_REPOSITORY) private readonly intents: IntentRepository,
  ) {}

  async execute(
    user: ActingUser,
    query: { environment?: unknown } & PageQuery,
  ): Promise<Page<RefreshRecordView>> {
    const problems = new Problems();
    const limit = pageSize(query?.limit, problems);
    const position = decodeCursor(query?.cursor, ['c', 'i'], problems);
    const before = position && { completedAt: new Date(position.c), id: position.i };
    if (before && (Number.isNaN(before.completedAt.getTime()) || !isUuid(before.id))) {
      problems.add('cursor', 'is not a cursor this list handed out; start again without it');
    }
    assertValidQuery(problems);
    const environment = await this.environments.resolve(this.dataSource.manager, query?.environment);
    const rows = await this.intents.completedRefreshes(this.dataSource.manager, {
      environmentId: environment.id,
      limit: limit + 1,
      before,
    });
    return pageFrom(rows, limit, toRefreshRecordView, (last) => ({ c: last.completedAt, i: last.intentId }));
  }
}
