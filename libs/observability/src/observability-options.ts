import type { ServiceConfig } from '@envrefresh/config';
import type { DestinationStream } from 'pino';
import type { ReadinessOptions } from './health/readiness-check';

export interface ObservabilityOptions {
  config: ServiceConfig;
  /** What /health/ready checks; without it the app is ready as soon as it listens. */
  readiness?: ReadinessOptions;
  /** Where log lines go instead of stdout; tests pass a stream to read them back. */
  logDestination?: DestinationStream;
}
