import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource, EntitySchema } from 'typeorm';
import {
  IdempotencyKeyJanitor,
  USER_PROOF_AUDIENCE,
  USER_PROOF_DEVELOPMENT_KEY,
  USER_PROOF_VERIFIER,
  UserProofGuard,
} from '@envrefresh/application';
import { UserProofVerifier } from '@envrefresh/auth';
import { RpcService } from '@envrefresh/contracts';
import {
  AmqpConnection,
  BrokerReadinessCheck,
  EventStreamDeclarer,
  MessagingLifecycle,
  MessagingModule,
  RpcServerReadiness,
  eventStreamTopology,
} from '@envrefresh/messaging';
import { ObservabilityModule, PostgresReadinessCheck } from '@envrefresh/observability';
import { DatabaseModule } from '@envrefresh/persistence';
import { ClockModule } from './clock.module';
import { createPingController } from './ping.controller';
import { ServiceRuntimeConfig } from './service-runtime.config';

export interface ServiceModuleOptions {
  config: ServiceRuntimeConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: (Function | EntitySchema)[];
}

/**
 * What every backend service stands on: logs, metrics and probes; its own schema; its events;
 * the clock; and the readiness ping. The service adds its bounded contexts beside it.
 */
@Module({})
export class ServiceModule {
  static forRoot({ config, entities = [] }: ServiceModuleOptions): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        ObservabilityModule.forRoot({
          config,
          readiness: {
            inject: [DataSource, BrokerReadinessCheck, MessagingLifecycle, RpcServerReadiness],
            useFactory: (
              dataSource: DataSource,
              broker: BrokerReadinessCheck,
              messaging: MessagingLifecycle,
              rpc: RpcServerReadiness,
            ) => [
              new PostgresReadinessCheck(dataSource),
              broker,
              // Not ready until its queue is declared, bound and consumed: events before that would miss it.
              { name: 'consumer', check: () => messaging.consumerReady() },
              // Nor while its RPC server is not consuming: requests would only wait in its queue.
              rpc,
            ],
          },
        }),
        DatabaseModule.forRoot({
          url: config.databaseUrl as string,
          schema: config.schema,
          entities,
          applicationName: `envrefresh-${config.app}`,
          poolSize: config.databasePoolSize,
          timeouts: config.databaseTimeouts,
        }),
        MessagingModule.forRoot(config.messaging),
        ClockModule.forRoot({ testOffsetMs: config.testClockOffsetMs, production: config.production }),
      ],
      controllers: [createPingController(config.app as RpcService)],
      providers: [
        {
          provide: EventStreamDeclarer,
          inject: [AmqpConnection],
          useFactory: (connection: AmqpConnection) =>
            new EventStreamDeclarer(connection, {
              service: config.app,
              exchange: config.eventsExchange,
              stream: eventStreamTopology(config.amqpNamespace, config.eventRetentionMs),
            }),
        },
        {
          provide: IdempotencyKeyJanitor,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            new IdempotencyKeyJanitor(dataSource, config.schema, config.idempotencyKeyRetentionMs),
        },
        { provide: USER_PROOF_VERIFIER, useValue: new UserProofVerifier(config.userProof) },
        { provide: USER_PROOF_AUDIENCE, useValue: config.app },
        { provide: USER_PROOF_DEVELOPMENT_KEY, useValue: config.userProof.usingDevelopmentKey },
        // Global: a handler added later is guarded without anyone remembering to.
        { provide: APP_GUARD, useClass: UserProofGuard },
      ],
    };
  }
}
