import { AppName, EnvReader, ServiceConfig, readServiceConfig } from '@envrefresh/config';
import { MessagingOptions, readMessagingOptions } from '@envrefresh/messaging';

/** Everything a backend service reads from its environment; its schema is named after it. */
export interface ServiceRuntimeConfig extends ServiceConfig {
  schema: string;
  messaging: MessagingOptions;
}

export function readServiceRuntimeConfig(
  app: Exclude<AppName, 'gateway'>,
  env: EnvReader,
): ServiceRuntimeConfig {
  const service = readServiceConfig(app, env);
  return { ...service, schema: app, messaging: readMessagingOptions(service, env, app) };
}
