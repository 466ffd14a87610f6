import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import { AmqpConnection } from '../connection/amqp-connection';
import { declareEventStream } from './declare-topology';
import { EventStreamTopology } from './topology';

/**
 * Declares the event stream on a channel of its own, again after every reconnect, so every
 * service that publishes makes sure it exists (the committed broker definitions create it too).
 * A refusal (another retention already in place, missing permission) is logged, never fatal:
 * the stream is for downstream replay, the service's own work does not depend on it.
 */
export class EventStreamDeclarer implements OnApplicationBootstrap {
  private readonly logger = new Logger(EventStreamDeclarer.name);

  constructor(
    private readonly connection: AmqpConnection,
    private readonly options: { service: string; exchange: string; stream: EventStreamTopology },
  ) {}

  onApplicationBootstrap(): void {
    const { service, exchange, stream } = this.options;
    this.connection.createChannel({
      name: `${service}:event-stream`,
      setup: async (channel: ConfirmChannel) => {
        try {
          await declareEventStream(channel, exchange, stream);
        } catch (error) {
          this.logger.warn(
            `could not declare the event stream ${stream.name} (x-max-age ${stream.maxAge}): ${(error as Error).message}`,
          );
        }
      },
    });
  }
}
