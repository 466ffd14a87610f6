import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EnvironmentView } from '@envrefresh/contracts';
import { ownerQueryRefs } from '@envrefresh/application';
import { ENVIRONMENT_REPOSITORY, EnvironmentRepository } from './environment.repository.port';
import { toEnvironmentView } from './environment-view.mapper';

/**
 * ADR 0014: another service's projection of the catalog asks for what it does not know yet. The
 * catalog is readable by everyone, so no user is needed; the answer is what `environment.upserted`
 * carries for the current version.
 */
@Injectable()
export class CatalogSourceQuery {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(ENVIRONMENT_REPOSITORY) private readonly environments: EnvironmentRepository,
  ) {}

  async environmentsByRef(refs: unknown): Promise<EnvironmentView[]> {
    const wanted = ownerQueryRefs(refs, 'refs');
    const found = await Promise.all(
      wanted.map((ref) => this.environments.findByRef(this.dataSource.manager, ref)),
    );
    return found.flatMap((environment) => (environment ? [toEnvironmentView(environment.snapshot())] : []));
  }
}
