import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { EnvironmentGraph } from '../../world/domain/environment-graph';
import { WindowIndex } from './window-index';
import {
  ENVIRONMENT_COLUMNS,
  EnvironmentRow,
  WINDOW_COLUMNS,
  WindowRow,
  toEnvironmentNode,
} from './world-rows';

/** The catalog (environments with their dependency graph, and `/windows` windows) read at one revision. */
export interface WorldSnapshot {
  readonly revision: string;
  readonly graph: EnvironmentGraph;
  readonly windows: WindowIndex;
}

/**
 * The catalog kept in memory (10,000 environments are about a megabyte, 1,000 windows far less), so
 * a check neither walks the graph nor looks windows up in SQL. Every write of environments or
 * windows bumps `conflicts.world_revision`; whoever uses a snapshot compares its revision with the
 * one read in the same statement as its other data, and reloads on a mismatch. The revision is
 * read before the rows, so a write in between makes a snapshot look older than it is, never newer.
 */
@Injectable()
export class WorldSnapshotCache {
  private current: WorldSnapshot | undefined;
  private loading: Promise<WorldSnapshot> | undefined;
  /**
   * A snapshot read inside a transaction may hold its uncommitted writes, so it serves that
   * transaction only; kept for it, so recomputing many intents in one transaction reads it once.
   */
  private readonly ofTransaction = new WeakMap<QueryRunner, WorldSnapshot>();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async snapshot(manager: EntityManager): Promise<WorldSnapshot> {
    const transaction = transactionOf(manager);
    return (transaction && this.ofTransaction.get(transaction)) ?? this.current ?? this.reload(manager);
  }

  /**
   * Reads the catalog again; concurrent callers outside a transaction share one read. Inside a
   * transaction the read serves that transaction only, and the service's own copy is read again
   * outside it: the consumers' handlers all run in transactions, so without it one catalog change
   * would have every later event read the whole catalog again.
   */
  reload(manager: EntityManager): Promise<WorldSnapshot> {
    if (!transactionOf(manager)) return this.reloadCommitted(manager);
    this.reloadCommitted(this.dataSource.manager).catch(() => (this.current = undefined));
    return this.read(manager);
  }

  private reloadCommitted(manager: EntityManager): Promise<WorldSnapshot> {
    this.loading ??= this.read(manager).finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async read(manager: EntityManager): Promise<WorldSnapshot> {
    const [{ revision }] = (await manager.query(
      `SELECT revision::text AS revision FROM conflicts.world_revision`,
    )) as { revision: string }[];
    const environments = (await manager.query(
      `SELECT ${ENVIRONMENT_COLUMNS} FROM conflicts.environments`,
    )) as EnvironmentRow[];
    const windows = (await manager.query(
      // A deleted window is kept for the record only: it causes no conflict.
      `SELECT ${WINDOW_COLUMNS} FROM conflicts.windows WHERE deleted_at IS NULL ORDER BY id`,
    )) as WindowRow[];
    const snapshot: WorldSnapshot = {
      revision,
      graph: new EnvironmentGraph(environments.map(toEnvironmentNode), revision),
      windows: new WindowIndex(windows),
    };
    const transaction = transactionOf(manager);
    if (transaction) this.ofTransaction.set(transaction, snapshot);
    else this.current = snapshot;
    return snapshot;
  }
}

/**
 * The query runner of the transaction `manager` works in, if any. A runner may serve another
 * transaction later; a snapshot kept for it then just fails the revision comparison, since a
 * revision comes from a sequence and is never handed out twice.
 */
function transactionOf(manager: EntityManager): QueryRunner | undefined {
  return manager.queryRunner?.isTransactionActive ? manager.queryRunner : undefined;
}
