import {
  Actor,
  EnvironmentView,
  IntentView,
  RemoteProblem,
  environmentsCreateRpc,
  intentsCreateRpc,
} from '@envrefresh/contracts';
import { CompanionService, ObservedEvent, ServiceTestBed, eventually } from '@envrefresh/testing';
import { ConflictsConfig, readConflictsConfig } from '../../../conflicts/src/conflicts.config';
import { ConflictsAppModule } from '../../../conflicts/src/conflicts-app.module';
import { CONFLICTS_MIGRATIONS } from '../../../conflicts/src/migrations';
import { IntentsAppModule } from '../../src/intents-app.module';
import { IntentsConfig, readIntentsConfig } from '../../src/intents.config';
import { INTENTS_MIGRATIONS } from '../../src/migrations';

/** The callers the specs play; the gateway would hand the service these verified claims. */
const ACTORS = {
  admin: { sub: 'ada', name: 'Ada Admin', roles: ['admin'], groups: ['platform'] },
  otherAdmin: { sub: 'alan', name: 'Alan Admin', roles: ['admin'], groups: [] },
  requester: { sub: 'rita', name: 'Rita Requester', roles: ['requester'], groups: ['qa'] },
  otherRequester: { sub: 'rob', name: 'Rob Requester', roles: ['requester'], groups: ['qa'] },
  approver: { sub: 'april', name: 'April Approver', roles: ['approver'], groups: ['payments'] },
  secondApprover: { sub: 'arthur', roles: ['approver'], groups: ['payments'] },
  operator: { sub: 'otto', roles: ['operator'], groups: ['payments'] },
  outsider: { sub: 'olga', roles: ['approver'], groups: ['marketing'] },
  viewer: { sub: 'vic', roles: ['viewer'], groups: ['payments'] },
} satisfies Record<string, Actor>;

export const actors: Record<keyof typeof ACTORS, Actor> = ACTORS;

/**
 * The real conflicts service, which approve and start ask (ADR 0009). It learns environments and
 * intents from this bed's events, as in production.
 */
const CONFLICTS_SERVICE: CompanionService = {
  app: 'conflicts',
  schema: 'conflicts',
  migrations: CONFLICTS_MIGRATIONS,
  readConfig: readConflictsConfig,
  module: (config) => ConflictsAppModule.register(config as ConflictsConfig),
};

export interface IntentsTestBedOptions {
  /** false: no conflicts service answers, so approve and start cannot be checked. */
  withConflicts?: boolean;
  extraEnv?: Record<string, string>;
}

/**
 * The intents service in-process (see ServiceTestBed), with helpers that create environments and
 * intents over RPC and wait for an intent's status.
 */
export class IntentsTestBed extends ServiceTestBed<
  IntentsConfig,
  RemoteProblem & { blockingConflictIds?: string[] }
> {
  private constructor({ withConflicts = true, extraEnv }: IntentsTestBedOptions) {
    super({
      extraEnv,
      app: 'intents',
      schema: 'intents',
      migrations: INTENTS_MIGRATIONS,
      readConfig: readIntentsConfig,
      module: (config) => IntentsAppModule.register(config),
      probeRoutingKeys: ['intent.*', 'environment.upserted'],
      companions: withConflicts ? [CONFLICTS_SERVICE] : [],
      ...(extraEnv ? { extraEnv } : {}),
    });
  }

  static start(options: IntentsTestBedOptions = {}): Promise<IntentsTestBed> {
    return new IntentsTestBed(options).boot();
  }

  async createEnvironment(
    overrides: Record<string, unknown> = {},
    actor: Actor = actors.admin,
  ): Promise<EnvironmentView> {
    const key = (overrides.key as string | undefined) ?? `env-${Math.random().toString(36).slice(2, 10)}`;
    return this.call(environmentsCreateRpc, {
      actor,
      payload: { key, name: `Environment ${key}`, tier: 'UAT', ownerGroup: 'payments', ...overrides },
    });
  }

  async fileIntent(
    environmentId: string,
    overrides: Record<string, unknown> = {},
    actor: Actor = actors.requester,
  ): Promise<IntentView> {
    return this.call(intentsCreateRpc, {
      actor,
      payload: {
        environmentId,
        refreshType: 'MASKED_COPY',
        ...this.nextWindow(),
        reason: 'Masked production copy for the regression cycle',
        ...overrides,
      },
    });
  }

  private filed = 0;

  /**
   * A window no other intent of this bed has by default: the real conflicts service is asked at
   * approve and start, and intents overlapping on one environment would block each other.
   */
  private nextWindow(): { plannedStart: string; plannedEnd: string } {
    const start = Date.parse('2031-01-05T21:00:00Z') + this.filed++ * 86_400_000;
    return {
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + 4 * 3_600_000).toISOString(),
    };
  }

  /**
   * Waits until the stored intent reaches a status, by reading the database: polling over RPC would
   * spend the RPC queue's unacknowledged-delivery budget (see the report on rpcServerOptions).
   */
  async waitForStatus(intentId: string, status: string): Promise<void> {
    await eventually(async () => {
      const { rows } = await this.db.query('SELECT status FROM intents.refresh_intents WHERE id = $1', [
        intentId,
      ]);
      expect(rows[0]?.status).toBe(status);
    });
  }

  /** Events seen by the probe for one intent or environment, in arrival order. */
  eventsAbout(id: string): ObservedEvent[] {
    return this.publishedEventsAbout(id);
  }
}
