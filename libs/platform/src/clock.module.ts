import { DynamicModule, Logger, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@envrefresh/kernel';

export interface ClockModuleOptions {
  /** `TEST_CLOCK_OFFSET_MS`: how far this process's business time runs ahead (or behind, if negative). */
  testOffsetMs: number;
  production: boolean;
}

/**
 * Provides `Clock` to the whole app. A test may start a process with its clock a day ahead, so
 * that several processes can be made to live through downtime; production never moves time, and
 * says so if someone tried.
 */
@Module({})
export class ClockModule {
  static forRoot(options: ClockModuleOptions): DynamicModule {
    return {
      module: ClockModule,
      global: true,
      providers: [{ provide: Clock, useFactory: () => clockFor(options) }],
      exports: [Clock],
    };
  }
}

export function clockFor(
  { testOffsetMs, production }: ClockModuleOptions,
  logger = new Logger('Clock'),
): Clock {
  if (testOffsetMs === 0) return new SystemClock();
  if (production) {
    logger.warn(`TEST_CLOCK_OFFSET_MS=${testOffsetMs} ignored: production runs on the machine's time`);
    return new SystemClock();
  }
  logger.warn(`business time runs ${testOffsetMs} ms off the machine's (TEST_CLOCK_OFFSET_MS): tests only`);
  return new SystemClock(testOffsetMs);
}
