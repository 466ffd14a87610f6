import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { EnvReader } from '@envrefresh/config';
import { OutboundClient, OutboundClientOptions } from '@envrefresh/outbound';
import { CHANNEL_SENDER } from './application/channel-sender.port';
import { ChannelRouter } from './application/channel-router';
import { ChannelsConfig, readChannelsConfig } from './channels.config';
import { channelMetrics } from './infrastructure/channel-metrics';
import { EmailSender } from './infrastructure/email.sender';
import { HttpPoster } from './infrastructure/http-poster';
import { OriginBreakers } from './infrastructure/origin-breakers';
import { SlackSender } from './infrastructure/slack.sender';
import { TeamsSender } from './infrastructure/teams.sender';
import { WebhookSender } from './infrastructure/webhook.sender';

export interface ChannelsOptions {
  /** Options of the outbound client: a test's resolver or CA. */
  outbound?: OutboundClientOptions;
  /** CA of an SMTP server with a private certificate. */
  smtpCa?: string | Buffer;
}

/** Everything the senders hold that must be released on shutdown. */
export class ChannelResources {
  constructor(
    readonly router: ChannelRouter,
    private readonly client: OutboundClient,
    private readonly breakers: OriginBreakers,
    private readonly email: EmailSender,
  ) {}

  async close(): Promise<void> {
    this.breakers.shutdown();
    this.email.close();
    await this.client.close();
  }
}

/** Builds the four senders behind one ChannelRouter; what ChannelsModule provides, usable without Nest. */
export function createChannelResources(
  config: ChannelsConfig,
  options: ChannelsOptions = {},
): ChannelResources {
  const client = new OutboundClient(config.outbound, options.outbound);
  const breakers = new OriginBreakers(config.breaker);
  const poster = new HttpPoster(client, breakers);
  const email = new EmailSender({
    smtpUrl: config.smtpUrl,
    from: config.smtpFrom,
    publicUrl: config.publicUrl,
    timeoutMs: config.outbound.timeoutMs,
    ca: options.smtpCa,
  });
  const router = new ChannelRouter(
    {
      WEBHOOK: new WebhookSender(poster),
      SLACK: new SlackSender(poster, config.publicUrl),
      TEAMS: new TeamsSender(poster, config.publicUrl),
      EMAIL: email,
    },
    (message, outcome) =>
      channelMetrics.attemptSeconds
        .labels({ channel: message.channel, outcome: outcome.kind })
        .observe(outcome.durationMs / 1000),
  );
  return new ChannelResources(router, client, breakers, email);
}

const CHANNEL_RESOURCES = Symbol('CHANNEL_RESOURCES');

@Injectable()
class ChannelResourcesCloser implements OnApplicationShutdown {
  constructor(@Inject(CHANNEL_RESOURCES) private readonly resources: ChannelResources) {}

  async onApplicationShutdown(): Promise<void> {
    await this.resources.close();
  }
}

/**
 * Provides CHANNEL_SENDER: `ChannelsModule.register(readChannelsConfig(env))` from the app's
 * config, or `ChannelsModule.fromEnv()` to read SMTP_URL, SMTP_FROM, PUBLIC_URL and the OUTBOUND_*
 * policy from process.env (a bad value fails the start with a ConfigError naming each problem).
 */
@Module({})
export class ChannelsModule {
  static register(config: ChannelsConfig, options: ChannelsOptions = {}): DynamicModule {
    return {
      module: ChannelsModule,
      providers: [
        { provide: CHANNEL_RESOURCES, useFactory: () => createChannelResources(config, options) },
        {
          provide: CHANNEL_SENDER,
          inject: [CHANNEL_RESOURCES],
          useFactory: (resources: ChannelResources) => resources.router,
        },
        ChannelResourcesCloser,
      ],
      exports: [CHANNEL_SENDER],
    };
  }

  static fromEnv(
    env: Record<string, string | undefined> = process.env,
    options: ChannelsOptions = {},
  ): DynamicModule {
    const reader = new EnvReader(env);
    const config = readChannelsConfig(reader);
    reader.done();
    return ChannelsModule.register(config, options);
  }
}
