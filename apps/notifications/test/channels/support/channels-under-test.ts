import { Test } from '@nestjs/testing';
import { INestApplicationContext } from '@nestjs/common';
import { EnvReader } from '@envrefresh/config';
import { Lookup } from '@envrefresh/outbound';
import { CHANNEL_SENDER, ChannelSender } from '../../../src/channels/application/channel-sender.port';
import { ChannelsConfig, readChannelsConfig } from '../../../src/channels/channels.config';
import { ChannelsModule, ChannelsOptions } from '../../../src/channels/channels.module';

/** Names the tests resolve themselves; every one answers 127.0.0.1, only `hooks.test` is allowed. */
export const TEST_HOSTS = { allowed: 'hooks.test', other: 'elsewhere.test' } as const;

export const loopbackLookup: Lookup = async (hostname) => {
  if (!Object.values(TEST_HOSTS).includes(hostname as never))
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return [{ address: '127.0.0.1', family: 4 }];
};

/** The channels' configuration read from an environment, as the app reads it. */
export function channelsConfigOf(env: Record<string, string>): ChannelsConfig {
  const reader = new EnvReader({ OUTBOUND_ALLOWED_HOSTS: TEST_HOSTS.allowed, ...env });
  const config = readChannelsConfig(reader);
  reader.done();
  return config;
}

/** ChannelsModule in a Nest context, and the CHANNEL_SENDER it provides. */
export async function startChannels(
  env: Record<string, string>,
  options: ChannelsOptions,
): Promise<{ sender: ChannelSender; context: INestApplicationContext }> {
  const moduleRef = await Test.createTestingModule({
    imports: [ChannelsModule.register(channelsConfigOf(env), options)],
  }).compile();
  const context = await moduleRef.init();
  return { sender: context.get<ChannelSender>(CHANNEL_SENDER), context };
}
