import { Logger } from '@nestjs/common';
import { SystemClock } from '@envrefresh/kernel';
import { clockFor } from './clock.module';

const DAY = 86_400_000;

function recordingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = new Logger('Clock');
  logger.warn = (message: string) => void warnings.push(message);
  return { logger, warnings };
}

describe('the clock a service gets', () => {
  it('is the machine time when no offset is given, silently', () => {
    const { logger, warnings } = recordingLogger();
    expect((clockFor({ testOffsetMs: 0, production: false }, logger) as SystemClock).offsetMs).toBe(0);
    expect(warnings).toEqual([]);
  });

  it('runs ahead by TEST_CLOCK_OFFSET_MS outside production, and says so', () => {
    const { logger, warnings } = recordingLogger();
    const clock = clockFor({ testOffsetMs: DAY, production: false }, logger);
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(DAY - 1000);
    expect(warnings).toEqual([expect.stringContaining('tests only')]);
  });

  it('ignores the offset in production, with a warning naming it', () => {
    const { logger, warnings } = recordingLogger();
    const clock = clockFor({ testOffsetMs: DAY, production: true }, logger);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
    expect(warnings).toEqual([expect.stringMatching(/TEST_CLOCK_OFFSET_MS=86400000 ignored: production/)]);
  });
});
