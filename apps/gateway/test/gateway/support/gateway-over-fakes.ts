import { RpcService } from '@envrefresh/contracts';
import { createTestNamespace, deleteAmqpNamespace, namespaceNames, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../../support/app-processes';
import { TokenClaims, signTestToken } from '../../support/test-token';
import { FakeAnswer, FakeRpcService, ReceivedCall } from './fake-rpc-service';
import { startGateway } from './gateway-under-test';

export interface RequestOptions {
  body?: unknown;
  /** Sent as is, for bodies JSON.stringify cannot produce. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Caller = Pick<TokenClaims, 'sub' | 'roles' | 'groups'>;

/**
 * A real gateway process in front of fake backend services: a spec sees exactly what each route
 * sends over the broker and chooses what comes back, without any backend running.
 */
export class GatewayOverFakes {
  private constructor(
    readonly gateway: RunningApp,
    readonly fakes: Record<'intents' | 'conflicts', FakeRpcService>,
    /** Stands in for the notifications service, for specs that walk every route. */
    readonly notifications: FakeRpcService,
    /** Stands in for scheduling's calendar, which the gateway has catch up after each write (ADR 0014). */
    private readonly calendar: FakeRpcService,
    private readonly amqpUrl: string,
    private readonly namespace: string,
  ) {}

  static async start(extraEnv: Record<string, string> = {}): Promise<GatewayOverFakes> {
    const amqpUrl = testAmqpUrl();
    const namespace = createTestNamespace();
    const start = (service: RpcService) => FakeRpcService.start(amqpUrl, namespace, service);
    const [intents, conflicts, calendar, notifications] = await Promise.all([
      start('intents'),
      start('conflicts'),
      start('scheduling'),
      start('notifications'),
    ]);
    calendar.answerWith(() => ({ response: { caughtUp: true } }));
    const gateway = await startGateway(amqpUrl, namespace, extraEnv);
    return new GatewayOverFakes(gateway, { intents, conflicts }, notifications, calendar, amqpUrl, namespace);
  }

  async stop(): Promise<void> {
    await this.gateway.process.stop();
    await Promise.all(this.everyFake().map((fake) => fake.stop()));
    await deleteAmqpNamespace(this.amqpUrl, namespaceNames(this.namespace));
  }

  /** Both fakes answer through one function, by pattern. */
  answerWith(answer: (call: ReceivedCall) => FakeAnswer | Promise<FakeAnswer>): void {
    for (const fake of Object.values(this.fakes)) fake.answerWith(answer);
  }

  /** Every call the backends received, pings left out: how a spec proves nothing reached them. */
  sent(): ReceivedCall[] {
    return Object.values(this.fakes).flatMap((fake) =>
      fake.calls.filter((call) => !call.pattern.endsWith('.ping')),
    );
  }

  /** Every service answers through one function, the calendar's catch-up included. */
  answerEveryServiceWith(answer: (call: ReceivedCall) => FakeAnswer | Promise<FakeAnswer>): void {
    for (const fake of this.everyFake()) fake.answerWith(answer);
  }

  /** How many calls (pings left out) all four services received so far. */
  callsToAnyService(): number {
    return this.everyFake().reduce(
      (sum, fake) => sum + fake.calls.filter((call) => !call.pattern.endsWith('.ping')).length,
      0,
    );
  }

  private everyFake(): FakeRpcService[] {
    return [...Object.values(this.fakes), this.notifications, this.calendar];
  }

  lastCallTo(service: keyof GatewayOverFakes['fakes']): ReceivedCall {
    const calls = this.fakes[service].calls.filter((call) => !call.pattern.endsWith('.ping'));
    if (calls.length === 0) throw new Error(`the ${service} service was not called`);
    return calls[calls.length - 1];
  }

  request(method: string, path: string, caller: Caller, options: RequestOptions = {}): Promise<Response> {
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    return fetch(`${this.gateway.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${signTestToken(caller)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      body,
    });
  }
}

/** A caller holding exactly one role (or none), in no group. */
export const as = (...roles: string[]): Caller => ({
  sub: `${roles.join('-') || 'nobody'}-1`,
  roles,
  groups: [],
});
