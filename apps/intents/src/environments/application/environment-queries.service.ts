import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ENVIRONMENT_TIERS, EnvironmentTier, Page } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize } from '@envrefresh/application';
import { Problems, ActingUser } from '@envrefresh/kernel';
import { environmentNotFound } from '../domain/environment.errors';
import { ENVIRONMENT_REPOSITORY, EnvironmentRepository } from './environment.repository.port';
import { EnvironmentRecordView, toEnvironmentView } from './environment-view.mapper';

/** Everyone may read the catalog. */
@Injectable()
export class EnvironmentQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT_REPOSITORY) private readonly environments: EnvironmentRepository,
  ) {}

  async get(user: ActingUser, ref: unknown): Promise<EnvironmentRecordView> {
    const environment =
      typeof ref === 'string' ? await this.environments.findByRef(this.dataSource.manager, ref) : null;
    if (!environment) throw environmentNotFound(String(ref));
    return toEnvironmentView(environment.snapshot());
  }

  async list(
    user: ActingUser,
    query: { limit?: unknown; cursor?: unknown; tier?: unknown } = {},
  ): Promise<Page<EnvironmentRecordView>> {
    const problems = new Problems();
    const limit = pageSize(query.limit, problems);
    const after = decodeCursor(query.cursor, ['k'], problems);
    if (query.tier !== undefined && !(ENVIRONMENT_TIERS as readonly unknown[]).includes(query.tier)) {
      problems.add('tier', `must be one of ${ENVIRONMENT_TIERS.join(', ')}`);
    }
    assertValidQuery(problems);
    const rows = await this.environments.page(this.dataSource.manager, {
      limit: limit + 1,
      afterKey: after?.k,
      tier: query.tier as EnvironmentTier | undefined,
    });
    return pageFrom(
      rows,
      limit,
      (environment) => toEnvironmentView(environment.snapshot()),
      (last) => ({ k: last.key }),
    );
  }
}
