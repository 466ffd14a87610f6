import {
  DeliveryView,
  EnvironmentView,
  IntentView,
  Page,
  SubscriptionWithSecret,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { ApiSuite, ApiSuiteOptions } from '../../api/support/api-suite';
import { Lifecycle, expectStatus } from '../../api/support/lifecycle';
import { Persona } from '../../api/support/personas';

/**
 * What the notifications service needs to send to a local receiver: http to 127.0.0.1 allowed,
 * a short retry schedule and timeout, quick polling, and no breaker opening on a few failures.
 */
export function notificationsEnv(extra: Record<string, string> = {}): ApiSuiteOptions {
  return {
    serviceEnv: {
      notifications: {
        OUTBOUND_ALLOW_HTTP: 'true',
        OUTBOUND_ALLOWED_HOSTS: '127.0.0.1',
        OUTBOUND_TIMEOUT_MS: '4000',
        DELIVERY_RETRY_SCHEDULE: 'PT1S,PT1S,PT1S',
        DELIVERY_POLL_INTERVAL_MS: '100',
        DELIVERY_BREAKER_MIN_ATTEMPTS: '1000',
        ...extra,
      },
    },
  };
}

/** Subscriptions, deliveries and events of a scene, through the public API. */
export class NotificationScene {
  readonly lifecycle: Lifecycle;

  constructor(private readonly suite: ApiSuite) {
    this.lifecycle = new Lifecycle(suite);
  }

  get admin(): Persona {
    return this.lifecycle.cast.admin;
  }

  async subscribe(body: Record<string, unknown>, as: Persona = this.admin): Promise<SubscriptionWithSecret> {
    const response = await this.suite.api.post<SubscriptionWithSecret>('/subscriptions', { as, body });
    expectStatus(response, 201, 'POST /subscriptions');
    return response.body;
  }

  /** A webhook subscription that hears the intents filed on one environment. */
  webhookFor(environment: EnvironmentView, target: string, filter: Record<string, unknown> = {}) {
    return this.subscribe({
      channel: 'WEBHOOK',
      target,
      filter: { environmentIds: [environment.id], eventTypes: ['intent.requested'], ...filter },
    });
  }

  /** Files an intent and submits it: `intent.requested` is in the default set. */
  async fileIntent(
    environment: EnvironmentView,
    overrides: Record<string, unknown> = {},
  ): Promise<IntentView> {
    return this.lifecycle.advance(await this.lifecycle.fileIntent(environment, overrides), 'submit');
  }

  async deliveries(query: Record<string, string>, as: Persona = this.admin): Promise<DeliveryView[]> {
    const response = await this.suite.api.get<Page<DeliveryView>>('/deliveries', {
      as,
      query: { limit: 100, ...query },
    });
    expectStatus(response, 200, 'GET /deliveries');
    return response.body.items;
  }

  /** Waits until the subscription's only delivery satisfies `done`, and answers it. */
  async deliveryOf(
    subscriptionId: string,
    done: (delivery: DeliveryView) => boolean,
    timeoutMs = 30_000,
  ): Promise<DeliveryView> {
    return eventually(
      async () => {
        const [delivery, ...more] = await this.deliveries({ subscriptionId });
        if (!delivery || more.length > 0)
          throw new Error(`expected one delivery, saw ${more.length + (delivery ? 1 : 0)}`);
        if (!done(delivery))
          throw new Error(`delivery is ${delivery.status} after ${delivery.attempts.length} attempts`);
        return delivery;
      },
      { timeoutMs, intervalMs: 200 },
    );
  }
}
