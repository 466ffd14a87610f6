import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Actor, EnvironmentTier } from '@envrefresh/contracts';
import { ObservedEvent, ServiceTestBed } from '@envrefresh/testing';
import { ConflictsAppModule } from '../../src/conflicts-app.module';
import { ConflictsConfig, readConflictsConfig } from '../../src/conflicts.config';
import { CONFLICTS_MIGRATIONS } from '../../src/migrations';

/** The callers the specs play; the gateway would hand the service these verified claims. */
const ACTORS = {
  admin: { sub: 'ada', name: 'Ada Admin', email: 'ada@example.com', roles: ['admin'], groups: ['platform'] },
  requester: { sub: 'rita', name: 'Rita Requester', roles: ['requester'], groups: ['qa'] },
  colleague: { sub: 'rob', name: 'Rob Requester', roles: ['requester'], groups: ['qa', 'payments'] },
  approver: { sub: 'april', roles: ['approver'], groups: ['payments'] },
  operator: { sub: 'otto', roles: ['operator'], groups: ['qa'] },
  outsider: { sub: 'olga', roles: ['requester'], groups: ['marketing'] },
  viewer: { sub: 'vic', roles: ['viewer'], groups: ['qa'] },
} satisfies Record<string, Actor>;

export const actors: Record<keyof typeof ACTORS, Actor> = ACTORS;

export interface SeededEnvironment {
  id: string;
  key: string;
  tier: EnvironmentTier;
}

/** The members of an event envelope the specs look at. */
export type OutboxEvent = ObservedEvent;

/**
 * The conflicts service in-process (see ServiceTestBed). Specs write the environments projection
 * directly (it is fed by events the specs need not replay), and see the events on a probe queue
 * and in the outbox.
 */
export class ConflictsTestBed extends ServiceTestBed<ConflictsConfig> {
  private constructor(probeKeys: string[], extraEnv?: Record<string, string>) {
    super({
      extraEnv,
      app: 'conflicts',
      schema: 'conflicts',
      migrations: CONFLICTS_MIGRATIONS,
      readConfig: readConflictsConfig,
      module: (config) => ConflictsAppModule.register(config),
      probeRoutingKeys: probeKeys,
    });
  }

  /** `extraEnv`: variables over the test defaults, e.g. `{ DATABASE_LOCK_TIMEOUT: 'PT1S' }`. */
  static start(probeKeys: string[], extraEnv?: Record<string, string>): Promise<ConflictsTestBed> {
    return new ConflictsTestBed(probeKeys, extraEnv).boot();
  }

  /** A row of the environments projection, as the lead's `environment.upserted` handler keeps it. */
  async seedEnvironment(tier: EnvironmentTier = 'UAT', ownerGroup = 'payments'): Promise<SeededEnvironment> {
    const id = randomUUID();
    const key = `env-${id.slice(0, 8)}`;
    await this.db.query(
      `INSERT INTO conflicts.environments (id, key, name, tier, owner_group, timezone, version)
       VALUES ($1, $2, $3, $4, $5, 'UTC', 1)`,
      [id, key, `Environment ${key}`, tier, ownerGroup],
    );
    return { id, key, tier };
  }

  /** The events the service's outbox holds about one resource, oldest first (published or not). */
  async outboxEventsAbout(id: string): Promise<OutboxEvent[]> {
    const { rows } = await this.db.query<{ payload: OutboxEvent }>(
      `SELECT payload FROM conflicts.outbox WHERE payload -> 'data' ->> 'id' = $1 ORDER BY seq`,
      [id],
    );
    return rows.map((row) => row.payload);
  }

  /**
   * Holds an exclusive lock on the outbox from a session of its own until `release`, so a spec can
   * look at the database while a command waits to append its event.
   */
  async lockOutbox(): Promise<{ release(): Promise<void> }> {
    const session = new Client({ connectionString: this.databaseUrl });
    await session.connect();
    await session.query('BEGIN');
    await session.query('LOCK TABLE conflicts.outbox IN EXCLUSIVE MODE');
    return {
      release: async () => {
        await session.query('ROLLBACK');
        await session.end();
      },
    };
  }

  /** How many sessions wait for the outbox lock in order to append an event. */
  async outboxInsertsWaiting(): Promise<number> {
    const { rows } = await this.db.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.relation = 'conflicts.outbox'::regclass AND NOT l.granted
          AND a.query ILIKE 'INSERT INTO %outbox%'`,
    );
    return rows[0].waiting;
  }
}
