import { Logger } from '@nestjs/common';
import amqp, { AmqpConnectionManager, ChannelWrapper, CreateChannelOpts } from 'amqp-connection-manager';
import { coalesceFrameWrites } from './coalesced-frame-writes';

export interface AmqpConnectionOptions {
  url: string;
  /** Shown in the broker's connection list. */
  connectionName: string;
  heartbeatSeconds?: number;
  reconnectSeconds?: number;
}

/**
 * How soon every broker connection of a process tries again after losing the broker: the events
 * connection, the RPC server and the RPC clients alike. With amqp-connection-manager's default
 * (5 s) for Nest's RPC connections, a process answered ready (its events connection back) while
 * its RPC server was still waiting to reconnect, and calls in that gap timed out (504): the fault
 * harness saw them 2–3 s after a broker cut.
 */
export const BROKER_RECONNECT_SECONDS = 1;

/** Heartbeats every connection of a process uses, so a dead peer is noticed within seconds. */
export const BROKER_HEARTBEAT_SECONDS = 5;

/**
 * One connection per process that reconnects by itself; channels created from it re-run their
 * setup (topology, consumers) after every reconnect.
 */
export class AmqpConnection {
  private readonly logger = new Logger(AmqpConnection.name);
  private readonly manager: AmqpConnectionManager;
  private readonly channels: ChannelWrapper[] = [];

  constructor(private readonly options: AmqpConnectionOptions) {
    this.manager = amqp.connect([options.url], {
      heartbeatIntervalInSeconds: options.heartbeatSeconds ?? BROKER_HEARTBEAT_SECONDS,
      reconnectTimeInSeconds: options.reconnectSeconds ?? BROKER_RECONNECT_SECONDS,
      connectionOptions: { clientProperties: { connection_name: options.connectionName } },
    });
    this.manager.on('connect', ({ connection }) => {
      this.logger.log(`connected to the broker as ${options.connectionName}`);
      if (!coalesceFrameWrites(connection))
        this.logger.warn('amqplib internals not as expected: every frame is written on its own');
    });
    this.manager.on('disconnect', ({ err }) =>
      this.logger.warn(`broker connection lost (${err?.message ?? 'closed'}); reconnecting`),
    );
    this.manager.on('connectFailed', ({ err }) => this.logger.warn(`broker unreachable: ${err?.message}`));
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  /** Resolves once connected, or rejects after the timeout (the manager keeps trying). */
  async waitForConnect(timeoutMs: number): Promise<void> {
    // The manager's connect() waits for the next 'connect' event, which never comes when already up.
    if (this.manager.isConnected()) return;
    await this.manager.connect({ timeout: timeoutMs });
  }

  createChannel(options: CreateChannelOpts): ChannelWrapper {
    const channel = this.manager.createChannel(options);
    channel.on('error', (error: Error, info: { name: string }) =>
      this.logger.error(`channel ${info?.name ?? options.name} setup failed: ${error.message}`),
    );
    this.channels.push(channel);
    return channel;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.channels.map((channel) => channel.close()));
    await this.manager.close();
  }
}
