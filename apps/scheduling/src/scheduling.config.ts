import { EnvReader } from '@envrefresh/config';
import { ServiceRuntimeConfig, readServiceRuntimeConfig } from '@envrefresh/platform';

export interface SchedulingConfig extends ServiceRuntimeConfig {
  /** SCHEDULE_JOB_POLL_MS: how often an idle replica looks for due jobs (its firing lag at worst). */
  jobPollIntervalMs: number;
  /** SCHEDULE_JOB_BATCH: jobs fired per transaction. */
  jobBatchSize: number;
}

export function readSchedulingConfig(env: EnvReader): SchedulingConfig {
  return {
    ...readServiceRuntimeConfig('scheduling', env),
    jobPollIntervalMs: env.int('SCHEDULE_JOB_POLL_MS', 250, { min: 10, max: 60_000 }),
    jobBatchSize: env.int('SCHEDULE_JOB_BATCH', 200, { min: 1, max: 5_000 }),
  };
}

export const SCHEDULING_CONFIG = Symbol('SchedulingConfig');
