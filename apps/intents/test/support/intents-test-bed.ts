import {
  Actor,
  EnvironmentView,
  IntentView,
  RemoteProblem,
  environmentsCreateRpc,
  intentsCreateRpc,
} from '@envrefresh/contracts';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';
import { ObservedEvent, ServiceTestBed, eventually } from '@envrefresh/testing';
import { IntentsAppModule } from '../../src/intents-app.module';
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
 * The intents service in-process (see ServiceTestBed), with helpers that create environments and
 * intents over RPC and wait for an intent's status.
 */
export class IntentsTestBed extends ServiceTestBed<
  ServiceRuntimeConfig,
  RemoteProblem & { blockingConflictIds?: string[] }
> {
  private constructor(extraEnv: Record<string, string>) {
    super({
      extraEnv,
      app: 'intents',
      schema: 'intents',
      migrations: INTENTS_MIGRATIONS,
      readConfig: (env) => readServiceRuntimeConfig('intents', env),
      module: (config) => IntentsAppModule.register(config),
      probeRoutingKeys: ['intent.*', 'environment.upserted'],
    });
  }

  /** `extraEnv` is set over the test defaults, as a process's environment would be. */
  static start(extraEnv: Record<string, string> = {}): Promise<IntentsTestBed> {
    return new IntentsTestBed(extraEnv).boot();
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
        plannedStart: '2030-03-01T22:00:00+01:00',
        plannedEnd: '2030-03-02T02:00:00+01:00',
        reason: 'Masked production copy for the regression cycle',
        ...overrides,
      },
    });
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
