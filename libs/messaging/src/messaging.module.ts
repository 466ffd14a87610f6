import { DynamicModule, Module, Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { EventValidator } from '@envrefresh/contracts';
import { Clock } from '@envrefresh/kernel';
import { AmqpConnection } from './connection/amqp-connection';
import { EnvelopeValidatorFn } from './consumer/event-handler';
import { EventHandlerExplorer } from './consumer/event-handler.explorer';
import { EventFactory } from './event-factory';
import { BrokerReadinessCheck } from './health/broker-readiness.check';
import { InboxRepository } from './inbox/inbox.repository';
import { MessagingLifecycle } from './messaging.lifecycle';
import { MessagingOptions } from './messaging.options';
import { ENVELOPE_VALIDATOR, MESSAGING_OPTIONS } from './messaging.tokens';
import { OutboxRelay } from './outbox/outbox-relay';
import { OutboxRepository } from './outbox/outbox.repository';
import { OwnerQueries } from './projection/owner-queries';
import { RpcServerReadiness } from './rpc/rpc-server.readiness';
import { UnitOfWork } from './unit-of-work';

/**
 * Events for one service: its connection, its outbox relay and its consumer. Providers with
 * `@OnEvent(type)` methods are found at bootstrap; the service's queue is bound to those types.
 * A service with a `schema` gets the outbox, inbox and UnitOfWork (it must import DatabaseModule).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const persistent: Provider[] = options.schema
      ? [
          { provide: OutboxRepository, useValue: new OutboxRepository(options.schema) },
          { provide: InboxRepository, useValue: new InboxRepository(options.schema) },
          {
            provide: OutboxRelay,
            inject: [DataSource, OutboxRepository, AmqpConnection],
            useFactory: (dataSource: DataSource, outbox: OutboxRepository, connection: AmqpConnection) =>
              new OutboxRelay(dataSource, outbox, connection, {
                service: options.service,
                exchange: options.exchange,
                userId: options.identity.user,
                ...options.relay,
              }),
          },
          {
            provide: UnitOfWork,
            inject: [DataSource, OutboxRepository, OutboxRelay],
            useFactory: (dataSource: DataSource, outbox: OutboxRepository, relay: OutboxRelay) =>
              new UnitOfWork(
                dataSource,
                outbox,
                () => relay.nudge(),
                (type) => options.identity.ownerOf(type) === options.service,
              ),
          },
        ]
      : [];
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        {
          provide: AmqpConnection,
          useFactory: () =>
            new AmqpConnection({ url: options.amqpUrl, connectionName: `envrefresh-${options.service}` }),
        },
        {
          provide: ENVELOPE_VALIDATOR,
          useFactory: (): EnvelopeValidatorFn => {
            const validator = new EventValidator();
            return (body) => validator.validate(body) as ReturnType<EnvelopeValidatorFn>;
          },
        },
        {
          provide: EventFactory,
          inject: [{ token: Clock, optional: true }],
          useFactory: (clock?: Clock) => new EventFactory(options.service, clock),
        },
        {
          provide: BrokerReadinessCheck,
          inject: [AmqpConnection],
          useFactory: (connection: AmqpConnection) => new BrokerReadinessCheck(connection),
        },
        // One per app: its RPC server reports to it, its readiness asks it.
        { provide: RpcServerReadiness, useValue: new RpcServerReadiness() },
        EventHandlerExplorer,
        MessagingLifecycle,
        OwnerQueries,
        ...persistent,
      ],
      exports: [
        MESSAGING_OPTIONS,
        AmqpConnection,
        EventFactory,
        BrokerReadinessCheck,
        RpcServerReadiness,
        MessagingLifecycle,
        OwnerQueries,
        ...(options.schema ? [UnitOfWork, OutboxRelay, OutboxRepository, InboxRepository] : []),
      ],
    };
  }
}
