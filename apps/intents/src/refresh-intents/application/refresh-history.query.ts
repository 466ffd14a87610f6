import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, PageQuery, RefreshRecordView } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { createHash } from 'node:crypto';
import { Problems, canSeeIntent, ActingUser } from '@envrefresh/kernel';
import { INTENT_ENVIRONMENTS, IntentEnvironments } from './intent-environments.port';
import { INTENT_REPOSITORY, IntentRepository } from './intent.repository.port';
import { toHiddenRefreshRecordView, toRefreshRecordView } from './intent-view.mapper';

const MD5_HEX = /^[0-9a-f]{32}$/;

/**
 * The executed refreshes of an environment, most recent first, with the facts recorded at
 * `complete`. Everyone may read it, as the catalog itself; a refresh whose intent the caller may
 * not see is listed only as "another refresh" with its times (SPEC "Identity and roles").
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
    const before = position && { completedAt: new Date(position.c), idDigest: position.i };
    if (before && (Number.isNaN(before.completedAt.getTime()) || !MD5_HEX.test(before.idDigest))) {
      problems.add('cursor', 'is not a cursor this list handed out; start again without it');
    }
    assertValidQuery(problems);
    const environment = await this.environments.resolve(this.dataSource.manager, query?.environment);
    const rows = await this.intents.completedRefreshes(this.dataSource.manager, {
      environmentId: environment.id,
      limit: limit + 1,
      before,
    });
    const page = pageFrom(
      rows,
      limit,
      (state) => state,
      (last) => ({
        c: (last.completedAt ?? last.updatedAt).toISOString(),
        i: createHash('md5').update(last.id).digest('hex'),
      }),
    );
    const visible = (state: (typeof rows)[number]) =>
      canSeeIntent(user, {
        requestedBySub: state.requestedBy.sub,
        notificationGroups: state.notificationGroups,
        environmentOwnerGroup: environment.ownerGroup,
      });
    return {
      items: page.items.map((state) =>
        visible(state) ? toRefreshRecordView(state) : toHiddenRefreshRecordView(state),
      ),
      nextCursor: page.nextCursor,
    };
  }
}
