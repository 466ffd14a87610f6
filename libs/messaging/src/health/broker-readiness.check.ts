import type { ReadinessCheck } from '@envrefresh/observability';
import { AmqpConnection } from '../connection/amqp-connection';

export class BrokerReadinessCheck implements ReadinessCheck {
  readonly name = 'broker';

  constructor(private readonly connection: AmqpConnection) {}

  async check(): Promise<void> {
    if (!this.connection.isConnected()) throw new Error('not connected to RabbitMQ');
  }
}
