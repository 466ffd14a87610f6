import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EnvironmentGraph } from '../domain/environment-graph';
import { ENVIRONMENT_COLUMNS, EnvironmentRow, toEnvironmentNode } from './world-rows';

/**
 * The dependency graph kept in memory (10,000 environments are about a megabyte), so a check does
 * not walk it in SQL. Whoever uses it compares its revision with `conflicts.world_revision` read in
 * the same statement as its other data, and reloads on a mismatch; the revision is read before the
 * rows, so a write in between makes the graph look older than it is, never newer.
 */
@Injectable()
export class EnvironmentGraphCache {
  private current: EnvironmentGraph | undefined;
  private loading: Promise<EnvironmentGraph> | undefined;

  async graph(manager: EntityManager): Promise<EnvironmentGraph> {
    return this.current ?? this.reload(manager);
  }

  /** Reads the catalog again; concurrent callers outside a transaction share one read. */
  reload(manager: EntityManager): Promise<EnvironmentGraph> {
    if (manager.queryRunner?.isTransactionActive) return this.read(manager);
    this.loading ??= this.read(manager).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(manager: EntityManager): Promise<EnvironmentGraph> {
    const [{ revision }] = (await manager.query(
      `SELECT revision::text AS revision FROM conflicts.world_revision`,
    )) as { revision: string }[];
    const rows = (await manager.query(
      `SELECT ${ENVIRONMENT_COLUMNS} FROM conflicts.environments`,
    )) as EnvironmentRow[];
    const graph = new EnvironmentGraph(rows.map(toEnvironmentNode), revision);
    // A graph read inside a transaction may hold its uncommitted writes: it serves that transaction only.
    if (!manager.queryRunner?.isTransactionActive) this.current = graph;
    return graph;
  }
}
